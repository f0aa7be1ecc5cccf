package io.kommosync.client.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kommosync.client.Secret;
import io.kommosync.client.http.FeignClients;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.http.HttpResponses;
import io.kommosync.client.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OAuth2 token endpoint over HTTP (RFC 6749 sections 4.1.3 and 6), configurable for each vendor:
 *
 * <ul>
 *   <li>Kommo: {@code POST https://{subdomain}.kommo.com/oauth2/access_token}, {@link BodyStyle#JSON}, client
 *       credentials in the body, {@code redirect_uri} required on refresh; the token URL differs per account, so
 *       use {@link Builder#tokenUrlPerConnection(Function)}.</li>
 *   <li>Sage Business Cloud Accounting: {@code POST https://oauth.accounting.sage.com/token}, {@link BodyStyle#FORM},
 *       credentials in the body; answers {@code refresh_token_expires_in}.</li>
 *   <li>Xero: {@code POST https://identity.xero.com/connect/token}, {@link BodyStyle#FORM},
 *       {@link ClientAuthentication#BASIC}.</li>
 *   <li>Sage Intacct: {@code POST https://api.intacct.com/ia/api/v1/oauth2/token}, {@link BodyStyle#FORM}.</li>
 * </ul>
 *
 * <p>Answers: {@code access_token} (required), {@code refresh_token} (absent: the old one stays valid),
 * {@code expires_in} (absent: {@link Builder#defaultAccessTokenLifetime(Duration)}), {@code refresh_token_expires_in}
 * or {@code x_refresh_token_expires_in} (optional). Expiry instants are computed from the injected clock read
 * <em>before</em> the request is sent, so they are never later than the server's.
 *
 * <p>Errors: a 400 or 401 with {@code "error":"invalid_grant"}, or with a Kommo {@code hint} about a revoked,
 * expired or undecryptable refresh token, becomes {@link ReauthorizationRequiredException}; I/O failures, 408,
 * 429 and 5xx become a retryable {@link TokenRefreshException}; any other answer a non-retryable one (for
 * example {@code invalid_client}: check the client id and secret). Messages carry the OAuth error code and
 * description, never a token, code or secret.
 *
 * <p>Immutable and thread-safe.
 */
public final class HttpTokenEndpoint implements TokenEndpoint {

    /** How the request parameters are encoded. */
    public enum BodyStyle {
        /** {@code application/x-www-form-urlencoded}, as RFC 6749 specifies. */
        FORM,
        /** A JSON object of strings, as Kommo expects. */
        JSON
    }

    /** How the client authenticates (RFC 6749 section 2.3.1). */
    public enum ClientAuthentication {
        /** {@code client_id} and {@code client_secret} as request parameters. */
        REQUEST_BODY,
        /** HTTP Basic with the form-urlencoded client id and secret; {@code client_id} is not sent in the body. */
        BASIC
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpTokenEndpoint.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_DESCRIPTION = 200;

    private final Function<String, URI> tokenUrl;
    private final boolean perConnectionUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final BodyStyle bodyStyle;
    private final ClientAuthentication clientAuthentication;
    private final String redirectUri;
    private final Map<String, String> extraParameters;
    private final OkHttpClient http;
    private final String userAgent;
    private final Clock clock;
    private final Duration defaultLifetime;
    private final ObjectMapper mapper = new ObjectMapper();

    private HttpTokenEndpoint(Builder builder) {
        if (builder.tokenUrl == null) {
            throw new NullPointerException(
                "tokenUrl must not be null: call builder.tokenUrl(...) or builder.tokenUrlPerConnection(...)");
        }
        this.tokenUrl = builder.tokenUrl;
        this.perConnectionUrl = builder.perConnectionUrl;
        this.clientId = Checks.notBlank(builder.clientId, "clientId",
            "call builder.clientId(...) with the integration's client id");
        this.clientSecret = Checks.notNull(builder.clientSecret, "clientSecret",
            "call builder.clientSecret(Secret.of(...)) with the integration's client secret");
        this.bodyStyle = builder.bodyStyle;
        this.clientAuthentication = builder.clientAuthentication;
        this.redirectUri = builder.redirectUri;
        this.extraParameters = Map.copyOf(builder.extraParameters);
        this.http = builder.http == null ? FeignClients.okHttpClient(builder.options) : builder.http;
        this.userAgent = builder.options.userAgent();
        this.clock = builder.clock;
        this.defaultLifetime = builder.defaultLifetime;
    }

    /**
     * Returns a new builder.
     *
     * @return a builder (not thread-safe)
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public OAuthTokens refresh(String connectionId, Secret refreshToken) {
        Checks.notNull(connectionId, "connectionId", "pass the id of the connection");
        Checks.notNull(refreshToken, "refreshToken", "pass the stored refresh token");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "refresh_token");
        params.put("refresh_token", refreshToken.reveal());
        if (redirectUri != null) {
            params.put("redirect_uri", redirectUri);
        }
        return call(connectionId, params, Optional.of(refreshToken), refreshToken);
    }

    /**
     * Exchanges an authorisation code (RFC 6749 section 4.1.3). Requires a fixed token URL.
     *
     * @param code        the code from the authorisation redirect
     * @param redirectUri the redirect URI used in the authorisation request
     * @return the new tokens, to be given to {@link OAuth2TokenManager#seed(String, OAuthTokens)}
     * @throws IllegalStateException            when the endpoint was built with a per-connection token URL
     * @throws ReauthorizationRequiredException when the code is invalid, expired or already used
     * @throws TokenRefreshException            when the exchange failed otherwise
     */
    public OAuthTokens exchangeAuthorizationCode(String code, String redirectUri) {
        if (perConnectionUrl) {
            throw new IllegalStateException("This endpoint has a per-connection token URL: call"
                + " exchangeAuthorizationCode(connectionId, code, redirectUri)");
        }
        return exchangeAuthorizationCode("(new connection)", code, redirectUri);
    }

    /**
     * Exchanges an authorisation code for a given connection (RFC 6749 section 4.1.3).
     *
     * @param connectionId the connection, used for the token URL and messages
     * @param code         the code from the authorisation redirect
     * @param redirectUri  the redirect URI used in the authorisation request
     * @return the new tokens, to be given to {@link OAuth2TokenManager#seed(String, OAuthTokens)}
     * @throws ReauthorizationRequiredException when the code is invalid, expired or already used
     * @throws TokenRefreshException            when the exchange failed otherwise
     */
    public OAuthTokens exchangeAuthorizationCode(String connectionId, String code, String redirectUri) {
        Checks.notNull(connectionId, "connectionId", "pass the id of the connection");
        Checks.notBlank(code, "code", "pass the code query parameter of the authorisation redirect");
        Checks.notBlank(redirectUri, "redirectUri", "pass the redirect URI registered for the integration");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", redirectUri);
        return call(connectionId, params, Optional.empty(), Secret.of(code));
    }

    private OAuthTokens call(
        String connectionId, Map<String, String> grantParams, Optional<Secret> previousRefreshToken, Secret grant) {
        URI url = Checks.notNull(tokenUrl.apply(connectionId), "tokenUrl",
            "the per-connection token URL function returned null for connection '" + connectionId + "'");
        Map<String, String> params = new LinkedHashMap<>(grantParams);
        if (clientAuthentication == ClientAuthentication.REQUEST_BODY) {
            params.put("client_id", clientId);
            params.put("client_secret", clientSecret.reveal());
        }
        extraParameters.forEach(params::putIfAbsent);

        Request.Builder request = new Request.Builder()
            .url(url.toString())
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .post(body(params));
        if (clientAuthentication == ClientAuthentication.BASIC) {
            request.header("Authorization", Credentials.basic(
                formEncode(clientId), formEncode(clientSecret.reveal()), StandardCharsets.UTF_8));
        }

        Instant sentAt = clock.instant();
        try (Response response = http.newCall(request.build()).execute()) {
            byte[] bytes = readCapped(response.body());
            if (response.isSuccessful()) {
                return parseTokens(connectionId, bytes, sentAt, previousRefreshToken);
            }
            throw failure(connectionId, response, bytes, grant);
        } catch (IOException e) {
            throw new TokenRefreshException("Could not reach the token endpoint of connection '" + connectionId
                + "' (" + e.getClass().getSimpleName() + "); try again later", true, e);
        }
    }

    private RequestBody body(Map<String, String> params) {
        if (bodyStyle == BodyStyle.FORM) {
            FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8);
            params.forEach(form::add);
            return form.build();
        }
        try {
            return RequestBody.create(mapper.writeValueAsBytes(params), JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings could not be written as JSON", e);
        }
    }

    private OAuthTokens parseTokens(
        String connectionId, byte[] bytes, Instant sentAt, Optional<Secret> previousRefreshToken) {
        JsonNode json = parse(bytes);
        String access = text(json, "access_token");
        if (access == null) {
            throw new TokenRefreshException("The token endpoint of connection '" + connectionId
                + "' answered without an access_token", false, null);
        }
        String refresh = text(json, "refresh_token");
        Optional<Secret> refreshToken = refresh == null ? previousRefreshToken : Optional.of(Secret.of(refresh));
        Duration lifetime = seconds(json, "expires_in").orElseGet(() -> {
            LOG.debug("Token endpoint of connection {} sent no usable expires_in; assuming {}",
                connectionId, defaultLifetime);
            return defaultLifetime;
        });
        Optional<Instant> refreshExpiresAt = refresh == null ? Optional.empty()
            : seconds(json, "refresh_token_expires_in").or(() -> seconds(json, "x_refresh_token_expires_in"))
                .map(sentAt::plus);
        return new OAuthTokens(Secret.of(access), refreshToken, sentAt.plus(lifetime), refreshExpiresAt);
    }

    private RuntimeException failure(String connectionId, Response response, byte[] bytes, Secret grant) {
        int status = response.code();
        JsonNode json = parse(bytes);
        String error = text(json, "error");
        String description = firstNonNull(text(json, "error_description"), text(json, "hint"), text(json, "detail"));
        String shown = (error == null ? "" : error) + (description == null ? ""
            : (error == null ? "" : ": ") + clip(redact(description, grant)));
        String summary = "HTTP " + status + (shown.isEmpty() ? "" : " (" + shown + ")");

        if ((status == 400 || status == 401) && grantIsGone(error, text(json, "hint"))) {
            return new ReauthorizationRequiredException(connectionId,
                "the token endpoint rejected the grant, " + summary);
        }
        Duration retryAfter = HttpResponses.parseRetryAfter(response.header("Retry-After"), clock).orElse(null);
        boolean retryable = status == 408 || status == 429 || status >= 500;
        String fix = retryable ? "try again later"
            : "invalid_client".equals(error) || status == 401 ? "check the client id and client secret"
            : "check the token endpoint configuration";
        return new TokenRefreshException("The token endpoint of connection '" + connectionId + "' answered "
            + summary + "; " + fix, retryable, status, retryAfter, null);
    }

    private static boolean grantIsGone(String error, String hint) {
        if ("invalid_grant".equalsIgnoreCase(error)) {
            return true;
        }
        if (hint == null) {
            return false;
        }
        String lower = hint.toLowerCase(Locale.ROOT);
        return lower.contains("revoked") || lower.contains("expired") || lower.contains("refresh token");
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        if (json == null) {
            return null;
        }
        JsonNode node = json.get(field);
        if (node == null || node.isNull() || !node.isValueNode()) {
            return null;
        }
        String value = node.asText();
        return value.isBlank() ? null : value;
    }

    private static Optional<Duration> seconds(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static byte[] readCapped(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        try (InputStream in = body.byteStream()) {
            return in.readNBytes(HttpResponses.DEFAULT_BODY_LIMIT);
        }
    }

    private String redact(String text, Secret grant) {
        String result = text;
        for (String secret : new String[] {grant.reveal(), clientSecret.reveal()}) {
            if (!secret.isEmpty()) {
                result = result.replace(secret, "[redacted]");
            }
        }
        return result;
    }

    private static String clip(String text) {
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION) + "...";
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HttpTokenEndpoint[" + (perConnectionUrl ? "per-connection URL" : tokenUrl.apply("")) + ", clientId="
            + clientId + ", " + bodyStyle + ", " + clientAuthentication + "]";
    }

    /**
     * Configures an {@link HttpTokenEndpoint}. Mutable and not thread-safe.
     */
    public static final class Builder {
        private Function<String, URI> tokenUrl;
        private boolean perConnectionUrl;
        private String clientId;
        private Secret clientSecret;
        private BodyStyle bodyStyle = BodyStyle.FORM;
        private ClientAuthentication clientAuthentication = ClientAuthentication.REQUEST_BODY;
        private String redirectUri;
        private final Map<String, String> extraParameters = new LinkedHashMap<>();
        private OkHttpClient http;
        private HttpOptions options = HttpOptions.defaults();
        private Clock clock = Clock.systemUTC();
        private Duration defaultLifetime = Duration.ofHours(1);

        private Builder() {
        }

        /**
         * Sets one token URL for every connection.
         *
         * @param url absolute http(s) URL
         * @return this builder
         */
        public Builder tokenUrl(URI url) {
            Checks.notNull(url, "tokenUrl", "pass e.g. URI.create(\"https://identity.xero.com/connect/token\")");
            if (!url.isAbsolute()) {
                throw new IllegalArgumentException("tokenUrl must be absolute but was " + url
                    + ": include the scheme and host");
            }
            this.tokenUrl = connectionId -> url;
            this.perConnectionUrl = false;
            return this;
        }

        /**
         * Sets one token URL for every connection.
         *
         * @param url absolute http(s) URL
         * @return this builder
         */
        public Builder tokenUrl(String url) {
            return tokenUrl(URI.create(Checks.notBlank(url, "tokenUrl", "pass the token endpoint's URL")));
        }

        /**
         * Sets a function from connection id to token URL, for vendors whose token endpoint lives on the
         * account's own host (Kommo: {@code https://{subdomain}.kommo.com/oauth2/access_token}).
         *
         * @param urls returns an absolute URL for each connection id
         * @return this builder
         */
        public Builder tokenUrlPerConnection(Function<String, URI> urls) {
            this.tokenUrl = Checks.notNull(urls, "tokenUrlPerConnection", "pass a function connectionId -> URI");
            this.perConnectionUrl = true;
            return this;
        }

        /**
         * Sets the integration's client id (required).
         *
         * @param value the client id
         * @return this builder
         */
        public Builder clientId(String value) {
            this.clientId = Checks.notBlank(value, "clientId", "pass the integration's client id");
            return this;
        }

        /**
         * Sets the integration's client secret (required).
         *
         * @param value the client secret
         * @return this builder
         */
        public Builder clientSecret(Secret value) {
            this.clientSecret = Checks.notNull(value, "clientSecret", "pass Secret.of(clientSecret)");
            return this;
        }

        /**
         * Sets how parameters are encoded (default {@link BodyStyle#FORM}).
         *
         * @param value the style
         * @return this builder
         */
        public Builder bodyStyle(BodyStyle value) {
            this.bodyStyle = Checks.notNull(value, "bodyStyle", "pass BodyStyle.FORM or BodyStyle.JSON");
            return this;
        }

        /**
         * Sets how the client authenticates (default {@link ClientAuthentication#REQUEST_BODY}).
         *
         * @param value the method
         * @return this builder
         */
        public Builder clientAuthentication(ClientAuthentication value) {
            this.clientAuthentication = Checks.notNull(value, "clientAuthentication",
                "pass ClientAuthentication.REQUEST_BODY or ClientAuthentication.BASIC");
            return this;
        }

        /**
         * Sets a {@code redirect_uri} to send with refresh requests (Kommo requires it).
         *
         * @param value the registered redirect URI
         * @return this builder
         */
        public Builder redirectUri(String value) {
            this.redirectUri = Checks.notBlank(value, "redirectUri", "pass the redirect URI registered for the app");
            return this;
        }

        /**
         * Adds a parameter sent with every request, unless the request already has one of that name.
         *
         * @param name  parameter name
         * @param value parameter value
         * @return this builder
         */
        public Builder extraParameter(String name, String value) {
            extraParameters.put(Checks.notBlank(name, "name", "pass the parameter name"),
                Checks.notNull(value, "value", "pass the parameter value"));
            return this;
        }

        /**
         * Sets the timeouts and user agent used when no OkHttp client is given (default
         * {@link HttpOptions#defaults()}).
         *
         * @param value the options
         * @return this builder
         */
        public Builder httpOptions(HttpOptions value) {
            this.options = Checks.notNull(value, "httpOptions", "pass HttpOptions.defaults()");
            return this;
        }

        /**
         * Sets the OkHttp client to send requests with (default: one from {@link FeignClients#okHttpClient}).
         *
         * @param value the client
         * @return this builder
         */
        public Builder httpClient(OkHttpClient value) {
            this.http = Checks.notNull(value, "httpClient", "pass an okhttp3.OkHttpClient");
            return this;
        }

        /**
         * Sets the clock expiry instants are computed from (default {@link Clock#systemUTC()}).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Checks.notNull(value, "clock", "pass Clock.systemUTC() or a test clock");
            return this;
        }

        /**
         * Sets the lifetime assumed when an answer has no usable {@code expires_in} (default 1 hour).
         *
         * @param value positive lifetime
         * @return this builder
         */
        public Builder defaultAccessTokenLifetime(Duration value) {
            this.defaultLifetime = Checks.positive(value, "defaultAccessTokenLifetime", "use e.g. 1 hour");
            return this;
        }

        /**
         * Builds the endpoint.
         *
         * @return the endpoint
         * @throws NullPointerException naming the setting when the token URL, client id or secret is missing
         */
        public HttpTokenEndpoint build() {
            return new HttpTokenEndpoint(this);
        }
    }
}
