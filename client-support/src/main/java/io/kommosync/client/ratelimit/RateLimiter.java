package io.kommosync.client.ratelimit;

import io.kommosync.client.internal.Checks;
import io.kommosync.client.internal.SlidingWindowRateLimiter;
import io.kommosync.client.internal.TokenBucketRateLimiter;
import java.time.Duration;

/**
 * A keyed client-side rate limiter: each key (a Kommo account, a Sage business, a Xero tenant) has its own
 * allowance, shared by every thread that uses this instance.
 *
 * <p>All implementations are thread-safe. Threads blocked in {@link #acquire(String)} for the same key are
 * served in arrival order. State is kept per key for the life of the limiter, so use keys from a bounded set
 * (connection or account ids), not per-request values.
 */
public interface RateLimiter {

    /**
     * Blocks until a permit for {@code key} is granted.
     *
     * @param key what the allowance belongs to; not null
     * @throws RateLimitInterruptedException when the thread is interrupted while waiting (the interrupt flag is
     *     restored)
     */
    void acquire(String key);

    /**
     * Takes a permit for {@code key} if one is available now, without waiting.
     *
     * @param key what the allowance belongs to; not null
     * @return true when a permit was granted; false when none is available, or when a thread blocked in
     *     {@link #acquire(String)} is already waiting for this key (a non-blocking caller never overtakes it)
     */
    boolean tryAcquire(String key);

    /**
     * Tells how long until a permit for {@code key} may be available, ignoring threads already waiting.
     *
     * @param key what the allowance belongs to; not null
     * @return zero when a permit is available now, otherwise a positive duration
     */
    Duration timeUntilNextPermit(String key);

    /**
     * Creates a per-key token bucket: each key starts with {@code capacity} permits and regains one every
     * {@code refillPeriodPerPermit}, never holding more than {@code capacity}. Bursts up to {@code capacity} are
     * allowed; the long-run rate is one permit per period.
     *
     * @param capacity              burst size; at least 1
     * @param refillPeriodPerPermit time to regain one permit; positive
     * @param ticker                time source
     * @param sleeper               how {@link #acquire(String)} waits
     * @return the limiter
     * @throws IllegalArgumentException naming the parameter when a value is out of range
     */
    static RateLimiter tokenBucket(int capacity, Duration refillPeriodPerPermit, Ticker ticker, Sleeper sleeper) {
        Checks.atLeast(capacity, 1, "capacity", "allow at least one permit per key");
        Checks.positive(refillPeriodPerPermit, "refillPeriodPerPermit",
            "use e.g. Duration.ofMillis(300) for 200 requests per minute");
        Checks.notNull(ticker, "ticker", "pass Ticker.system() or use the overload without a ticker");
        Checks.notNull(sleeper, "sleeper", "pass Sleeper.system() or use the overload without a sleeper");
        return new TokenBucketRateLimiter(capacity, refillPeriodPerPermit.toNanos(), ticker, sleeper);
    }

    /**
     * Creates a per-key token bucket on the system ticker that really sleeps.
     *
     * @param capacity              burst size; at least 1
     * @param refillPeriodPerPermit time to regain one permit; positive
     * @return the limiter
     * @see #tokenBucket(int, Duration, Ticker, Sleeper)
     */
    static RateLimiter tokenBucket(int capacity, Duration refillPeriodPerPermit) {
        return tokenBucket(capacity, refillPeriodPerPermit, Ticker.system(), Sleeper.system());
    }

    /**
     * Creates a per-key sliding-window limiter with the strong guarantee: for each key, no interval of length
     * {@code window} ever contains more than {@code maxPermits} grants. It remembers the last {@code maxPermits}
     * grant times per key and grants only when the oldest of them is at least {@code window} old. Use it to
     * honour a vendor limit such as Kommo's "at most 7 requests in any second".
     *
     * <p>The guarantee is about grant times; a request leaves some time after its grant, so leave headroom for
     * network jitter if the vendor counts arrivals strictly.
     *
     * @param maxPermits grants allowed per window; at least 1
     * @param window     length of the rolling window; positive
     * @param ticker     time source
     * @param sleeper    how {@link #acquire(String)} waits
     * @return the limiter
     * @throws IllegalArgumentException naming the parameter when a value is out of range
     */
    static RateLimiter slidingWindow(int maxPermits, Duration window, Ticker ticker, Sleeper sleeper) {
        Checks.atLeast(maxPermits, 1, "maxPermits", "allow at least one permit per window");
        Checks.positive(window, "window", "use e.g. Duration.ofSeconds(1)");
        Checks.notNull(ticker, "ticker", "pass Ticker.system() or use the overload without a ticker");
        Checks.notNull(sleeper, "sleeper", "pass Sleeper.system() or use the overload without a sleeper");
        return new SlidingWindowRateLimiter(maxPermits, window.toNanos(), ticker, sleeper);
    }

    /**
     * Creates a per-key sliding-window limiter on the system ticker that really sleeps.
     *
     * @param maxPermits grants allowed per window; at least 1
     * @param window     length of the rolling window; positive
     * @return the limiter
     * @see #slidingWindow(int, Duration, Ticker, Sleeper)
     */
    static RateLimiter slidingWindow(int maxPermits, Duration window) {
        return slidingWindow(maxPermits, window, Ticker.system(), Sleeper.system());
    }
}
