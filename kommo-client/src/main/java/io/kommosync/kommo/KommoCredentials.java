package io.kommosync.kommo;

import io.kommosync.client.Secret;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.HttpTokenEndpoint;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.kommo.internal.Arguments;
import java.net.URI;
import java.util.function.Function;

/**
 * How a {@link KommoClient} authenticates: a long-lived token of a private integration, or OAuth 2.0 tokens kept
 * valid by an {@link OAuth2TokenManager}.
 *
 * <pre>{@code
 * KommoCredentials.longLived(Secret.of(token));                      // never refreshed
 *
 * OAuth2TokenManager tokens = OAuth2TokenManager.builder()
 *     .tokenStore(store)
 *     .tokenEndpoint(KommoCredentials.tokenEndpoint(connectionId -> baseUrlOf(connectionId),
 *         clientId, Secret.of(clientSecret), redirectUri))
 *     .build();
 * KommoCredentials.oauth(tokens, connectionId);                      // refreshed ahead of expiry and after a 401
 * }</pre>
 *
 * <p>Kommo refresh tokens are single-use: only the token manager may refresh them (it serialises refreshes per
 * connection and saves the new pair before using it). A 401 under OAuth makes the client call
 * {@link OAuth2TokenManager#refreshAfterUnauthorized} once and retry once; a lost grant surfaces as
 * {@link io.kommosync.client.oauth.ReauthorizationRequiredException}, unwrapped.
 *
 * <p>Implementations are immutable and thread-safe; {@code toString()} never shows a token.
 */
public sealed interface KommoCredentials {

    /**
     * Credentials of a long-lived token (private integrations; lifetime chosen by the admin, 1 day to 5 years).
     * Never refreshed: a 401 is a {@link KommoAuthenticationException}.
     *
     * @param token the token
     * @return the credentials
     */
    static KommoCredentials longLived(Secret token) {
        return new LongLived(token);
    }

    /**
     * Credentials of an OAuth connection whose tokens the manager keeps.
     *
     * @param manager      the token manager shared by the application
     * @param connectionId the connection whose tokens to use
     * @return the credentials
     */
    static KommoCredentials oauth(OAuth2TokenManager manager, String connectionId) {
        return new OAuth(manager, connectionId);
    }

    /**
     * Builds Kommo's token endpoint for one account: {@code POST https://{baseDomain}/oauth2/access_token} with a
     * JSON body carrying client id, client secret and {@code redirect_uri}.
     *
     * @param baseUrl      the account's base URL, such as {@code https://acme.kommo.com}
     * @param clientId     the integration's client id
     * @param clientSecret the integration's secret key
     * @param redirectUri  the redirect URI registered for the integration (Kommo requires it on refresh)
     * @return the endpoint, for {@link OAuth2TokenManager.Builder#tokenEndpoint}
     */
    static HttpTokenEndpoint tokenEndpoint(URI baseUrl, String clientId, Secret clientSecret, String redirectUri) {
        URI base = KommoClient.validateBaseUrl(baseUrl);
        return tokenEndpoint(connectionId -> base, clientId, clientSecret, redirectUri, HttpOptions.defaults());
    }

    /**
     * Builds Kommo's token endpoint for many accounts, each with its own base URL (the token URL lives on the
     * account's domain).
     *
     * @param baseUrlOfConnection returns the base URL of a connection, such as {@code https://acme.kommo.com}
     * @param clientId            the integration's client id
     * @param clientSecret        the integration's secret key
     * @param redirectUri         the redirect URI registered for the integration
     * @param options             timeouts and user agent of token requests
     * @return the endpoint, for {@link OAuth2TokenManager.Builder#tokenEndpoint}
     */
    static HttpTokenEndpoint tokenEndpoint(Function<String, URI> baseUrlOfConnection, String clientId,
        Secret clientSecret, String redirectUri, HttpOptions options) {
        Arguments.notNull(baseUrlOfConnection, "baseUrlOfConnection",
            "pass a function from connection id to the account's base URL");
        return HttpTokenEndpoint.builder()
            .tokenUrlPerConnection(connectionId -> KommoClient.validateBaseUrl(baseUrlOfConnection.apply(connectionId))
                .resolve("/oauth2/access_token"))
            .clientId(clientId)
            .clientSecret(clientSecret)
            .redirectUri(redirectUri)
            .bodyStyle(HttpTokenEndpoint.BodyStyle.JSON)
            .clientAuthentication(HttpTokenEndpoint.ClientAuthentication.REQUEST_BODY)
            .httpOptions(Arguments.notNull(options, "options", "pass HttpOptions.defaults()"))
            .build();
    }

    /**
     * A long-lived token.
     *
     * @param token the token
     */
    record LongLived(Secret token) implements KommoCredentials {

        /**
         * Validates the token.
         *
         * @throws NullPointerException when {@code token} is null
         */
        public LongLived {
            Arguments.notNull(token, "token", "pass Secret.of(longLivedToken)");
        }

        @Override
        public String toString() {
            return "KommoCredentials.LongLived[token=" + token + "]";
        }
    }

    /**
     * An OAuth connection.
     *
     * @param manager      the token manager
     * @param connectionId the connection
     */
    record OAuth(OAuth2TokenManager manager, String connectionId) implements KommoCredentials {

        /**
         * Validates the components.
         *
         * @throws NullPointerException     when a component is null
         * @throws IllegalArgumentException when {@code connectionId} is blank
         */
        public OAuth {
            Arguments.notNull(manager, "manager", "pass the application's OAuth2TokenManager");
            Arguments.notBlank(connectionId, "connectionId", "pass the id the connection's tokens are stored under");
        }

        @Override
        public String toString() {
            return "KommoCredentials.OAuth[connection=" + connectionId + "]";
        }
    }
}
