package io.kommosync.accounting.spi;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice to raise: the customer, the mapped lines, and the header fields.
 *
 * @param customerId the ledger id of the customer (from {@link AccountingPort#findCustomerByEmail} or
 *                   {@link AccountingPort#createCustomer})
 * @param currency   the invoice currency
 * @param issueDate  the invoice date
 * @param dueDate    the due date; not before {@code issueDate}
 * @param reference  our reference, for example {@code "kommo-deal-4821"}; ports store it where
 *                   {@link AccountingPort#findInvoiceByReference} can find it again; 1 to 50 characters
 * @param lines      the lines; at least one
 * @param dimensions header dimensions (each line may add or override its own)
 * @param approval   whether to leave the invoice as a draft or approve (post) it
 * @param memo       a note printed on or attached to the invoice, when wanted
 */
public record InvoiceDraft(String customerId, Currency currency, LocalDate issueDate, LocalDate dueDate,
                           String reference, List<InvoiceLine> lines, Dimensions dimensions, Approval approval,
                           Optional<String> memo) {

    /** Longest reference every supported ledger accepts. */
    public static final int MAX_REFERENCE_LENGTH = 50;

    /** What state the invoice is created in. */
    public enum Approval {
        /** A draft a person reviews and approves in the ledger. */
        DRAFT,
        /** Approved (posted, awaiting payment) at once. */
        APPROVED
    }

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if any component or line is {@code null}
     * @throws IllegalArgumentException if there are no lines, the due date is before the issue date, or the
     *                                  reference is blank or too long
     */
    public InvoiceDraft {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(memo, "memo");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("invoice " + reference + " has no lines");
        }
        if (dueDate.isBefore(issueDate)) {
            throw new IllegalArgumentException("invoice " + reference + ": due date " + dueDate
                    + " is before the issue date " + issueDate);
        }
        if (reference.isBlank() || reference.length() > MAX_REFERENCE_LENGTH) {
            throw new IllegalArgumentException("invoice reference must be 1 to " + MAX_REFERENCE_LENGTH
                    + " characters, got '" + reference + "'");
        }
        if (customerId.isBlank()) {
            throw new IllegalArgumentException("invoice " + reference + " needs a customer id");
        }
    }

    /**
     * A copy for another customer.
     *
     * @param newCustomerId the customer id
     * @return the new draft
     */
    public InvoiceDraft withCustomerId(String newCustomerId) {
        return new InvoiceDraft(newCustomerId, currency, issueDate, dueDate, reference, lines, dimensions, approval, memo);
    }

    /**
     * The totals of this draft at the given tax rates.
     *
     * @param chart the chart holding every tax code the lines use
     * @return the totals
     * @throws IllegalArgumentException if a line's tax code is not in the chart
     */
    public InvoiceTotals totals(ChartOfAccounts chart) {
        return InvoiceTotals.of(this, code -> chart.taxRate(code).orElseThrow(() ->
                new IllegalArgumentException("tax code " + code + " is not in the chart of accounts")));
    }
}
