package io.kommosync.sandbox.http;

/**
 * Thrown by a route handler that has done its work (state changes happened) and wants the server to drop the
 * connection without answering: the "lost answer" a client must survive with its idempotency key. The server
 * records the request with {@link JournalEntry.Outcome#RESET} and closes the exchange without response headers.
 */
public final class DroppedConnection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public DroppedConnection() {
        super("connection dropped after the handler applied the request", null, false, false);
    }
}
