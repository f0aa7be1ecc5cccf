package io.kommosync.sync.mapping;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a mapping table measured against the ledger's chart of accounts, in words an accountant
 * understands, with what to do about it. Found by {@link MappingTable#validate(io.kommosync.accounting.spi.ChartOfAccounts)}.
 *
 * <p>Example: message {@code SKU 'CONS-1' (line 4): ledger account 7000 'Travel' is an expense account, not a
 * revenue account.}, fix {@code Choose a revenue account such as 4000 'Sales'.}
 *
 * @param key        the key of the row at fault; empty when the problem is in the deal-price fallback
 * @param sourceLine the line of the row (or fallback) in its file; {@code 0} when built in code
 * @param kind       what kind of problem it is
 * @param message    what is wrong, starting with the row it concerns
 * @param fix        what to do about it
 */
public record MappingProblem(Optional<ProductKey> key, int sourceLine, Kind kind, String message, String fix) {

    /** The kinds of problem. */
    public enum Kind {
        /** The row's ledger account code is not in the chart of accounts. */
        UNKNOWN_ACCOUNT,
        /** The row's ledger account exists but is inactive (archived). */
        INACTIVE_ACCOUNT,
        /** The row's ledger account is not an income account (revenue or other income). */
        NOT_REVENUE_ACCOUNT,
        /** The row's tax code is not among the ledger's tax rates. */
        UNKNOWN_TAX_CODE,
        /** The row's tax rate exists but is inactive. */
        INACTIVE_TAX_CODE,
        /** The row's ledger account requires a dimension the row does not give. */
        MISSING_REQUIRED_DIMENSION,
        /** The row gives a dimension value the ledger does not list for that dimension. */
        UNKNOWN_DIMENSION_VALUE,
        /** The row gives a dimension value the ledger lists as inactive. */
        INACTIVE_DIMENSION_VALUE,
        /** Two rows have the same key but different targets, so the table is ambiguous. */
        CONFLICTING_ROWS
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if a component is {@code null}
     * @throws IllegalArgumentException if the source line is negative
     */
    public MappingProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        if (sourceLine < 0) {
            throw new IllegalArgumentException("source line must not be negative, got " + sourceLine);
        }
    }

    /**
     * Whether the problem is in the deal-price fallback rather than in a row.
     *
     * @return {@code true} for the fallback
     */
    public boolean concernsFallback() {
        return key.isEmpty();
    }

    /**
     * The message followed by the fix, for example
     * {@code SKU 'CONS-1' (line 4): ... not a revenue account. Fix: choose a revenue account such as 4000 'Sales'.}
     *
     * @return the text to show a person
     */
    @Override
    public String toString() {
        return message + " Fix: " + fix;
    }
}
