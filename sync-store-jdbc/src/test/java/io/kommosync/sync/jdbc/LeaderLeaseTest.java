package io.kommosync.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("LeaderLease")
class LeaderLeaseTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("the first owner takes the lease and renews it; another owner cannot take it while it holds")
    void firstOwnerHolds(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            LeaderLease a = database.open().leaderLease("xero-poller", "instance-a", TTL);
            LeaderLease b = database.open().leaderLease("xero-poller", "instance-b", TTL);
            assertThat(a.holder(T0)).isEmpty();
            assertThat(a.acquire(T0)).isTrue();
            assertThat(b.acquire(T0.plusSeconds(10))).isFalse();
            assertThat(b.renew(T0.plusSeconds(10))).isFalse();
            assertThat(a.renew(T0.plusSeconds(20))).isTrue();
            assertThat(b.acquire(T0.plusSeconds(45))).as("a renewed until T0+50s").isFalse();
            assertThat(a.acquire(T0.plusSeconds(45))).as("acquire by the holder extends").isTrue();
            assertThat(b.holder(T0.plusSeconds(46))).hasValueSatisfying(h -> {
                assertThat(h.owner()).isEqualTo("instance-a");
                assertThat(h.acquiredAt()).isEqualTo(T0);
                assertThat(h.until()).isEqualTo(T0.plusSeconds(75));
            });
            LeaderLease other = database.open().leaderLease("reconciler", "instance-b", TTL);
            assertThat(other.acquire(T0)).as("leases are per name").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("when the holder dies another owner takes over after the ttl, and the old holder can no longer renew")
    void failover(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            SyncDatabase dying = database.open();
            LeaderLease a = dying.leaderLease("sage-poller", "instance-a", TTL);
            LeaderLease b = database.open().leaderLease("sage-poller", "instance-b", TTL);
            assertThat(a.acquire(T0)).isTrue();
            dying.close();
            assertThat(b.acquire(T0.plus(TTL))).as("not yet: the lease holds until its last instant").isFalse();
            assertThat(b.acquire(T0.plus(TTL).plusMillis(1))).isTrue();
            assertThat(b.holder(T0.plus(TTL).plusMillis(2))).hasValueSatisfying(h -> {
                assertThat(h.owner()).isEqualTo("instance-b");
                assertThat(h.acquiredAt()).isEqualTo(T0.plus(TTL).plusMillis(1));
            });
            LeaderLease revived = database.open().leaderLease("sage-poller", "instance-a", TTL);
            assertThat(revived.renew(T0.plus(TTL).plusSeconds(1))).isFalse();
            assertThat(revived.acquire(T0.plus(TTL).plusSeconds(1))).isFalse();
            assertThat(revived.release()).as("releasing a lease one does not hold does nothing").isFalse();
            assertThat(b.holder(T0.plus(TTL).plusSeconds(1))).map(LeaderLease.Holder::owner).contains("instance-b");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("releasing the lease hands it to another owner at once, and an expired lease has no holder")
    void release(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            LeaderLease a = database.open().leaderLease("reconciler", "instance-a", TTL);
            LeaderLease b = database.open().leaderLease("reconciler", "instance-b", TTL);
            assertThat(a.acquire(T0)).isTrue();
            assertThat(a.release()).isTrue();
            assertThat(a.renew(T0.plusSeconds(1))).isFalse();
            assertThat(b.acquire(T0.plusSeconds(1))).isTrue();
            assertThat(a.holder(T0.plusSeconds(31))).hasValueSatisfying(h -> assertThat(h.owner())
                    .isEqualTo("instance-b"));
            assertThat(a.holder(T0.plusSeconds(31).plusMillis(1))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("of eight instances acquiring at once on two connection pools, exactly one gets the lease")
    void oneWinnerUnderContention(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            List<SyncDatabase> pools = List.of(database.open(), database.open());
            ExecutorService threads = Executors.newFixedThreadPool(8);
            CyclicBarrier start = new CyclicBarrier(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    LeaderLease lease = pools.get(i % 2).leaderLease("poller", "instance-" + i, TTL);
                    results.add(threads.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return lease.acquire(T0);
                    }));
                }
                int winners = 0;
                for (Future<Boolean> r : results) {
                    winners += r.get(20, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = "H2")
    @DisplayName("refuses a blank name or owner and a ttl that is not positive, naming the field")
    void validation(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            SyncDatabase db = database.open();
            assertThatThrownBy(() -> db.leaderLease(" ", "a", TTL)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("name");
            assertThatThrownBy(() -> db.leaderLease("x", null, TTL)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("owner");
            assertThatThrownBy(() -> db.leaderLease("x", "a", Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        }
    }
}
