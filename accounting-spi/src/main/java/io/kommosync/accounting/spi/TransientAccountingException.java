package io.kommosync.accounting.spi;

/**
 * A failure that may pass by itself: I/O error, timeout, connection reset, HTTP 5xx. Retryable with the same
 * idempotency key.
 */
public class TransientAccountingException extends AccountingException {

    /**
     * Creates the exception.
     *
     * @param context where it happened
     * @param message what happened; must not contain secrets
     */
    public TransientAccountingException(ErrorContext context, String message) {
        this(context, message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param context where it happened
     * @param message what happened; must not contain secrets
     * @param cause   the underlying failure, may be {@code null}
     */
    public TransientAccountingException(ErrorContext context, String message, Throwable cause) {
        super(context, message, cause);
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
}
