package io.kommosync.kommo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kommosync.client.http.BearerTokenInterceptor;
import io.kommosync.client.http.FeignClients;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.http.JsonMapper;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.ratelimit.RateLimiter;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.kommo.internal.Arguments;
import io.kommosync.kommo.internal.KommoApi;
import io.kommosync.kommo.internal.KommoCalls;
import io.kommosync.kommo.internal.KommoErrorDecoder;
import io.kommosync.kommo.internal.RequestGate;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Locale;

/**
 * A typed client for one Kommo account (API v4): leads, contacts, companies, catalogs, lead custom fields, tasks,
 * notes, webhook subscriptions and the account itself.
 *
 * <pre>{@code
 * try (KommoClient kommo = KommoClient.builder()
 *         .baseUrl(URI.create("https://acme.kommo.com"))
 *         .credentials(KommoCredentials.oauth(tokenManager, connectionId))
 *         .build()) {
 *     Lead lead = kommo.leads().get(4821, LeadWith.CONTACTS, LeadWith.CATALOG_ELEMENTS).orElseThrow();
 *     kommo.leads().update(List.of(LeadPatch.of(lead.id())
 *         .withField(FieldValueWrite.text(invoiceNumberFieldId, "INV-0042"))));
 * }
 * }</pre>
 *
 * <h2>What every call does</h2>
 * <ul>
 *   <li><b>Rate limit.</b> A permit is taken before every HTTP attempt, retries included, and given back when the
 *       answer arrives. By default a {@link KommoRateLimiter} keyed by the base domain and shared by every thread
 *       using this client lets at most 7 requests <em>arrive</em> at Kommo in any rolling
 *       {@link KommoRateLimiter#DEFAULT_WINDOW} (one second plus a 50 ms margin), which is how Kommo counts its
 *       limit of 7 per second per integration. See {@link Builder#rateLimit(int)} and
 *       {@link Builder#rateLimiter(KommoRateLimiter, String)} to share one budget between clients of one
 *       integration.</li>
 *   <li><b>Retries.</b> 429, 5xx, timeouts and I/O failures are retried in-call ({@link RetrySettings}; a
 *       {@code Retry-After} wins over the backoff). Creates are retried only when Kommo certainly did not process
 *       them. Everything else fails at once with a typed {@link KommoException}.</li>
 *   <li><b>Auth.</b> {@code Authorization: Bearer} from the {@link KommoCredentials}; under OAuth a 401 refreshes
 *       the token once and retries once.</li>
 *   <li><b>Empty answers.</b> Kommo answers 204 for empty lists and missing entities: an empty list or
 *       {@code Optional}.</li>
 * </ul>
 *
 * <p>Thread-safe: build one per account and share it. {@link #close()} makes later calls fail; the HTTP connection
 * pool is shared by all clients and outlives it. Nothing this class logs or throws contains a token.
 */
public final class KommoClient implements AutoCloseable {

    private final URI baseUrl;
    private final String description;
    private final KommoCalls calls;
    private final Leads leads;
    private final Contacts contacts;
    private final Companies companies;
    private final Catalogs catalogs;
    private final LeadCustomFields leadCustomFields;
    private final Tasks tasks;
    private final Notes notes;
    private final Webhooks webhooks;
    private final CurrentAccount account;

    private KommoClient(Builder builder) {
        this.baseUrl = validateBaseUrl(builder.baseUrl);
        KommoCredentials credentials = Arguments.notNull(builder.credentials, "credentials",
            "call builder.credentials(KommoCredentials.longLived(...)) or KommoCredentials.oauth(...)");
        AccessTokenProvider tokens;
        String credentialName;
        if (credentials instanceof KommoCredentials.OAuth oauth) {
            tokens = oauth.manager().forConnection(oauth.connectionId());
            credentialName = "OAuth connection '" + oauth.connectionId() + "'";
        } else {
            tokens = AccessTokenProvider.fixed(((KommoCredentials.LongLived) credentials).token());
            credentialName = "long-lived token";
        }
        String limiterKey = builder.limiterKey != null ? builder.limiterKey : baseUrl.getAuthority();
        RequestGate gate;
        if (builder.genericLimiter != null) {
            RateLimiter limiter = builder.genericLimiter;
            gate = () -> {
                limiter.acquire(limiterKey);
                return () -> { };
            };
        } else {
            KommoRateLimiter limiter = builder.limiter != null ? builder.limiter
                : KommoRateLimiter.create(builder.perWindow, KommoRateLimiter.DEFAULT_WINDOW);
            gate = () -> limiter.acquire(limiterKey)::close;
        }
        ObjectMapper mapper = JsonMapper.create();
        KommoApi api = FeignClients.builder(builder.httpOptions, mapper, new KommoErrorDecoder(mapper, builder.clock))
            .requestInterceptor(new BearerTokenInterceptor(tokens))
            .target(KommoApi.class, baseUrl.toString());
        this.calls = new KommoCalls(api, gate, tokens, credentials instanceof KommoCredentials.OAuth, credentialName,
            builder.retry);
        this.description = "KommoClient[" + baseUrl + ", " + credentialName + "]";
        this.leads = new Leads(calls);
        this.contacts = new Contacts(calls);
        this.companies = new Companies(calls);
        this.catalogs = new Catalogs(calls);
        this.leadCustomFields = new LeadCustomFields(calls);
        this.tasks = new Tasks(calls);
        this.notes = new Notes(calls);
        this.webhooks = new Webhooks(calls);
        this.account = new CurrentAccount(calls);
    }

