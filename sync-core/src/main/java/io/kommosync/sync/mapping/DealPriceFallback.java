package io.kommosync.sync.mapping;

import io.kommosync.accounting.spi.Dimensions;
import java.util.Objects;

/**
 * How to invoice a deal that has no products: its price becomes one line with this description, posted to this
 * account with this tax code and dimensions. A table without a fallback leaves such deals to a person.
 *
 * @param description       the line text, for example {@code "Services as agreed"}; stored stripped, not blank
 * @param ledgerAccountCode the ledger account code; stored stripped, not blank
 * @param taxCode           the tax code; stored stripped, not blank
 * @param dimensions        the line's dimensions; {@link Dimensions#none()} for none
 * @param sourceLine        the line in the file the fallback was read from; {@code 0} when built in code
 */
public record DealPriceFallback(String description, String ledgerAccountCode, String taxCode, Dimensions dimensions,
                                int sourceLine) {

    /**
     * Validates and strips the components.
     *
     * @throws NullPointerException     if a component is {@code null}
     * @throws IllegalArgumentException if the description, account or tax code is blank, or the line is negative
     */
    public DealPriceFallback {
        Objects.requireNonNull(description, "description of the deal-price fallback");
        Objects.requireNonNull(ledgerAccountCode, "ledgerAccountCode of the deal-price fallback");
        Objects.requireNonNull(taxCode, "taxCode of the deal-price fallback");
        Objects.requireNonNull(dimensions, "dimensions of the deal-price fallback");
        description = description.strip();
        ledgerAccountCode = ledgerAccountCode.strip();
        taxCode = taxCode.strip();
        if (description.isEmpty()) {
            throw new IllegalArgumentException("the deal-price fallback needs a line description; it is blank");
        }
        if (ledgerAccountCode.isEmpty()) {
            throw new IllegalArgumentException("the deal-price fallback needs a ledger account code; it is blank");
        }
        if (taxCode.isEmpty()) {
            throw new IllegalArgumentException("the deal-price fallback needs a tax code; it is blank");
        }
        if (sourceLine < 0) {
            throw new IllegalArgumentException("the deal-price fallback has a negative source line " + sourceLine
                    + "; use 0 when built in code");
        }
    }

    /**
     * A fallback built in code.
     *
     * @param description       the line text
     * @param ledgerAccountCode the ledger account code
     * @param taxCode           the tax code
     * @param dimensions        the dimensions
     */
    public DealPriceFallback(String description, String ledgerAccountCode, String taxCode, Dimensions dimensions) {
        this(description, ledgerAccountCode, taxCode, dimensions, 0);
    }
}
