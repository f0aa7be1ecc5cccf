package io.kommosync.sync.jdbc;

import static io.kommosync.sync.jdbc.internal.Sql.instant;
import static io.kommosync.sync.jdbc.internal.Sql.requiredInstant;
import static io.kommosync.sync.jdbc.internal.Sql.setInstant;
import static io.kommosync.sync.jdbc.internal.Sql.setString;
import static io.kommosync.sync.jdbc.internal.Sql.string;

import io.kommosync.client.Secret;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.TokenStore;
import io.kommosync.sync.jdbc.internal.Dialect;
import io.kommosync.sync.jdbc.internal.Sql;
import io.kommosync.sync.jdbc.internal.TokenCipher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TokenStore} over JDBC, shared by every instance that uses the same database. Get it from
 * {@link SyncDatabase#tokenStore()}.
 *
 * <p><b>Refresh lock.</b> {@link #underRefreshLock} opens a transaction, takes a row lock on the connection's row
 * of {@code ks_token_lock} ({@code SELECT ... FOR UPDATE}), waiting at most the configured refresh lock timeout,
 * and holds it for the whole action. While the action runs, {@link #load} and {@link #save} for that connection on
 * the same thread use the locked transaction, so the rotated tokens are committed together with the release of
 * the lock. If the lock cannot be taken in time, or the commit fails, it throws {@link JdbcStoreException} and
 * nothing the action saved is kept: {@link io.kommosync.client.oauth.OAuth2TokenManager} then keeps the new
 * tokens in memory and saves them again on its next call. Two instances therefore never spend one single-use
 * refresh token twice. The lock is re-entrant on one thread.
 *
 * <p><b>Encryption.</b> With an {@link EncryptionKey} both tokens are stored AES-GCM encrypted, bound to their row
 * and column; without one they are stored in plaintext. Rows written in plaintext stay readable after a key is
 * introduced and are encrypted on their next save. Reading rows encrypted with another key (or with no key
 * supplied) throws {@link EncryptionKeyMismatchException}; undecryptable bytes are never returned.
 *
 * <p>Error messages never contain a token. Thread-safe.
 */
public final class JdbcTokenStore implements TokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTokenStore.class);

    private static final List<String> TOKEN_COLUMNS = List.of("access_token", "refresh_token",
            "access_token_expires_at", "refresh_token_expires_at", "key_id", "updated_at");

    private final Sql sql;
    private final Dialect dialect;
    private final TokenCipher cipher;
    private final Duration lockTimeout;
    private final Clock clock;
    /** The locked transaction of each connection whose refresh lock the current thread holds. */
    private final ThreadLocal<Map<String, Connection>> held = ThreadLocal.withInitial(HashMap::new);

    JdbcTokenStore(Sql sql, TokenCipher cipher, Duration lockTimeout, Clock clock) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.dialect = sql.dialect();
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<OAuthTokens> load(String connectionId) {
        requireConnectionId(connectionId);
        Connection locked = held.get().get(connectionId);
        if (locked != null) {
            try {
                return read(locked, connectionId);
            } catch (SQLException e) {
                throw Sql.failure("load the OAuth tokens of connection '" + connectionId + "'", e, false);
            }
        }
        try (Connection c = sql.dataSource().getConnection()) {
            return read(c, connectionId);
        } catch (SQLException e) {
            throw Sql.failure("load the OAuth tokens of connection '" + connectionId + "'", e, false);
        }
    }

    @Override
    public void save(String connectionId, OAuthTokens tokens) {
        requireConnectionId(connectionId);
        Objects.requireNonNull(tokens, "tokens must not be null: pass the tokens to store");
        Connection locked = held.get().get(connectionId);
        try {
            if (locked != null) {
                write(locked, connectionId, tokens);
            } else {
                try (Connection c = sql.dataSource().getConnection()) {
                    if (!c.getAutoCommit()) {
                        c.setAutoCommit(true);
                    }
                    write(c, connectionId, tokens);
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("save the OAuth tokens of connection '" + connectionId + "'", e, false);
        }
    }

    /**
     * Deletes the tokens of a connection, for example when it is disconnected.
     *
     * @param connectionId the connection
     * @return {@code true} when there were tokens
     * @throws JdbcStoreException when the database fails
     */
    public boolean delete(String connectionId) {
        requireConnectionId(connectionId);
        return sql.run("delete the OAuth tokens of connection '" + connectionId + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ks_oauth_token WHERE connection_id = ?")) {
                ps.setString(1, connectionId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Runs {@code action} holding the connection's refresh lock across every instance sharing the database.
     *
     * @param connectionId the connection whose refresh is serialised
     * @param action       the work to do under the lock
     * @param <T>          result type
     * @return what {@code action} returned, after the transaction committed
     * @throws JdbcStoreException when the lock cannot be taken within the refresh lock timeout, or the transaction
     *                            holding what the action saved cannot be committed
     */
    @Override
    public <T> T underRefreshLock(String connectionId, Supplier<T> action) {
        requireConnectionId(connectionId);
        Objects.requireNonNull(action, "action must not be null: pass the work to run under the lock");
        Map<String, Connection> mine = held.get();
        if (mine.containsKey(connectionId)) {
            return action.get();
        }
        sql.run("create the token refresh lock of connection '" + connectionId + "'", c -> dialect.insertIfAbsent(c,
                "INSERT INTO ks_token_lock (connection_id) VALUES (?)", ps -> ps.setString(1, connectionId)));
        try (Connection c = sql.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long previousTimeout = dialect.setLockTimeout(c, lockTimeout);
            try {
                lock(c, connectionId);
                mine.put(connectionId, c);
                T result;
                try {
                    result = action.get();
                } finally {
                    mine.remove(connectionId);
                }
                try {
                    c.commit();
                } catch (SQLException e) {
                    throw new JdbcStoreException("Could not commit the token refresh of connection '" + connectionId
                            + "' (SQLState " + e.getSQLState() + "); the tokens saved under the lock were not kept",
                            e);
                }
                return result;
            } catch (RuntimeException | Error e) {
                Sql.rollbackQuietly(c, e);
                throw e;
            } finally {
                restore(c, previousTimeout);
            }
        } catch (SQLException e) {
            throw Sql.failure("hold the token refresh lock of connection '" + connectionId + "'", e, false);
        } finally {
            if (mine.isEmpty()) {
                held.remove();
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcTokenStore[" + dialect + ", encrypted=" + cipher.keyId().isPresent() + "]";
    }

    private void lock(Connection c, String connectionId) {
        try {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT connection_id FROM ks_token_lock WHERE connection_id = ? FOR UPDATE")) {
                ps.setString(1, connectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the lock row of connection " + connectionId + " vanished");
                    }
                }
            }
        } catch (SQLException e) {
            if (Dialect.isLockTimeout(e)) {
                throw new JdbcStoreException("Could not take the token refresh lock of connection '" + connectionId
                        + "' within " + lockTimeout + ": another instance has held it that long. Try again later,"
                        + " or raise SyncDatabase.builder().refreshLockTimeout(...)", e);
            }
            throw Sql.failure("take the token refresh lock of connection '" + connectionId + "'", e, false);
        }
    }

    private void restore(Connection c, long previousTimeout) {
        try {
            dialect.restoreLockTimeout(c, previousTimeout);
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // The transaction is over either way; a pool resets the connection's settings when it is returned.
            LOG.warn("Could not reset a connection after the token refresh lock (SQLState {})", e.getSQLState());
        }
    }

    private Optional<OAuthTokens> read(Connection c, String connectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", TOKEN_COLUMNS)
                + " FROM ks_oauth_token WHERE connection_id = ?")) {
            ps.setString(1, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Optional<String> keyId = string(rs, "key_id");
                Secret access = Secret.of(cipher.open(rs.getString("access_token"), keyId,
                        context(connectionId, "access_token"), connectionId));
                Optional<Secret> refresh = string(rs, "refresh_token").map(v -> Secret.of(cipher.open(v, keyId,
                        context(connectionId, "refresh_token"), connectionId)));
                return Optional.of(new OAuthTokens(access, refresh, requiredInstant(rs, "access_token_expires_at"),
                        instant(rs, "refresh_token_expires_at")));
            }
        }
    }

    private void write(Connection c, String connectionId, OAuthTokens tokens) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                dialect.upsert("ks_oauth_token", List.of("connection_id"), TOKEN_COLUMNS))) {
            ps.setString(1, connectionId);
            ps.setString(2, cipher.seal(tokens.accessToken().reveal(), context(connectionId, "access_token")));
            setString(ps, 3, tokens.refreshToken().map(r -> cipher.seal(r.reveal(),
                    context(connectionId, "refresh_token"))));
            setInstant(ps, 4, tokens.accessTokenExpiresAt());
            setInstant(ps, 5, tokens.refreshTokenExpiresAt());
            setString(ps, 6, cipher.keyId());
            setInstant(ps, 7, clock.instant());
            ps.executeUpdate();
        }
    }

    private static String context(String connectionId, String column) {
        return "ks_oauth_token/" + connectionId + "/" + column;
    }

    private static void requireConnectionId(String connectionId) {
        Objects.requireNonNull(connectionId, "connectionId must not be null: pass the id of the connection");
        if (connectionId.isBlank()) {
            throw new IllegalArgumentException("connectionId must not be blank: pass the id of the connection");
        }
    }
}
