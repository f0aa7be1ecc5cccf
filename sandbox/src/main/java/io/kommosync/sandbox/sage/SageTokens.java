package io.kommosync.sandbox.sage;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tokens a simulator issued for one grant, as {@code POST /token} answers them.
 *
 * @param accessToken           the bearer token; never shown by {@link #toString()}
 * @param refreshToken          the single-use refresh token; never shown by {@link #toString()}
 * @param accessTokenExpiresAt  when the access token stops working, by the simulator's clock
 * @param refreshTokenExpiresAt when the refresh token stops working
 * @param expiresIn             the access token's lifetime ({@code expires_in})
 * @param refreshTokenExpiresIn the refresh token's lifetime ({@code refresh_token_expires_in})
 */
public record SageTokens(String accessToken, String refreshToken, Instant accessTokenExpiresAt,
                         Instant refreshTokenExpiresAt, Duration expiresIn, Duration refreshTokenExpiresIn) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SageTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(refreshTokenExpiresIn, "refreshTokenExpiresIn");
    }

    @Override
    public String toString() {
        return "SageTokens[accessToken=****, refreshToken=****, accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", refreshTokenExpiresAt=" + refreshTokenExpiresAt + "]";
    }
}
