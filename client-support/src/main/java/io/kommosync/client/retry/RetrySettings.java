package io.kommosync.client.retry;

import io.kommosync.client.internal.Checks;
import java.time.Duration;

/**
 * How often and how patiently a call is retried within one invocation.
 *
 * <p>The wait after the {@code n}th failed attempt is {@code initialDelay * 2^(n-1)}, capped at {@code maxDelay},
 * then spread by {@code ±jitterFactor} (so the actual wait lies in {@code [d*(1-j), d*(1+j)]}). When the server
 * names a wait ({@code Retry-After}) that wait is used instead, unless it exceeds {@code maxRetryAfter}: then the
 * call gives up at once so the caller can reschedule it durably. When {@code zeroDelays} is true every wait,
 * including a server's, is replaced by zero while every decision stays the same; tests use it through
 * {@link #noBackoff(int)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxAttempts   total attempts including the first; at least 1 (1 means no retries)
 * @param initialDelay  wait after the first failed attempt; not negative
 * @param maxDelay      cap of the exponential backoff before jitter; not less than {@code initialDelay}
 * @param jitterFactor  relative random spread of each backoff delay, between 0 and 1
 * @param maxRetryAfter longest server-requested wait the policy honours in-call; not negative
 * @param zeroDelays    true to never wait (tests)
 */
public record RetrySettings(
    int maxAttempts,
    Duration initialDelay,
    Duration maxDelay,
    double jitterFactor,
    Duration maxRetryAfter,
    boolean zeroDelays) {

    /**
     * Validates the settings.
     *
     * @throws NullPointerException     when a duration is null
     * @throws IllegalArgumentException naming the field and the fix when a value is out of range
     */
    public RetrySettings {
        Checks.atLeast(maxAttempts, 1, "maxAttempts", "use 1 for a single attempt without retries");
        Checks.notNegative(initialDelay, "initialDelay", "use Duration.ZERO or a positive delay such as 200 ms");
        Checks.notNegative(maxDelay, "maxDelay", "use a delay at least as long as initialDelay");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must not be shorter than initialDelay ("
                + initialDelay + "): raise maxDelay or lower initialDelay");
        }
        if (!(jitterFactor >= 0.0 && jitterFactor <= 1.0)) {
            throw new IllegalArgumentException("jitterFactor must be between 0.0 and 1.0 but was " + jitterFactor
                + ": use e.g. 0.2 for +/-20%, or 0.0 for none");
        }
        Checks.notNegative(maxRetryAfter, "maxRetryAfter", "use e.g. Duration.ofMinutes(2)");
    }

    /**
     * Creates settings that really wait.
     *
     * @param maxAttempts   total attempts including the first; at least 1
     * @param initialDelay  wait after the first failed attempt; not negative
     * @param maxDelay      cap of the backoff; not less than {@code initialDelay}
     * @param jitterFactor  relative random spread, between 0 and 1
     * @param maxRetryAfter longest server-requested wait honoured in-call; not negative
     * @throws IllegalArgumentException naming the field and the fix when a value is out of range
     */
    public RetrySettings(
        int maxAttempts, Duration initialDelay, Duration maxDelay, double jitterFactor, Duration maxRetryAfter) {
        this(maxAttempts, initialDelay, maxDelay, jitterFactor, maxRetryAfter, false);
    }

    /**
     * Returns the defaults: 3 attempts, 200 ms doubling to at most 5 s, jitter 0.2, server waits honoured up to
     * 2 minutes.
     *
     * @return default settings
     */
    public static RetrySettings defaults() {
        return new RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(5), 0.2, Duration.ofMinutes(2));
    }

    /**
     * Returns settings for tests: {@code maxAttempts} attempts, and every wait, including a server's
     * {@code Retry-After}, is zero. A {@code Retry-After} longer than the default cap (2 minutes) still aborts.
     *
     * @param maxAttempts total attempts including the first; at least 1
     * @return zero-wait settings
     */
    public static RetrySettings noBackoff(int maxAttempts) {
        return new RetrySettings(maxAttempts, Duration.ZERO, Duration.ZERO, 0.0, defaults().maxRetryAfter(), true);
    }

    /**
     * Returns a copy with another number of attempts.
     *
     * @param attempts total attempts including the first; at least 1
     * @return new settings
     */
    public RetrySettings withMaxAttempts(int attempts) {
        return new RetrySettings(attempts, initialDelay, maxDelay, jitterFactor, maxRetryAfter, zeroDelays);
    }

    /**
     * Returns a copy with another backoff.
     *
     * @param initial wait after the first failed attempt; not negative
     * @param max     cap of the backoff; not less than {@code initial}
     * @return new settings
     */
    public RetrySettings withBackoff(Duration initial, Duration max) {
        return new RetrySettings(maxAttempts, initial, max, jitterFactor, maxRetryAfter, zeroDelays);
    }

    /**
     * Returns a copy with another jitter factor.
     *
     * @param factor relative random spread, between 0 and 1
     * @return new settings
     */
    public RetrySettings withJitterFactor(double factor) {
        return new RetrySettings(maxAttempts, initialDelay, maxDelay, factor, maxRetryAfter, zeroDelays);
    }

    /**
     * Returns a copy with another cap on server-requested waits.
     *
     * @param cap longest {@code Retry-After} honoured in-call; not negative
     * @return new settings
     */
    public RetrySettings withMaxRetryAfter(Duration cap) {
        return new RetrySettings(maxAttempts, initialDelay, maxDelay, jitterFactor, cap, zeroDelays);
    }
}
