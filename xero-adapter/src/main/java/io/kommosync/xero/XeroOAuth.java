package io.kommosync.xero;

import io.kommosync.client.Secret;
import io.kommosync.client.http.FeignClients;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.HttpTokenEndpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Xero's OAuth2 facts for the host's consent flow and token lifecycle: the authorisation and token endpoints, the
 * granular scopes this adapter needs, and a {@link HttpTokenEndpoint} set up for Xero (form body, HTTP Basic client
 * authentication, 30-minute access tokens).
 *
 * <p>Xero's refresh tokens rotate: each refresh returns a new one, and the old one still works for 30 minutes (so a
 * refresh whose answer was lost can be retried with it); after that it answers {@code invalid_grant}, which
 * {@link io.kommosync.client.oauth.OAuth2TokenManager} turns into "re-authorisation required". Unused refresh tokens
 * expire after 60 days.
 */
public final class XeroOAuth {

    /** Where the consent screen is. */
    public static final URI AUTHORIZATION_URL = URI.create("https://login.xero.com/identity/connect/authorize");
    /** Xero's token endpoint. */
    public static final URI TOKEN_URL = URI.create("https://identity.xero.com/connect/token");
    /** Xero's access token lifetime. */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(30);
    /**
     * The granular scopes this adapter needs (apps created since 2 March 2026 cannot ask for the broad
     * {@code accounting.transactions}): invoices, contacts, settings (accounts, tax rates, tracking categories) and
     * {@code offline_access} for refresh tokens.
     */
    public static final List<String> SCOPES = List.of("accounting.invoices", "accounting.contacts",
            "accounting.settings", "offline_access");

    private XeroOAuth() {
    }

    /**
     * The URL to send a person to for consent (authorisation code flow).
     *
     * @param clientId    the app's client id
     * @param redirectUri the redirect URI registered for the app
     * @param state       an unguessable value the redirect must bring back
     * @return the URL
     * @throws NullPointerException if an argument is {@code null}
     */
    public static URI authorizationUri(String clientId, URI redirectUri, String state) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        return URI.create(AUTHORIZATION_URL + "?response_type=code&client_id=" + encode(clientId)
                + "&redirect_uri=" + encode(redirectUri.toString()) + "&scope=" + encode(String.join(" ", SCOPES))
                + "&state=" + encode(state));
    }

    /**
     * A token endpoint for Xero's identity service.
     *
     * @param clientId     the app's client id
     * @param clientSecret the app's client secret
     * @return the endpoint
     */
    public static HttpTokenEndpoint tokenEndpoint(String clientId, Secret clientSecret) {
        return tokenEndpoint(TOKEN_URL, clientId, clientSecret, HttpOptions.defaults(), Clock.systemUTC());
    }

    /**
     * A token endpoint at a given URL (a simulator's, in tests).
     *
     * @param tokenUrl     the token URL
     * @param clientId     the app's client id
     * @param clientSecret the app's client secret
     * @param options      timeouts and user agent
     * @param clock        the clock expiry is computed with
     * @return the endpoint
     */
    public static HttpTokenEndpoint tokenEndpoint(URI tokenUrl, String clientId, Secret clientSecret,
                                                  HttpOptions options, Clock clock) {
        return HttpTokenEndpoint.builder()
                .tokenUrl(tokenUrl)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .bodyStyle(HttpTokenEndpoint.BodyStyle.FORM)
                .clientAuthentication(HttpTokenEndpoint.ClientAuthentication.BASIC)
                .httpOptions(options)
                // A lost answer must surface (the old refresh token is retried within Xero's grace period by the
                // token manager), not be resent silently by OkHttp.
                .httpClient(FeignClients.okHttpClient(options).newBuilder().retryOnConnectionFailure(false).build())
                .clock(clock)
                .defaultAccessTokenLifetime(ACCESS_TOKEN_LIFETIME)
                .build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
