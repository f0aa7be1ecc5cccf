package io.kommosync.sync;

import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.sync.kommo.DealContact;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The invoice a deal would produce, or why it cannot: the mapped lines, the header, the customer to bill, and
 * every problem found. What {@link SyncEngine#preview} returns, and what the invoice job raises.
 *
 * @param dealId    the deal
 * @param reference the invoice reference ({@code KOMMO-<deal id>})
 * @param currency  the currency
 * @param issueDate the issue date
 * @param dueDate   the due date
 * @param approval  draft or approved
 * @param lines     the mapped lines (those that could be mapped)
 * @param customer  the contact to bill, when the deal has one
 * @param problems  every problem; empty when the invoice can be raised
 */
public record InvoicePlan(long dealId, String reference, Currency currency, LocalDate issueDate, LocalDate dueDate,
                          InvoiceDraft.Approval approval, List<InvoiceLine> lines, Optional<DealContact> customer,
                          List<PlanProblem> problems) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public InvoicePlan {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(customer, "customer");
        lines = List.copyOf(lines);
        problems = List.copyOf(problems);
    }

    /**
     * Whether the invoice can be raised.
     *
     * @return {@code true} when there is no problem
     */
    public boolean isReady() {
        return problems.isEmpty();
    }

    /**
     * The draft for a ledger customer.
     *
     * @param customerId the ledger's customer id
     * @return the draft
     * @throws IllegalStateException when the plan has problems
     */
    public InvoiceDraft toDraft(String customerId) {
        if (!isReady()) {
            throw new IllegalStateException("deal " + dealId + " cannot be invoiced: " + problems);
        }
        return new InvoiceDraft(customerId, currency, issueDate, dueDate, reference, lines, Dimensions.none(), approval,
                Optional.empty());
    }
}
