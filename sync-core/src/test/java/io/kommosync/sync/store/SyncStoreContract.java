package io.kommosync.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.InvoiceStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SyncStore} must have. Each implementation's test extends this class and supplies a
 * fresh, empty store. Shipped in the sync-core test jar so the JDBC stores run the same contract.
 */
public abstract class SyncStoreContract {

    protected static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    protected static final Duration LEASE = Duration.ofMinutes(2);

    protected SyncStore store;

    /**
     * A fresh, empty store.
     *
     * @return the store
     */
    protected abstract SyncStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected static NewJob job(String dedupe) {
        return new NewJob("c1", JobKind.RAISE_INVOICE, "42", dedupe, Map.of("trigger", "t1"), T0);
    }

    @Test
    @DisplayName("a second enqueue with the same dedupe key returns the first job and stores nothing")
    void enqueueDeduplicates() {
        EnqueueResult first = store.enqueue(job("d1"), T0);
        EnqueueResult second = store.enqueue(job("d1"), T0.plusSeconds(5));
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.job().id()).isEqualTo(first.job().id());
        assertThat(store.jobs(Optional.empty(), Set.of(), 10)).hasSize(1);
        assertThat(first.job().payload("trigger")).contains("t1");
    }

    @Test
    @DisplayName("only due jobs are claimed, earliest first, and a claimed job is not claimed again while leased")
    void claimDue() {
        store.enqueue(new NewJob("c1", JobKind.RAISE_INVOICE, "1", "later", Map.of(), T0.plusSeconds(60)), T0);
        SyncJob now = store.enqueue(job("now"), T0).job();
        List<SyncJob> claimed = store.claimDue(T0, 10, "w1", LEASE);
        assertThat(claimed).extracting(SyncJob::id).containsExactly(now.id());
        assertThat(claimed.get(0).state()).isEqualTo(JobState.RUNNING);
        assertThat(store.claimDue(T0.plusSeconds(1), 10, "w2", LEASE)).isEmpty();
        assertThat(store.claimDue(T0.plusSeconds(61), 10, "w2", LEASE)).extracting(SyncJob::subjectId)
                .containsExactly("1");
    }

    @Test
    @DisplayName("a job whose worker died is reclaimed after its lease expires, and the dead worker can no longer finish it")
    void expiredLeaseIsReclaimed() {
        SyncJob j = store.enqueue(job("d"), T0).job();
        store.claimDue(T0, 1, "dead-worker", LEASE);
        List<SyncJob> reclaimed = store.claimDue(T0.plus(LEASE).plusSeconds(1), 1, "w2", LEASE);
        assertThat(reclaimed).extracting(SyncJob::id).containsExactly(j.id());
        assertThat(store.complete(j.id(), "dead-worker", T0.plus(LEASE))).isFalse();
        assertThat(store.complete(j.id(), "w2", T0.plus(LEASE))).isTrue();
        assertThat(store.job(j.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
    }

    @Test
    @DisplayName("renewing a lease keeps the job from being reclaimed")
    void renewLease() {
        SyncJob j = store.enqueue(job("d"), T0).job();
        store.claimDue(T0, 1, "w1", LEASE);
        assertThat(store.renewLease(j.id(), "w1", T0.plus(LEASE).plus(LEASE))).isTrue();
        assertThat(store.claimDue(T0.plus(LEASE).plusSeconds(1), 1, "w2", LEASE)).isEmpty();
        assertThat(store.renewLease(j.id(), "w2", T0)).isFalse();
    }

    @Test
    @DisplayName("a retry counts the failure and waits for its due time; kill makes it dead")
    void retryAndKill() {
        SyncJob j = store.enqueue(job("d"), T0).job();
        store.claimDue(T0, 1, "w", LEASE);
        assertThat(store.scheduleRetry(j.id(), "w", T0.plusSeconds(60), "ledger down", T0)).isTrue();
        SyncJob retrying = store.job(j.id()).orElseThrow();
        assertThat(retrying.state()).isEqualTo(JobState.PENDING);
        assertThat(retrying.failures()).isEqualTo(1);
        assertThat(retrying.lastError()).contains("ledger down");
        assertThat(store.claimDue(T0.plusSeconds(59), 1, "w", LEASE)).isEmpty();
        assertThat(store.claimDue(T0.plusSeconds(60), 1, "w", LEASE)).hasSize(1);
        assertThat(store.kill(j.id(), "w", "gave up", T0.plusSeconds(60))).isTrue();
        SyncJob dead = store.job(j.id()).orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.failures()).isEqualTo(2);
    }

    @Test
    @DisplayName("parked jobs resume only for their own connection and reason")
    void parkAndResume() {
        SyncJob a = store.enqueue(job("a"), T0).job();
        SyncJob b = store.enqueue(new NewJob("c2", JobKind.RAISE_INVOICE, "7", "b", Map.of(), T0), T0).job();
        store.claimDue(T0, 10, "w", LEASE);
        store.park(a.id(), "w", ParkReason.UNMAPPED_PRODUCT, "map SKU X", T0);
        store.park(b.id(), "w", ParkReason.UNMAPPED_PRODUCT, "map SKU Y", T0);
        assertThat(store.job(a.id()).orElseThrow().parkReason()).contains(ParkReason.UNMAPPED_PRODUCT);
        assertThat(store.claimDue(T0.plusSeconds(3600), 10, "w", LEASE)).isEmpty();
        assertThat(store.resumeParked("c1", ParkReason.CONNECTION_PAUSED, T0)).isZero();
        assertThat(store.resumeParked("c1", ParkReason.UNMAPPED_PRODUCT, T0.plusSeconds(5))).isEqualTo(1);
        assertThat(store.claimDue(T0.plusSeconds(5), 10, "w", LEASE)).extracting(SyncJob::id).containsExactly(a.id());
    }

    @Test
    @DisplayName("a dead job is replayed with its failures reset and its checkpoints kept")
    void replay() {
        SyncJob j = store.enqueue(job("d"), T0).job();
        store.claimDue(T0, 1, "w", LEASE);
        store.saveCheckpoint(j.id(), "customer", "CUST-1");
        store.kill(j.id(), "w", "boom", T0);
        assertThat(store.replay(j.id(), T0.plusSeconds(10))).isTrue();
        SyncJob replayed = store.job(j.id()).orElseThrow();
        assertThat(replayed.state()).isEqualTo(JobState.PENDING);
        assertThat(replayed.failures()).isZero();
        assertThat(store.checkpoints(j.id())).containsEntry("customer", "CUST-1");
        assertThat(store.replay(j.id(), T0)).isFalse();
        assertThat(store.replay(JobId.random(), T0)).isFalse();
    }

    @Test
    @DisplayName("eight workers claiming at once never get the same job twice")
    void concurrentClaims() throws Exception {
        for (int i = 0; i < 200; i++) {
            store.enqueue(job("d" + i), T0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<JobId> claimed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String worker = "w" + w;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<SyncJob> batch;
                    while (!(batch = store.claimDue(T0, 7, worker, LEASE)).isEmpty()) {
                        batch.forEach(j -> claimed.add(j.id()));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimed).hasSize(200);
        assertThat(new HashSet<>(claimed)).hasSize(200);
    }

    @Test
    @DisplayName("a deal and an invoice are each linked at most once")
    void linksAreUnique() {
        DealInvoiceLink link = new DealInvoiceLink("c1", 42, "INV-ID-1", "INV-0001",
                Optional.of(URI.create("https://ledger.invalid/1")), DealInvoiceLink.Origin.DEAL,
                InvoiceStatus.AWAITING_PAYMENT, T0);
        assertThat(store.saveLink(link)).isTrue();
        assertThat(store.saveLink(new DealInvoiceLink("c1", 42, "INV-ID-2", "INV-0002", Optional.empty(),
                DealInvoiceLink.Origin.DEAL, InvoiceStatus.DRAFT, T0))).isFalse();
        assertThat(store.saveLink(new DealInvoiceLink("c1", 43, "INV-ID-1", "INV-0001", Optional.empty(),
                DealInvoiceLink.Origin.DEAL, InvoiceStatus.DRAFT, T0))).isFalse();
        assertThat(store.saveLink(new DealInvoiceLink("c2", 42, "INV-ID-1", "INV-0001", Optional.empty(),
                DealInvoiceLink.Origin.DEAL, InvoiceStatus.DRAFT, T0))).isTrue();
        store.updatePaymentStatus("c1", "INV-ID-1", InvoiceStatus.PAID);
        assertThat(store.linkForDeal("c1", 42).orElseThrow().paymentStatus()).isEqualTo(InvoiceStatus.PAID);
        assertThat(store.linkForInvoice("c1", "INV-ID-1").orElseThrow().paymentStatus()).isEqualTo(InvoiceStatus.PAID);
        assertThat(store.linkForDeal("c1", 99)).isEmpty();
    }

    @Test
    @DisplayName("customers, cursors, connection states and seen events are kept per connection")
    void perConnectionState() {
        store.cacheCustomer("c1", "a@b.com", "CUST-1");
        assertThat(store.cachedCustomerId("c1", "a@b.com")).contains("CUST-1");
        assertThat(store.cachedCustomerId("c2", "a@b.com")).isEmpty();
        store.saveCursor("c1", "invoice-changes", "since:x");
        store.saveCursor("c1", "invoice-changes", "since:y");
        assertThat(store.cursor("c1", "invoice-changes")).contains("since:y");
        assertThat(store.connectionState("c1", T0).status()).isEqualTo(ConnectionState.Status.ACTIVE);
        store.saveConnectionState(new ConnectionState("c1", ConnectionState.Status.NEEDS_REAUTHORISATION,
                Optional.of("invalid_grant"), T0));
        assertThat(store.connectionState("c1", T0).status()).isEqualTo(ConnectionState.Status.NEEDS_REAUTHORISATION);
        assertThat(store.markSeen("c1", "evt-1", T0)).isTrue();
        assertThat(store.markSeen("c1", "evt-1", T0)).isFalse();
        assertThat(store.markSeen("c2", "evt-1", T0)).isTrue();
    }

    @Test
    @DisplayName("the audit trail of a subject comes back oldest first")
    void audit() {
        store.append(new AuditEntry(T0, "c1", Optional.empty(), "42", "job-enqueued", "a"));
        store.append(new AuditEntry(T0.plusSeconds(1), "c1", Optional.empty(), "43", "job-enqueued", "b"));
        store.append(new AuditEntry(T0.plusSeconds(2), "c1", Optional.empty(), "42", "invoice-created", "c"));
        assertThat(store.audit("c1", "42")).extracting(AuditEntry::step).containsExactly("job-enqueued", "invoice-created");
    }
}
