package io.kommosync.sandbox;

/**
 * Thrown when a simulator's admin API is misused: an unknown entity id, a stage that is not in the given pipeline,
 * a malformed amount. The message names the argument and how to fix the call.
 *
 * <p>HTTP clients of a simulator never see this type: bad HTTP requests get the vendor's own error response.
 */
public class SandboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and how to fix it
     */
    public SandboxException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and how to fix it
     * @param cause the underlying failure
     */
    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
