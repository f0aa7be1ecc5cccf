package io.kommosync.sync;

/**
 * Root of the engine's own unchecked exceptions.
 */
public class SyncException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what happened; never secrets
     */
    public SyncException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened; never secrets
     * @param cause   the cause
     */
    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
