package io.kommosync.sync.jdbc.internal;

import io.kommosync.sync.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What differs between the two supported databases: upserts, insert-if-absent, row locks that skip locked rows,
 * and lock timeouts. Everything else is portable SQL.
 */
public enum Dialect {

    /** H2 2.x, embedded in a file. */
    H2 {
        @Override
        public String upsert(String table, List<String> keys, List<String> others) {
            return "MERGE INTO " + table + " (" + columns(keys, others) + ") KEY (" + String.join(", ", keys)
                    + ") VALUES (" + placeholders(keys.size() + others.size()) + ")";
        }

        @Override
        public boolean insertIfAbsent(Connection connection, String insert, Binder binder) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(insert)) {
                binder.bind(ps);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }

        @Override
        public boolean skipsLockedRows() {
            return false;
        }

        @Override
        public String deleteBatch(String table, String key, String condition, int batch) {
            return "DELETE FROM " + table + " WHERE " + condition + " FETCH FIRST " + batch + " ROWS ONLY";
        }

        @Override
        public long setLockTimeout(Connection connection, Duration timeout) throws SQLException {
            long previous;
            try (Statement s = connection.createStatement();
                 var rs = s.executeQuery("SELECT LOCK_TIMEOUT()")) {
                previous = rs.next() ? rs.getLong(1) : -1;
            }
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCK_TIMEOUT " + Math.max(1, timeout.toMillis()));
            }
            return previous;
        }

        @Override
        public void restoreLockTimeout(Connection connection, long previous) throws SQLException {
            if (previous >= 0) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SET LOCK_TIMEOUT " + previous);
                }
            }
        }
    },

    /** PostgreSQL 12 or newer. */
    POSTGRESQL {
        @Override
        public String upsert(String table, List<String> keys, List<String> others) {
            return "INSERT INTO " + table + " (" + columns(keys, others) + ") VALUES ("
                    + placeholders(keys.size() + others.size()) + ") ON CONFLICT (" + String.join(", ", keys)
                    + ") DO UPDATE SET " + others.stream().map(c -> c + " = EXCLUDED." + c)
                    .collect(Collectors.joining(", "));
        }

        @Override
        public boolean insertIfAbsent(Connection connection, String insert, Binder binder) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(insert + " ON CONFLICT DO NOTHING")) {
                binder.bind(ps);
                return ps.executeUpdate() == 1;
            }
        }

        @Override
        public boolean skipsLockedRows() {
            return true;
        }

        @Override
        public String deleteBatch(String table, String key, String condition, int batch) {
            return "DELETE FROM " + table + " WHERE (" + key + ") IN (SELECT " + key + " FROM " + table + " WHERE "
                    + condition + " LIMIT " + batch + ")";
        }

        @Override
        public long setLockTimeout(Connection connection, Duration timeout) throws SQLException {
            // SET LOCAL lasts until the end of the transaction, so there is nothing to restore.
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
            }
            return -1;
        }

        @Override
        public void restoreLockTimeout(Connection connection, long previous) {
            // Nothing to do: the setting ended with the transaction.
        }
    };

    /** SQLState of a unique or primary key violation, the same on both databases. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** SQLStates of "the lock could not be taken in time": PostgreSQL lock_not_available, H2 LOCK_TIMEOUT_1. */
    private static final List<String> LOCK_TIMEOUTS = List.of("55P03", "HYT00");

    /** Binds the parameters of a prepared statement. */
    @FunctionalInterface
    public interface Binder {
        /**
         * Binds the parameters.
         *
         * @param ps the statement
         * @throws SQLException from the driver
         */
        void bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * An insert-or-replace statement with parameters in the order keys, then others.
     *
     * @param table  the table
     * @param keys   the key columns
     * @param others the other columns
     * @return the SQL
     */
    public abstract String upsert(String table, List<String> keys, List<String> others);

    /**
     * Runs an {@code INSERT} that does nothing when a row with the same unique key exists.
     *
     * @param connection the connection
     * @param insert     a plain {@code INSERT ... VALUES (...)} statement
     * @param binder     binds its parameters
     * @return {@code true} when the row was inserted
     * @throws SQLException from the driver
     */
    public abstract boolean insertIfAbsent(Connection connection, String insert, Binder binder) throws SQLException;

    /**
     * Whether claims use {@code FOR UPDATE SKIP LOCKED}; otherwise they compare and set row by row.
     *
     * @return {@code true} on PostgreSQL
     */
    public abstract boolean skipsLockedRows();

    /**
     * A statement deleting at most {@code batch} rows that meet a condition.
     *
     * @param table     the table
     * @param key       the columns that identify a row, comma-separated
     * @param condition the condition, with its parameters
     * @param batch     the most rows to delete
     * @return the SQL
     */
    public abstract String deleteBatch(String table, String key, String condition, int batch);

    /**
     * Sets how long the current transaction waits for a row lock.
     *
     * @param connection a connection inside a transaction
     * @param timeout    the wait
     * @return the previous setting to restore, or -1 when nothing needs restoring
     * @throws SQLException from the driver
     */
    public abstract long setLockTimeout(Connection connection, Duration timeout) throws SQLException;

    /**
     * Restores what {@link #setLockTimeout} changed.
     *
     * @param connection the connection
     * @param previous   what {@link #setLockTimeout} returned
     * @throws SQLException from the driver
     */
    public abstract void restoreLockTimeout(Connection connection, long previous) throws SQLException;

    /**
     * Whether a failure means a lock wait timed out.
     *
     * @param e the failure
     * @return {@code true} for a lock timeout
     */
    public static boolean isLockTimeout(SQLException e) {
        return LOCK_TIMEOUTS.contains(e.getSQLState()) || e.getErrorCode() == 50200;
    }

    /**
     * The dialect of a database.
     *
     * @param metaData the connection's metadata
     * @return the dialect
     * @throws SQLException       from the driver
     * @throws JdbcStoreException when the database is neither H2 nor PostgreSQL
     */
    public static Dialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return H2;
        }
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        throw new JdbcStoreException("The kommo-sync JDBC store supports H2 and PostgreSQL, but the DataSource"
                + " connects to '" + product + "'. Pass a DataSource of one of those, or use the in-memory store.",
                null);
    }

    private static String columns(List<String> keys, List<String> others) {
        return String.join(", ", keys) + (others.isEmpty() ? "" : ", " + String.join(", ", others));
    }

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
