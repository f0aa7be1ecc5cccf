package io.kommosync.sage.cloud;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPortProvider;
import io.kommosync.accounting.spi.ConfigReader;
import io.kommosync.client.Secret;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.oauth.HttpTokenEndpoint;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.client.oauth.TokenStore;
import io.kommosync.client.ratelimit.RateLimiter;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sage.cloud.internal.SageCloudPort;
import io.kommosync.sage.cloud.internal.SageSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@value #ID} provider: builds {@link SageCloudAccountingPort}s on Sage Business Cloud Accounting v3.1.
 * Registered for {@link java.util.ServiceLoader} in {@code META-INF/services}.
 *
 * <pre>{@code
 * AccountingConfig config = AccountingConfig.builder()
 *         .put(SageCloudConfig.CONNECTION_ID, "acme-sage")          // the key of the tokens in the store
 *         .put(SageCloudConfig.BUSINESS_ID, "0d40342d0287cd6b13555c54afca6c90")
 *         .attach(OAuth2TokenManager.class, tokens)                  // shared token manager (or a TokenStore)
 *         .build();
 * SageCloudAccountingPort port = (SageCloudAccountingPort) AccountingPorts.load("sage-cloud", config);
 * }</pre>
 *
 * <p>{@link #create(AccountingConfig)} reads every key of {@link SageCloudConfig}, reports every bad or missing one
 * in a single {@link io.kommosync.accounting.spi.InvalidConfigurationException}, and makes no remote call.
 *
 * <p>Thread-safe and stateless.
 */
public final class SageCloudProvider implements AccountingPortProvider {

    /** The provider id. */
    public static final String ID = "sage-cloud";

    private static final Pattern BUSINESS = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Creates the provider; does nothing else. */
    public SageCloudProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Builds a port.
     *
     * @param config the configuration: keys of {@link SageCloudConfig} and its attachments
     * @return a new port; the caller closes it
     * @throws io.kommosync.accounting.spi.InvalidConfigurationException listing every problem with {@code config}
     */
    @Override
    public SageCloudAccountingPort create(AccountingConfig config) {
        ConfigReader r = config.reader(ID);
        URI baseUrl = r.uri(SageCloudConfig.BASE_URL, URI.create(SageCloudConfig.DEFAULT_BASE_URL));
        URI tokenUrl = r.uri(SageCloudConfig.TOKEN_URL, URI.create(SageCloudConfig.DEFAULT_TOKEN_URL));
        String connectionId = r.required(SageCloudConfig.CONNECTION_ID);
        Optional<String> businessId = r.optional(SageCloudConfig.BUSINESS_ID).map(String::trim);
        if (businessId.isPresent() && !BUSINESS.matcher(businessId.get()).matches()) {
            r.problem(SageCloudConfig.BUSINESS_ID, "'" + businessId.get() + "' is not a Sage business id",
                    "use the id GET /businesses lists (32 hex characters), or leave it out when the user has one "
                            + "business");
        }
        int pageSize = r.intInRange(SageCloudConfig.PAGE_SIZE, 200, 1, 200);
        int perMinute = r.intInRange(SageCloudConfig.REQUESTS_PER_MINUTE, 180, 1, 200);
        boolean refresh = r.bool(SageCloudConfig.REFRESH_TOKEN_ON_UNAUTHORIZED, true);
        Duration chartTtl = r.duration(SageCloudConfig.CHART_CACHE_TTL, Duration.ofHours(1));
        int overlap = r.intInRange(SageCloudConfig.CHANGES_OVERLAP_SECONDS, 60, 0, 86_400);
        Duration connectTimeout = r.duration(SageCloudConfig.CONNECT_TIMEOUT, Duration.ofSeconds(5));
        Duration readTimeout = r.duration(SageCloudConfig.READ_TIMEOUT, Duration.ofSeconds(30));
        String userAgent = r.string(SageCloudConfig.USER_AGENT, "kommo-sync-sage-cloud");
        Currency currency = currency(r, r.string(SageCloudConfig.CURRENCY, "GBP"));
        Clock clock = config.attachment(Clock.class).orElse(Clock.systemUTC());
        RetrySettings retry = config.attachment(RetrySettings.class).orElse(RetrySettings.defaults());
        Optional<OAuth2TokenManager> manager = config.attachment(OAuth2TokenManager.class);
        Optional<TokenStore> store = config.attachment(TokenStore.class);
        String clientId = null;
        String clientSecret = null;
        if (manager.isPresent() && store.isPresent()) {
            r.problem("TokenStore", "both an OAuth2TokenManager and a TokenStore are attached",
                    "attach only the OAuth2TokenManager (it already has its store)");
        } else if (manager.isEmpty() && store.isEmpty()) {
            r.problem("OAuth2TokenManager", "no OAuth2TokenManager or TokenStore attached", "attach the shared "
                    + "OAuth2TokenManager with AccountingConfig.Builder.attach(OAuth2TokenManager.class, manager), "
                    + "or a TokenStore plus clientId and clientSecret");
        } else if (store.isPresent()) {
            clientId = r.required(SageCloudConfig.CLIENT_ID);
            clientSecret = r.required(SageCloudConfig.CLIENT_SECRET);
        }
        r.validate();

        HttpOptions http = new HttpOptions(connectTimeout, readTimeout, userAgent);
        AccessTokenProvider tokens;
        if (manager.isPresent()) {
            tokens = manager.get().forConnection(connectionId);
        } else {
            HttpTokenEndpoint endpoint = SageCloudOAuth.tokenEndpoint(tokenUrl, clientId, Secret.of(clientSecret), clock);
            tokens = OAuth2TokenManager.builder().tokenStore(store.orElseThrow()).tokenEndpoint(endpoint).clock(clock)
                    .build().forConnection(connectionId);
        }
        RateLimiter limiter = config.attachment(RateLimiter.class)
                .orElseGet(() -> RateLimiter.slidingWindow(perMinute, Duration.ofMinutes(1)));
        return SageCloudPort.create(new SageSettings(baseUrl, connectionId, businessId, pageSize, refresh, chartTtl,
                Duration.ofSeconds(overlap), http, currency, clock, retry, tokens, limiter));
    }

    private static Currency currency(ConfigReader r, String code) {
        try {
            return Currency.getInstance(code.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            r.problem(SageCloudConfig.CURRENCY, "'" + code + "' is not an ISO 4217 currency code", "use e.g. GBP");
            return Currency.getInstance("GBP");
        }
    }

    @Override
    public String toString() {
        return "SageCloudProvider[" + ID + "]";
    }
}
