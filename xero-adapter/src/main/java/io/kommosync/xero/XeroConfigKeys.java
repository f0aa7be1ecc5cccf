package io.kommosync.xero;

/**
 * The configuration keys of the {@code xero} provider.
 *
 * <p>Attachments ({@link io.kommosync.accounting.spi.AccountingConfig.Builder#attach}):
 * <ul>
 *   <li>a {@link java.time.Clock} (default system UTC): "today" for {@code OVERDUE}, token expiry, parking;</li>
 *   <li>{@link io.kommosync.client.retry.RetrySettings} (default {@code RetrySettings.defaults()});</li>
 *   <li>{@link XeroRateLimits}, to share budgets between ports (otherwise built from the limit keys);</li>
 *   <li>the credentials, exactly one of: the key {@link #ACCESS_TOKEN}; an
 *       {@link io.kommosync.client.oauth.AccessTokenProvider}; an {@link io.kommosync.client.oauth.OAuth2TokenManager}
 *       (with {@link #CONNECTION_ID}); a {@link io.kommosync.client.oauth.TokenStore} (with {@link #CLIENT_ID},
 *       {@link #CLIENT_SECRET} and {@link #CONNECTION_ID}; the port then refreshes through {@link #TOKEN_URL}).</li>
 * </ul>
 */
public final class XeroConfigKeys {

    /** The Accounting API base URL; default {@code https://api.xero.com/api.xro/2.0/}. */
    public static final String BASE_URL = "baseUrl";
    /** The connections endpoint; default {@code https://api.xero.com/connections}. */
    public static final String CONNECTIONS_URL = "connectionsUrl";
    /** The token endpoint, used with an attached {@code TokenStore}; default Xero's. */
    public static final String TOKEN_URL = "tokenUrl";
    /**
     * The tenant (organisation) id sent as {@code xero-tenant-id}. Optional: without it the port asks
     * {@code GET /connections} on first use and takes the only organisation; with several it reports this key.
     */
    public static final String TENANT_ID = "tenantId";
    /** A fixed access token (secret), for tests and tools; tokens expire after 30 minutes at Xero. */
    public static final String ACCESS_TOKEN = "accessToken";
    /** The app's client id, with an attached {@code TokenStore}. */
    public static final String CLIENT_ID = "clientId";
    /** The app's client secret (secret), with an attached {@code TokenStore}. */
    public static final String CLIENT_SECRET = "clientSecret";
    /** The id the token manager or store keeps this connection's tokens under. */
    public static final String CONNECTION_ID = "connectionId";
    /** The webhook signing key (secret) from the app's webhook settings; declares {@code STATUS_WEBHOOKS}. */
    public static final String WEBHOOK_KEY = "webhookKey";
    /** Invoices per page when reading changes; 1 to 1000, default 100. */
    public static final String PAGE_SIZE = "pageSize";
    /** Invoices per batch call; 1 to 50, default 50 (Xero recommends at most 50). */
    public static final String BATCH_SIZE = "batchSize";
    /** Calls per tenant per rolling minute; 1 to 60, default 60. */
    public static final String MINUTE_LIMIT = "minuteLimit";
    /** Calls per tenant per rolling day; 1 to 5000, default 5000 (1000 on Xero's Starter tier). */
    public static final String DAILY_LIMIT = "dailyLimit";
    /** Calls per tenant in progress at once; 1 to 5, default 5. */
    public static final String CONCURRENT_LIMIT = "concurrentLimit";
    /** Calls per app per rolling minute; 1 to 10000, default 10000. */
    public static final String APP_MINUTE_LIMIT = "appMinuteLimit";
    /** The longest a call waits for a client-side permit before it fails with a rate-limit error; default PT30S. */
    public static final String MAX_THROTTLE_WAIT = "maxThrottleWait";
    /** Connect timeout; default PT5S. */
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    /** Read timeout; default PT30S. */
    public static final String READ_TIMEOUT = "readTimeout";
    /** The {@code User-Agent}; default {@code kommo-sync-xero}. */
    public static final String USER_AGENT = "userAgent";
    /** Whether approved invoices carry their online invoice URL (one extra call per invoice, cached); default true. */
    public static final String ONLINE_INVOICE_LINKS = "onlineInvoiceLinks";
    /** Whether a 401 triggers one token refresh and a retry; default true. */
    public static final String REFRESH_ON_UNAUTHORIZED = "refreshOnUnauthorized";
    /** The organisation's time zone, deciding "today" for {@code OVERDUE}; default the attached clock's zone. */
    public static final String TIME_ZONE = "timeZone";
    /**
     * The tracking categories exposed as {@code TRACKING_1} and {@code TRACKING_2}, by name or id, comma-separated;
     * default the first two active categories in Xero's order.
     */
    public static final String TRACKING_CATEGORIES = "trackingCategories";
    /** How long the chart (for tracking options) is cached between reads; default PT5M. */
    public static final String CHART_CACHE_TTL = "chartCacheTtl";

    private XeroConfigKeys() {
    }
}
