package io.kommosync.sandbox.sage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sales invoice of a simulated business, as the simulator holds it.
 *
 * @param id            Sage's id (32 hex characters)
 * @param invoiceNumber the number, for example {@code SI-7} (drafts are numbered too)
 * @param contactId     the customer's id
 * @param contactName   the customer's name when the invoice was created
 * @param reference     the invoice reference, when set
 * @param notes         the notes, when set
 * @param date          the invoice date
 * @param dueDate       the due date
 * @param currency      the currency
 * @param lines         the lines
 * @param netAmount     the sum of the lines' net amounts
 * @param taxAmount     the sum of the lines' tax amounts
 * @param totalAmount   net plus tax
 * @param totalPaid     the payments allocated to it
 * @param status        the status
 * @param voidReason    why it was voided, when it was
 * @param lastPaid      the date of the last payment, when there was one
 * @param createdAt     when it was created
 * @param updatedAt     when it last changed (a payment changes it)
 */
public record SageSalesInvoice(String id, String invoiceNumber, String contactId, String contactName,
                               Optional<String> reference, Optional<String> notes, LocalDate date, LocalDate dueDate,
                               Currency currency, List<SageInvoiceLine> lines, BigDecimal netAmount,
                               BigDecimal taxAmount, BigDecimal totalAmount, BigDecimal totalPaid,
                               SageInvoiceStatus status, Optional<String> voidReason, Optional<LocalDate> lastPaid,
                               Instant createdAt, Instant updatedAt) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SageSalesInvoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(contactName, "contactName");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        Objects.requireNonNull(netAmount, "netAmount");
        Objects.requireNonNull(taxAmount, "taxAmount");
        Objects.requireNonNull(totalAmount, "totalAmount");
        Objects.requireNonNull(totalPaid, "totalPaid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(voidReason, "voidReason");
        Objects.requireNonNull(lastPaid, "lastPaid");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return what is still to be paid: total less payments, zero once voided */
    public BigDecimal outstandingAmount() {
        return status == SageInvoiceStatus.VOID ? BigDecimal.ZERO.setScale(2) : totalAmount.subtract(totalPaid);
    }

    SageSalesInvoice withPayment(BigDecimal amount, LocalDate on, Instant at) {
        BigDecimal paid = totalPaid.add(amount);
        SageInvoiceStatus next = paid.compareTo(totalAmount) >= 0 ? SageInvoiceStatus.PAID : SageInvoiceStatus.PART_PAID;
        return new SageSalesInvoice(id, invoiceNumber, contactId, contactName, reference, notes, date, dueDate, currency,
                lines, netAmount, taxAmount, totalAmount, paid, next, voidReason, Optional.of(on), createdAt, at);
    }

    SageSalesInvoice withStatus(SageInvoiceStatus next, Optional<String> reason, Instant at) {
        return new SageSalesInvoice(id, invoiceNumber, contactId, contactName, reference, notes, date, dueDate, currency,
                lines, netAmount, taxAmount, totalAmount, totalPaid, next, reason, lastPaid, createdAt, at);
    }
}
