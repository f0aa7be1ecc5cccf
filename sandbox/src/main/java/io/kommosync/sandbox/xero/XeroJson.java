package io.kommosync.sandbox.xero;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sandbox.http.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Xero's JSON shapes: envelopes, MS-JSON dates, entities and error bodies. */
final class XeroJson {

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
    private static final DateTimeFormatter DATE_STRING = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter UTC_STRING = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private XeroJson() {
    }

    static String msDate(LocalDate date) {
        return "/Date(" + date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + "+0000)/";
    }

    static String msDateTime(Instant instant) {
        return "/Date(" + instant.toEpochMilli() + "+0000)/";
    }

    /**
     * Reads a date as Xero accepts it: {@code 2025-03-10}, {@code 2025-03-10T00:00:00} or {@code /Date(ms)/}.
     *
     * @throws IllegalArgumentException if it is none of these
     */
    static LocalDate parseDate(String text) {
        String t = text.trim();
        Matcher ms = MS_DATE.matcher(t);
        if (ms.matches()) {
            return LocalDate.ofInstant(Instant.ofEpochMilli(Long.parseLong(ms.group(1))), ZoneOffset.UTC);
        }
        try {
            return t.length() <= 10 ? LocalDate.parse(t) : LocalDateTime.parse(t).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date", e);
        }
    }

    static ObjectNode envelope(String collection, ArrayNode items, Clock clock) {
        ObjectNode root = Json.object();
        root.put("Id", UUID.randomUUID().toString());
        root.put("Status", "OK");
        root.put("ProviderName", "kommo-sync Xero simulator");
        root.put("DateTimeUTC", "/Date(" + clock.instant().toEpochMilli() + ")/");
        root.set(collection, items);
        return root;
    }

    static void pagination(ObjectNode envelope, int page, int pageSize, int itemCount) {
        ObjectNode p = envelope.putObject("pagination");
        p.put("page", page);
        p.put("pageSize", pageSize);
        p.put("pageCount", Math.max(1, (itemCount + pageSize - 1) / pageSize));
        p.put("itemCount", itemCount);
    }

    static ObjectNode invoice(XeroOrganisation org, XeroInvoice i, boolean fourDecimals, boolean withLines) {
        ObjectNode n = Json.object();
        n.put("Type", i.type());
        n.put("InvoiceID", i.invoiceId());
        n.put("InvoiceNumber", i.number());
        n.put("Reference", i.reference().orElse(""));
        ArrayNode payments = n.putArray("Payments");
        for (XeroPayment p : i.payments()) {
            ObjectNode pn = payments.addObject();
            pn.put("PaymentID", p.paymentId());
            pn.put("Date", msDate(p.date()));
            pn.put("Amount", p.amount());
            pn.put("CurrencyRate", new BigDecimal("1.000000"));
            pn.put("HasAccount", false);
            pn.put("HasValidationErrors", false);
        }
        n.putArray("CreditNotes");
        n.putArray("Prepayments");
        n.putArray("Overpayments");
        n.put("AmountDue", i.amountDue());
        n.put("AmountPaid", i.amountPaid());
        n.put("AmountCredited", BigDecimal.ZERO.setScale(i.amountDue().scale()));
        n.put("CurrencyRate", new BigDecimal("1.000000"));
        n.put("IsDiscounted", i.lines().stream().anyMatch(l -> l.discountRate().isPresent()
                || l.discountAmount().isPresent()));
        n.put("HasAttachments", false);
        n.put("HasErrors", false);
        ObjectNode contact = n.putObject("Contact");
        contact.put("ContactID", i.contactId());
        contact.put("Name", org.contactName(i.contactId()));
        contact.putArray("Addresses");
        contact.putArray("Phones");
        contact.putArray("ContactGroups");
        contact.putArray("ContactPersons");
        contact.put("HasValidationErrors", false);
        n.put("DateString", DATE_STRING.format(i.date().atStartOfDay()));
        n.put("Date", msDate(i.date()));
        i.dueDate().ifPresent(d -> {
            n.put("DueDateString", DATE_STRING.format(d.atStartOfDay()));
            n.put("DueDate", msDate(d));
        });
        n.put("Status", i.status());
        n.put("LineAmountTypes", i.lineAmountTypes());
        ArrayNode lines = n.putArray("LineItems");
        if (withLines) {
            for (XeroLineItem l : i.lines()) {
                lines.add(line(l, fourDecimals));
            }
        }
        n.put("SubTotal", i.subTotal());
        n.put("TotalTax", i.totalTax());
        n.put("Total", i.total());
        n.put("UpdatedDateUTC", msDateTime(i.updatedAt()));
        n.put("UpdatedDateUTCString", UTC_STRING.format(LocalDateTime.ofInstant(i.updatedAt(), ZoneOffset.UTC)));
        n.put("CurrencyCode", i.currencyCode());
        if (i.status().equals("PAID")) {
            org.fullyPaidOn(i.invoiceId()).ifPresent(d -> n.put("FullyPaidOnDate", msDate(d)));
        }
        return n;
    }

