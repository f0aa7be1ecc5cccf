package io.kommosync.sage.cloud.internal;

import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.ratelimit.RateLimiter;
import io.kommosync.client.retry.RetrySettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link SageCloudPort} is built from, already validated by the provider. Holds no secret itself: the
 * tokens come from the {@link AccessTokenProvider}.
 *
 * @param baseUrl                    the API base URL, for example {@code https://api.accounting.sage.com/v3.1}
 * @param connectionId               the connection's key in the token store and rate limiter
 * @param businessId                 the configured business, when there is one
 * @param pageSize                   {@code items_per_page} of every list, 1 to 200
 * @param refreshTokenOnUnauthorized refresh the token and retry once after a 401
 * @param chartCacheTtl              how long the chart of accounts is cached
 * @param changesOverlap             how far back the cursor of a finished change reading is set
 * @param httpOptions                timeouts and user agent
 * @param fallbackCurrency           the currency of an invoice Sage answers without one
 * @param clock                      the clock for "today" (OVERDUE), the chart cache and {@code Retry-After} dates
 * @param retrySettings              in-call retries of transient failures
 * @param tokens                     the access tokens
 * @param limiter                    the client-side rate limiter, keyed by business
 */
public record SageSettings(URI baseUrl, String connectionId, Optional<String> businessId, int pageSize,
                           boolean refreshTokenOnUnauthorized, Duration chartCacheTtl, Duration changesOverlap,
                           HttpOptions httpOptions, Currency fallbackCurrency, Clock clock, RetrySettings retrySettings,
                           AccessTokenProvider tokens, RateLimiter limiter) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if the page size is outside 1 to 200
     */
    public SageSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(businessId, "businessId");
        Objects.requireNonNull(chartCacheTtl, "chartCacheTtl");
        Objects.requireNonNull(changesOverlap, "changesOverlap");
        Objects.requireNonNull(httpOptions, "httpOptions");
        Objects.requireNonNull(fallbackCurrency, "fallbackCurrency");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retrySettings, "retrySettings");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(limiter, "limiter");
        if (pageSize < 1 || pageSize > 200) {
            throw new IllegalArgumentException("pageSize must be 1 to 200 (Sage's maximum), was " + pageSize);
        }
    }
}
