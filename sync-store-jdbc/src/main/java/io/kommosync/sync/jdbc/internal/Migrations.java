package io.kommosync.sync.jdbc.internal;

import io.kommosync.sync.jdbc.JdbcStoreException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The store's versioned schema, applied with Flyway from {@code io/kommosync/sync/jdbc/migration}. The history
 * table is {@value #HISTORY_TABLE}, so a host's own Flyway history in the same schema is left alone.
 */
public final class Migrations {

    /** The schema version this library reads and writes. */
    public static final String LATEST = "2";

    /** Flyway's history table for this store. */
    public static final String HISTORY_TABLE = "ks_schema_history";

    private static final String LOCATION = "classpath:io/kommosync/sync/jdbc/migration";

    private Migrations() {
    }

    /**
     * Applies pending migrations up to {@code target}.
     *
     * @param dataSource the database
     * @param target     the version to stop at, or empty for the latest
     * @return how many migrations were applied
     * @throws JdbcStoreException when a migration fails
     */
    public static int migrate(DataSource dataSource, Optional<String> target) {
        try {
            MigrateResult result = flyway(dataSource, target).migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new JdbcStoreException("Could not migrate the kommo-sync schema to version "
                    + target.orElse(LATEST) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The version the database's schema is at.
     *
     * @param dataSource the database
     * @return the version, or empty when no migration was applied
     * @throws JdbcStoreException when the history cannot be read
     */
    public static Optional<String> currentVersion(DataSource dataSource) {
        try {
            MigrationInfo current = flyway(dataSource, Optional.empty()).info().current();
            return current == null || current.getVersion() == null ? Optional.empty()
                    : Optional.of(current.getVersion().getVersion());
        } catch (FlywayException e) {
            throw new JdbcStoreException("Could not read the kommo-sync schema version: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a schema version is the one this library needs or a newer one (written by a newer release during a
     * rolling upgrade; its migrations only add).
     *
     * @param version the version, or empty for none
     * @return {@code true} when this library can use the schema
     */
    public static boolean isAtLeastLatest(Optional<String> version) {
        return version.map(v -> MigrationVersion.fromVersion(v).compareTo(MigrationVersion.fromVersion(LATEST)) >= 0)
                .orElse(false);
    }

    private static Flyway flyway(DataSource dataSource, Optional<String> target) {
        var configuration = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // A schema the host already uses for its own tables is not empty: record a baseline below V1
                // and apply every migration of ours on top of it.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("kommo-sync baseline")
                .cleanDisabled(true);
        target.ifPresent(configuration::target);
        return configuration.load();
    }
}
