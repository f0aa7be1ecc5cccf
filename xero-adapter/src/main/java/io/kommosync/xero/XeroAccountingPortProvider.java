package io.kommosync.xero;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPortProvider;
import io.kommosync.accounting.spi.ConfigReader;
import io.kommosync.client.Secret;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.client.oauth.TokenStore;
import io.kommosync.client.retry.RetrySettings;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code xero} provider: builds {@link XeroAccountingPort}s for the Xero Accounting API. Registered in
 * {@code META-INF/services/io.kommosync.accounting.spi.AccountingPortProvider}; found by
 * {@link io.kommosync.accounting.spi.AccountingPorts}.
 *
 * <p>{@link #create} reads every key of {@link XeroConfigKeys} and reports every bad or missing one together in one
 * {@link io.kommosync.accounting.spi.InvalidConfigurationException}; it makes no remote call. Thread-safe and
 * stateless.
 */
public final class XeroAccountingPortProvider implements AccountingPortProvider {

    /** The provider id. */
    public static final String ID = "xero";
    /** Xero's Accounting API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.xero.com/api.xro/2.0/");
    /** Xero's connections endpoint. */
    public static final URI DEFAULT_CONNECTIONS_URL = URI.create("https://api.xero.com/connections");

    /** Creates the provider; no I/O. */
    public XeroAccountingPortProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Builds a port.
     *
     * @param config the configuration (keys in {@link XeroConfigKeys})
     * @return a new port
     * @throws io.kommosync.accounting.spi.InvalidConfigurationException listing every problem
     */
    @Override
    public XeroAccountingPort create(AccountingConfig config) {
        ConfigReader r = config.reader(ID);
        URI baseUrl = r.uri(XeroConfigKeys.BASE_URL, DEFAULT_BASE_URL);
        URI connectionsUrl = r.uri(XeroConfigKeys.CONNECTIONS_URL, DEFAULT_CONNECTIONS_URL);
        URI tokenUrl = r.uri(XeroConfigKeys.TOKEN_URL, XeroOAuth.TOKEN_URL);
        Optional<String> tenantId = r.optional(XeroConfigKeys.TENANT_ID).map(String::trim);
        tenantId.filter(t -> !isUuid(t)).ifPresent(t -> r.problem(XeroConfigKeys.TENANT_ID,
                "'" + t + "' is not a Xero tenant id", "use a tenantId from GET /connections (a UUID), or leave it "
                        + "out to use the only organisation the token reaches"));
        int pageSize = r.intInRange(XeroConfigKeys.PAGE_SIZE, 100, 1, 1000);
        int batchSize = r.intInRange(XeroConfigKeys.BATCH_SIZE, 50, 1, 50);
        int minuteLimit = r.intInRange(XeroConfigKeys.MINUTE_LIMIT, XeroRateLimits.XERO_MINUTE_LIMIT, 1,
                XeroRateLimits.XERO_MINUTE_LIMIT);
        int dailyLimit = r.intInRange(XeroConfigKeys.DAILY_LIMIT, XeroRateLimits.XERO_DAILY_LIMIT, 1,
                XeroRateLimits.XERO_DAILY_LIMIT);
        int concurrentLimit = r.intInRange(XeroConfigKeys.CONCURRENT_LIMIT, XeroRateLimits.XERO_CONCURRENT_LIMIT, 1,
                XeroRateLimits.XERO_CONCURRENT_LIMIT);
        int appMinuteLimit = r.intInRange(XeroConfigKeys.APP_MINUTE_LIMIT, XeroRateLimits.XERO_APP_MINUTE_LIMIT, 1,
                XeroRateLimits.XERO_APP_MINUTE_LIMIT);
        Duration maxWait = r.duration(XeroConfigKeys.MAX_THROTTLE_WAIT, Duration.ofSeconds(30));
        Duration connectTimeout = r.duration(XeroConfigKeys.CONNECT_TIMEOUT, Duration.ofSeconds(5));
        Duration readTimeout = r.duration(XeroConfigKeys.READ_TIMEOUT, Duration.ofSeconds(30));
        String userAgent = r.string(XeroConfigKeys.USER_AGENT, "kommo-sync-xero");
        boolean links = r.bool(XeroConfigKeys.ONLINE_INVOICE_LINKS, true);
        boolean refreshOnUnauthorized = r.bool(XeroConfigKeys.REFRESH_ON_UNAUTHORIZED, true);
        Optional<Secret> webhookKey = r.optional(XeroConfigKeys.WEBHOOK_KEY).map(Secret::of);
        Duration chartTtl = r.duration(XeroConfigKeys.CHART_CACHE_TTL, Duration.ofMinutes(5));
        Clock clock = config.attachment(Clock.class).orElse(Clock.systemUTC());
        ZoneId zone = clock.getZone();
        Optional<String> zoneName = r.optional(XeroConfigKeys.TIME_ZONE);
        if (zoneName.isPresent()) {
            try {
                zone = ZoneId.of(zoneName.get().trim());
            } catch (DateTimeException e) {
                r.problem(XeroConfigKeys.TIME_ZONE, "'" + zoneName.get() + "' is not a time zone",
                        "use an IANA zone such as Europe/London or Pacific/Auckland");
            }
        }
        List<String> tracking = r.optional(XeroConfigKeys.TRACKING_CATEGORIES)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        if (tracking.size() > 2) {
            r.problem(XeroConfigKeys.TRACKING_CATEGORIES, "names " + tracking.size() + " tracking categories",
                    "name at most two: Xero lines carry at most two tracking categories");
        }
        Optional<XeroRateLimits> sharedLimits = config.attachment(XeroRateLimits.class);
        if (sharedLimits.isPresent()) {
            for (String key : List.of(XeroConfigKeys.MINUTE_LIMIT, XeroConfigKeys.DAILY_LIMIT,
                    XeroConfigKeys.CONCURRENT_LIMIT, XeroConfigKeys.APP_MINUTE_LIMIT,
                    XeroConfigKeys.MAX_THROTTLE_WAIT)) {
                if (r.optional(key).isPresent()) {
                    r.problem(key, "is set although a XeroRateLimits is attached",
                            "configure the limits on the attached XeroRateLimits, or drop the attachment");
                }
            }
        }
        AccessTokenProvider tokens = credentials(r, config, tokenUrl, clock,
                new HttpOptions(connectTimeout, readTimeout, userAgent));
        r.validate();

        XeroRateLimits limits = sharedLimits.orElseGet(() -> XeroRateLimits.builder().minuteLimit(minuteLimit)
                .dailyLimit(dailyLimit).concurrentLimit(concurrentLimit).appMinuteLimit(appMinuteLimit)
                .maxWait(maxWait).build());
        String appKey = r.optional(XeroConfigKeys.CLIENT_ID).orElse("app");
        XeroPortSettings settings = new XeroPortSettings(baseUrl, connectionsUrl, tenantId, pageSize, batchSize,
                new HttpOptions(connectTimeout, readTimeout, userAgent), links, refreshOnUnauthorized, webhookKey,
                zone, tracking, chartTtl, clock,
                config.attachment(RetrySettings.class).orElse(RetrySettings.defaults()), limits, appKey, tokens);
        return new XeroAccountingPort(settings);
    }

    private static AccessTokenProvider credentials(ConfigReader r, AccountingConfig config, URI tokenUrl, Clock clock,
                                                   HttpOptions options) {
        Optional<String> accessToken = r.optional(XeroConfigKeys.ACCESS_TOKEN);
        Optional<AccessTokenProvider> provider = config.attachment(AccessTokenProvider.class);
        Optional<OAuth2TokenManager> manager = config.attachment(OAuth2TokenManager.class);
        Optional<TokenStore> store = config.attachment(TokenStore.class);
        List<String> given = new ArrayList<>();
        accessToken.ifPresent(t -> given.add("the key accessToken"));
        provider.ifPresent(p -> given.add("an AccessTokenProvider"));
        manager.ifPresent(m -> given.add("an OAuth2TokenManager"));
        store.ifPresent(s -> given.add("a TokenStore"));
        if (given.isEmpty()) {
            r.problem(XeroConfigKeys.ACCESS_TOKEN, "no Xero credentials",
                    "set 'accessToken', or attach an OAuth2TokenManager (with 'connectionId'), a TokenStore (with "
                            + "'clientId', 'clientSecret' and 'connectionId') or an AccessTokenProvider");
            return null;
        }
        if (given.size() > 1) {
            r.problem(XeroConfigKeys.ACCESS_TOKEN, "credentials given " + given.size() + " ways: "
                    + String.join(", ", given), "give exactly one of them");
            return null;
        }
        if (accessToken.isPresent()) {
            return AccessTokenProvider.fixed(Secret.of(accessToken.get().trim()));
        }
        if (provider.isPresent()) {
            return provider.get();
        }
        String connectionId = r.required(XeroConfigKeys.CONNECTION_ID);
        if (manager.isPresent()) {
            return connectionId == null ? null : manager.get().forConnection(connectionId);
        }
        String clientId = r.required(XeroConfigKeys.CLIENT_ID);
        String clientSecret = r.required(XeroConfigKeys.CLIENT_SECRET);
        if (connectionId == null || clientId == null || clientSecret == null || tokenUrl == null) {
            return null;
        }
        OAuth2TokenManager built = OAuth2TokenManager.builder()
                .tokenStore(store.get())
                .tokenEndpoint(XeroOAuth.tokenEndpoint(tokenUrl, clientId, Secret.of(clientSecret), options, clock))
                .clock(clock)
                .build();
        return built.forConnection(connectionId);
    }

    static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "XeroAccountingPortProvider[xero]";
    }
}
