package io.kommosync.sandbox.xero;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice of a simulated organisation, as the simulator holds it.
 *
 * @param invoiceId        the Xero id (a UUID)
 * @param type             {@code ACCREC} (sales) or {@code ACCPAY} (bills)
 * @param number           the invoice number, for example {@code INV-0007}
 * @param reference        the reference, when set (kommo-sync puts its own reference there)
 * @param contactId        the contact's id
 * @param currencyCode     the currency
 * @param date             the invoice date
 * @param dueDate          the due date, when set
 * @param status           {@code DRAFT}, {@code SUBMITTED}, {@code AUTHORISED}, {@code PAID}, {@code VOIDED} or
 *                         {@code DELETED}
 * @param lineAmountTypes  {@code Exclusive}, {@code Inclusive} or {@code NoTax}
 * @param lines            the lines
 * @param subTotal         the total without tax
 * @param totalTax         the tax
 * @param total            the total with tax
 * @param amountPaid       what payments covered
 * @param amountDue        what is still due
 * @param payments         the payments
 * @param updatedAt        when it last changed, by the simulator's clock
 * @param onlineInvoiceUrl the online invoice page, once the invoice is approved
 */
public record XeroInvoice(String invoiceId, String type, String number, Optional<String> reference, String contactId,
                          String currencyCode, LocalDate date, Optional<LocalDate> dueDate, String status,
                          String lineAmountTypes, List<XeroLineItem> lines, BigDecimal subTotal, BigDecimal totalTax,
                          BigDecimal total, BigDecimal amountPaid, BigDecimal amountDue, List<XeroPayment> payments,
                          Instant updatedAt, Optional<URI> onlineInvoiceUrl) {

    /** Validates and copies the components. */
    public XeroInvoice {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(currencyCode, "currencyCode");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lineAmountTypes, "lineAmountTypes");
        lines = List.copyOf(lines);
        Objects.requireNonNull(subTotal, "subTotal");
        Objects.requireNonNull(totalTax, "totalTax");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(amountPaid, "amountPaid");
        Objects.requireNonNull(amountDue, "amountDue");
        payments = List.copyOf(payments);
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(onlineInvoiceUrl, "onlineInvoiceUrl");
    }
}
