package io.kommosync.sandbox.kommo;

/**
 * Whether an account's API answers, switchable per account with {@link SandboxAccount#changeStatus(AccountStatus)}.
 */
public enum AccountStatus {
    /** Every call is served. */
    ACTIVE,
    /** The subscription lapsed recently: writes ({@code POST}, {@code PATCH}, {@code DELETE}) get 402, reads work. */
    PAYMENT_OVERDUE,
    /** The subscription lapsed long ago: every call gets 402. */
    PAYMENT_REQUIRED,
    /** Access is denied (no rights, IP allow-list): every call gets 403 with a problem+json body. */
    FORBIDDEN
}
