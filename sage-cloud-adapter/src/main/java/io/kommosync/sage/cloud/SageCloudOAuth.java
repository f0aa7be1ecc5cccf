package io.kommosync.sage.cloud;

import io.kommosync.client.Secret;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.HttpTokenEndpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorization-code step of Sage's OAuth 2.0, for hosts that connect a Sage user: send the user to
 * {@link #authorizationUrl}, then exchange the code Sage redirects back with at the {@link #tokenEndpoint} and seed
 * the shared token manager with the answer.
 *
 * <pre>{@code
 * URI consent = SageCloudOAuth.authorizationUrl(clientId, redirectUri, state, SageCloudOAuth.Scope.FULL_ACCESS,
 *         Optional.of("gb"));
 * // ... the user consents; Sage redirects to redirectUri?code=...&state=... (the code lives 60 s, single use)
 * OAuthTokens tokens = SageCloudOAuth.tokenEndpoint(clientId, Secret.of(clientSecret)).exchangeAuthorizationCode(code,
 *         redirectUri.toString());
 * tokenManager.seed(connectionId, tokens);   // then list port.businesses() and store the chosen businessId
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SageCloudOAuth {

    /** Sage's authorisation endpoint for API v3.1. */
    public static final String AUTHORIZATION_URL = "https://www.sageone.com/oauth2/auth/central?filter=apiv3.1";

    /** What the user grants. */
    public enum Scope {
        /** Read only. */
        READONLY,
        /** Read and write; needed to raise invoices. */
        FULL_ACCESS;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private SageCloudOAuth() {
    }

    /**
     * The URL to send the user to.
     *
     * @param clientId    the OAuth client id
     * @param redirectUri the registered redirect URI, character for character
     * @param state       an unguessable value the host checks on the redirect
     * @param scope       what the user grants
     * @param country     a country hint ({@code ca, de, es, fr, gb, ie, us}), when known
     * @return the authorisation URL
     * @throws NullPointerException if an argument is {@code null}
     */
    public static URI authorizationUrl(String clientId, URI redirectUri, String state, Scope scope,
            Optional<String> country) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(country, "country");
        StringBuilder url = new StringBuilder(AUTHORIZATION_URL)
                .append("&response_type=code")
                .append("&client_id=").append(encode(clientId))
                .append("&redirect_uri=").append(encode(redirectUri.toString()))
                .append("&scope=").append(scope.value())
                .append("&state=").append(encode(state));
        country.ifPresent(c -> url.append("&country=").append(encode(c.toLowerCase(Locale.ROOT))));
        return URI.create(url.toString());
    }

    /**
     * Sage's token endpoint ({@value SageCloudConfig#DEFAULT_TOKEN_URL}), form-encoded, client credentials in the
     * body, lifetimes read from {@code expires_in} and {@code refresh_token_expires_in}.
     *
     * @param clientId     the OAuth client id
     * @param clientSecret the OAuth client secret
     * @return the endpoint, also usable as the token manager's {@link io.kommosync.client.oauth.TokenEndpoint}
     */
    public static HttpTokenEndpoint tokenEndpoint(String clientId, Secret clientSecret) {
        return tokenEndpoint(URI.create(SageCloudConfig.DEFAULT_TOKEN_URL), clientId, clientSecret, Clock.systemUTC());
    }

    /**
     * A token endpoint at another URL (a simulator) and with another clock.
     *
     * @param tokenUrl     the token endpoint
     * @param clientId     the OAuth client id
     * @param clientSecret the OAuth client secret
     * @param clock        the clock token expiry is computed with
     * @return the endpoint
     */
    public static HttpTokenEndpoint tokenEndpoint(URI tokenUrl, String clientId, Secret clientSecret, Clock clock) {
        return HttpTokenEndpoint.builder().tokenUrl(tokenUrl).clientId(clientId).clientSecret(clientSecret)
                .bodyStyle(HttpTokenEndpoint.BodyStyle.FORM)
                .clientAuthentication(HttpTokenEndpoint.ClientAuthentication.REQUEST_BODY)
                .httpOptions(HttpOptions.defaults().withUserAgent("kommo-sync-sage-cloud")).clock(clock).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
