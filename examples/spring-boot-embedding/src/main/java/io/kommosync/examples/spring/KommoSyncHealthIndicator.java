package io.kommosync.examples.spring;

import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.jdbc.SyncDatabase;
import io.kommosync.sync.store.JobState;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code kommoSync} component of {@code /actuator/health}: UP while the store answers, with the store's kind and
 * schema version, the ledger provider, and how many jobs wait for a person (parked: for example an unmapped product;
 * dead: retries used up), which the Kommo tasks the engine created describe. Those jobs do not make the application
 * unhealthy; an unreachable store does. Makes no remote call. Thread-safe.
 */
public final class KommoSyncHealthIndicator extends AbstractHealthIndicator {

    /** Counting stops here; the detail then reads "1000+". */
    static final int COUNT_LIMIT = 1000;

    private final SyncEngine engine;
    private final SyncDatabase database;
    private final String connectionId;

    /**
     * An indicator for one connection.
     *
     * @param engine       the engine
     * @param database     its store
     * @param connectionId the connection
     */
    public KommoSyncHealthIndicator(SyncEngine engine, SyncDatabase database, String connectionId) {
        super("the kommo-sync store is unreachable");
        this.engine = engine;
        this.database = database;
        this.connectionId = connectionId;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up()
                .withDetail("connection", connectionId)
                .withDetail("ledger", engine.connection(connectionId).ledger().providerId())
                .withDetail("store", database.databaseKind())
                .withDetail("schemaVersion", database.schemaVersion().orElse("none"))
                .withDetail("parkedJobs", count(JobState.PARKED))
                .withDetail("deadJobs", count(JobState.DEAD));
    }

    private String count(JobState state) {
        int n = engine.store().jobs(Optional.of(connectionId), Set.of(state), COUNT_LIMIT).size();
        return n >= COUNT_LIMIT ? COUNT_LIMIT + "+" : Integer.toString(n);
    }
}
