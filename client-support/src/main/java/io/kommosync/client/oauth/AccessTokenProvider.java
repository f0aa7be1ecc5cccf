package io.kommosync.client.oauth;

import io.kommosync.client.Secret;
import io.kommosync.client.internal.Checks;
import java.util.Optional;

/**
 * Supplies the access token for the next request of one connection; used by
 * {@link io.kommosync.client.http.BearerTokenInterceptor}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AccessTokenProvider {

    /**
     * Returns a currently valid access token, refreshing it first when needed.
     *
     * @return the token
     * @throws ReauthorizationRequiredException when the connection must be authorised again
     * @throws TokenRefreshException            when a needed refresh failed
     */
    Secret accessToken();

    /**
     * Called after the server answered 401 to a request sent with {@code rejectedToken}: returns a different token
     * to retry the request once with, or empty when there is none (do not retry then). The default returns empty.
     *
     * @param rejectedToken the token the server rejected
     * @return a new token, or empty
     * @throws ReauthorizationRequiredException when the connection must be authorised again
     * @throws TokenRefreshException            when the refresh failed
     */
    default Optional<Secret> refreshAfterUnauthorized(Secret rejectedToken) {
        return Optional.empty();
    }

    /**
     * Returns a provider of one long-lived token (for example a Kommo private-integration token) that is never
     * refreshed.
     *
     * @param token the token
     * @return the provider
     */
    static AccessTokenProvider fixed(Secret token) {
        Checks.notNull(token, "token", "pass Secret.of(longLivedToken)");
        return new AccessTokenProvider() {
            @Override
            public Secret accessToken() {
                return token;
            }

            @Override
            public String toString() {
                return "AccessTokenProvider[fixed]";
            }
        };
    }
}
