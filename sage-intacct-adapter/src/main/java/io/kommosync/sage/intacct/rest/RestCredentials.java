package io.kommosync.sage.intacct.rest;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.ConfigReader;
import io.kommosync.client.Secret;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.oauth.HttpTokenEndpoint;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.client.oauth.TokenStore;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How the REST transport gets access tokens: an OAuth2 authorization-code grant kept fresh by an
 * {@link OAuth2TokenManager} (attached, or built over an attached {@link TokenStore}), or the client-credentials
 * grant for a company user ({@code username = user@company|entity}). Immutable; secrets never shown.
 */
public final class RestCredentials {

    /** The OAuth2 grant the REST transport uses. */
    public enum Grant {
        /** Authorization code with {@code offline_access}: refresh tokens, rotated on each refresh. */
        AUTHORIZATION_CODE,
        /** Client credentials for a company user. */
        CLIENT_CREDENTIALS
    }

    private final String clientId;
    private final Secret clientSecret;
    private final Grant grant;
    private final Optional<String> userId;
    private final String connectionId;
    private final boolean refreshOnUnauthorized;
    private final OAuth2TokenManager manager;
    private final TokenStore store;

    private RestCredentials(String clientId, Secret clientSecret, Grant grant, Optional<String> userId,
                            String connectionId, boolean refreshOnUnauthorized, OAuth2TokenManager manager,
                            TokenStore store) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.grant = grant;
        this.userId = userId;
        this.connectionId = connectionId;
        this.refreshOnUnauthorized = refreshOnUnauthorized;
        this.manager = manager;
        this.store = store;
    }

    /**
     * Reads the REST keys, recording every problem in the reader.
     *
     * @param r         the reader
     * @param config    the configuration (for attachments)
     * @param companyId the company id (the default connection id), may be {@code null} when missing
     * @return the credentials; only usable after {@link ConfigReader#validate()} passed
     */
    public static RestCredentials read(ConfigReader r, AccountingConfig config, String companyId) {
        String clientId = r.required("clientId");
        String clientSecret = r.required("clientSecret");
        Grant grant = r.oneOf("grant", Grant.class, Grant.AUTHORIZATION_CODE);
        Optional<String> userId = r.optional("userId");
        String connectionId = r.string("connectionId", companyId == null ? "intacct" : companyId);
        boolean refresh = r.bool("refreshOnUnauthorized", true);
        OAuth2TokenManager manager = config.attachment(OAuth2TokenManager.class).orElse(null);
        TokenStore store = config.attachment(TokenStore.class).orElse(null);
        if (grant == Grant.CLIENT_CREDENTIALS && userId.isEmpty()) {
            r.problem("userId", "missing", "set 'userId' to the company user the client-credentials grant acts as");
        }
        if (grant == Grant.AUTHORIZATION_CODE && manager == null && store == null) {
            r.problem("TokenStore", "no OAuth2TokenManager or TokenStore attached", "attach the TokenStore holding "
                    + "the connection's tokens (seeded after the authorization-code exchange) with "
                    + "AccountingConfig.Builder.attach");
        }
        return new RestCredentials(clientId == null ? "" : clientId,
                clientSecret == null || clientSecret.isBlank() ? null : Secret.of(clientSecret), grant, userId,
                connectionId, refresh, manager, store);
    }

    /** @return the company user, for the client-credentials grant */
    public Optional<String> userId() {
        return userId;
    }

    /** @return whether a 401 triggers one refresh and retry */
    public boolean refreshOnUnauthorized() {
        return refreshOnUnauthorized;
    }

    /**
     * The access tokens for the transport.
     *
     * @param tokenUrl  the token endpoint
     * @param companyId the company id
     * @param entityId  the entity, when any
     * @param clock     the clock
     * @param options   HTTP options
     * @return the provider
     */
    AccessTokenProvider tokens(URI tokenUrl, String companyId, Optional<String> entityId, Clock clock,
                               HttpOptions options) {
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (grant == Grant.CLIENT_CREDENTIALS) {
            String username = userId.orElseThrow() + "@" + companyId + entityId.map(e -> "|" + e).orElse("");
            return new ClientCredentialsTokens(tokenUrl, clientId, clientSecret, username, clock, options);
        }
        OAuth2TokenManager tokens = manager != null ? manager : OAuth2TokenManager.builder().tokenStore(store)
                .clock(clock).tokenEndpoint(HttpTokenEndpoint.builder().tokenUrl(tokenUrl).clientId(clientId)
                        .clientSecret(clientSecret).clock(clock).httpOptions(options).build()).build();
        return tokens.forConnection(connectionId);
    }

    @Override
    public String toString() {
        return "RestCredentials[" + grant + ", clientId=" + clientId + ", connection=" + connectionId + "]";
    }
}
