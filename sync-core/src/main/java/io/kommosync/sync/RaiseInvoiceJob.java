package io.kommosync.sync;

import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.sync.kommo.DealContact;
import io.kommosync.sync.kommo.DealFieldValue;
import io.kommosync.sync.kommo.DealSnapshot;
import io.kommosync.sync.kommo.DealUpdate;
import io.kommosync.sync.store.DealInvoiceLink;
import io.kommosync.sync.store.ParkReason;
import io.kommosync.sync.store.SyncJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The invoice of one deal, in steps that are each idempotent and checkpointed, so that a crash anywhere resumes
 * without a second invoice: load the deal, plan the invoice through the mapping table, find or create the
 * customer, create the invoice under the idempotency key (looking it up by reference first if an earlier attempt
 * may have reached the ledger), link it to the deal, and write number, link and payment status back in one PATCH.
 */
final class RaiseInvoiceJob {

    static final String CP_RESPONSIBLE = "responsible";
    static final String CP_CUSTOMER = "customer";
    static final String CP_ATTEMPTED = "invoice-attempted";
    static final String CP_INVOICE = "invoice";
    static final String CP_WRITTEN = "written-back";
    static final String CP_ALREADY = "already-invoiced-note";
    static final String CP_MAPPING_TASK = "mapping-task";

    private final SyncEngine engine;

    RaiseInvoiceJob(SyncEngine engine) {
        this.engine = engine;
    }

    static IdempotencyKey invoiceKey(String connectionId, long dealId, String triggerId) {
        return IdempotencyKey.derive(connectionId, "deal", Long.toString(dealId), triggerId);
    }

    JobOutcome run(Connection c, SyncJob job) {
        long dealId = Long.parseLong(job.subjectId());
        String triggerId = job.payload("trigger").orElse("");
        Map<String, String> cp = engine.store().checkpoints(job.id());
        AccountingPort ledger = c.ledger();

        Optional<DealInvoiceLink> existingLink = engine.store().linkForDeal(c.id(), dealId);
        if (existingLink.isPresent() && !cp.containsKey(CP_INVOICE)) {
            if (!cp.containsKey(CP_ALREADY)) {
                engine.call(() -> {
                    c.kommo().addNote(dealId, "kommo-sync: invoice " + existingLink.get().invoiceNumber()
                            + " was already raised for this deal, so no other invoice was raised.");
                    return null;
                });
                engine.checkpoint(job, CP_ALREADY, "yes");
            }
            return new JobOutcome.Done("deal already invoiced as " + existingLink.get().invoiceNumber());
        }

        Invoice invoice;
        if (cp.containsKey(CP_INVOICE)) {
            invoice = engine.call(() -> ledger.invoice(cp.get(CP_INVOICE)));
        } else {
            Optional<DealSnapshot> loaded = engine.call(() -> c.kommo().deal(dealId));
            if (loaded.isEmpty()) {
                return new JobOutcome.Done("deal " + dealId + " no longer exists; nothing raised");
            }
            DealSnapshot deal = loaded.get();
            engine.checkpoint(job, CP_RESPONSIBLE, Long.toString(deal.responsibleUserId()));
            ChartOfAccounts chart = engine.call(ledger::chartOfAccounts);
            InvoicePlan plan = InvoicePlanner.plan(c, deal, chart, engine.today(c));
            if (!plan.isReady()) {
                return unready(c, job, deal, plan, cp);
            }
            String customerId = customer(c, job, plan.customer().orElseThrow(), cp);
            IdempotencyKey key = invoiceKey(c.id(), dealId, triggerId);
            Optional<Invoice> earlier = cp.containsKey(CP_ATTEMPTED)
                    ? engine.call(() -> ledger.findInvoiceByReference(plan.reference())) : Optional.empty();
            if (earlier.isPresent()) {
                invoice = earlier.get();
                engine.audit(c, job, "invoice-recovered", "found invoice " + invoice.number()
                        + " raised by an earlier attempt");
            } else {
                engine.checkpoint(job, CP_ATTEMPTED, key.value());
                invoice = engine.call(() -> ledger.createInvoice(plan.toDraft(customerId), key));
                engine.audit(c, job, "invoice-created", "invoice " + invoice.number() + " for " + invoice.total()
                        + " with " + invoice.lines().size() + " line(s)");
            }
            engine.checkpoint(job, CP_INVOICE, invoice.id());
        }

        Invoice raised = invoice;
        engine.store().saveLink(new DealInvoiceLink(c.id(), dealId, raised.id(), raised.number(), raised.link(),
                DealInvoiceLink.Origin.DEAL, raised.status(), engine.now()));
        if (!engine.store().checkpoints(job.id()).containsKey(CP_WRITTEN)) {
            List<DealFieldValue> fields = new ArrayList<>();
            fields.add(new DealFieldValue.Text(c.fields().invoiceNumberFieldId(), raised.number()));
            raised.link().ifPresent(l -> fields.add(new DealFieldValue.Text(c.fields().invoiceLinkFieldId(), l.toString())));
            c.fields().paymentStatusOption(raised.status()).ifPresent(enumId ->
                    fields.add(new DealFieldValue.Choice(c.fields().paymentStatusFieldId().getAsLong(), enumId)));
            engine.call(() -> {
                c.kommo().update(DealUpdate.fields(dealId, fields));
                return null;
            });
            engine.checkpoint(job, CP_WRITTEN, raised.number());
            engine.audit(c, job, "deal-updated", "wrote invoice number " + raised.number()
                    + raised.link().map(l -> " and link " + l).orElse("") + " to the deal");
        }
        engine.listener().invoiceRaised(c.id(), dealId, raised);
        return new JobOutcome.Done("invoice " + raised.number() + " raised");
    }

