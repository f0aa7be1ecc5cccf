package io.kommosync.client.oauth;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A token refresh failed for a reason other than a lost grant: the token endpoint was unreachable or answered
 * 5xx/429 ({@link #retryable()} true), the refreshed tokens could not be saved (retryable), or the request was
 * refused for a configuration reason such as a wrong client secret (not retryable).
 *
 * <p>The message never contains a token or client secret.
 */
public class TokenRefreshException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final Integer httpStatus;
    private final Duration retryAfter;

    /**
     * Creates the exception without an HTTP status.
     *
     * @param message   what failed, without secrets
     * @param retryable whether trying again later may succeed
     * @param cause     the underlying failure; may be null
     */
    public TokenRefreshException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, null, null, cause);
    }

    /**
     * Creates the exception for an HTTP answer.
     *
     * @param message    what failed, without secrets
     * @param retryable  whether trying again later may succeed
     * @param httpStatus the status the token endpoint answered with; may be null
     * @param retryAfter the wait the server asked for; may be null
     * @param cause      the underlying failure; may be null
     */
    public TokenRefreshException(
        String message, boolean retryable, Integer httpStatus, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /**
     * Tells whether trying again later may succeed.
     *
     * @return true for transport failures, 5xx, 429 and failed saves
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * Returns the HTTP status of the token endpoint's answer.
     *
     * @return the status, or empty when there was no answer
     */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /**
     * Returns the wait the token endpoint asked for.
     *
     * @return the wait, or empty
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
