package io.kommosync.sandbox.sage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A line of an invoice raised through the admin API ({@link SageBusiness#raiseInvoiceByHand}), as a person would
 * type it into Sage: the simulator computes its net and tax.
 *
 * @param description     the text
 * @param quantity        the quantity, positive
 * @param unitPrice       the tax-exclusive unit price, not negative
 * @param ledgerAccountId the id of a ledger account in the chart
 * @param taxRateId       the id of a tax rate
 */
public record SageLineDraft(String description, BigDecimal quantity, BigDecimal unitPrice, String ledgerAccountId,
                            String taxRateId) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if the quantity is not positive or the price negative
     */
    public SageLineDraft {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(ledgerAccountId, "ledgerAccountId");
        Objects.requireNonNull(taxRateId, "taxRateId");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("line '" + description + "': quantity must be positive, was " + quantity);
        }
        if (unitPrice.signum() < 0) {
            throw new IllegalArgumentException("line '" + description + "': unit price must not be negative, was "
                    + unitPrice);
        }
    }
}
