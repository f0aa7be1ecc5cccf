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
     * The plan as a person reads it: header, one line per invoice line with its account, tax code and dimensions,
     * the net total, and every problem.
     *
     * @return a multi-line description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Invoice preview for deal ").append(dealId).append(" (reference ").append(reference).append(")\n");
        sb.append("  customer: ").append(customer.map(c -> c.companyName().map(n -> n + ", ").orElse("") + c.name()
                + c.email().map(e -> " <" + e + ">").orElse(" (no e-mail)")).orElse("(none)")).append('\n');
        sb.append("  issued ").append(issueDate).append(", due ").append(dueDate).append(", ")
                .append(approval == InvoiceDraft.Approval.APPROVED ? "approved" : "draft").append(", ")
                .append(currency.getCurrencyCode()).append('\n');
        java.math.BigDecimal net = java.math.BigDecimal.ZERO;
        for (InvoiceLine line : lines) {
            java.math.BigDecimal lineNet = line.netAmount(currency);
            net = net.add(lineNet);
            sb.append(String.format(java.util.Locale.ROOT, "  %-20s %6s x %10s%s = %10s  account %-6s tax %s%s%n",
                    line.description(), line.quantity().stripTrailingZeros().toPlainString(),
                    line.unitPrice().toPlainString(),
                    line.discount().isNone() ? "" : " less " + line.discount().value().stripTrailingZeros().toPlainString()
                            + (line.discount().kind() == io.kommosync.accounting.spi.Discount.Kind.PERCENT ? "%" : ""),
                    lineNet.toPlainString(), line.ledgerAccountCode(), line.taxCode(),
                    line.dimensions().isEmpty() ? "" : "  " + line.dimensions().values()));
        }
        sb.append("  net total ").append(net.toPlainString()).append(' ').append(currency.getCurrencyCode())
                .append(" (tax is computed by the ledger's rates)\n");
        if (problems.isEmpty()) {
            sb.append("  ready to raise\n");
        } else {
            sb.append("  NOT raised, ").append(problems.size()).append(" problem(s):\n");
            problems.forEach(p -> sb.append("  - ").append(p.message()).append('\n'));
        }
        return sb.toString();
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
