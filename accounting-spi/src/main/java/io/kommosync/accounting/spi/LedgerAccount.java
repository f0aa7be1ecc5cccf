package io.kommosync.accounting.spi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An account of the ledger's chart of accounts.
 *
 * @param id                 the ledger's internal id (Sage Cloud's {@code ledger_account_id}, Xero's
 *                           {@code AccountID}); equal to {@code code} where the ledger has no separate id
 * @param code               the account code the accountant knows, for example {@code "4000"}; the mapping
 *                           table refers to accounts by this code
 * @param name               the display name
 * @param type               the normalised class
 * @param active             whether new postings may use it
 * @param requiredDimensions dimensions a line posted to this account must carry (Intacct's {@code REQUIRE*}
 *                           flags); empty for ledgers without dimensions
 */
public record LedgerAccount(String id, String code, String name, AccountType type, boolean active,
                            Set<DimensionType> requiredDimensions) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if {@code code} is blank
     */
    public LedgerAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(requiredDimensions, "requiredDimensions");
        if (code.isBlank()) {
            throw new IllegalArgumentException("a ledger account needs a code");
        }
        requiredDimensions = requiredDimensions.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredDimensions));
    }

    /**
     * An active account that requires no dimension.
     *
     * @param id   the ledger's id
     * @param code the account code
     * @param name the display name
     * @param type the class
     * @return the account
     */
    public static LedgerAccount of(String id, String code, String name, AccountType type) {
        return new LedgerAccount(id, code, name, type, true, Set.of());
    }
}
