package io.kommosync.accounting.spi;

/**
 * The addressed object (invoice, customer, account…) does not exist at the vendor. Not retryable.
 */
public class NotFoundException extends AccountingException {

    /**
     * Creates the exception.
     *
     * @param context where it happened
     * @param message what happened; must not contain secrets
     */
    public NotFoundException(ErrorContext context, String message) {
        this(context, message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param context where it happened
     * @param message what happened; must not contain secrets
     * @param cause   the underlying failure, may be {@code null}
     */
    public NotFoundException(ErrorContext context, String message, Throwable cause) {
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
