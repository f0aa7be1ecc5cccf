package io.kommosync.sandbox.xero;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The tokens of one authorisation, as {@code POST /connect/token} returns them.
 *
 * @param accessToken          the bearer token for API calls
 * @param refreshToken         the single-use refresh token (30-minute grace after use)
 * @param accessTokenExpiresAt when the access token stops working, by the simulator's clock
 * @param scopes               the granted scopes
 * @param authEventId          the id shared by the connections made by this authorisation
 */
public record XeroTokenSet(String accessToken, String refreshToken, Instant accessTokenExpiresAt, Set<String> scopes,
                           String authEventId) {

    /** Validates and copies the components. */
    public XeroTokenSet {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(authEventId, "authEventId");
    }

    @Override
    public String toString() {
        return "XeroTokenSet[accessToken=****, refreshToken=****, accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", scopes=" + scopes + "]";
    }
}
