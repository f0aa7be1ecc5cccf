/**
 * Client-side rate limiting keyed by account: {@link io.kommosync.client.ratelimit.RateLimiter#slidingWindow}
 * (never more than N grants in any rolling window) and
 * {@link io.kommosync.client.ratelimit.RateLimiter#tokenBucket} (bursts up to a capacity, steady refill). Time is
 * injected through {@link io.kommosync.client.ratelimit.Ticker} and
 * {@link io.kommosync.client.ratelimit.Sleeper} so tests never sleep.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package io.kommosync.client.ratelimit;
