package io.kommosync.accounting.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The vendor throttled us (HTTP 429 or its equivalent). Retryable after {@link #retryAfter()}.
 *
 * <p>{@link #window()} tells a short throttle (wait seconds, then carry on) from an exhausted daily quota,
 * where work must be parked until the window resets instead of being retried in a loop.
 */
public class RateLimitedException extends AccountingException {

    /** Which of the vendor's limits was exhausted. */
    public enum Window {
        /** A per-second or per-minute limit, or one the vendor did not name: retry after a short wait. */
        SHORT,
        /** A concurrency limit: retry when one of our own calls has finished. */
        CONCURRENCY,
        /** A daily quota: park the work until the quota resets. */
        DAILY
    }

    private final Duration retryAfter;
    private final Window window;

    /**
     * Creates the exception.
     *
     * @param context    where it happened
     * @param message    what happened; must not contain secrets
     * @param retryAfter how long the vendor asked us to wait, or {@code null} when it did not say
     * @param window     which limit was hit
     * @throws IllegalArgumentException if {@code retryAfter} is negative
     */
    public RateLimitedException(ErrorContext context, String message, Duration retryAfter, Window window) {
        this(context, message, retryAfter, window, null);
    }

    /**
     * Creates the exception with the underlying failure.
     *
     * @param context    where it happened
     * @param message    what happened; must not contain secrets
     * @param retryAfter how long the vendor asked us to wait, or {@code null} when it did not say
     * @param window     which limit was hit
     * @param cause      the underlying failure, may be {@code null}
     * @throws IllegalArgumentException if {@code retryAfter} is negative
     */
    public RateLimitedException(ErrorContext context, String message, Duration retryAfter, Window window,
                                Throwable cause) {
        super(context, message, cause);
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
        }
        this.retryAfter = retryAfter;
        this.window = Objects.requireNonNull(window, "window");
    }

    /**
     * Creates an exception for a short limit.
     *
     * @param context    where it happened
     * @param message    what happened; must not contain secrets
     * @param retryAfter how long the vendor asked us to wait, or {@code null} when it did not say
     */
    public RateLimitedException(ErrorContext context, String message, Duration retryAfter) {
        this(context, message, retryAfter, Window.SHORT);
    }

    /**
     * Which limit was exhausted.
     *
     * @return the limit window
     */
    public Window window() {
        return window;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code true}
     */
    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
