package io.kommosync.sync.jdbc;

import static io.kommosync.sync.jdbc.internal.Sql.setInstant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kommosync.client.Secret;
import io.kommosync.sync.jdbc.internal.Dialect;
import io.kommosync.sync.jdbc.internal.Migrations;
import io.kommosync.sync.jdbc.internal.Sql;
import io.kommosync.sync.jdbc.internal.TokenCipher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kommo-sync database: one H2 file or one PostgreSQL database holding the engine's state
 * ({@link #syncStore()}), the OAuth tokens ({@link #tokenStore()}), and the leases of singleton tasks
 * ({@link #leaderLease}). Building it brings the schema to the version this library needs (Flyway, history table
 * {@code ks_schema_history}; every table is prefixed {@code ks_}, so the schema may be shared with the host's
 * own tables).
 *
 * <pre>{@code
 * // One process, zero set-up: an H2 file.
 * SyncDatabase db = SyncDatabase.builder().h2File(Path.of("data/kommo-sync")).build();
 *
 * // Several instances: PostgreSQL (or .dataSource(yourPool)).
 * SyncDatabase db = SyncDatabase.builder()
 *     .postgres("jdbc:postgresql://db:5432/kommo", "kommo", Secret.of(password))
 *     .encryptionKey(EncryptionKey.fromBase64(System.getenv("KOMMO_SYNC_KEY")))
 *     .build();
 *
 * SyncEngine engine = SyncEngine.builder().store(db.syncStore())...;
 * OAuth2TokenManager tokens = OAuth2TokenManager.builder().tokenStore(db.tokenStore())...;
 * }</pre>
 *
 * <p>Thread-safe. Close it on shutdown: that closes the connection pool it created ({@link Builder#h2File},
 * {@link Builder#postgres}); a {@link Builder#dataSource DataSource} the host passed stays the host's to close.
 */
public final class SyncDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncDatabase.class);
    private static final int PRUNE_BATCH = 1000;

    private final Sql sql;
    private final Optional<HikariDataSource> ownedPool;
    private final JdbcSyncStore syncStore;
    private final JdbcTokenStore tokenStore;

    private SyncDatabase(Sql sql, Optional<HikariDataSource> ownedPool, TokenCipher cipher,
                         Duration refreshLockTimeout, Clock clock) {
        this.sql = sql;
        this.ownedPool = ownedPool;
        this.syncStore = new JdbcSyncStore(sql);
        this.tokenStore = new JdbcTokenStore(sql, cipher, refreshLockTimeout, clock);
    }

    /**
     * A new builder.
     *
     * @return the builder (mutable, not thread-safe)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The engine's store: jobs, checkpoints, links, customers, cursors, connection states, seen events, audit.
     *
     * @return the store (one per database)
     */
    public JdbcSyncStore syncStore() {
        return syncStore;
    }

    /**
     * The OAuth token store, with the cross-instance refresh lock.
     *
     * @return the store (one per database)
     */
    public JdbcTokenStore tokenStore() {
        return tokenStore;
    }

    /**
     * A lease for running a singleton task on one instance at a time.
     *
     * @param name  the task, for example {@code "sage-cloud-poller:" + connectionId}
     * @param owner this instance's id, unique among the instances
     * @param ttl   how long the lease holds without renewal; another instance takes over that long after the
     *              holder died
     * @return the lease
     * @throws NullPointerException     naming the parameter when one is null
     * @throws IllegalArgumentException when a name is blank or the ttl is not positive
     */
    public LeaderLease leaderLease(String name, String owner, Duration ttl) {
        return new LeaderLease(sql, name, owner, ttl);
    }

    /**
     * Deletes what the retention no longer keeps: audit entries, DONE and DEAD jobs (with their checkpoints) and
     * seen event ids older than their ages. Runs in batches of {@value #PRUNE_BATCH} rows, each its own
     * transaction, so it never holds many locks at once. Call it from a daily task (under a {@link LeaderLease}
     * when several instances share the database).
     *
     * @param retention the ages
     * @param now       the current time
     * @return what was deleted
     * @throws JdbcStoreException when the database fails
     */
    public Pruned prune(Retention retention, Instant now) {
        Objects.requireNonNull(retention, "retention must not be null: pass Retention.defaults()");
        Objects.requireNonNull(now, "now");
        int audit = pruneInBatches("ks_audit", "seq", "logged_at < ?", now.minus(retention.auditEntries()));
        int done = pruneInBatches("ks_job", "id", "state = 'DONE' AND finished_at < ?",
                now.minus(retention.doneJobs()));
        int dead = pruneInBatches("ks_job", "id", "state = 'DEAD' AND finished_at < ?",
                now.minus(retention.deadJobs()));
        int seen = pruneInBatches("ks_seen_event", "connection_id, event_key", "seen_at < ?",
                now.minus(retention.seenEvents()));
        Pruned pruned = new Pruned(audit, done, dead, seen);
        if (pruned.total() > 0) {
            LOG.info("Pruned {} audit entries, {} done jobs, {} dead jobs and {} seen events", audit, done, dead,
                    seen);
        }
        return pruned;
    }

    /**
     * Applies pending schema migrations (building the database already does, unless
     * {@link Builder#migrateOnStart(boolean)} turned it off).
     *
     * @return how many migrations were applied
     * @throws JdbcStoreException when a migration fails
     */
    public int migrate() {
        return Migrations.migrate(sql.dataSource(), Optional.empty());
    }

    /**
     * The schema version the database is at.
     *
     * @return the version, for example {@code "2"}, or empty before the first migration
     * @throws JdbcStoreException when the history cannot be read
     */
    public Optional<String> schemaVersion() {
        return Migrations.currentVersion(sql.dataSource());
    }

    /**
     * The database's kind.
     *
     * @return {@code "H2"} or {@code "POSTGRESQL"}
     */
    public String databaseKind() {
        return sql.dialect().name();
    }

    /** Closes the connection pool this object created; a host's DataSource is left open. */
    @Override
    public void close() {
        ownedPool.ifPresent(HikariDataSource::close);
    }

    @Override
    public String toString() {
        return "SyncDatabase[" + sql.dialect() + (ownedPool.isPresent() ? ", pool=" + ownedPool.get().getPoolName()
                : ", host DataSource") + "]";
    }

    private int pruneInBatches(String table, String key, String condition, Instant cutoff) {
        String statement = sql.dialect().deleteBatch(table, key, condition, PRUNE_BATCH);
        int total = 0;
        while (true) {
            int deleted = sql.run("prune " + table, c -> {
                try (PreparedStatement ps = c.prepareStatement(statement)) {
                    setInstant(ps, 1, cutoff);
                    return ps.executeUpdate();
                }
            });
            total += deleted;
            if (deleted < PRUNE_BATCH) {
                return total;
            }
        }
    }

    /**
     * Configures a {@link SyncDatabase}. Choose exactly one of {@link #h2File}, {@link #postgres} and
     * {@link #dataSource}. Mutable, not thread-safe.
     */
    public static final class Builder {

        private DataSource dataSource;
        private String jdbcUrl;
        private String user;
        private Secret password;
        private String poolName;
        private int chosen;
        private int maximumPoolSize = 10;
        private EncryptionKey encryptionKey;
        private boolean migrateOnStart = true;
        private Duration refreshLockTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Uses an H2 database in a file, for one process: the embedded default with zero set-up. The directory is
         * created if missing. Only one process may open the file at a time.
         *
         * @param file the database file without its {@code .mv.db} suffix, for example
         *             {@code Path.of("data/kommo-sync")}
         * @return this builder
         */
        public Builder h2File(Path file) {
            return h2(file, ";DB_CLOSE_ON_EXIT=FALSE");
        }

        /**
         * Uses an H2 database in a file that several processes on this machine may open at the same time (H2's
         * automatic mixed mode, {@code AUTO_SERVER=TRUE}): the first process opens the file and serves it to the
         * others over a local TCP port; when it stops, the next one to connect takes over. Every process must open
         * the file this way. Meant for a command line that inspects the store of a running server; a fleet of
         * servers should share PostgreSQL instead. H2 does not allow {@code DB_CLOSE_ON_EXIT=FALSE} in this mode, so
         * H2's own shutdown hook may close the database before the application's; work in flight then fails and is
         * retried after the restart, as after a crash.
         *
         * @param file the database file without its {@code .mv.db} suffix, for example
         *             {@code Path.of("data/kommo-sync")}
         * @return this builder
         */
        public Builder h2FileShared(Path file) {
            return h2(file, ";AUTO_SERVER=TRUE");
        }

        private Builder h2(Path file, String settings) {
            Objects.requireNonNull(file, "h2File must not be null: pass a path such as Path.of(\"data/kommo-sync\")");
            String path = file.toAbsolutePath().normalize().toString();
            if (path.endsWith(".mv.db")) {
                path = path.substring(0, path.length() - ".mv.db".length());
            }
            if (path.contains(";")) {
                throw new IllegalArgumentException("h2File must not contain ';' (it would be read as an H2 URL"
                        + " setting): choose another path");
            }
            this.jdbcUrl = "jdbc:h2:file:" + path + settings;
            this.user = "sa";
            this.password = null;
            this.poolName = "kommo-sync-h2";
            chosen++;
            return this;
        }

        /**
         * Uses a PostgreSQL database, shared by any number of instances, through a connection pool this object
         * creates and closes.
         *
         * @param url      the JDBC URL, for example {@code jdbc:postgresql://db:5432/kommo}; put no password in it
         * @param user     the database user
         * @param password the user's password
         * @return this builder
         */
        public Builder postgres(String url, String user, Secret password) {
            Objects.requireNonNull(url, "url must not be null: pass jdbc:postgresql://host:5432/database");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("url must start with jdbc:postgresql: but was another kind of"
                        + " URL: pass jdbc:postgresql://host:5432/database, or use dataSource(...)");
            }
            this.jdbcUrl = url;
            this.user = Objects.requireNonNull(user, "user must not be null: pass the database user");
            this.password = Objects.requireNonNull(password, "password must not be null: pass Secret.of(password)");
            this.poolName = "kommo-sync-postgres";
            chosen++;
            return this;
        }

        /**
         * Uses a DataSource the host application configured and owns (its pool, its credentials), on H2 or
         * PostgreSQL. It should pool connections. A token refresh holds one connection for as long as it calls the
         * token endpoint, so size the pool for the engine's workers plus the refreshes that may run at once.
         *
         * @param value the data source
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource must not be null: pass your pooled DataSource");
            chosen++;
            return this;
        }

        /**
         * Sets the size of the pool created for {@link #h2File} or {@link #postgres} (default 10).
         *
         * @param size at least 2
         * @return this builder
         */
        public Builder maximumPoolSize(int size) {
            if (size < 2) {
                throw new IllegalArgumentException("maximumPoolSize must be at least 2 but was " + size
                        + ": a token refresh holds a connection while it calls the token endpoint, and the engine"
                        + " needs another");
            }
            this.maximumPoolSize = size;
            return this;
        }

        /**
         * Encrypts OAuth tokens at rest with AES-GCM under this key (default: none, tokens are stored in
         * plaintext and protected only by the database's own access control).
         *
         * @param key the host's key
         * @return this builder
         */
        public Builder encryptionKey(EncryptionKey key) {
            this.encryptionKey = Objects.requireNonNull(key,
                    "encryptionKey must not be null: pass EncryptionKey.fromBase64(...), or do not call this");
            return this;
        }

        /**
         * Whether {@link #build()} applies pending schema migrations (default {@code true}). When {@code false},
         * {@code build()} fails unless the schema is already at the version this library needs (or a newer one,
         * as during a rolling upgrade), for hosts whose database user may not change the schema.
         *
         * @param value whether to migrate
         * @return this builder
         */
        public Builder migrateOnStart(boolean value) {
            this.migrateOnStart = value;
            return this;
        }

        /**
         * How long a token refresh waits for another instance's refresh of the same connection before failing
         * (default 60 s). Keep it above the token endpoint's timeout.
         *
         * @param value positive
         * @return this builder
         */
        public Builder refreshLockTimeout(Duration value) {
            Objects.requireNonNull(value, "refreshLockTimeout must not be null: pass Duration.ofSeconds(60)");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("refreshLockTimeout must be positive but was " + value
                        + ": pass Duration.ofSeconds(60)");
            }
            this.refreshLockTimeout = value;
            return this;
        }

        /**
         * The clock that stamps when tokens were last saved (default {@link Clock#systemUTC()}); every other time
         * is passed in by the caller.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock must not be null: pass Clock.systemUTC()");
            return this;
        }

        /**
         * Opens the database, checks it is H2 or PostgreSQL, and migrates its schema.
         *
         * @return the database
         * @throws IllegalStateException when not exactly one of h2File, postgres and dataSource was chosen
         * @throws JdbcStoreException    when the database cannot be reached, is of another kind, or its schema
         *                               cannot be brought to the needed version
         */
        public SyncDatabase build() {
            if (chosen != 1) {
                throw new IllegalStateException("Choose exactly one database: call one of h2File(...), postgres(...)"
                        + " or dataSource(...) on SyncDatabase.builder() (" + chosen + " were called)");
            }
            HikariDataSource pool = dataSource == null ? pool() : null;
            DataSource source = pool != null ? pool : dataSource;
            try {
                Dialect dialect = dialect(source);
                if (migrateOnStart) {
                    int applied = Migrations.migrate(source, Optional.empty());
                    if (applied > 0) {
                        LOG.info("Migrated the kommo-sync schema on {} to version {} ({} migrations)", dialect,
                                Migrations.LATEST, applied);
                    }
                } else {
                    Optional<String> version = Migrations.currentVersion(source);
                    if (!Migrations.isAtLeastLatest(version)) {
                        throw new JdbcStoreException("The kommo-sync schema is at version " + version.orElse("none")
                                + " but this library needs version " + Migrations.LATEST + ": let it migrate"
                                + " (SyncDatabase.builder().migrateOnStart(true)) or apply the migrations under"
                                + " io/kommosync/sync/jdbc/migration with Flyway", null);
                    }
                }
                return new SyncDatabase(new Sql(source, dialect), Optional.ofNullable(pool),
                        new TokenCipher(Optional.ofNullable(encryptionKey)), refreshLockTimeout, clock);
            } catch (RuntimeException | Error e) {
                if (pool != null) {
                    pool.close();
                }
                throw e;
            }
        }

        private HikariDataSource pool() {
            HikariConfig config = new HikariConfig();
            config.setPoolName(poolName);
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(user);
            if (password != null) {
                config.setPassword(password.reveal());
            }
            config.setMaximumPoolSize(maximumPoolSize);
            config.setMinimumIdle(Math.min(2, maximumPoolSize));
            config.setAutoCommit(true);
            try {
                return new HikariDataSource(config);
            } catch (RuntimeException e) {
                throw new JdbcStoreException("Could not open the kommo-sync database (" + poolName + "): "
                        + e.getMessage(), e);
            }
        }

        private static Dialect dialect(DataSource source) {
            try (Connection c = source.getConnection()) {
                return Dialect.of(c.getMetaData());
            } catch (SQLException e) {
                throw Sql.failure("open a connection", e, true);
            }
        }
    }
}
