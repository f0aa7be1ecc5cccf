package io.kommosync.sage.intacct.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An AR invoice as a transport read it, in Intacct's terms.
 *
 * @param recordNo     the system key
 * @param number       the invoice number ({@code RECORDID} / {@code invoiceNumber})
 * @param reference    the reference number ({@code DOCNUMBER} / {@code referenceNumber})
 * @param customerId   the customer id
 * @param invoiceDate  the invoice date
 * @param dueDate      the due date
 * @param currency     the ISO currency code
 * @param state        the normalised Intacct state: {@code draft}, {@code posted}, {@code partiallyPaid},
 *                     {@code paid}, {@code reversed}
 * @param total        the total including tax
 * @param totalPaid    what has been paid
 * @param totalDue     what is due
 * @param modifiedAt   when it last changed
 * @param lines        the lines
 */
public record LedgerInvoice(String recordNo, String number, String reference, String customerId,
                            LocalDate invoiceDate, LocalDate dueDate, String currency, String state, BigDecimal total,
                            BigDecimal totalPaid, BigDecimal totalDue, Instant modifiedAt, List<LedgerLine> lines) {

    /** Validates and copies. */
    public LedgerInvoice {
        Objects.requireNonNull(recordNo, "recordNo");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(invoiceDate, "invoiceDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(totalPaid, "totalPaid");
        Objects.requireNonNull(totalDue, "totalDue");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        lines = List.copyOf(lines);
    }
}
