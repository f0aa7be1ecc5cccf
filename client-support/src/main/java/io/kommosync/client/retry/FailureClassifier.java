package io.kommosync.client.retry;

import java.time.Duration;
import java.util.Optional;

/**
 * Tells a retry policy which failures are transient and how long the server asked to wait. Each vendor client
 * supplies one that understands its own exception types (for example: I/O errors, 429 and 5xx are retryable;
 * 4xx validation errors and a Sage Intacct 524 are not).
 *
 * <p>Implementations must be thread-safe, fast and side-effect free; they are called on every failed attempt.
 */
@FunctionalInterface
public interface FailureClassifier {

    /**
     * Decides whether another attempt may succeed.
     *
     * @param failure the exception the attempt ended with
     * @return true when the call may be retried
     */
    boolean isRetryable(Throwable failure);

    /**
     * Returns the wait the server asked for, typically from a {@code Retry-After} header captured by the error
     * decoder. When present it replaces the computed backoff. The default returns empty.
     *
     * @param failure the exception the attempt ended with
     * @return the requested wait; empty when the server asked for none. Negative values are ignored.
     */
    default Optional<Duration> retryAfter(Throwable failure) {
        return Optional.empty();
    }
}
