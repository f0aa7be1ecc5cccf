package io.kommosync.sync.mapping;

import io.kommosync.accounting.spi.Dimensions;
import java.util.Objects;

/**
 * One row of the mapping table: products matching {@link #key()} post to a ledger account with a tax code and
 * dimensions.
 *
 * <p>Two rows have the <em>same target</em> when account, tax code and dimensions are equal; see
 * {@link #sameTarget(MappingRow)}. The source line takes no part in matching, in {@link MappingTable#fingerprint()}
 * or in table equality.
 *
 * @param key               what the row matches
 * @param ledgerAccountCode the code of the ledger account, as in the chart of accounts (for example
 *                          {@code "4000"}); stored stripped, not blank
 * @param taxCode           the code of the tax rate (for example {@code "GB_STANDARD"}); stored stripped, not blank
 * @param dimensions        the dimensions lines of matching products carry; {@link Dimensions#none()} for none
 * @param sourceLine        the line (CSV) or row start line (YAML/JSON) in the file the row was read from;
 *                          {@code 0} when built in code
 */
public record MappingRow(ProductKey key, String ledgerAccountCode, String taxCode, Dimensions dimensions,
                         int sourceLine) {

    /**
     * Validates and strips the components.
     *
     * @throws NullPointerException     if a component is {@code null}
     * @throws IllegalArgumentException if the account or tax code is blank or the source line is negative
     */
    public MappingRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ledgerAccountCode, "ledgerAccountCode of the row for " + key.describe());
        Objects.requireNonNull(taxCode, "taxCode of the row for " + key.describe());
        Objects.requireNonNull(dimensions, "dimensions of the row for " + key.describe());
        ledgerAccountCode = ledgerAccountCode.strip();
        taxCode = taxCode.strip();
        if (ledgerAccountCode.isEmpty()) {
            throw new IllegalArgumentException("the row for " + key.describe()
                    + " needs a ledger account code; it is blank");
        }
        if (taxCode.isEmpty()) {
            throw new IllegalArgumentException("the row for " + key.describe() + " needs a tax code; it is blank");
        }
        if (sourceLine < 0) {
            throw new IllegalArgumentException("the row for " + key.describe()
                    + " has a negative source line " + sourceLine + "; use 0 for rows built in code");
        }
    }

    /**
     * A row built in code, without dimensions.
     *
     * @param key               what the row matches
     * @param ledgerAccountCode the ledger account code
     * @param taxCode           the tax code
     * @return the row
     */
    public static MappingRow of(ProductKey key, String ledgerAccountCode, String taxCode) {
        return new MappingRow(key, ledgerAccountCode, taxCode, Dimensions.none(), 0);
    }

    /**
     * A row built in code.
     *
     * @param key               what the row matches
     * @param ledgerAccountCode the ledger account code
     * @param taxCode           the tax code
     * @param dimensions        the dimensions
     * @return the row
     */
    public static MappingRow of(ProductKey key, String ledgerAccountCode, String taxCode, Dimensions dimensions) {
        return new MappingRow(key, ledgerAccountCode, taxCode, dimensions, 0);
    }

    /**
     * Whether another row posts to the same account, tax code and dimensions (keys and lines are not compared).
     *
     * @param other the other row
     * @return {@code true} if both rows have the same target
     */
    public boolean sameTarget(MappingRow other) {
        return ledgerAccountCode.equals(other.ledgerAccountCode) && taxCode.equals(other.taxCode)
                && dimensions.equals(other.dimensions);
    }
}
