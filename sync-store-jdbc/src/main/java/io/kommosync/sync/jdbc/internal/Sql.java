package io.kommosync.sync.jdbc.internal;

import io.kommosync.sync.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs JDBC work on a connection from the data source, in auto-commit mode or in one transaction, and turns
 * {@link SQLException}s into {@link JdbcStoreException}s that say what was being done. Thread-safe.
 */
public final class Sql {

    private final DataSource dataSource;
    private final Dialect dialect;

    /**
     * Creates the runner.
     *
     * @param dataSource where connections come from
     * @param dialect    the database's dialect
     */
    public Sql(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work.
         *
         * @param connection the connection
         * @return the result
         * @throws SQLException from the driver
         */
        T run(Connection connection) throws SQLException;
    }

    /**
     * The dialect.
     *
     * @return the dialect
     */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * The data source.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs work in auto-commit mode: each statement commits on its own.
     *
     * @param operation what is being done, for the error message ("enqueue a job")
     * @param work      the work
     * @param <T>       result type
     * @return the result
     * @throws JdbcStoreException when the database fails
     */
    public <T> T run(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return work.run(c);
        } catch (SQLException e) {
            throw failure(operation, e, true);
        }
    }

    /**
     * Runs work in one transaction, committed when the work returns and rolled back when it throws.
     *
     * @param operation what is being done, for the error message
     * @param work      the work
     * @param <T>       result type
     * @return the result
     * @throws JdbcStoreException when the database fails
     */
    public <T> T transaction(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
            c.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw failure(operation, e, true);
        }
    }

    /**
     * Rolls back, attaching a rollback failure to the original one.
     *
     * @param c     the connection
     * @param cause what made the transaction fail
     */
    public static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /**
     * The exception for a failed operation.
     *
     * @param operation  what was being done
     * @param e          the driver's exception
     * @param withDetail whether the driver's message may be shown (never for rows holding secrets)
     * @return the exception to throw
     */
    public static JdbcStoreException failure(String operation, SQLException e, boolean withDetail) {
        String detail = withDetail && e.getMessage() != null ? ": " + e.getMessage() : "";
        return new JdbcStoreException("Could not " + operation + " in the kommo-sync database (SQLState "
                + e.getSQLState() + ", error " + e.getErrorCode() + ")" + detail, e);
    }

    // ---- column conversions ------------------------------------------------------------------------------

    /**
     * An instant as the database stores it: UTC, truncated to the microsecond.
     *
     * @param instant the instant
     * @return the value to bind
     */
    public static OffsetDateTime timestamp(Instant instant) {
        return stored(instant).atOffset(ZoneOffset.UTC);
    }

    /**
     * An instant truncated the way the database stores it.
     *
     * @param instant the instant
     * @return the instant to the microsecond
     */
    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Binds an instant.
     *
     * @param ps      the statement
     * @param index   the parameter index
     * @param instant the instant
     * @throws SQLException from the driver
     */
    public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, timestamp(instant));
    }

    /**
     * Binds an optional instant.
     *
     * @param ps      the statement
     * @param index   the parameter index
     * @param instant the instant, or empty for SQL NULL
     * @throws SQLException from the driver
     */
    public static void setInstant(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            setInstant(ps, index, instant.get());
        } else {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /**
     * Binds an optional string.
     *
     * @param ps    the statement
     * @param index the parameter index
     * @param value the value, or empty for SQL NULL
     * @throws SQLException from the driver
     */
    public static void setString(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    /**
     * Reads an instant column that may be NULL.
     *
     * @param rs     the row
     * @param column the column
     * @return the instant, or empty
     * @throws SQLException from the driver
     */
    public static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    /**
     * Reads an instant column that is never NULL.
     *
     * @param rs     the row
     * @param column the column
     * @return the instant
     * @throws SQLException from the driver
     */
    public static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        return instant(rs, column).orElseThrow(() -> new SQLException("column " + column + " is unexpectedly NULL"));
    }

    /**
     * Reads a string column that may be NULL.
     *
     * @param rs     the row
     * @param column the column
     * @return the value, or empty
     * @throws SQLException from the driver
     */
    public static Optional<String> string(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }
}
