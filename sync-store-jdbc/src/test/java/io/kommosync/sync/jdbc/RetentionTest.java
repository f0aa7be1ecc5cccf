package io.kommosync.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.sync.store.AuditEntry;
import io.kommosync.sync.store.DealInvoiceLink;
import io.kommosync.sync.store.JobKind;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.NewJob;
import io.kommosync.sync.store.ParkReason;
import io.kommosync.sync.store.SyncJob;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Retention pruning")
class RetentionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("deletes audit entries, done and dead jobs and seen events past their ages, and nothing else")
    void prunesOnlyWhatTheRetentionNoLongerKeeps(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            SyncDatabase db = database.open();
            JdbcSyncStore store = db.syncStore();
            SyncJob oldDone = finished(store, "old-done", T0, true);
            SyncJob recentDone = finished(store, "recent-done", T0.plus(Duration.ofDays(29)), true);
            SyncJob oldDead = finished(store, "old-dead", T0, false);
            SyncJob pending = store.enqueue(job("pending", T0.plus(Duration.ofDays(400))), T0).job();
            SyncJob parked = store.enqueue(job("parked", T0), T0).job();
            store.claimDue(T0, 10, "w", LEASE);
            store.park(parked.id(), "w", ParkReason.UNMAPPED_PRODUCT, "map SKU-1", T0);
            SyncJob running = store.enqueue(job("running", T0), T0).job();
            store.claimDue(T0, 10, "w", LEASE);
            store.saveCheckpoint(oldDone.id(), "invoice", "INV-1");
            store.append(new AuditEntry(T0, "c1", Optional.empty(), "42", "old", "old"));
            store.append(new AuditEntry(T0.plus(Duration.ofDays(89)), "c1", Optional.empty(), "42", "recent", "r"));
            store.markSeen("c1", "evt-old", T0);
            store.markSeen("c1", "evt-recent", T0.plus(Duration.ofDays(29)));
            DealInvoiceLink link = new DealInvoiceLink("c1", 42, "INV-ID", "INV-1", Optional.empty(),
                    DealInvoiceLink.Origin.DEAL, InvoiceStatus.PAID, T0);
            store.saveLink(link);
            store.cacheCustomer("c1", "a@b.com", "CUST-1");

            Pruned first = db.prune(Retention.defaults(), T0.plus(Duration.ofDays(31)));
            assertThat(first).isEqualTo(new Pruned(0, 1, 0, 1));
            assertThat(store.job(oldDone.id())).isEmpty();
            assertThat(store.checkpoints(oldDone.id())).isEmpty();
            assertThat(store.job(recentDone.id())).isPresent();
            assertThat(store.job(oldDead.id())).as("dead letters are kept longer").isPresent();
            assertThat(store.markSeen("c1", "evt-old", T0.plus(Duration.ofDays(31)))).isTrue();

            Pruned second = db.prune(Retention.defaults(), T0.plus(Duration.ofDays(200)));
            assertThat(second.auditEntries()).isEqualTo(2);
            assertThat(second.doneJobs()).isEqualTo(1);
            assertThat(second.deadJobs()).isEqualTo(1);
            assertThat(store.jobs(Optional.empty(), Set.of(), 10)).extracting(SyncJob::id)
                    .containsExactlyInAnyOrder(pending.id(), parked.id(), running.id());
            assertThat(store.linkForDeal("c1", 42)).contains(link);
            assertThat(store.cachedCustomerId("c1", "a@b.com")).contains("CUST-1");
            assertThat(store.audit("c1", "42")).isEmpty();
            assertThat(db.prune(Retention.defaults(), T0.plus(Duration.ofDays(200))).total()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("deletes in batches until everything past its age is gone")
    void prunesInBatches(TestDatabase.Kind kind) throws SQLException {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            SyncDatabase db = database.open();
            try (Connection c = database.raw().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ks_audit (logged_at, connection_id, subject_id, step, detail) VALUES (?, 'c1', ?,"
                            + " 'step', 'detail')")) {
                for (int i = 0; i < 2_345; i++) {
                    ps.setTimestamp(1, Timestamp.from(T0.plusSeconds(i)));
                    ps.setString(2, Integer.toString(i % 7));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            store(db).append(new AuditEntry(T0.plus(Duration.ofDays(100)), "c1", Optional.empty(), "1", "kept", "k"));
            Pruned pruned = db.prune(Retention.defaults().withAuditEntries(Duration.ofDays(10)),
                    T0.plus(Duration.ofDays(100)));
            assertThat(pruned.auditEntries()).isEqualTo(2_345);
            assertThat(MigrationTest.count(database, "SELECT COUNT(*) FROM ks_audit")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("refuses an age that is not positive, naming the field")
    void validation() {
        assertThatThrownBy(() -> Retention.defaults().withDeadJobs(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadJobs");
        assertThatThrownBy(() -> Retention.defaults().withAuditEntries(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("auditEntries");
        assertThat(Retention.defaults().withSeenEvents(Duration.ofDays(3)).seenEvents()).isEqualTo(Duration.ofDays(3));
        assertThat(Retention.defaults().withDoneJobs(Duration.ofDays(3)).doneJobs()).isEqualTo(Duration.ofDays(3));
    }

    private static JdbcSyncStore store(SyncDatabase db) {
        return db.syncStore();
    }

    private static NewJob job(String dedupe, Instant dueAt) {
        return new NewJob("c1", JobKind.RAISE_INVOICE, dedupe, dedupe, Map.of(), dueAt);
    }

    private static SyncJob finished(JdbcSyncStore store, String dedupe, Instant at, boolean done) {
        SyncJob j = store.enqueue(job(dedupe, at), at).job();
        assertThat(store.claimDue(at, 1, "finisher", LEASE)).extracting(SyncJob::id).containsExactly(j.id());
        assertThat(done ? store.complete(j.id(), "finisher", at) : store.kill(j.id(), "finisher", "gave up", at))
                .isTrue();
        assertThat(store.job(j.id()).orElseThrow().state()).isEqualTo(done ? JobState.DONE : JobState.DEAD);
        return j;
    }
}
