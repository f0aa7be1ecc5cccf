package io.kommosync.sandbox.sage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.SimulatedResponse;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Sage v3.1's JSON shapes: resources, list envelopes and the error array. */
final class SageJson {

    /** Attributes every list item carries whatever {@code attributes} asks for. */
    static final Set<String> BASE_ATTRIBUTES = Set.of("id", "displayed_as", "$path");

    private SageJson() {
    }

    static SimulatedResponse errors(int status, List<SageError> errors) {
        ArrayNode array = Json.array();
        for (SageError e : errors) {
            ObjectNode item = array.addObject();
            item.put("$severity", "error");
            item.put("$dataCode", e.dataCode());
            item.put("$message", e.message());
            item.put("$source", e.source());
        }
        return SimulatedResponse.json(status, SimulatedResponse.APPLICATION_JSON, array);
    }

    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static ObjectNode base(String id, String displayedAs, String path) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("displayed_as", displayedAs);
        node.put("$path", path);
        return node;
    }

    static ObjectNode business(SageBusiness business) {
        ObjectNode node = Json.object();
        node.put("displayed_as", business.name());
        node.put("id", business.id());
        node.put("$path", "/businesses/" + business.id());
        return node;
    }

    static ObjectNode ledgerAccount(SageLedgerAccount a, SageBusiness business) {
        ObjectNode node = base(a.id(), a.displayedAs(), "/ledger_accounts/" + a.id());
        node.put("created_at", timestamp(a.createdAt()));
        node.put("updated_at", timestamp(a.updatedAt()));
        node.set("ledger_account_group", base(a.type().group(), capitalised(a.type().group()),
                "/coa_groups/" + a.type().group()));
        node.put("name", a.name());
        node.put("display_name", a.name());
        ArrayNode scopes = node.putArray("visible_scopes");
        if (a.visibleInSales()) {
            scopes.add("sales");
        }
        scopes.add("journals");
        scopes.add("reporting");
        node.put("included_in_chart", a.includedInChart());
        node.put("nominal_code", a.nominalCode());
        node.set("ledger_account_type", base(a.type().name(), a.type().displayedAs(),
                "/ledger_account_types/" + a.type().name()));
        node.putNull("ledger_account_classification");
        if (a.defaultTaxRateId().isPresent() && business.taxRate(a.defaultTaxRateId().get()).isPresent()) {
            SageTaxRate rate = business.taxRate(a.defaultTaxRateId().get()).orElseThrow();
            node.set("tax_rate", base(rate.id(), rate.displayedAs(), "/tax_rates/" + rate.id()));
        } else {
            node.putNull("tax_rate");
        }
        node.put("fixed_tax_rate", false);
        node.put("visible_in_banking", a.type() == SageLedgerAccountType.BANK);
        node.put("visible_in_expenses", a.type().group().equals("EXPENDITURE"));
        node.put("visible_in_journals", true);
        node.put("visible_in_other_payments", a.type().group().equals("EXPENDITURE"));
        node.put("visible_in_other_receipts", a.type().group().equals("INCOME"));
        node.put("visible_in_reporting", true);
        node.put("visible_in_sales", a.visibleInSales());
        node.put("is_control_account", false);
        node.putNull("control_name");
        node.put("display_formatted", a.nominalCode() + " - " + a.name());
        return node;
    }

    static ObjectNode taxRate(SageTaxRate r) {
        ObjectNode node = base(r.id(), r.displayedAs(), "/tax_rates/" + r.id());
        node.put("created_at", timestamp(r.createdAt()));
        node.put("updated_at", timestamp(r.updatedAt()));
        node.put("name", r.name());
        node.putNull("agency");
        node.put("percentage", r.percentage());
        ArrayNode percentages = node.putArray("percentages");
        ObjectNode current = percentages.addObject();
        current.put("percentage", r.percentage());
        current.put("from_date", "2011-01-04");
        current.putNull("to_date");
        node.put("is_visible", r.visible());
        node.put("retailer", false);
        node.put("editable", false);
        node.put("deletable", false);
        node.put("is_combined_rate", false);
        node.putArray("component_tax_rates");
        return node;
    }

    static ObjectNode contact(SageContact c, URI webBase) {
        ObjectNode node = base(c.id(), c.displayedAs(), "/contacts/" + c.id());
        node.put("created_at", timestamp(c.createdAt()));
        node.put("updated_at", timestamp(c.updatedAt()));
        ArrayNode links = node.putArray("links");
        link(links, webBase.resolve("contacts/" + c.id()));
        ArrayNode types = node.putArray("contact_types");
        for (String type : c.contactTypeIds()) {
            types.add(base(type, type.equals("CUSTOMER") ? "Customer" : "Supplier", "/contact_types/" + type));
        }
        node.put("name", c.name());
        c.reference().ifPresentOrElse(r -> node.put("reference", r), () -> node.putNull("reference"));
        c.email().ifPresentOrElse(e -> node.put("email", e), () -> node.putNull("email"));
        ObjectNode person = node.putObject("main_contact_person");
        person.put("name", c.name());
        c.email().ifPresentOrElse(e -> person.put("email", e), () -> person.putNull("email"));
        c.telephone().ifPresentOrElse(t -> person.put("telephone", t), () -> person.putNull("telephone"));
        person.put("is_main_contact", true);
        node.put("balance", BigDecimal.ZERO.setScale(2));
        node.put("is_active", true);
        node.put("deletable", true);
        node.put("system", false);
        return node;
    }

    static ObjectNode salesInvoice(SageSalesInvoice i, SageBusiness business, URI webBase) {
        ObjectNode node = base(i.id(), i.invoiceNumber(), "/sales_invoices/" + i.id());
        node.put("created_at", timestamp(i.createdAt()));
        node.put("updated_at", timestamp(i.updatedAt()));
        link(node.putArray("links"), webBase.resolve("invoicing/sales_invoices/" + i.id()));
        boolean posted = i.status().isPosted() || i.status() == SageInvoiceStatus.VOID;
        node.put("editable", i.status() == SageInvoiceStatus.DRAFT || i.status() == SageInvoiceStatus.UNPAID);
        if (posted) {
            node.set("transaction", base(i.id().substring(0, 24) + "00000000", i.invoiceNumber(),
                    "/transactions/" + i.id().substring(0, 24) + "00000000"));
        } else {
            node.putNull("transaction");
        }
        node.putNull("deleted_at");
        SageContact contact = business.findContact(i.contactId()).orElse(null);
        node.set("contact", base(i.contactId(), contact == null ? i.contactName() : contact.displayedAs(),
                "/contacts/" + i.contactId()));
        node.put("invoice_number_prefix", "SI-");
        node.put("invoice_number", i.invoiceNumber());
        node.put("contact_name", i.contactName());
        if (contact != null && contact.reference().isPresent()) {
            node.put("contact_reference", contact.reference().get());
        } else {
            node.putNull("contact_reference");
        }
        node.put("date", i.date().toString());
        node.put("due_date", i.dueDate().toString());
        i.reference().ifPresentOrElse(r -> node.put("reference", r), () -> node.putNull("reference"));
        i.notes().ifPresentOrElse(n -> node.put("notes", n), () -> node.putNull("notes"));
        node.put("net_amount", i.netAmount());
        node.put("tax_amount", i.taxAmount());
        node.put("total_amount", i.totalAmount());
        node.put("payments_allocations_total_amount", i.totalPaid());
        node.put("total_paid", i.totalPaid());
        node.put("outstanding_amount", i.outstandingAmount());
        node.set("currency", currency(i.currency()));
        node.put("exchange_rate", new BigDecimal("1.0"));
        node.set("status", base(i.status().name(), i.status().displayedAs(), "/artefact_statuses/" + i.status().name()));
        node.put("sent", false);
        node.put("sent_by_email", false);
        i.voidReason().ifPresentOrElse(r -> node.put("void_reason", r), () -> node.putNull("void_reason"));
        i.lastPaid().ifPresentOrElse(d -> node.put("last_paid", d.toString()), () -> node.putNull("last_paid"));
        ArrayNode lines = node.putArray("invoice_lines");
        for (SageInvoiceLine line : i.lines()) {
            ObjectNode l = lines.addObject();
            l.put("id", line.id());
            l.put("displayed_as", line.description());
            l.put("description", line.description());
            SageLedgerAccount account = business.ledgerAccountById(line.ledgerAccountId()).orElse(null);
            l.set("ledger_account", base(line.ledgerAccountId(),
                    account == null ? line.ledgerAccountId() : account.displayedAs(),
                    "/ledger_accounts/" + line.ledgerAccountId()));
            l.put("quantity", line.quantity());
            l.put("unit_price", line.unitPrice());
            l.put("net_amount", line.netAmount());
            SageTaxRate rate = business.taxRate(line.taxRateId()).orElse(null);
            l.set("tax_rate", base(line.taxRateId(), rate == null ? line.taxRateId() : rate.displayedAs(),
                    "/tax_rates/" + line.taxRateId()));
            l.put("tax_amount", line.taxAmount());
            l.put("total_amount", line.totalAmount());
            l.put("unit_price_includes_tax", false);
            l.put("discount_amount", line.discountAmount());
            BigDecimal gross = line.quantity().multiply(line.unitPrice());
            l.put("discount_percentage", gross.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                    : line.discountAmount().multiply(BigDecimal.valueOf(100))
                    .divide(gross, 2, java.math.RoundingMode.HALF_UP));
        }
        return node;
    }

    static ObjectNode contactPayment(SageContactPayment p, SageBusiness business) {
        ObjectNode node = base(p.id(), p.reference().orElse(p.id()), "/contact_payments/" + p.id());
        node.put("created_at", timestamp(p.createdAt()));
        node.put("updated_at", timestamp(p.createdAt()));
        node.set("transaction_type", base("CUSTOMER_RECEIPT", "Customer Receipt", "/transaction_types/CUSTOMER_RECEIPT"));
        node.set("contact", base(p.contactId(), business.findContact(p.contactId()).map(SageContact::displayedAs)
                .orElse(p.contactId()), "/contacts/" + p.contactId()));
        node.set("bank_account", base(business.bankAccountId(), "Current Account (1200)",
                "/bank_accounts/" + business.bankAccountId()));
        node.put("date", p.date().toString());
        node.put("total_amount", p.totalAmount());
        p.reference().ifPresentOrElse(r -> node.put("reference", r), () -> node.putNull("reference"));
        ArrayNode allocated = node.putArray("allocated_artefacts");
        for (Map.Entry<String, BigDecimal> a : p.allocations().entrySet()) {
            ObjectNode item = allocated.addObject();
            item.set("artefact", base(a.getKey(), business.findInvoice(a.getKey()).map(SageSalesInvoice::invoiceNumber)
                    .orElse(a.getKey()), "/sales_invoices/" + a.getKey()));
            item.put("amount", a.getValue());
        }
        return node;
    }

    static ObjectNode currency(Currency currency) {
        return base(currency.getCurrencyCode(), currency.getDisplayName(Locale.UK) + " (" + currency.getCurrencyCode()
                + ")", "/currencies/" + currency.getCurrencyCode());
    }

    /** Keeps the base attributes and the asked-for ones; {@code null} or {@code all} keeps everything. */
    static ObjectNode select(ObjectNode full, Set<String> attributes) {
        if (attributes == null) {
            return full;
        }
        Iterator<String> names = full.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!BASE_ATTRIBUTES.contains(name) && !attributes.contains(name)) {
                names.remove();
            }
        }
        return full;
    }

    static String date(LocalDate date) {
        return date.toString();
    }

    private static void link(ArrayNode links, URI href) {
        ObjectNode link = links.addObject();
        link.put("href", href.toString());
        link.put("rel", "alternate");
        link.put("type", "text/html");
    }

    private static String capitalised(String upper) {
        return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
    }
}
