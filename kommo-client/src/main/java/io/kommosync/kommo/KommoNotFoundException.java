package io.kommosync.kommo;

/**
 * Kommo answered 404 where an entity or endpoint was expected (for example the elements of a catalog that does
 * not exist). Reads of a single entity by id do not throw it: they return an empty {@code Optional} for 204 and
 * 404 alike.
 *
 * <p>Not retryable. Immutable and thread-safe.
 */
public final class KommoNotFoundException extends KommoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message   what was not found, without secrets
     * @param requestId the {@code X-Request-Id}, or {@code null}
     */
    public KommoNotFoundException(String message, String requestId) {
        super(message, null, 404, requestId);
    }
}
