package io.kommosync.client.oauth;

import io.kommosync.client.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link TokenRefreshListener} learns about a refresh: when and until when, never the tokens themselves
 * (they are already in the {@link TokenStore}).
 *
 * @param connectionId          the refreshed connection
 * @param refreshedAt           when the refresh completed, by the manager's clock
 * @param accessTokenExpiresAt  when the new access token expires
 * @param refreshTokenExpiresAt when the refresh token expires, if known
 * @param refreshTokenRotated   true when the server issued a new refresh token
 */
public record TokenRefreshed(
    String connectionId,
    Instant refreshedAt,
    Instant accessTokenExpiresAt,
    Optional<Instant> refreshTokenExpiresAt,
    boolean refreshTokenRotated) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException naming the component when one is null
     */
    public TokenRefreshed {
        Checks.notNull(connectionId, "connectionId", "pass the id of the connection");
        Checks.notNull(refreshedAt, "refreshedAt", "pass the clock's instant");
        Checks.notNull(accessTokenExpiresAt, "accessTokenExpiresAt", "pass the new expiry");
        Checks.notNull(refreshTokenExpiresAt, "refreshTokenExpiresAt", "pass Optional.empty() when unknown");
    }
}
