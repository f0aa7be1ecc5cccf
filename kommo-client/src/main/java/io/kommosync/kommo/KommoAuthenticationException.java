package io.kommosync.kommo;

/**
 * Kommo answered 401: the access token was not accepted. With OAuth credentials the client has already refreshed
 * the token once and retried once; with a long-lived token nothing is refreshed (the token expired or was
 * revoked: issue a new one). Also thrown when a token refresh failed for a reason other than a lost grant (which is
 * {@link io.kommosync.client.oauth.ReauthorizationRequiredException}) and trying again cannot help, such as a wrong
 * client secret.
 *
 * <p>Not retryable. Immutable and thread-safe.
 */
public class KommoAuthenticationException extends KommoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    what was rejected and the fix, without secrets
     * @param cause      the underlying failure, or {@code null}
     * @param httpStatus 401, or {@code null} when no Kommo answer is involved
     * @param requestId  the {@code X-Request-Id}, or {@code null}
     */
    public KommoAuthenticationException(String message, Throwable cause, Integer httpStatus, String requestId) {
        super(message, cause, httpStatus, requestId);
    }
}
