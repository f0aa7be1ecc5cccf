package io.kommosync.sandbox.xero;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A line for an invoice raised through the admin API ({@link XeroOrganisation#raiseInvoiceByHand}), as a person
 * would type it in Xero.
 *
 * @param description  the text
 * @param quantity     the quantity
 * @param unitAmount   the tax-exclusive unit price
 * @param accountCode  the account code
 * @param taxType      the tax type
 * @param discountRate the discount in percent, when any
 * @param tracking     tracking option names by category name
 */
public record XeroNewLine(String description, BigDecimal quantity, BigDecimal unitAmount, String accountCode,
                          String taxType, Optional<BigDecimal> discountRate, Map<String, String> tracking) {

    /** Validates and copies the components. */
    public XeroNewLine {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitAmount, "unitAmount");
        Objects.requireNonNull(accountCode, "accountCode");
        Objects.requireNonNull(taxType, "taxType");
        Objects.requireNonNull(discountRate, "discountRate");
        tracking = Map.copyOf(tracking);
    }

    /**
     * A line without discount or tracking.
     *
     * @param description the text
     * @param quantity    the quantity, as a decimal string
     * @param unitAmount  the unit price, as a decimal string
     * @param accountCode the account code
     * @param taxType     the tax type
     * @return the line
     */
    public static XeroNewLine of(String description, String quantity, String unitAmount, String accountCode,
                                 String taxType) {
        return new XeroNewLine(description, new BigDecimal(quantity), new BigDecimal(unitAmount), accountCode, taxType,
                Optional.empty(), Map.of());
    }
}
