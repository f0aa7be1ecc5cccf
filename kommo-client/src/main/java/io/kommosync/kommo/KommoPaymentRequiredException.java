package io.kommosync.kommo;

/**
 * Kommo answered 402: the account's subscription is unpaid or expired (writes are blocked at once, reads some time
 * later). Not retryable: retrying cannot help until the account owner pays; pause the connection and tell a
 * person.
 *
 * <p>Immutable and thread-safe.
 */
public final class KommoPaymentRequiredException extends KommoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message   what was refused, without secrets
     * @param requestId the {@code X-Request-Id}, or {@code null}
     */
    public KommoPaymentRequiredException(String message, String requestId) {
        super(message, null, 402, requestId);
    }
}
