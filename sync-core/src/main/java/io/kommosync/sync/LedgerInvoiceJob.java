package io.kommosync.sync;

import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.NotFoundException;
import io.kommosync.sync.kommo.DealFieldValue;
import io.kommosync.sync.kommo.DealUpdate;
import io.kommosync.sync.kommo.NewDeal;
import io.kommosync.sync.store.DealInvoiceLink;
import io.kommosync.sync.store.SyncJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One change of a ledger invoice, brought to Kommo: the linked deal's payment status follows (moving the deal to
 * the "paid" stage when configured), and an invoice raised by hand in the ledger becomes one new deal.
 * Reads the invoice afresh, so late, repeated or out-of-order notices do no harm.
 */
final class LedgerInvoiceJob {

    static final String CP_DEAL = "created-deal";
    private static final Pattern OUR_REFERENCE = Pattern.compile("KOMMO-\\d+");

    private final SyncEngine engine;

    LedgerInvoiceJob(SyncEngine engine) {
        this.engine = engine;
    }

    JobOutcome run(Connection c, SyncJob job) {
        String invoiceId = job.subjectId();
        Invoice invoice;
        try {
            invoice = engine.call(() -> c.ledger().invoice(invoiceId));
        } catch (NotFoundException e) {
            return new JobOutcome.Done("invoice " + invoiceId + " no longer exists");
        }
        Optional<DealInvoiceLink> link = engine.store().linkForInvoice(c.id(), invoiceId);
        if (link.isPresent()) {
            return followStatus(c, job, link.get(), invoice);
        }
        if (invoice.reference().filter(r -> OUR_REFERENCE.matcher(r).matches()).isPresent()) {
            return new JobOutcome.Done("invoice " + invoice.number() + " belongs to a deal whose job is still running");
        }
        if (c.ledgerInvoiceStage().isEmpty()) {
            return new JobOutcome.Done("invoice " + invoice.number() + " has no deal and deal creation is off");
        }
        return createDeal(c, job, invoice);
    }

    private JobOutcome followStatus(Connection c, SyncJob job, DealInvoiceLink link, Invoice invoice) {
        InvoiceStatus status = invoice.status();
        if (status == link.paymentStatus()) {
            return new JobOutcome.Done("payment status of deal " + link.dealId() + " already " + status);
        }
        List<DealFieldValue> fields = new ArrayList<>();
        c.fields().paymentStatusOption(status).ifPresent(enumId ->
                fields.add(new DealFieldValue.Choice(c.fields().paymentStatusFieldId().getAsLong(), enumId)));
        boolean move = status == InvoiceStatus.PAID && c.paidStage().isPresent();
        if (fields.isEmpty() && !move) {
            engine.store().updatePaymentStatus(c.id(), invoice.id(), status);
            return new JobOutcome.Done("payment status is not synced on this connection");
        }
        DealUpdate update = move
                ? new DealUpdate(link.dealId(), fields, OptionalLong.of(c.paidStage().get().pipelineId()),
                OptionalLong.of(c.paidStage().get().statusId()))
                : DealUpdate.fields(link.dealId(), fields);
        engine.call(() -> {
            c.kommo().update(update);
            return null;
        });
        engine.store().updatePaymentStatus(c.id(), invoice.id(), status);
        engine.audit(c, job, String.valueOf(link.dealId()), "payment-status",
                "invoice " + invoice.number() + " is " + status + (move ? "; deal moved to the paid stage" : ""));
        engine.listener().paymentStatusChanged(c.id(), link.dealId(), status);
        return new JobOutcome.Done("deal " + link.dealId() + " payment status " + status);
    }

    private JobOutcome createDeal(Connection c, SyncJob job, Invoice invoice) {
        String existing = engine.store().checkpoints(job.id()).get(CP_DEAL);
        long dealId;
        if (existing != null) {
            dealId = Long.parseLong(existing);
        } else {
            Optional<Customer> customer = engine.call(() -> c.ledger().findCustomerById(invoice.customerId()));
            List<DealFieldValue> fields = new ArrayList<>();
            fields.add(new DealFieldValue.Text(c.fields().invoiceNumberFieldId(), invoice.number()));
            invoice.link().ifPresent(l -> fields.add(new DealFieldValue.Text(c.fields().invoiceLinkFieldId(), l.toString())));
            c.fields().paymentStatusOption(invoice.status()).ifPresent(enumId ->
                    fields.add(new DealFieldValue.Choice(c.fields().paymentStatusFieldId().getAsLong(), enumId)));
            NewDeal deal = new NewDeal("Invoice " + invoice.number(), invoice.total().amount(),
                    c.ledgerInvoiceStage().get().pipelineId(), c.ledgerInvoiceStage().get().statusId(),
                    customer.map(Customer::name).orElse("Ledger customer " + invoice.customerId()),
                    customer.flatMap(Customer::email), fields);
            dealId = engine.call(() -> c.kommo().createDeal(deal));
            engine.checkpoint(job, CP_DEAL, Long.toString(dealId));
        }
        engine.store().saveLink(new DealInvoiceLink(c.id(), dealId, invoice.id(), invoice.number(), invoice.link(),
                DealInvoiceLink.Origin.LEDGER, invoice.status(), engine.now()));
        engine.audit(c, job, String.valueOf(dealId), "deal-created",
                "created deal " + dealId + " for invoice " + invoice.number() + " raised in the ledger");
        engine.listener().dealCreatedForInvoice(c.id(), dealId, invoice);
        return new JobOutcome.Done("deal " + dealId + " created for invoice " + invoice.number());
    }
}
