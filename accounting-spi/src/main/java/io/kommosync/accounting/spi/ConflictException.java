package io.kommosync.accounting.spi;

/**
 * The write collides with the vendor's current state: a duplicate, an object in the wrong state (voiding a paid
 * invoice), a concurrent change. Not retryable as it is.
 */
public class ConflictException extends AccountingException {

    /**
     * Creates the exception.
     *
     * @param context where it happened
     * @param message what happened; must not contain secrets
     */
    public ConflictException(ErrorContext context, String message) {
        this(context, message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param context where it happened
     * @param message what happened; must not contain secrets
     * @param cause   the underlying failure, may be {@code null}
     */
    public ConflictException(ErrorContext context, String message, Throwable cause) {
        super(context, message, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code false}
     */
    @Override
    public boolean retryable() {
        return false;
    }
}