    private JobOutcome unready(Connection c, SyncJob job, DealSnapshot deal, InvoicePlan plan, Map<String, String> cp) {
        String problems = plan.problems().stream().map(p -> "- " + p.message()).collect(Collectors.joining("\n"));
        boolean mappingOnly = plan.problems().stream().allMatch(p -> p.kind().fixedByMapping());
        if (!mappingOnly) {
            throw new JobFailedException("The invoice for deal '" + deal.name() + "' was not raised:\n" + problems);
        }
        String fingerprint = c.mapping().fingerprint();
        if (!fingerprint.equals(cp.get(CP_MAPPING_TASK))) {
            String text = "kommo-sync could not raise the invoice for deal '" + deal.name() + "' because the "
                    + "product mapping is incomplete:\n" + problems
                    + "\nThe invoice is raised by itself as soon as the mapping table is updated.";
            engine.call(() -> {
                c.kommo().createTask(deal.dealId(), deal.responsibleUserId(), text, engine.taskDeadline());
                return null;
            });
            engine.checkpoint(job, CP_MAPPING_TASK, fingerprint);
        }
        return new JobOutcome.Parked(ParkReason.UNMAPPED_PRODUCT, problems);
    }

    private String customer(Connection c, SyncJob job, DealContact contact, Map<String, String> cp) {
        if (cp.containsKey(CP_CUSTOMER)) {
            return cp.get(CP_CUSTOMER);
        }
        String email = contact.email().orElseThrow().trim().toLowerCase(Locale.ROOT);
        Optional<String> cached = engine.store().cachedCustomerId(c.id(), email);
        String customerId;
        if (cached.isPresent()) {
            customerId = cached.get();
        } else {
            Optional<Customer> found = engine.call(() -> c.ledger().findCustomerByEmail(email));
            if (found.isPresent()) {
                customerId = found.get().id();
            } else {
                CustomerDraft draft = new CustomerDraft(contact.companyName().orElse(contact.name()), email,
                        Optional.empty(), contact.phone(), Optional.of(Long.toString(contact.contactId())));
                Customer created = engine.call(() -> c.ledger().createCustomer(draft,
                        IdempotencyKey.derive(c.id(), "customer", email)));
                customerId = created.id();
                engine.audit(c, job, "customer-created", "created customer '" + created.name() + "' for " + email);
            }
            engine.store().cacheCustomer(c.id(), email, customerId);
        }
        engine.checkpoint(job, CP_CUSTOMER, customerId);
        return customerId;
    }
}
