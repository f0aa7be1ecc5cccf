package io.kommosync.kommo;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Root of every exception the Kommo client throws: catch this to handle any Kommo failure in one place.
 *
 * <p>Unchecked, like every exception of kommo-sync. Subclasses say what went wrong:
 * <ul>
 *   <li>{@link KommoRateLimitedException} (429) and {@link KommoUnavailableException} (5xx, timeouts, I/O) are
 *       {@linkplain #retryable() retryable}; the client already retried them in-call before throwing;</li>
 *   <li>{@link KommoValidationException} (400/422), {@link KommoAuthenticationException} (401),
 *       {@link KommoPaymentRequiredException} (402), {@link KommoAccessBlockedException} (403) and
 *       {@link KommoNotFoundException} (404) are not: trying again unchanged cannot help;</li>
 *   <li>{@link io.kommosync.kommo.webhook.KommoWebhookFormatException} is a webhook body that cannot be read.</li>
 * </ul>
 * Any other unexpected answer (another 4xx, a body that is not the documented shape) is a plain
 * {@code KommoException}. A lost OAuth grant is not a {@code KommoException}: it surfaces as
 * {@link io.kommosync.client.oauth.ReauthorizationRequiredException}, unwrapped.
 *
 * <p>Messages never carry secrets (tokens, client secrets) and never more than a short, sanitised excerpt of
 * data received from Kommo. Instances are immutable once thrown and safe to share between threads.
 */
public class KommoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Integer httpStatus;
    private final String requestId;

    /**
     * Creates an exception with a message that says what failed and, where possible, how to fix it.
     *
     * @param message the human-readable explanation; must not contain secrets
     */
    public KommoException(String message) {
        super(message);
        this.httpStatus = null;
        this.requestId = null;
    }

    /**
     * Creates an exception with a message and the lower-level failure that caused it.
     *
     * @param message the human-readable explanation; must not contain secrets
     * @param cause   the underlying failure, or {@code null} if there is none
     */
    public KommoException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = null;
        this.requestId = null;
    }

    /**
     * Creates an exception for an HTTP answer.
     *
     * @param message    the human-readable explanation; must not contain secrets
     * @param cause      the underlying failure, or {@code null}
     * @param httpStatus the status Kommo answered with, or {@code null} when there was no answer
     * @param requestId  the {@code X-Request-Id} Kommo sent, or {@code null}
     */
    public KommoException(String message, Throwable cause, Integer httpStatus, String requestId) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.requestId = requestId;
    }

    /**
     * Tells whether the same call may succeed if tried again later. The client has already retried retryable
     * failures in-call ({@code RetrySettings}); a retryable exception reaching the caller means those attempts
     * were used up, so schedule a durable retry.
     *
     * @return false here; true for {@link KommoRateLimitedException} and {@link KommoUnavailableException}
     */
    public boolean retryable() {
        return false;
    }

    /**
     * Returns the wait Kommo asked for ({@code Retry-After}) before trying again.
     *
     * @return the wait, or empty when none was sent (Kommo usually sends none)
     */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /**
     * Returns the HTTP status of Kommo's answer.
     *
     * @return the status, or empty when no answer was received (I/O failure, timeout) or the failure is not about
     *     an answer (a webhook body)
     */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /**
     * Returns the request id Kommo assigned to the failed request ({@code X-Request-Id} response header), to
     * quote to Kommo support.
     *
     * @return the id, or empty when Kommo sent none
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
