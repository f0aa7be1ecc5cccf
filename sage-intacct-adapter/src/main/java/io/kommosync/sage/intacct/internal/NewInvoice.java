package io.kommosync.sage.intacct.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice to create, already mapped to Intacct terms and checked against the chart.
 *
 * @param customerId  the customer id
 * @param invoiceDate the invoice date
 * @param dueDate     the due date
 * @param reference   the reference ({@code ponumber} / {@code referenceNumber})
 * @param currency    the ISO currency code
 * @param draft       {@code true} to leave it a draft
 * @param description the description, when any
 * @param lines       the lines
 */
public record NewInvoice(String customerId, LocalDate invoiceDate, LocalDate dueDate, String reference,
                         String currency, boolean draft, Optional<String> description, List<LedgerLine> lines) {

    /** Validates and copies. */
    public NewInvoice {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(invoiceDate, "invoiceDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(description, "description");
        lines = List.copyOf(lines);
    }
}
