package io.kommosync.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.sync.BackgroundTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances run the same background tasks under the store's leader leases: one runs each task, the other takes
 * over when it dies (after the ttl) or stops (at once).
 */
@DisplayName("BackgroundTasks under LeaderLease")
class BackgroundTasksFailoverTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration TICK = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);

    private BackgroundTasks instance(SyncDatabase db, String owner, AtomicInteger polls, AtomicInteger reconciles) {
        return BackgroundTasks.builder().clock(clock)
                .leases(name -> db.leaderLease(name, owner, TTL))
                .task("payment-status:c1", Duration.ofMinutes(1), polls::incrementAndGet)
                .task("reconciler:c1", Duration.ofMinutes(5), reconciles::incrementAndGet)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("only one of two instances runs each task; when it dies the other takes over after the ttl")
    void oneRunsAndTheOtherTakesOver(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            AtomicInteger pollsA = new AtomicInteger();
            AtomicInteger pollsB = new AtomicInteger();
            AtomicInteger reconA = new AtomicInteger();
            AtomicInteger reconB = new AtomicInteger();
            SyncDatabase dbA = database.open();
            BackgroundTasks a = instance(dbA, "instance-a", pollsA, reconA);
            BackgroundTasks b = instance(database.open(), "instance-b", pollsB, reconB);

            // ten minutes of ticks on both instances, interleaved
            for (int i = 0; i < 60; i++) {
                a.runDue();
                b.runDue();
                clock.advance(TICK);
            }
            assertThat(pollsA).as("a polled once a minute").hasValue(10);
            assertThat(reconA).hasValue(2);
            assertThat(pollsB.get() + reconB.get()).as("b ran nothing while a held the leases").isZero();
            assertThat(b.leads("payment-status:c1")).isFalse();

            // a dies: no more ticks, no release. b takes over once the ttl has passed, not before.
            dbA.close();
            Instant died = clock.instant();
            while (pollsB.get() == 0) {
                b.runDue();
                clock.advance(TICK);
            }
            Duration gap = Duration.between(died, clock.instant());
            assertThat(gap).as("b took over after the ttl and within one tick of it")
                    .isGreaterThan(TTL).isLessThanOrEqualTo(TTL.plus(TICK).plus(TICK));
            assertThat(reconB).as("every task fails over").hasValue(1);
            assertThat(b.leads("reconciler:c1")).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("an instance that stops cleanly hands its tasks over at the other's next tick")
    void cleanStopHandsOverAtOnce(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            AtomicInteger pollsA = new AtomicInteger();
            AtomicInteger pollsB = new AtomicInteger();
            BackgroundTasks a = instance(database.open(), "instance-a", pollsA, new AtomicInteger());
            BackgroundTasks b = instance(database.open(), "instance-b", pollsB, new AtomicInteger());
            a.runDue();
            b.runDue();
            assertThat(pollsA).hasValue(1);
            assertThat(pollsB).hasValue(0);

            a.close();
            clock.advance(Duration.ofSeconds(1));
            b.runDue();
            assertThat(pollsB).as("no wait for the ttl after a release").hasValue(1);

            a = instance(database.open(), "instance-a", pollsA, new AtomicInteger());
            for (int i = 0; i < 12; i++) {
                clock.advance(TICK);
                b.runDue();
                a.runDue();
            }
            assertThat(pollsB).as("b kept polling once a minute").hasValue(3);
            assertThat(pollsA).as("the restarted instance does not steal a held lease").hasValue(1);
        }
    }
}
