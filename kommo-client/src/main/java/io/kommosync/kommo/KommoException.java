package io.kommosync.kommo;

/**
 * Root of every exception the Kommo client throws: catch this to handle any Kommo failure in one place.
 *
 * <p>Unchecked, like every exception of kommo-sync. Subclasses say what went wrong (for example
 * {@link io.kommosync.kommo.webhook.KommoWebhookFormatException} for a webhook body that cannot be read).
 * Messages never carry secrets (tokens, client secrets) and never more than a short, sanitised excerpt of
 * data received from Kommo.
 *
 * <p>Instances are immutable once thrown and safe to share between threads.
 */
public class KommoException extends RuntimeException {

    /**
     * Creates an exception with a message that says what failed and, where possible, how to fix it.
     *
     * @param message the human-readable explanation; must not contain secrets
     */
    public KommoException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the lower-level failure that caused it.
     *
     * @param message the human-readable explanation; must not contain secrets
     * @param cause   the underlying failure, or {@code null} if there is none
     */
    public KommoException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the same call may succeed later.
     *
     * @return {@code false} unless a subclass says otherwise
     */
    public boolean retryable() {
        return false;
    }

    /**
     * How long Kommo asked us to wait.
     *
     * @return the delay, or empty
     */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.empty();
    }

    /**
     * The HTTP status Kommo answered.
     *
     * @return the status, or empty
     */
    public java.util.OptionalInt httpStatus() {
        return java.util.OptionalInt.empty();
    }
}
