package io.kommosync.client.oauth;

/**
 * Notified by {@link OAuth2TokenManager} after the tokens of a connection were refreshed and saved, for metrics,
 * audit or alerting (for example when the refresh token will expire soon). It receives no secrets.
 *
 * <p>Called on the refreshing thread; keep it fast. Exceptions it throws are logged and otherwise ignored.
 */
@FunctionalInterface
public interface TokenRefreshListener {

    /**
     * Reacts to a completed refresh.
     *
     * @param event what was refreshed
     */
    void onTokensRefreshed(TokenRefreshed event);
}