    /**
     * Returns a new builder.
     *
     * @return a builder (mutable, not thread-safe)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the account's base URL, as configured (no trailing slash).
     *
     * @return e.g. {@code https://acme.kommo.com}
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Leads, their links and pipelines.
     *
     * @return the leads API
     */
    public Leads leads() {
        return leads;
    }

    /**
     * Contacts.
     *
     * @return the contacts API
     */
    public Contacts contacts() {
        return contacts;
    }

    /**
     * Companies.
     *
     * @return the companies API
     */
    public Companies companies() {
        return companies;
    }

    /**
     * Catalogs and their elements (products).
     *
     * @return the catalogs API
     */
    public Catalogs catalogs() {
        return catalogs;
    }

    /**
     * Custom field definitions of leads.
     *
     * @return the lead custom fields API
     */
    public LeadCustomFields leadCustomFields() {
        return leadCustomFields;
    }

    /**
     * Tasks.
     *
     * @return the tasks API
     */
    public Tasks tasks() {
        return tasks;
    }

    /**
     * Notes on leads.
     *
     * @return the notes API
     */
    public Notes notes() {
        return notes;
    }

    /**
     * Webhook subscriptions.
     *
     * @return the webhooks API
     */
    public Webhooks webhooks() {
        return webhooks;
    }

    /**
     * The account itself.
     *
     * @return the account API
     */
    public CurrentAccount account() {
        return account;
    }

    /**
     * Makes every later call fail with {@link IllegalStateException}. Calls in flight complete. Idempotent; never
     * throws.
     */
    @Override
    public void close() {
        calls.close();
    }

    /**
     * Describes the client without secrets.
     *
     * @return e.g. {@code KommoClient[https://acme.kommo.com, long-lived token]}
     */
    @Override
    public String toString() {
        return description;
    }

