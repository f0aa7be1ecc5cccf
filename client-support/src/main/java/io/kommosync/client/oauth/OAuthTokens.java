package io.kommosync.client.oauth;

import io.kommosync.client.Secret;
import io.kommosync.client.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * The OAuth2 credentials of one connection.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows a token.
 *
 * @param accessToken           the bearer token sent with API calls
 * @param refreshToken          the token that obtains a new pair; empty for long-lived tokens and grants without
 *                              one
 * @param accessTokenExpiresAt  when the access token stops working
 * @param refreshTokenExpiresAt when the refresh token stops working, if the vendor says (Sage does; Kommo
 *                              documents 3 months; Xero says nothing)
 */
public record OAuthTokens(
    Secret accessToken,
    Optional<Secret> refreshToken,
    Instant accessTokenExpiresAt,
    Optional<Instant> refreshTokenExpiresAt) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException naming the component when one is null (use {@code Optional.empty()} for
     *     absent values)
     */
    public OAuthTokens {
        Checks.notNull(accessToken, "accessToken", "pass Secret.of(accessToken)");
        Checks.notNull(refreshToken, "refreshToken", "pass Optional.empty() when there is no refresh token");
        Checks.notNull(accessTokenExpiresAt, "accessTokenExpiresAt",
            "pass the issue time plus the token's expires_in");
        Checks.notNull(refreshTokenExpiresAt, "refreshTokenExpiresAt", "pass Optional.empty() when unknown");
    }

    /**
     * Creates tokens with a refresh token of unknown lifetime.
     *
     * @param accessToken          the access token
     * @param refreshToken         the refresh token
     * @param accessTokenExpiresAt when the access token expires
     * @return the tokens
     */
    public static OAuthTokens of(Secret accessToken, Secret refreshToken, Instant accessTokenExpiresAt) {
        Checks.notNull(refreshToken, "refreshToken", "use the four-argument constructor when there is none");
        return new OAuthTokens(accessToken, Optional.of(refreshToken), accessTokenExpiresAt, Optional.empty());
    }

    /**
     * Tells whether the access token still works at {@code instant}.
     *
     * @param instant the moment to check
     * @return true when {@code instant} is before {@link #accessTokenExpiresAt()}
     */
    public boolean accessTokenValidAt(Instant instant) {
        return instant.isBefore(accessTokenExpiresAt);
    }

    /**
     * Describes the tokens without revealing them.
     *
     * @return a description with expiry times only
     */
    @Override
    public String toString() {
        return "OAuthTokens[accessToken=" + accessToken
            + ", refreshToken=" + (refreshToken.isPresent() ? "present" : "absent")
            + ", accessTokenExpiresAt=" + accessTokenExpiresAt
            + ", refreshTokenExpiresAt=" + refreshTokenExpiresAt.map(Instant::toString).orElse("unknown") + "]";
    }
}
