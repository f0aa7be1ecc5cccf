package io.kommosync.sandbox.intacct;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A GLACCOUNT of the simulated company.
 *
 * @param recordNo      the system key
 * @param accountNo     the account number, for example {@code 4000}
 * @param title         the title
 * @param incomeStatement {@code true} for an income-statement account ({@code ACCOUNTTYPE incomestatement}),
 *                      {@code false} for a balance-sheet account
 * @param normalBalance {@code credit} or {@code debit}
 * @param active        {@code STATUS active} or {@code inactive}
 * @param required      the dimensions a line posting here must carry (the {@code REQUIRE*} flags)
 */
public record GlAccount(long recordNo, String accountNo, String title, boolean incomeStatement, String normalBalance,
                        boolean active, Set<IntacctDimension> required) {

    /** Validates and copies. */
    public GlAccount {
        Objects.requireNonNull(accountNo, "accountNo");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(normalBalance, "normalBalance");
        required = required.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(required));
    }

    GlAccount withActive(boolean value) {
        return new GlAccount(recordNo, accountNo, title, incomeStatement, normalBalance, value, required);
    }
}
