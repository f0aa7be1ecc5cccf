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

    // ---- Cases added with sync-store-jdbc: field round trips and edge cases a durable store can get wrong. ----

    @Test
    @DisplayName("every field of a job comes back as it was stored, before and after a claim")
    void jobRoundTrip() {
        NewJob n = new NewJob("c9", JobKind.LEDGER_INVOICE_CHANGED, "INV-7", "round-trip",
                Map.of("a", "1", "b", "two words", "c", "ünïcødé"), T0.plusSeconds(30));
        SyncJob stored = store.enqueue(n, T0).job();
        assertThat(stored.connectionId()).isEqualTo("c9");
        assertThat(stored.kind()).isEqualTo(JobKind.LEDGER_INVOICE_CHANGED);
        assertThat(stored.subjectId()).isEqualTo("INV-7");
        assertThat(stored.dedupeKey()).isEqualTo("round-trip");
        assertThat(stored.payload()).isEqualTo(Map.of("a", "1", "b", "two words", "c", "ünïcødé"));
        assertThat(stored.state()).isEqualTo(JobState.PENDING);
        assertThat(stored.failures()).isZero();
        assertThat(stored.dueAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.lastError()).isEmpty();
        assertThat(stored.parkReason()).isEmpty();
        assertThat(stored.leaseOwner()).isEmpty();
        assertThat(stored.leaseUntil()).isEmpty();
        assertThat(store.job(stored.id())).contains(stored);
        assertThat(store.jobByDedupeKey("round-trip")).contains(stored);
        assertThat(store.jobByDedupeKey("no-such-key")).isEmpty();
        assertThat(store.job(JobId.random())).isEmpty();

        List<SyncJob> claimed = store.claimDue(T0.plusSeconds(30), 1, "w", LEASE);
        assertThat(claimed).hasSize(1);
        SyncJob running = claimed.get(0);
        assertThat(running.leaseOwner()).contains("w");
        assertThat(running.leaseUntil()).contains(T0.plusSeconds(30).plus(LEASE));
        assertThat(running.payload()).isEqualTo(stored.payload());
        assertThat(store.job(stored.id())).contains(running);
    }

    @Test
    @DisplayName("only the worker holding a job's lease can renew, complete, retry, park or kill it")
    void onlyTheLeaseHolderActs() {
        SyncJob j = store.enqueue(job("d"), T0).job();
        store.claimDue(T0, 1, "w1", LEASE);
        assertThat(store.renewLease(j.id(), "w2", T0.plus(LEASE))).isFalse();
        assertThat(store.complete(j.id(), "w2", T0)).isFalse();
        assertThat(store.scheduleRetry(j.id(), "w2", T0, "x", T0)).isFalse();
        assertThat(store.park(j.id(), "w2", ParkReason.UNMAPPED_PRODUCT, "x", T0)).isFalse();
        assertThat(store.kill(j.id(), "w2", "x", T0)).isFalse();
        SyncJob still = store.job(j.id()).orElseThrow();
        assertThat(still.state()).isEqualTo(JobState.RUNNING);
        assertThat(still.leaseOwner()).contains("w1");
        assertThat(still.failures()).isZero();

        assertThat(store.complete(j.id(), "w1", T0.plusSeconds(1))).isTrue();
        assertThat(store.complete(j.id(), "w1", T0.plusSeconds(2))).isFalse();
        assertThat(store.kill(j.id(), "w1", "late", T0.plusSeconds(2))).isFalse();
        SyncJob done = store.job(j.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.leaseOwner()).isEmpty();
        assertThat(done.leaseUntil()).isEmpty();
        assertThat(done.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.complete(JobId.random(), "w1", T0)).isFalse();
    }

    @Test
    @DisplayName("jobs are listed newest first, filtered by connection and state, up to the limit")
    void listingJobs() {
        SyncJob a = store.enqueue(new NewJob("c1", JobKind.RAISE_INVOICE, "1", "a", Map.of(), T0), T0).job();
        SyncJob b = store.enqueue(new NewJob("c2", JobKind.RAISE_INVOICE, "2", "b", Map.of(), T0),
                T0.plusSeconds(1)).job();
        SyncJob c = store.enqueue(new NewJob("c1", JobKind.RAISE_INVOICE, "3", "c", Map.of(), T0),
                T0.plusSeconds(2)).job();
        assertThat(store.jobs(Optional.empty(), Set.of(), 10)).extracting(SyncJob::id)
                .containsExactly(c.id(), b.id(), a.id());
        assertThat(store.jobs(Optional.of("c1"), Set.of(), 10)).extracting(SyncJob::id)
                .containsExactly(c.id(), a.id());
        assertThat(store.jobs(Optional.empty(), Set.of(JobState.PENDING), 2)).extracting(SyncJob::id)
                .containsExactly(c.id(), b.id());
        assertThat(store.claimDue(T0.plusSeconds(3), 1, "w", LEASE)).extracting(SyncJob::id).containsExactly(a.id());
        assertThat(store.jobs(Optional.empty(), Set.of(JobState.RUNNING), 10)).extracting(SyncJob::id)
                .containsExactly(a.id());
        assertThat(store.jobs(Optional.of("c2"), Set.of(JobState.RUNNING, JobState.DONE), 10)).isEmpty();
    }

    @Test
    @DisplayName("a checkpoint saved twice keeps the last value, and checkpoints belong to their job")
    void checkpointsBelongToTheirJob() {
        SyncJob a = store.enqueue(job("a"), T0).job();
        SyncJob b = store.enqueue(job("b"), T0).job();
        store.saveCheckpoint(a.id(), "customer", "CUST-1");
        store.saveCheckpoint(a.id(), "customer", "CUST-2");
        store.saveCheckpoint(a.id(), "invoice", "INV-1");
        store.saveCheckpoint(b.id(), "customer", "CUST-9");
        assertThat(store.checkpoints(a.id())).isEqualTo(Map.of("customer", "CUST-2", "invoice", "INV-1"));
        assertThat(store.checkpoints(b.id())).isEqualTo(Map.of("customer", "CUST-9"));
        assertThat(store.checkpoints(JobId.random())).isEmpty();
    }

    @Test
    @DisplayName("links keep every field and are listed by payment status, oldest first, up to the limit")
    void listingLinks() {
        DealInvoiceLink newest = new DealInvoiceLink("c1", 1, "I-1", "N-1",
                Optional.of(URI.create("https://ledger.invalid/invoices/1?x=y")), DealInvoiceLink.Origin.DEAL,
                InvoiceStatus.AWAITING_PAYMENT, T0.plusSeconds(2));
        DealInvoiceLink paid = new DealInvoiceLink("c1", 2, "I-2", "N-2", Optional.empty(),
                DealInvoiceLink.Origin.DEAL, InvoiceStatus.PAID, T0);
        DealInvoiceLink oldest = new DealInvoiceLink("c1", 3, "I-3", "N-3", Optional.empty(),
                DealInvoiceLink.Origin.LEDGER, InvoiceStatus.OVERDUE, T0.plusSeconds(1));
        assertThat(store.saveLink(newest)).isTrue();
        assertThat(store.saveLink(paid)).isTrue();
        assertThat(store.saveLink(oldest)).isTrue();
        Set<InvoiceStatus> open = Set.of(InvoiceStatus.AWAITING_PAYMENT, InvoiceStatus.OVERDUE);
        assertThat(store.links("c1", open, 10)).containsExactly(oldest, newest);
        assertThat(store.links("c1", open, 1)).containsExactly(oldest);
        assertThat(store.links("c1", Set.of(), 10)).isEmpty();
        assertThat(store.links("c2", open, 10)).isEmpty();
        assertThat(store.linkForDeal("c1", 1)).contains(newest);
        assertThat(store.linkForInvoice("c1", "I-3")).contains(oldest);
        assertThat(store.linkForInvoice("c2", "I-3")).isEmpty();
        store.updatePaymentStatus("c1", "I-1", InvoiceStatus.PAID);
        store.updatePaymentStatus("c1", "no-such-invoice", InvoiceStatus.PAID);
        assertThat(store.links("c1", open, 10)).containsExactly(oldest);
        assertThat(store.links("c1", Set.of(InvoiceStatus.PAID), 10))
                .containsExactly(paid, newest.withPaymentStatus(InvoiceStatus.PAID));
    }

    @Test
    @DisplayName("a connection state keeps its reason and time, and can be set back to active")
    void connectionStateRoundTrip() {
        ConnectionState paused = new ConnectionState("c1", ConnectionState.Status.NEEDS_REAUTHORISATION,
                Optional.of("invalid_grant: the refresh token was revoked"), T0.plusSeconds(7));
        store.saveConnectionState(paused);
        assertThat(store.connectionState("c1", T0.plusSeconds(99))).isEqualTo(paused);
        ConnectionState active = new ConnectionState("c1", ConnectionState.Status.ACTIVE, Optional.empty(),
                T0.plusSeconds(8));
        store.saveConnectionState(active);
        assertThat(store.connectionState("c1", T0.plusSeconds(99))).isEqualTo(active);
        assertThat(store.connectionState("never-set", T0.plusSeconds(5))).isEqualTo(new ConnectionState(
                "never-set", ConnectionState.Status.ACTIVE, Optional.empty(), T0.plusSeconds(5)));
        assertThat(store.cursor("c1", "unknown")).isEmpty();
        store.saveCursor("c2", "invoice-changes", "c2-cursor");
        assertThat(store.cursor("c1", "invoice-changes")).isEmpty();
    }

    @Test
    @DisplayName("audit entries keep their job id, time and detail, and belong to their connection")
    void auditRoundTrip() {
        JobId jobId = JobId.random();
        AuditEntry withJob = new AuditEntry(T0, "c1", Optional.of(jobId), "42", "invoice-created",
                "Invoice INV-0001 raised for 120.00 EUR");
        store.append(withJob);
        store.append(new AuditEntry(T0, "c2", Optional.empty(), "42", "job-enqueued", "other connection"));
        assertThat(store.audit("c1", "42")).containsExactly(withJob);
        assertThat(store.audit("c1", "nothing")).isEmpty();
    }

    @Test
    @DisplayName("a done or parked job can be replayed, a pending or running one cannot, and replay clears the park")
    void replayFromEachState() {
        SyncJob done = store.enqueue(job("done"), T0).job();
        SyncJob parked = store.enqueue(job("parked"), T0).job();
        SyncJob pending = store.enqueue(new NewJob("c1", JobKind.RAISE_INVOICE, "9", "pending", Map.of(),
                T0.plusSeconds(3600)), T0).job();
        store.claimDue(T0, 10, "w", LEASE);
        store.complete(done.id(), "w", T0);
        store.park(parked.id(), "w", ParkReason.QUOTA_EXHAUSTED, "quota", T0);
        SyncJob running = store.enqueue(job("running"), T0).job();
        store.claimDue(T0, 10, "w", LEASE);

        assertThat(store.replay(pending.id(), T0)).isFalse();
        assertThat(store.replay(running.id(), T0)).isFalse();
        assertThat(store.replay(done.id(), T0.plusSeconds(5))).isTrue();
        assertThat(store.replay(parked.id(), T0.plusSeconds(5))).isTrue();
        SyncJob replayed = store.job(parked.id()).orElseThrow();
        assertThat(replayed.state()).isEqualTo(JobState.PENDING);
        assertThat(replayed.parkReason()).isEmpty();
        assertThat(replayed.dueAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.resumeParked("c1", ParkReason.QUOTA_EXHAUSTED, T0)).isZero();
        assertThat(store.claimDue(T0.plusSeconds(5), 10, "w2", LEASE)).extracting(SyncJob::id)
                .containsExactlyInAnyOrder(done.id(), parked.id());
    }
}
