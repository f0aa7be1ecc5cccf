package io.kommosync.sage.cloud;

/**
 * The configuration keys of the {@value SageCloudProvider#ID} provider, for
 * {@link io.kommosync.accounting.spi.AccountingConfig}.
 *
 * <p>Values:
 * <ul>
 *   <li>{@value #CONNECTION_ID} (required): the key of this connection's tokens in the token store or token
 *       manager, and of its rate-limit budget until the business is known;</li>
 *   <li>{@value #BUSINESS_ID}: the Sage business to work on (sent as {@code X-Business}); when absent the port
 *       uses the user's only business and refuses to guess when there are several;</li>
 *   <li>{@value #CLIENT_ID}, {@value #CLIENT_SECRET} (secret): the OAuth client, required when a
 *       {@link io.kommosync.client.oauth.TokenStore} is attached (the port then refreshes tokens itself);</li>
 *   <li>{@value #BASE_URL} (default {@value #DEFAULT_BASE_URL}), {@value #TOKEN_URL} (default
 *       {@value #DEFAULT_TOKEN_URL});</li>
 *   <li>{@value #PAGE_SIZE}: {@code items_per_page} of every list, 1 to 200 (default 200);</li>
 *   <li>{@value #REQUESTS_PER_MINUTE}: the client-side limit per business, 1 to 200 (default 180, below Sage's
 *       200 per 60 s);</li>
 *   <li>{@value #REFRESH_TOKEN_ON_UNAUTHORIZED}: refresh the access token once and retry after a 401 (default
 *       {@code true});</li>
 *   <li>{@value #CHART_CACHE_TTL}: how long the chart of accounts is cached (default {@code PT1H});</li>
 *   <li>{@value #CHANGES_OVERLAP_SECONDS}: how far back the cursor of a finished change reading is set, to catch
 *       late commits (0 to 86400, default 60);</li>
 *   <li>{@value #CONNECT_TIMEOUT} (default {@code PT5S}), {@value #READ_TIMEOUT} (default {@code PT30S}),
 *       {@value #USER_AGENT};</li>
 *   <li>{@value #CURRENCY}: the currency assumed for an invoice Sage answers without one (default {@code GBP}).</li>
 * </ul>
 *
 * <p>Attachments: exactly one of {@link io.kommosync.client.oauth.OAuth2TokenManager} (shared, preferred) or
 * {@link io.kommosync.client.oauth.TokenStore}; optionally a {@link java.time.Clock} (default system UTC), a
 * {@link io.kommosync.client.retry.RetrySettings} (default {@code RetrySettings.defaults()}) and a
 * {@link io.kommosync.client.ratelimit.RateLimiter} shared by every port on the same businesses (default: one per
 * port, {@value #REQUESTS_PER_MINUTE} per rolling minute per business).
 */
public final class SageCloudConfig {

    /** Key: the token store / token manager key of the connection. */
    public static final String CONNECTION_ID = "connectionId";
    /** Key: the Sage business id. */
    public static final String BUSINESS_ID = "businessId";
    /** Key: the OAuth client id. */
    public static final String CLIENT_ID = "clientId";
    /** Key: the OAuth client secret. */
    public static final String CLIENT_SECRET = "clientSecret";
    /** Key: the API base URL. */
    public static final String BASE_URL = "baseUrl";
    /** Key: the OAuth token endpoint. */
    public static final String TOKEN_URL = "tokenUrl";
    /** Key: {@code items_per_page} of lists. */
    public static final String PAGE_SIZE = "pageSize";
    /** Key: the client-side request budget per business per minute. */
    public static final String REQUESTS_PER_MINUTE = "requestsPerMinute";
    /** Key: refresh the token and retry once after a 401. */
    public static final String REFRESH_TOKEN_ON_UNAUTHORIZED = "refreshTokenOnUnauthorized";
    /** Key: how long the chart of accounts is cached. */
    public static final String CHART_CACHE_TTL = "chartCacheTtl";
    /** Key: the overlap, in seconds, of successive change readings. */
    public static final String CHANGES_OVERLAP_SECONDS = "changesOverlapSeconds";
    /** Key: the connect timeout. */
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    /** Key: the read timeout. */
    public static final String READ_TIMEOUT = "readTimeout";
    /** Key: the User-Agent header. */
    public static final String USER_AGENT = "userAgent";
    /** Key: the currency of invoices Sage answers without one. */
    public static final String CURRENCY = "currency";

    /** Sage Business Cloud Accounting v3.1 (every country). */
    public static final String DEFAULT_BASE_URL = "https://api.accounting.sage.com/v3.1";
    /** Sage's OAuth token endpoint. */
    public static final String DEFAULT_TOKEN_URL = "https://oauth.accounting.sage.com/token";

    private SageCloudConfig() {
    }
}