    /**
     * Checks and normalises a Kommo base URL: absolute, https (http only for loopback hosts, i.e. tests and
     * simulators), a host, no user info, no path beyond {@code /}, no query or fragment.
     *
     * @param url the URL
     * @return the URL without a trailing slash, host in lower case
     */
    static URI validateBaseUrl(URI url) {
        Arguments.notNull(url, "baseUrl", "pass the account's base URL, e.g. URI.create(\"https://acme.kommo.com\")");
        String hint = ": pass the account's own domain as Kommo named it in the OAuth referer, e.g."
            + " https://acme.kommo.com, https://acme.amocrm.com or https://acme.amocrm.ru";
        if (!url.isAbsolute() || url.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be absolute with a host but was '" + url + "'" + hint);
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(host))) {
            throw new IllegalArgumentException("baseUrl must use https (http is accepted only for loopback test"
                + " servers) but was '" + url + "'" + hint);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl must not carry user info: pass credentials with"
                + " builder.credentials(...)");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (!(path.isEmpty() || path.equals("/")) || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must be the bare domain without path, query or fragment but"
                + " was '" + url + "'" + hint);
        }
        try {
            return new URI(scheme, null, host, url.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("baseUrl '" + url + "' is not valid" + hint, e);
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+|[0-9a-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Configures a {@link KommoClient}. Mutable and not thread-safe.
     */
    public static final class Builder {

        private URI baseUrl;
        private KommoCredentials credentials;
        private KommoRateLimiter limiter;
        private RateLimiter genericLimiter;
        private String limiterKey;
        private int perWindow = KommoRateLimiter.KOMMO_REQUESTS_PER_SECOND;
        private RetrySettings retry = RetrySettings.defaults();
        private HttpOptions httpOptions = HttpOptions.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the account's base URL (required): the whole domain, e.g. {@code https://acme.kommo.com},
         * {@code https://acme.amocrm.com} or {@code https://acme.amocrm.ru}. Use the domain Kommo named in the
         * OAuth {@code referer}. https only; http is accepted for loopback hosts (tests, simulators).
         *
         * @param value the base URL
         * @return this builder
         * @throws IllegalArgumentException when the URL is not https (or loopback http), has a path, query,
         *     fragment or user info
         */
        public Builder baseUrl(URI value) {
            this.baseUrl = validateBaseUrl(value);
            return this;
        }

        /**
         * Sets the account's base URL from text.
         *
         * @param value the base URL, e.g. {@code "https://acme.kommo.com"}
         * @return this builder
         * @see #baseUrl(URI)
         */
        public Builder baseUrl(String value) {
            Arguments.notBlank(value, "baseUrl", "pass the account's base URL, e.g. \"https://acme.kommo.com\"");
            try {
                return baseUrl(new URI(value.trim()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl is not a valid URL (" + e.getReason()
                    + "): pass e.g. \"https://acme.kommo.com\"", e);
            }
        }

        /**
         * Sets the credentials (required).
         *
         * @param value {@link KommoCredentials#longLived} or {@link KommoCredentials#oauth}
         * @return this builder
         */
        public Builder credentials(KommoCredentials value) {
            this.credentials = Arguments.notNull(value, "credentials",
                "pass KommoCredentials.longLived(...) or KommoCredentials.oauth(...)");
            return this;
        }

        /**
         * Sets this client's own limit: at most {@code requestsPerSecond} requests arriving at Kommo in any rolling
         * {@link KommoRateLimiter#DEFAULT_WINDOW} (one second plus 50 ms), counted by a {@link KommoRateLimiter} of
         * its own keyed by the base domain. Default {@value KommoRateLimiter#KOMMO_REQUESTS_PER_SECOND}. Replaces a
         * limiter set with {@code rateLimiter(...)}.
         *
         * @param requestsPerSecond at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder rateLimit(int requestsPerSecond) {
            if (requestsPerSecond < 1) {
                throw new IllegalArgumentException("requestsPerSecond must be at least 1 but was "
                    + requestsPerSecond + ": Kommo allows 7 per integration");
            }
            this.perWindow = requestsPerSecond;
            this.limiter = null;
            this.genericLimiter = null;
            this.limiterKey = null;
            return this;
        }

        /**
         * Shares a Kommo limiter with other clients: every client given the same limiter and key shares one budget.
         * Kommo's limit is per integration, so give all clients of one integration (one OAuth client id, or one
         * long-lived token's integration) the same key, e.g. the client id, and build the limiter once with
         * {@link KommoRateLimiter#kommoDefault()}. The client gives each slot back when the answer arrives, so
         * arrivals at Kommo stay within the limit whatever the network latency.
         *
         * @param value the shared limiter
         * @param key   the budget's key
         * @return this builder
         */
        public Builder rateLimiter(KommoRateLimiter value, String key) {
            this.limiter = Arguments.notNull(value, "rateLimiter", "pass KommoRateLimiter.kommoDefault()");
            this.genericLimiter = null;
            this.limiterKey = Arguments.notBlank(key, "key", "pass the integration's client id or the base domain");
            return this;
        }

        /**
         * Uses a general-purpose limiter from client-support, shared with other clients under {@code key}. It limits
         * when requests are <em>sent</em>; Kommo counts when they <em>arrive</em>, so latency differences can push
         * arrivals over the limit. Prefer {@link #rateLimiter(KommoRateLimiter, String)}; if you use this, leave a
         * wide margin, e.g. {@code RateLimiter.slidingWindow(5, Duration.ofSeconds(1))}.
         *
         * @param value the limiter
         * @param key   the budget's key
         * @return this builder
         */
        public Builder rateLimiter(RateLimiter value, String key) {
            this.genericLimiter = Arguments.notNull(value, "rateLimiter",
                "pass a RateLimiter, or prefer KommoRateLimiter.kommoDefault()");
            this.limiter = null;
            this.limiterKey = Arguments.notBlank(key, "key", "pass the integration's client id or the base domain");
            return this;
        }

        /**
         * Sets the in-call retry settings (default {@link RetrySettings#defaults()}: 3 attempts).
         *
         * @param value the settings; {@link RetrySettings#noBackoff(int)} in tests
         * @return this builder
         */
        public Builder retry(RetrySettings value) {
            this.retry = Arguments.notNull(value, "retry", "pass RetrySettings.defaults()");
            return this;
        }

        /**
         * Sets timeouts and user agent (default {@link HttpOptions#defaults()}: 5 s connect, 20 s read).
         *
         * @param value the options
         * @return this builder
         */
        public Builder httpOptions(HttpOptions value) {
            this.httpOptions = Arguments.notNull(value, "httpOptions", "pass HttpOptions.defaults()");
            return this;
        }

        /**
         * Sets the clock {@code Retry-After} dates are measured against (default {@link Clock#systemUTC()}).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Arguments.notNull(value, "clock", "pass Clock.systemUTC() or a test clock");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws NullPointerException naming the setting when the base URL or credentials are missing
         */
        public KommoClient build() {
            return new KommoClient(this);
        }
    }
}
