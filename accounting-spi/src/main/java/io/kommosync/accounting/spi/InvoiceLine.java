package io.kommosync.accounting.spi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of an invoice, already mapped to the ledger: the ledger account and tax code come from the mapping
 * table the accountant approved. Unit prices are tax-exclusive.
 *
 * @param description       the line text, for example the product name; not blank
 * @param quantity          how many; greater than zero
 * @param unitPrice         the tax-exclusive price of one unit, in the invoice's currency
 * @param discount          the discount on the line
 * @param ledgerAccountCode the code of the ledger account the line posts to
 * @param taxCode           the code of the tax rate that applies
 * @param dimensions        the line's dimensions (empty for ledgers without dimensions)
 * @param itemCode          the product code (SKU), when known; Intacct posts it as the line's item
 */
public record InvoiceLine(String description, BigDecimal quantity, BigDecimal unitPrice, Discount discount,
                          String ledgerAccountCode, String taxCode, Dimensions dimensions, Optional<String> itemCode) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if the description, account or tax code is blank, or the quantity is not
     *                                  positive
     */
    public InvoiceLine {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(ledgerAccountCode, "ledgerAccountCode");
        Objects.requireNonNull(taxCode, "taxCode");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(itemCode, "itemCode");
        if (description.isBlank()) {
            throw new IllegalArgumentException("an invoice line needs a description");
        }
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("line '" + description + "': quantity must be positive, got " + quantity);
        }
        if (ledgerAccountCode.isBlank()) {
            throw new IllegalArgumentException("line '" + description + "' needs a ledger account code");
        }
        if (taxCode.isBlank()) {
            throw new IllegalArgumentException("line '" + description + "' needs a tax code");
        }
    }

    /**
     * A line with no discount, no dimensions and no item code.
     *
     * @param description       the line text
     * @param quantity          how many
     * @param unitPrice         the tax-exclusive unit price
     * @param ledgerAccountCode the ledger account code
     * @param taxCode           the tax code
     * @return the line
     */
    public static InvoiceLine of(String description, BigDecimal quantity, BigDecimal unitPrice,
                                 String ledgerAccountCode, String taxCode) {
        return new InvoiceLine(description, quantity, unitPrice, Discount.none(), ledgerAccountCode, taxCode,
                Dimensions.none(), Optional.empty());
    }

    /**
     * Quantity × unit price, unrounded.
     *
     * @return the gross line amount
     */
    public BigDecimal grossAmount() {
        return quantity.multiply(unitPrice);
    }

    /**
     * The tax-exclusive line amount after discount, rounded half-up to the currency's minor unit.
     *
     * @param currency the invoice's currency
     * @return the net line amount
     */
    public BigDecimal netAmount(Currency currency) {
        BigDecimal gross = grossAmount();
        return gross.subtract(discount.amountOff(gross)).setScale(Money.minorDigits(currency), RoundingMode.HALF_UP);
    }

    /**
     * The tax on the line at a rate: the rounded net amount × percent / 100, rounded half-up to the currency's
     * minor unit. This is the rule every port and the compatibility kit agree on (tax per line, then summed).
     *
     * @param currency the invoice's currency
     * @param rate     the tax rate of {@link #taxCode()}
     * @return the tax amount
     */
    public BigDecimal taxAmount(Currency currency, TaxRate rate) {
        return netAmount(currency).multiply(rate.percent())
                .divide(BigDecimal.valueOf(100), Money.minorDigits(currency), RoundingMode.HALF_UP);
    }

    /**
     * A copy with other dimensions.
     *
     * @param newDimensions the dimensions
     * @return the new line
     */
    public InvoiceLine withDimensions(Dimensions newDimensions) {
        return new InvoiceLine(description, quantity, unitPrice, discount, ledgerAccountCode, taxCode, newDimensions,
                itemCode);
    }
}
