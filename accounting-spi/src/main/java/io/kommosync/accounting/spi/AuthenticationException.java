package io.kommosync.accounting.spi;

/**
 * The vendor rejected our credentials (HTTP 401/403), or they expired and cannot be refreshed. Not retryable:
 * a person must re-authorise the connection.
 */
public class AuthenticationException extends AccountingException {

    /**
     * Creates the exception.
     *
     * @param context where it happened
     * @param message what happened; must not contain secrets
     */
    public AuthenticationException(ErrorContext context, String message) {
        this(context, message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param context where it happened
     * @param message what happened; must not contain secrets
     * @param cause   the underlying failure, may be {@code null}
     */
    public AuthenticationException(ErrorContext context, String message, Throwable cause) {
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
