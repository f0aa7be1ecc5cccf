package io.kommosync.accounting.spi;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice as the ledger holds it.
 *
 * @param id         the ledger's id of the invoice
 * @param number     the invoice number people see, for example {@code "SI-42"}; may be empty for drafts in
 *                   ledgers that number on approval
 * @param customerId the ledger's id of the customer
 * @param reference  our reference, when the invoice carries one
 * @param currency   the currency
 * @param issueDate  the invoice date
 * @param dueDate    the due date
 * @param status     the normalised status, {@link InvoiceStatus#OVERDUE} derived where needed
 * @param net        the tax-exclusive total
 * @param tax        the tax total
 * @param total      the total including tax
 * @param amountDue  what is still to be paid
 * @param link       where a person can open the invoice (in the ledger or online), when the ledger gives one
 * @param lines      the lines as the ledger holds them (account and tax codes normalised to codes)
 * @param updatedAt  when the ledger last changed the invoice
 */
public record Invoice(String id, String number, String customerId, Optional<String> reference, Currency currency,
                      LocalDate issueDate, LocalDate dueDate, InvoiceStatus status, Money net, Money tax, Money total,
                      Money amountDue, Optional<URI> link, List<InvoiceLine> lines, Instant updatedAt) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if an amount is in another currency than the invoice
     */
    public Invoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(updatedAt, "updatedAt");
        lines = List.copyOf(lines);
        for (Money m : List.of(net, tax, total, amountDue)) {
            if (!m.currency().equals(currency)) {
                throw new IllegalArgumentException("invoice " + id + " in " + currency + " has an amount in " + m.currency());
            }
        }
    }

    /**
     * A copy with another status.
     *
     * @param newStatus the status
     * @return the new invoice
     */
    public Invoice withStatus(InvoiceStatus newStatus) {
        return new Invoice(id, number, customerId, reference, currency, issueDate, dueDate, newStatus, net, tax, total,
                amountDue, link, lines, updatedAt);
    }
}
