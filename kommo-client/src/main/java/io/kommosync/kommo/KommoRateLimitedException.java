package io.kommosync.kommo;

import java.time.Duration;
import java.util.Optional;

/**
 * Kommo answered 429: too many requests for this integration (7 per second) or account. Kommo's 429 bodies are
 * often an HTML page and usually carry no {@code Retry-After}; both are handled.
 *
 * <p>{@linkplain #retryable() Retryable}: the client retries it in-call (the rate limiter is acquired again before
 * each attempt), so seeing it means every attempt was throttled. Repeated violations get the integration blocked
 * ({@link KommoAccessBlockedException}): slow down rather than retry hard.
 *
 * <p>Immutable and thread-safe.
 */
public final class KommoRateLimitedException extends KommoException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message    what was throttled, without secrets
     * @param retryAfter the wait Kommo asked for, or {@code null} when it sent none
     * @param requestId  the {@code X-Request-Id}, or {@code null}
     */
    public KommoRateLimitedException(String message, Duration retryAfter, String requestId) {
        super(message, null, 429, requestId);
        this.retryAfter = retryAfter;
    }

    /**
     * Always true: a throttled request was not processed and may be sent again later.
     *
     * @return true
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
