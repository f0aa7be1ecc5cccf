package io.kommosync.client.oauth;

import io.kommosync.client.Secret;

/**
 * Exchanges a refresh token for new tokens (RFC 6749 section 6). {@link HttpTokenEndpoint} implements it over
 * HTTP; tests use fakes.
 *
 * <p>Implementations must be thread-safe. {@link OAuth2TokenManager} never calls this concurrently for the same
 * connection within one process.
 */
@FunctionalInterface
public interface TokenEndpoint {

    /**
     * Refreshes the tokens of a connection.
     *
     * @param connectionId the connection, for error messages and per-connection endpoints
     * @param refreshToken the current refresh token
     * @return the new tokens; when the server sends no new refresh token, {@code refreshToken} is the old one
     * @throws ReauthorizationRequiredException when the server rejects the grant ({@code invalid_grant}, revoked
     *     or expired refresh token): only a new authorisation helps
     * @throws TokenRefreshException            when the refresh failed otherwise (I/O, 5xx, 429, bad response)
     */
    OAuthTokens refresh(String connectionId, Secret refreshToken);
}
