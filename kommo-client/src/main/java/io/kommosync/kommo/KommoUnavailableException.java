package io.kommosync.kommo;

/**
 * Kommo could not be reached or failed on its side: a 5xx answer (often an nginx HTML page), a timeout, a reset
 * connection, another I/O failure, or a success status whose body was not the JSON Kommo documents.
 *
 * <p>{@linkplain #retryable() Retryable}. The client retries it in-call for reads and updates. A create
 * ({@code POST}) is retried in-call only when Kommo certainly did not process it
 * ({@link #mayHaveBeenProcessed()} false, e.g. the connection was refused), because Kommo has no idempotency keys
 * and a second {@code POST} would create a duplicate; look the entity up before creating it again.
 *
 * <p>Immutable and thread-safe.
 */
public final class KommoUnavailableException extends KommoException {

    private static final long serialVersionUID = 1L;

    private final boolean mayHaveBeenProcessed;

    /**
     * Creates the exception.
     *
     * @param message              what failed, without secrets
     * @param cause                the underlying failure, or {@code null}
     * @param httpStatus           the status Kommo answered with, or {@code null} when there was no answer
     * @param requestId            the {@code X-Request-Id}, or {@code null}
     * @param mayHaveBeenProcessed false only when the request certainly never reached Kommo
     */
    public KommoUnavailableException(
        String message, Throwable cause, Integer httpStatus, String requestId, boolean mayHaveBeenProcessed) {
        super(message, cause, httpStatus, requestId);
        this.mayHaveBeenProcessed = mayHaveBeenProcessed;
    }

    /**
     * Always true: the failure is transient.
     *
     * @return true
     */
    @Override
    public boolean retryable() {
        return true;
    }

    /**
     * Tells whether Kommo may have acted on the request although the answer was a failure (a timeout after the
     * request was sent, a 5xx, a reset). Only a connection that was never established is known to be harmless.
     *
     * @return false when the request certainly did not reach Kommo
     */
    public boolean mayHaveBeenProcessed() {
        return mayHaveBeenProcessed;
    }
}
