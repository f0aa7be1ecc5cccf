package io.kommosync.sync.jdbc;

import java.util.Objects;

/**
 * A connection's stored tokens cannot be decrypted: they were encrypted with another key than the one supplied
 * (or none was supplied), or the stored value was altered or copied from another row. The store never returns
 * undecryptable bytes as a token. The message names the key ids, never a key or a token.
 */
public class EncryptionKeyMismatchException extends JdbcStoreException {

    private static final long serialVersionUID = 1L;

    private final String connectionId;

    /**
     * Creates the exception.
     *
     * @param connectionId the connection whose tokens could not be read
     * @param reason       why, in plain words, with the fix
     */
    public EncryptionKeyMismatchException(String connectionId, String reason) {
        super("Cannot read the OAuth tokens of connection '" + connectionId + "': " + reason, null);
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
    }

    /**
     * The connection whose tokens could not be read.
     *
     * @return the connection id
     */
    public String connectionId() {
        return connectionId;
    }
}
