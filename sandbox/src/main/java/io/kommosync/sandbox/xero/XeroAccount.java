package io.kommosync.sandbox.xero;

import java.util.Objects;

/**
 * An account of a simulated organisation's chart of accounts, as {@code GET /Accounts} shows it.
 *
 * @param accountId the Xero id (a UUID)
 * @param code      the account code lines post to, for example {@code "200"}
 * @param name      the display name
 * @param type      Xero's account type, for example {@code REVENUE}, {@code SALES}, {@code EXPENSE}, {@code BANK}
 * @param status    {@code ACTIVE} or {@code ARCHIVED}
 * @param taxType   the default tax type, for example {@code OUTPUT2}
 */
public record XeroAccount(String accountId, String code, String name, String type, String status, String taxType) {

    /** Validates the components. */
    public XeroAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(taxType, "taxType");
    }

    /**
     * Xero's read-only account class, derived from the type.
     *
     * @return {@code REVENUE}, {@code EXPENSE}, {@code ASSET}, {@code LIABILITY} or {@code EQUITY}
     */
    public String accountClass() {
        return switch (type) {
            case "REVENUE", "SALES", "OTHERINCOME" -> "REVENUE";
            case "EXPENSE", "OVERHEADS", "DIRECTCOSTS", "DEPRECIATN" -> "EXPENSE";
            case "CURRLIAB", "LIABILITY", "TERMLIAB", "PAYG" -> "LIABILITY";
            case "EQUITY" -> "EQUITY";
            default -> "ASSET";
        };
    }

    /** @return whether lines may post to it */
    public boolean active() {
        return "ACTIVE".equals(status);
    }

    XeroAccount withStatus(String newStatus) {
        return new XeroAccount(accountId, code, name, type, newStatus, taxType);
    }
}
