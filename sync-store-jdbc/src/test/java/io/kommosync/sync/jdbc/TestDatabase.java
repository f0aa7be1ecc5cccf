package io.kommosync.sync.jdbc;

import io.kommosync.client.Secret;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh, empty database for one test, on H2 (a file in a temporary directory) or the embedded PostgreSQL.
 * {@link #open()} may be called several times: each call builds another {@link SyncDatabase} with its own
 * connection pool on the same database, as another instance would. Closing closes them all.
 */
final class TestDatabase implements AutoCloseable {

    /** The kinds of database the store supports. */
    enum Kind {
        H2, POSTGRESQL
    }

    private final Kind kind;
    private final String url;
    private final DataSource raw;
    private final List<SyncDatabase> opened = new ArrayList<>();

    private TestDatabase(Kind kind, String url, DataSource raw) {
        this.kind = kind;
        this.url = url;
        this.raw = raw;
    }

    /** A fresh database; on PostgreSQL copied from a template whose schema is already migrated. */
    static TestDatabase create(Kind kind, Path tempDir) {
        return kind == Kind.H2 ? h2(tempDir) : postgres(PostgresServer.newMigratedDatabase());
    }

    /** A fresh database without the store's schema, for migration tests. */
    static TestDatabase createEmpty(Kind kind, Path tempDir) {
        return kind == Kind.H2 ? h2(tempDir) : postgres(PostgresServer.newDatabase());
    }

    static TestDatabase h2(Path tempDir) {
        Path file = tempDir.resolve("kommo-sync-" + System.nanoTime());
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        ds.setUser("sa");
        return new TestDatabase(Kind.H2, file.toString(), ds);
    }

    static TestDatabase postgres() {
        return postgres(PostgresServer.newMigratedDatabase());
    }

    private static TestDatabase postgres(String database) {
        return new TestDatabase(Kind.POSTGRESQL, PostgresServer.url(database), PostgresServer.dataSource(database));
    }

    Kind kind() {
        return kind;
    }

    /**
     * A builder pointed at this database through the convenience factory of its kind.
     *
     * @return the builder
     */
    SyncDatabase.Builder builder() {
        return kind == Kind.H2 ? SyncDatabase.builder().h2File(Path.of(url))
                : SyncDatabase.builder().postgres(url, "postgres", Secret.of("trust-auth-ignores-it"));
    }

    /**
     * Opens (and migrates) the database as a new instance would.
     *
     * @return the database, closed with this object
     */
    SyncDatabase open() {
        return track(builder().build());
    }

    SyncDatabase track(SyncDatabase db) {
        opened.add(db);
        return db;
    }

    /**
     * An unpooled data source for raw SQL.
     *
     * @return the data source
     */
    DataSource raw() {
        return raw;
    }

    void execute(String sql) {
        try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run " + sql, e);
        }
    }

    @Override
    public void close() {
        for (SyncDatabase db : opened) {
            db.close();
        }
        opened.clear();
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
