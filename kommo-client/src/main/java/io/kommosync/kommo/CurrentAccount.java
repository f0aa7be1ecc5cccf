package io.kommosync.kommo;

import io.kommosync.kommo.internal.KommoCalls;
import io.kommosync.kommo.internal.KommoReader;

/**
 * The account the client is connected to. Get it from {@link KommoClient#account()}.
 *
 * <p>Thread-safe.
 */
public final class CurrentAccount {

    private final KommoCalls calls;

    CurrentAccount(KommoCalls calls) {
        this.calls = calls;
    }

    /**
     * Reads the account: {@code GET /api/v4/account}. Cheap; also a good check that the credentials work.
     *
     * @return the account with id, subdomain and currency
     * @throws KommoException the subclasses described there
     */
    public Account get() {
        return KommoReader.account(calls.repeatable("GET /api/v4/account", api -> api.account()));
    }
}
