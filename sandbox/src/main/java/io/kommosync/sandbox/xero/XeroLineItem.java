package io.kommosync.sandbox.xero;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A line of a simulated invoice, with the amounts the simulator computed.
 *
 * @param lineItemId     the Xero id (a UUID)
 * @param description    the text
 * @param quantity       the quantity (up to 4 decimals)
 * @param unitAmount     the unit price (up to 4 decimals)
 * @param accountCode    the account code
 * @param taxType        the tax type
 * @param discountRate   the discount in percent, when given
 * @param discountAmount the discount as an amount, when given
 * @param lineAmount     the line amount after discount, rounded to the currency's minor unit (tax-exclusive for
 *                       {@code Exclusive} invoices, tax-inclusive for {@code Inclusive} ones)
 * @param taxAmount      the line's tax, rounded to the currency's minor unit
 * @param tracking       the tracking options, at most two
 */
public record XeroLineItem(String lineItemId, String description, BigDecimal quantity, BigDecimal unitAmount,
                           String accountCode, String taxType, Optional<BigDecimal> discountRate,
                           Optional<BigDecimal> discountAmount, BigDecimal lineAmount, BigDecimal taxAmount,
                           List<XeroTracking> tracking) {

    /** Validates and copies the components. */
    public XeroLineItem {
        Objects.requireNonNull(lineItemId, "lineItemId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitAmount, "unitAmount");
        Objects.requireNonNull(accountCode, "accountCode");
        Objects.requireNonNull(taxType, "taxType");
        Objects.requireNonNull(discountRate, "discountRate");
        Objects.requireNonNull(discountAmount, "discountAmount");
        Objects.requireNonNull(lineAmount, "lineAmount");
        Objects.requireNonNull(taxAmount, "taxAmount");
        tracking = List.copyOf(tracking);
    }
}