    private static ObjectNode line(XeroLineItem l, boolean fourDecimals) {
        ObjectNode n = Json.object();
        n.put("LineItemID", l.lineItemId());
        n.put("Description", l.description());
        n.put("Quantity", l.quantity().setScale(4, RoundingMode.HALF_UP));
        n.put("UnitAmount", l.unitAmount().setScale(fourDecimals ? 4 : 2, RoundingMode.HALF_UP));
        n.put("TaxType", l.taxType());
        n.put("TaxAmount", l.taxAmount());
        n.put("LineAmount", l.lineAmount());
        if (!l.accountCode().isEmpty()) {
            n.put("AccountCode", l.accountCode());
        }
        l.discountRate().ifPresent(r -> n.put("DiscountRate", r));
        l.discountAmount().ifPresent(a -> n.put("DiscountAmount", a));
        ArrayNode tracking = n.putArray("Tracking");
        for (XeroTracking t : l.tracking()) {
            ObjectNode tn = tracking.addObject();
            tn.put("Name", t.name());
            tn.put("Option", t.option());
            tn.put("TrackingCategoryID", t.categoryId());
            tn.put("TrackingOptionID", t.optionId());
        }
        n.putArray("ValidationErrors");
        return n;
    }

    static ObjectNode contact(XeroOrganisation org, XeroContact c) {
        ObjectNode n = Json.object();
        n.put("ContactID", c.contactId());
        c.contactNumber().ifPresent(v -> n.put("ContactNumber", v));
        n.put("ContactStatus", c.status());
        n.put("Name", c.name());
        c.email().ifPresent(v -> n.put("EmailAddress", v));
        n.putArray("Addresses");
        ArrayNode phones = n.putArray("Phones");
        c.phone().ifPresent(p -> {
            ObjectNode pn = phones.addObject();
            pn.put("PhoneType", "DEFAULT");
            pn.put("PhoneNumber", p);
        });
        n.put("UpdatedDateUTC", msDateTime(c.updatedAt()));
        n.putArray("ContactGroups");
        n.put("IsSupplier", false);
        n.put("IsCustomer", org.hasSalesInvoices(c.contactId()));
        n.putArray("ContactPersons");
        n.put("HasAttachments", false);
        n.put("HasValidationErrors", false);
        return n;
    }

    static ObjectNode account(XeroAccount a, Instant updated) {
        ObjectNode n = Json.object();
        n.put("AccountID", a.accountId());
        n.put("Code", a.code());
        n.put("Name", a.name());
        n.put("Status", a.status());
        n.put("Type", a.type());
        n.put("TaxType", a.taxType());
        n.put("Class", a.accountClass());
        n.put("EnablePaymentsToAccount", a.type().equals("BANK"));
        n.put("ShowInExpenseClaims", false);
        n.put("ReportingCode", a.accountClass().substring(0, 3));
        n.put("HasAttachments", false);
        n.put("UpdatedDateUTC", msDateTime(updated));
        n.put("AddToWatchlist", false);
        return n;
    }

    static ObjectNode taxRate(XeroTaxRate t) {
        ObjectNode n = Json.object();
        n.put("Name", t.name());
        n.put("TaxType", t.taxType());
        n.put("ReportTaxType", t.canApplyToRevenue() ? "OUTPUT" : "INPUT");
        n.put("CanApplyToAssets", !t.canApplyToRevenue());
        n.put("CanApplyToEquity", !t.canApplyToRevenue());
        n.put("CanApplyToExpenses", !t.canApplyToRevenue());
        n.put("CanApplyToLiabilities", !t.canApplyToRevenue());
        n.put("CanApplyToRevenue", t.canApplyToRevenue());
        n.put("DisplayTaxRate", t.rate());
        n.put("EffectiveRate", t.rate());
        n.put("Status", t.status());
        ArrayNode components = n.putArray("TaxComponents");
        ObjectNode c = components.addObject();
        c.put("Name", "VAT");
        c.put("Rate", t.rate());
        c.put("IsCompound", false);
        c.put("IsNonRecoverable", false);
        return n;
    }

    static ObjectNode trackingCategory(XeroTrackingCategory c) {
        ObjectNode n = Json.object();
        n.put("Name", c.name());
        n.put("Status", c.status());
        n.put("TrackingCategoryID", c.categoryId());
        ArrayNode options = n.putArray("Options");
        for (XeroTrackingOption o : c.options()) {
            ObjectNode on = options.addObject();
            on.put("TrackingOptionID", o.optionId());
            on.put("Name", o.name());
            on.put("Status", o.status());
            on.put("IsDeleted", false);
            on.put("IsArchived", o.status().equals("ARCHIVED"));
            on.put("IsActive", o.status().equals("ACTIVE"));
        }
        return n;
    }

    static ObjectNode error(int number, String type, String message) {
        ObjectNode n = Json.object();
        n.put("ErrorNumber", number);
        n.put("Type", type);
        n.put("Message", message);
        return n;
    }

    static ObjectNode validationException(List<ObjectNode> elements) {
        ObjectNode n = error(10, "ValidationException", "A validation exception occurred");
        ArrayNode els = n.putArray("Elements");
        elements.forEach(els::add);
        return n;
    }

    /** Marks an element of a write as failed: the element as sent, with Xero's messages. */
    static ObjectNode failedElement(ObjectNode sent, List<String> messages) {
        ObjectNode n = sent.deepCopy();
        n.put("HasErrors", true);
        n.put("StatusAttributeString", "ERROR");
        ArrayNode errors = n.putArray("ValidationErrors");
        messages.forEach(m -> errors.addObject().put("Message", m));
        return n;
    }

    static ObjectNode problem(int status, String title, String detail) {
        ObjectNode n = Json.object();
        n.putNull("Type");
        n.put("Title", title);
        n.put("Status", status);
        n.put("Detail", detail);
        n.put("Instance", UUID.randomUUID().toString());
        n.putObject("Extensions");
        return n;
    }
}
