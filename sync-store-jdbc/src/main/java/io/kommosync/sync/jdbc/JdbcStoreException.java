package io.kommosync.sync.jdbc;

/**
 * The JDBC store could not do what was asked: the database failed, a lock could not be taken in time, a
 * transaction could not be committed, or the configuration is wrong. The message says what was being done and,
 * where it helps, how to fix it; it never contains a token or key. The cause is the driver's exception, if any.
 */
public class JdbcStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, in plain words
     * @param cause   the underlying failure, or {@code null}
     */
    public JdbcStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
