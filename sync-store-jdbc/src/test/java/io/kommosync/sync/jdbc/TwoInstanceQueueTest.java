package io.kommosync.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sync.store.JobId;
import io.kommosync.sync.store.JobKind;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.NewJob;
import io.kommosync.sync.store.SyncJob;
import io.kommosync.sync.store.SyncStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The job queue shared by two instances")
class TwoInstanceQueueTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int JOBS = 300;

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("eight workers on two instances claiming at once never get the same job, and each finishes its own")
    void concurrentClaimsFromTwoInstances(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            List<SyncStore> instances = List.of(database.open().syncStore(), database.open().syncStore());
            for (int i = 0; i < JOBS; i++) {
                instances.get(i % 2).enqueue(new NewJob("c1", JobKind.RAISE_INVOICE, Integer.toString(i), "d" + i,
                        Map.of(), T0.plusMillis(i)), T0);
            }
            List<JobId> claimed = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger completed = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(8);
            ExecutorService workers = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    SyncStore store = instances.get(w % 2);
                    String worker = "instance-" + (w % 2) + "/worker-" + w;
                    futures.add(workers.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        Instant now = T0.plusSeconds(1);
                        List<SyncJob> batch;
                        while (!(batch = store.claimDue(now, 5, worker, LEASE)).isEmpty()) {
                            for (SyncJob j : batch) {
                                claimed.add(j.id());
                                assertThat(j.leaseOwner()).contains(worker);
                                if (store.complete(j.id(), worker, now)) {
                                    completed.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                workers.shutdownNow();
            }
            assertThat(claimed).hasSize(JOBS);
            assertThat(new HashSet<>(claimed)).hasSize(JOBS);
            assertThat(completed.get()).isEqualTo(JOBS);
            assertThat(instances.get(0).jobs(Optional.empty(), Set.of(JobState.DONE), JOBS + 1)).hasSize(JOBS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("jobs claimed by an instance that died are claimed by another once their leases run out, with"
            + " their checkpoints, and the dead instance's workers can no longer finish them")
    void deadInstanceRecovery(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            SyncDatabase dying = database.open();
            SyncStore survivor = database.open().syncStore();
            for (int i = 0; i < 3; i++) {
                dying.syncStore().enqueue(new NewJob("c1", JobKind.RAISE_INVOICE, "4" + i, "d" + i, Map.of(), T0), T0);
            }
            List<SyncJob> taken = dying.syncStore().claimDue(T0, 10, "dying/w1", LEASE);
            assertThat(taken).hasSize(3);
            dying.syncStore().saveCheckpoint(taken.get(0).id(), "customer", "CUST-1");
            dying.close();

            assertThat(survivor.claimDue(T0.plus(LEASE), 10, "survivor/w1", LEASE)).isEmpty();
            List<SyncJob> recovered = survivor.claimDue(T0.plus(LEASE).plusMillis(1), 10, "survivor/w1", LEASE);
            assertThat(recovered).extracting(SyncJob::id)
                    .containsExactlyInAnyOrderElementsOf(taken.stream().map(SyncJob::id).toList());
            assertThat(recovered).allSatisfy(j -> assertThat(j.leaseOwner()).contains("survivor/w1"));
            assertThat(survivor.checkpoints(taken.get(0).id())).containsEntry("customer", "CUST-1");

            SyncStore restarted = database.open().syncStore();
            assertThat(restarted.complete(taken.get(0).id(), "dying/w1", T0.plus(LEASE))).isFalse();
            assertThat(survivor.complete(taken.get(0).id(), "survivor/w1", T0.plus(LEASE))).isTrue();
        }
    }
}
