package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.Currency;
import java.util.Optional;

/**
 * The Kommo account a client is connected to ({@code GET /api/v4/account}). Leads carry no currency of their own:
 * their budgets are in this account currency.
 *
 * @param id           the account's id (the {@code account[id]} of its webhooks)
 * @param name         its name
 * @param subdomain    its subdomain (the {@code acme} of {@code acme.kommo.com})
 * @param currencyCode its currency as Kommo sends it, normally an ISO 4217 code such as {@code USD}; empty when
 *                     Kommo sent none
 */
public record Account(long id, String name, String subdomain, String currencyCode) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public Account {
        Arguments.id(id, "id");
        Arguments.notNull(name, "name", "pass \"\" when absent");
        Arguments.notNull(subdomain, "subdomain", "pass \"\" when absent");
        Arguments.notNull(currencyCode, "currencyCode", "pass \"\" when absent");
    }

    /**
     * Returns the account currency.
     *
     * @return the currency; empty when {@link #currencyCode()} is not an ISO 4217 code
     */
    public Optional<Currency> currency() {
        try {
            return currencyCode.isBlank() ? Optional.empty() : Optional.of(Currency.getInstance(currencyCode.trim()));
        } catch (IllegalArgumentException notIso) {
            return Optional.empty();
        }
    }
}
