package io.kommosync.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.sync.jdbc.internal.Migrations;
import io.kommosync.sync.store.AuditEntry;
import io.kommosync.sync.store.ConnectionState;
import io.kommosync.sync.store.DealInvoiceLink;
import io.kommosync.sync.store.JobId;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.SyncJob;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Schema migrations")
class MigrationTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final Set<String> TABLES = Set.of("ks_audit", "ks_connection_state", "ks_customer", "ks_cursor",
            "ks_job", "ks_job_checkpoint", "ks_leader_lease", "ks_link", "ks_oauth_token", "ks_schema_history",
            "ks_seen_event", "ks_token_lock");

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("apply to an empty database and bring it to the latest version; a second run applies nothing")
    void emptyToLatest(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.createEmpty(kind, tempDir)) {
            assertThat(tables(database)).isEmpty();
            SyncDatabase db = database.open();
            assertThat(db.schemaVersion()).contains(Migrations.LATEST);
            assertThat(db.databaseKind()).isEqualTo(kind.name());
            assertThat(tables(database)).containsExactlyInAnyOrderElementsOf(TABLES);
            assertThat(db.migrate()).isZero();
            assertThat(database.open().schemaVersion()).contains(Migrations.LATEST);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("bring a version 1 database with data to the latest version, keeping every row usable")
    void previousVersionToLatest(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.createEmpty(kind, tempDir)) {
            assertThat(Migrations.migrate(database.raw(), Optional.of("1"))).isEqualTo(1);
            assertThat(Migrations.currentVersion(database.raw())).contains("1");
            writeVersion1Rows(database);

            SyncDatabase db = database.open();
            assertThat(db.schemaVersion()).contains("2");
            JdbcSyncStore store = db.syncStore();

            SyncJob done = store.job(new JobId("job-done")).orElseThrow();
            assertThat(done.state()).isEqualTo(JobState.DONE);
            assertThat(done.payload()).isEqualTo(Map.of("trigger", "t1"));
            assertThat(done.createdAt()).isEqualTo(T0);
            assertThat(store.checkpoints(done.id())).isEqualTo(Map.of("invoice", "INV-ID-1"));
            SyncJob pending = store.jobByDedupeKey("c1:43:t1").orElseThrow();
            assertThat(pending.state()).isEqualTo(JobState.PENDING);
            assertThat(pending.failures()).isEqualTo(2);
            assertThat(pending.lastError()).contains("ledger down");
            assertThat(store.linkForDeal("c1", 42)).contains(new DealInvoiceLink("c1", 42, "INV-ID-1", "INV-0001",
                    Optional.of(URI.create("https://ledger.invalid/1")), DealInvoiceLink.Origin.DEAL,
                    InvoiceStatus.AWAITING_PAYMENT, T0));
            assertThat(store.cachedCustomerId("c1", "a@b.com")).contains("CUST-1");
            assertThat(store.cursor("c1", "invoice-changes")).contains("2026-05-01T09:00:00Z");
            assertThat(store.connectionState("c1", T0.plusSeconds(9))).isEqualTo(new ConnectionState("c1",
                    ConnectionState.Status.NEEDS_REAUTHORISATION, Optional.of("invalid_grant"), T0));
            assertThat(store.markSeen("c1", "evt-1", T0)).isFalse();
            assertThat(store.audit("c1", "42")).containsExactly(new AuditEntry(T0, "c1",
                    Optional.of(new JobId("job-done")), "42", "invoice-created", "INV-0001"));
            assertThat(db.tokenStore().load("c1")).contains(new OAuthTokens(Secret.of("access-1"),
                    Optional.of(Secret.of("refresh-1")), T0.plusSeconds(300), Optional.empty()));

            // V2 recorded when the finished job finished, so retention finds rows written before it existed.
            Pruned pruned = db.prune(Retention.defaults().withDoneJobs(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)));
            assertThat(pruned.doneJobs()).isEqualTo(1);
            assertThat(store.job(done.id())).isEmpty();
            assertThat(store.checkpoints(done.id())).isEmpty();
            assertThat(store.job(pending.id())).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("apply to a schema that already holds the host's own tables, leaving them alone")
    void schemaSharedWithTheHost(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.createEmpty(kind, tempDir)) {
            database.execute("CREATE TABLE host_orders (id INTEGER PRIMARY KEY)");
            database.execute("INSERT INTO host_orders (id) VALUES (7)");
            SyncDatabase db = database.open();
            assertThat(db.schemaVersion()).contains(Migrations.LATEST);
            assertThat(tables(database)).containsAll(TABLES).contains("host_orders");
            assertThat(count(database, "SELECT COUNT(*) FROM host_orders")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("with migrateOnStart off, an unmigrated database is refused with the fix, a migrated one opens")
    void migrateOnStartOff(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.createEmpty(kind, tempDir)) {
            assertThatThrownBy(() -> database.builder().migrateOnStart(false).build())
                    .isInstanceOf(JdbcStoreException.class)
                    .hasMessageContaining("version none")
                    .hasMessageContaining("needs version 2")
                    .hasMessageContaining("migrateOnStart(true)");
            Migrations.migrate(database.raw(), Optional.of("1"));
            assertThatThrownBy(() -> database.builder().migrateOnStart(false).build())
                    .hasMessageContaining("version 1");
            database.open();
            SyncDatabase checked = database.track(database.builder().migrateOnStart(false).build());
            assertThat(checked.schemaVersion()).contains("2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("a schema already migrated further by a newer release (rolling upgrade) is accepted as it is")
    void newerSchemaFromARollingUpgrade(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.createEmpty(kind, tempDir)) {
            database.open();
            // Flyway quotes its history table's identifiers, so on H2 they stay lower case.
            database.execute("INSERT INTO \"ks_schema_history\" (\"installed_rank\", \"version\","
                    + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"installed_on\","
                    + " \"execution_time\", \"success\") VALUES (99, '3',"
                    + " 'from a newer release', 'SQL', 'V3__from_a_newer_release.sql', 1, 'test',"
                    + " CURRENT_TIMESTAMP, 1, TRUE)");
            SyncDatabase checked = database.track(database.builder().migrateOnStart(false).build());
            assertThat(checked.schemaVersion()).contains("3");
            assertThat(database.open().schemaVersion()).contains("3");
            assertThat(Migrations.isAtLeastLatest(Optional.of("10"))).isTrue();
            assertThat(Migrations.isAtLeastLatest(Optional.of("1"))).isFalse();
            assertThat(Migrations.isAtLeastLatest(Optional.empty())).isFalse();
        }
    }

    private static void writeVersion1Rows(TestDatabase database) {
        String t0 = "TIMESTAMP WITH TIME ZONE '2026-05-01 10:00:00+00'";
        String t1 = "TIMESTAMP WITH TIME ZONE '2026-05-01 10:05:00+00'";
        List<String> inserts = List.of(
                "INSERT INTO ks_job (id, connection_id, kind, subject_id, dedupe_key, payload, state, failures,"
                        + " due_at, created_at, updated_at) VALUES ('job-done', 'c1', 'RAISE_INVOICE', '42',"
                        + " 'c1:42:t1', '{\"trigger\":\"t1\"}', 'DONE', 0, " + t0 + ", " + t0 + ", " + t0 + ")",
                "INSERT INTO ks_job (id, connection_id, kind, subject_id, dedupe_key, payload, state, failures,"
                        + " due_at, created_at, updated_at, last_error) VALUES ('job-pending', 'c1', 'RAISE_INVOICE',"
                        + " '43', 'c1:43:t1', '{}', 'PENDING', 2, " + t1 + ", " + t0 + ", " + t0 + ", 'ledger down')",
                "INSERT INTO ks_job_checkpoint (job_id, step, step_value) VALUES ('job-done', 'invoice', 'INV-ID-1')",
                "INSERT INTO ks_link (connection_id, deal_id, invoice_id, invoice_number, invoice_link, origin,"
                        + " payment_status, created_at) VALUES ('c1', 42, 'INV-ID-1', 'INV-0001',"
                        + " 'https://ledger.invalid/1', 'DEAL', 'AWAITING_PAYMENT', " + t0 + ")",
                "INSERT INTO ks_customer (connection_id, email, customer_id) VALUES ('c1', 'a@b.com', 'CUST-1')",
                "INSERT INTO ks_cursor (connection_id, name, cursor_value) VALUES ('c1', 'invoice-changes',"
                        + " '2026-05-01T09:00:00Z')",
                "INSERT INTO ks_connection_state (connection_id, status, reason, since) VALUES ('c1',"
                        + " 'NEEDS_REAUTHORISATION', 'invalid_grant', " + t0 + ")",
                "INSERT INTO ks_seen_event (connection_id, event_key, seen_at) VALUES ('c1', 'evt-1', " + t0 + ")",
                "INSERT INTO ks_audit (logged_at, connection_id, job_id, subject_id, step, detail) VALUES (" + t0
                        + ", 'c1', 'job-done', '42', 'invoice-created', 'INV-0001')",
                "INSERT INTO ks_oauth_token (connection_id, access_token, refresh_token, access_token_expires_at,"
                        + " updated_at) VALUES ('c1', 'access-1', 'refresh-1', " + t1 + ", " + t0 + ")");
        inserts.forEach(database::execute);
    }

    private static Set<String> tables(TestDatabase database) {
        Set<String> out = new TreeSet<>();
        try (Connection c = database.raw().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema IN ('PUBLIC', 'public')")) {
            while (rs.next()) {
                out.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static long count(TestDatabase database, String query) {
        try (Connection c = database.raw().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
