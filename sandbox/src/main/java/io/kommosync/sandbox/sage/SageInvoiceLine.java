package io.kommosync.sandbox.sage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a simulated sales invoice, with the amounts the simulator computed (net = quantity × unit price less
 * the discount, rounded half-up to 2 places; tax as the client sent it, checked against the rate).
 *
 * @param id              Sage's id of the line
 * @param description     the text
 * @param ledgerAccountId the ledger account it posts to
 * @param quantity        the quantity
 * @param unitPrice       the tax-exclusive unit price
 * @param discountAmount  the discount taken off the line
 * @param netAmount       the net amount
 * @param taxRateId       the tax rate
 * @param taxAmount       the tax amount
 * @param totalAmount     net plus tax
 */
public record SageInvoiceLine(String id, String description, String ledgerAccountId, BigDecimal quantity,
                              BigDecimal unitPrice, BigDecimal discountAmount, BigDecimal netAmount, String taxRateId,
                              BigDecimal taxAmount, BigDecimal totalAmount) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SageInvoiceLine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(ledgerAccountId, "ledgerAccountId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(discountAmount, "discountAmount");
        Objects.requireNonNull(netAmount, "netAmount");
        Objects.requireNonNull(taxRateId, "taxRateId");
        Objects.requireNonNull(taxAmount, "taxAmount");
        Objects.requireNonNull(totalAmount, "totalAmount");
    }
}
