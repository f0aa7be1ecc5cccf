package io.kommosync.sync;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.client.retry.RetryPolicies;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sync.kommo.DealSnapshot;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.store.AuditEntry;
import io.kommosync.sync.store.ConnectionState;
import io.kommosync.sync.store.EnqueueResult;
import io.kommosync.sync.store.JobId;
import io.kommosync.sync.store.JobKind;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.NewJob;
import io.kommosync.sync.store.ParkReason;
import io.kommosync.sync.store.SyncJob;
import io.kommosync.sync.store.SyncStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The sync engine: hosts connections, runs their jobs from the {@link SyncStore}, and gives the host its entry
 * points (webhook endpoints, payment-status sync, reconciler, preview, replay).
 *
 * <p>Jobs run when {@link #runDueJobs()} is called — tests call it directly with a fake clock — or on the
 * engine's own worker threads after {@link #start(Duration, int)}. A failing job is retried in-call for
 * transient errors, then durably along the retry ladder (1, 5 and 15 minutes by default); after the last rung it
 * is dead and one Kommo task tells the deal's responsible manager what went wrong. Problems a person must fix
 * skip the ladder and go straight to the task.
 *
 * <p>Thread-safe. Build with {@link #builder()}.
 */
public final class SyncEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    private static final int MAX_RUNS_PER_CALL = 10_000;

    private final SyncStore store;
    private final Clock clock;
    private final Map<String, Connection> connections;
    private final List<Duration> retryLadder;
    private final RetryPolicy<Object> inCallRetry;
    private final SyncListener listener;
    private final String workerId;
    private final Duration lease;
    private final int claimBatch;
    private final Duration taskDueIn;
    private final RaiseInvoiceJob raiseInvoice = new RaiseInvoiceJob(this);
    private final LedgerInvoiceJob ledgerInvoice = new LedgerInvoiceJob(this);
    private volatile ScheduledExecutorService workers;

    private SyncEngine(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.clock = b.clock;
        Map<String, Connection> map = new ConcurrentHashMap<>();
        for (Connection c : b.connections) {
            if (map.putIfAbsent(c.id(), c) != null) {
                throw new InvalidConnectionException(c.id(), List.of("id: two connections have the id " + c.id()));
            }
        }
        this.connections = map;
        this.retryLadder = List.copyOf(b.retryLadder);
        this.inCallRetry = RetryPolicies.transientFailures(b.inCallRetry, Failure.CLASSIFIER);
        this.listener = new SafeListener(b.listener);
        this.workerId = b.workerId;
        this.lease = b.lease;
        this.claimBatch = b.claimBatch;
        this.taskDueIn = b.taskDueIn;
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---- entry points ----------------------------------------------------------------------------------------

    /**
     * A connection by id.
     *
     * @param connectionId the id
     * @return the connection
     * @throws SyncException when there is none
     */
    public Connection connection(String connectionId) {
        Connection c = connections.get(connectionId);
        if (c == null) {
            throw new SyncException("no connection '" + connectionId + "'; known: " + connections.keySet());
        }
        return c;
    }

    /**
     * Every connection.
     *
     * @return the connections
     */
    public Collection<Connection> connections() {
        return List.copyOf(connections.values());
    }

    /**
     * Enqueues the invoice job of a deal under a trigger rule; a deal is invoiced once per rule, so repeated calls
     * (redelivered webhooks, the reconciler, a deal bouncing between stages) return the first job.
     *
     * @param connectionId the connection
     * @param dealId       the deal
     * @param triggerId    the rule's id
     * @return the job and whether it is new
     */
    public EnqueueResult enqueueInvoice(String connectionId, long dealId, String triggerId) {
        return enqueueInvoice(connectionId, dealId, triggerId, Optional.empty());
    }

    /**
     * Enqueues the invoice job of a deal for one stage-change event. As {@link #enqueueInvoice(String, long, String)},
     * and when the deal was already invoiced under the rule and this event is new (the deal came back to the stage,
     * not a redelivery of the same event), a small job adds a note to the deal saying no second invoice was raised.
     *
     * @param connectionId the connection
     * @param dealId       the deal
     * @param triggerId    the rule's id
     * @param eventKey     the event's unique key (Kommo's event dedupe key), when known
     * @return the invoice job and whether it is new
     */
    public EnqueueResult enqueueInvoice(String connectionId, long dealId, String triggerId, Optional<String> eventKey) {
        Connection c = connection(connectionId);
        if (c.trigger(triggerId).isEmpty()) {
            throw new SyncException("connection " + connectionId + " has no trigger '" + triggerId + "'");
        }
        String dedupe = "raise:" + connectionId + ":" + dealId + ":" + triggerId;
        boolean newEvent = eventKey.map(k -> store.markSeen(connectionId, "kommo-event:" + k, now())).orElse(false);
        EnqueueResult r = store.enqueue(new NewJob(connectionId, JobKind.RAISE_INVOICE, Long.toString(dealId), dedupe,
                Map.of("trigger", triggerId), now()), now());
        if (r.created()) {
            audit(c, r.job(), "job-enqueued", "deal reached the stage of trigger " + triggerId);
            listener.jobEnqueued(r.job());
        } else if (newEvent && r.job().state() == JobState.DONE) {
            EnqueueResult again = store.enqueue(new NewJob(connectionId, JobKind.RAISE_INVOICE, Long.toString(dealId),
                    "again:" + dedupe + ":" + eventKey.get(), Map.of("trigger", triggerId), now()), now());
            if (again.created()) {
                audit(c, again.job(), "job-enqueued", "deal came back to the stage of trigger " + triggerId
                        + " after it was invoiced");
            }
        }
        return r;
    }

    /**
     * Enqueues the handling of a change of a ledger invoice.
     *
     * @param connectionId the connection
     * @param invoiceId    the ledger's invoice id
     * @param changeKey    what identifies this change (an event id, or the invoice's update time and status); the
     *                     same change enqueued twice runs once
     * @return the job and whether it is new
     */
    public EnqueueResult enqueueLedgerChange(String connectionId, String invoiceId, String changeKey) {
        Connection c = connection(connectionId);
        String dedupe = "ledger:" + connectionId + ":" + invoiceId + ":" + changeKey;
        EnqueueResult r = store.enqueue(new NewJob(connectionId, JobKind.LEDGER_INVOICE_CHANGED, invoiceId, dedupe,
                Map.of(), now()), now());
        if (r.created()) {
            listener.jobEnqueued(r.job());
        }
        return r;
    }

    /**
     * Runs every job due now, on the calling thread, until none is left (at most {@value #MAX_RUNS_PER_CALL} runs).
     *
     * @return how many job runs happened
     */
    public int runDueJobs() {
        int runs = 0;
        while (runs < MAX_RUNS_PER_CALL) {
            List<SyncJob> claimed = store.claimDue(now(), claimBatch, workerId, lease);
            if (claimed.isEmpty()) {
                break;
            }
            for (SyncJob job : claimed) {
                run(job);
                runs++;
            }
        }
        return runs;
    }

    /**
     * The invoice a deal would produce now, with every problem, without writing anything anywhere.
     *
     * @param connectionId the connection
     * @param dealId       the deal
     * @return the plan
     * @throws SyncException when the deal does not exist
     */
    public InvoicePlan preview(String connectionId, long dealId) {
        Connection c = connection(connectionId);
        DealSnapshot deal = call(() -> c.kommo().deal(dealId))
                .orElseThrow(() -> new SyncException("deal " + dealId + " does not exist"));
        ChartOfAccounts chart = call(c.ledger()::chartOfAccounts);
        return InvoicePlanner.plan(c, deal, chart, today(c));
    }

    /**
     * Replaces a connection's mapping table; when it changed, jobs parked for unmapped products run again.
     *
     * @param connectionId the connection
     * @param table        the new table
     * @return how many parked jobs were resumed
     */
    public int replaceMapping(String connectionId, MappingTable table) {
        return replaceMapping(connectionId, table, true);
    }

    /**
     * Replaces a connection's mapping table, resuming the jobs parked for unmapped products or leaving them parked.
     * Left parked, each runs with the new table when it is {@linkplain #replay(JobId) replayed}: a host lets a
     * person check the deals one by one that way (the reference server's console offers it).
     *
     * @param connectionId the connection
     * @param table        the new table
     * @param resumeParked whether the jobs parked for unmapped products run again now, when the table changed
     * @return how many parked jobs were resumed; always 0 when {@code resumeParked} is {@code false}
     * @throws SyncException when there is no such connection
     */
    public int replaceMapping(String connectionId, MappingTable table, boolean resumeParked) {
        Objects.requireNonNull(table, "table");
        Connection old = connection(connectionId);
        Connection updated = old.withMapping(table);
        connections.put(connectionId, updated);
        if (!resumeParked || old.mapping().fingerprint().equals(table.fingerprint())) {
            return 0;
        }
        int resumed = store.resumeParked(connectionId, ParkReason.UNMAPPED_PRODUCT, now());
        LOG.info("mapping table of {} changed; {} parked job(s) resumed", connectionId, resumed);
        return resumed;
    }

    /**
     * Runs a parked, dead or finished job again, from its last checkpoint.
     *
     * @param jobId the job
     * @return {@code false} when there is no such job or it is already waiting or running
     */
    public boolean replay(JobId jobId) {
        return store.replay(jobId, now());
    }

    /**
     * Tells the engine a paused connection was re-authorised: it becomes active and its parked jobs run again.
     *
     * @param connectionId the connection
     * @return how many jobs were resumed
     */
    public int reauthorised(String connectionId) {
        connection(connectionId);
        store.saveConnectionState(new ConnectionState(connectionId, ConnectionState.Status.ACTIVE, Optional.empty(),
                now()));
        return store.resumeParked(connectionId, ParkReason.CONNECTION_PAUSED, now());
    }

    /**
     * The store.
     *
     * @return the store
     */
    public SyncStore store() {
        return store;
    }

    /**
     * Starts worker threads that run due jobs every {@code pollInterval}. Idempotent.
     *
     * @param pollInterval how often each worker looks for due jobs
     * @param threads      how many workers
     */
    public synchronized void start(Duration pollInterval, int threads) {
        if (workers != null) {
            return;
        }
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "kommo-sync-worker");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < threads; i++) {
            pool.scheduleWithFixedDelay(this::runDueJobsSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        workers = pool;
    }

    private void runDueJobsSafely() {
        try {
            runDueJobs();
        } catch (RuntimeException e) {
            LOG.error("worker pass failed; will try again", e);
        }
    }

    /** Stops the worker threads, letting running jobs finish for up to 30 seconds. */
    @Override
    public synchronized void close() {
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
            workers = null;
        }
    }

    // ---- job running ------------------------------------------------------------------------------------------

    private void run(SyncJob job) {
        Connection c = connections.get(job.connectionId());
        MDC.put("connection", job.connectionId());
        MDC.put("job", job.id().value());
        MDC.put("subject", job.subjectId());
        try {
            if (c == null) {
                store.kill(job.id(), workerId, "connection " + job.connectionId() + " is not configured", now());
                return;
            }
            if (store.connectionState(c.id(), now()).status() == ConnectionState.Status.NEEDS_REAUTHORISATION) {
                store.park(job.id(), workerId, ParkReason.CONNECTION_PAUSED,
                        "the connection needs re-authorisation", now());
                return;
            }
            JobOutcome outcome = job.kind() == JobKind.RAISE_INVOICE ? raiseInvoice.run(c, job) : ledgerInvoice.run(c, job);
            if (outcome instanceof JobOutcome.Parked p) {
                store.park(job.id(), workerId, p.reason(), p.detail(), now());
                audit(c, job, "job-parked", p.detail());
                listener.jobParked(job, p.detail());
            } else if (outcome instanceof JobOutcome.Done d) {
                store.complete(job.id(), workerId, now());
                audit(c, job, "job-done", d.summary());
                LOG.info("{} {}: {}", job.kind(), job.subjectId(), d.summary());
            }
        } catch (RuntimeException e) {
            fail(c, job, e);
        } finally {
            MDC.remove("connection");
            MDC.remove("job");
            MDC.remove("subject");
        }
    }

    private void fail(Connection c, SyncJob job, RuntimeException e) {
        Failure f = e instanceof JobFailedException
                ? new Failure(Failure.Kind.PERMANENT, Optional.empty(), e.getMessage()) : Failure.of(e);
        switch (f.kind()) {
            case REAUTHORISE -> {
                store.saveConnectionState(new ConnectionState(c.id(), ConnectionState.Status.NEEDS_REAUTHORISATION,
                        Optional.of(f.message()), now()));
                store.park(job.id(), workerId, ParkReason.CONNECTION_PAUSED, f.message(), now());
                audit(c, job, "connection-paused", f.message());
                LOG.warn("connection {} paused: {}", c.id(), f.message());
                listener.connectionPaused(c.id(), f.message());
            }
            case TRANSIENT -> {
                if (job.failures() < retryLadder.size()) {
                    Duration wait = retryLadder.get(job.failures());
                    if (f.retryAfter().isPresent() && f.retryAfter().get().compareTo(wait) > 0) {
                        wait = f.retryAfter().get();
                    }
                    store.scheduleRetry(job.id(), workerId, now().plus(wait), f.message(), now());
                    audit(c, job, "retry-scheduled", "attempt " + (job.failures() + 1) + " failed (" + f.message()
                            + "); next try in " + wait.toMinutes() + " min");
                    LOG.warn("{} {} failed, retry in {}: {}", job.kind(), job.subjectId(), wait, f.message());
                    listener.jobRetrying(job, e);
                } else {
                    die(c, job, "it failed " + (job.failures() + 1) + " times, the last time with: " + f.message());
                }
            }
            case PERMANENT -> die(c, job, f.message());
        }
    }

    private void die(Connection c, SyncJob job, String reason) {
        store.kill(job.id(), workerId, reason, now());
        audit(c, job, "job-dead", reason);
        LOG.error("{} {} is dead: {}", job.kind(), job.subjectId(), reason);
        listener.jobDead(job, reason);
        if (job.kind() != JobKind.RAISE_INVOICE) {
            return;
        }
        long dealId = Long.parseLong(job.subjectId());
        long responsible = Optional.ofNullable(store.checkpoints(job.id()).get(RaiseInvoiceJob.CP_RESPONSIBLE))
                .map(Long::parseLong).orElse(0L);
        String text = "kommo-sync could not raise the invoice for this deal: " + reason
                + "\nFix the cause, then replay job " + job.id() + ".";
        try {
            call(() -> {
                c.kommo().createTask(dealId, responsible, text, taskDeadline());
                return null;
            });
            audit(c, job, "task-created", "told the responsible manager");
        } catch (RuntimeException taskFailure) {
            audit(c, job, "task-failed", "could not create the task: " + Failure.of(taskFailure).message());
            LOG.error("could not create the task for dead job {}", job.id(), taskFailure);
        }
    }

    // ---- helpers for the jobs --------------------------------------------------------------------------------

    <T> T call(Supplier<T> remote) {
        try {
            return Failsafe.with(inCallRetry).get(remote::get);
        } catch (FailsafeException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    void checkpoint(SyncJob job, String step, String value) {
        store.saveCheckpoint(job.id(), step, value);
    }

    void audit(Connection c, SyncJob job, String step, String detail) {
        audit(c, job, job.subjectId(), step, detail);
    }

    void audit(Connection c, SyncJob job, String subjectId, String step, String detail) {
        store.append(new AuditEntry(now(), c.id(), Optional.of(job.id()), subjectId, step, detail));
    }

    Instant now() {
        return clock.instant();
    }

    LocalDate today(Connection c) {
        return LocalDate.ofInstant(now(), c.zone());
    }

    Instant taskDeadline() {
        return now().plus(taskDueIn);
    }

    SyncListener listener() {
        return listener;
    }

    Clock clock() {
        return clock;
    }

    /** Builds a {@link SyncEngine}. Not thread-safe. */
    public static final class Builder {
        private SyncStore store;
        private Clock clock = Clock.systemUTC();
        private final List<Connection> connections = new ArrayList<>();
        private List<Duration> retryLadder = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
        private RetrySettings inCallRetry = RetrySettings.defaults();
        private SyncListener listener = new SyncListener() { };
        private String workerId = "worker-" + UUID.randomUUID();
        private Duration lease = Duration.ofMinutes(5);
        private int claimBatch = 10;
        private Duration taskDueIn = Duration.ofDays(1);

        private Builder() {
        }

        /**
         * The store (required).
         *
         * @param syncStore the store
         * @return this builder
         */
        public Builder store(SyncStore syncStore) {
            this.store = syncStore;
            return this;
        }

        /**
         * The clock (default: system UTC). Tests pass a fake one.
         *
         * @param engineClock the clock
         * @return this builder
         */
        public Builder clock(Clock engineClock) {
            this.clock = Objects.requireNonNull(engineClock, "engineClock");
            return this;
        }

        /**
         * Adds a connection.
         *
         * @param connection the connection
         * @return this builder
         */
        public Builder connection(Connection connection) {
            this.connections.add(Objects.requireNonNull(connection, "connection"));
            return this;
        }

        /**
         * The waits between durable retries (default 1, 5, 15 minutes); after the last the job is dead.
         *
         * @param ladder the waits, in order
         * @return this builder
         */
        public Builder retryLadder(List<Duration> ladder) {
            for (Duration d : ladder) {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("retry ladder waits cannot be negative: " + ladder);
                }
            }
            this.retryLadder = List.copyOf(ladder);
            return this;
        }

        /**
         * The in-call retries of each remote call (default {@link RetrySettings#defaults()}); tests pass
         * {@link RetrySettings#noBackoff(int)}.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder inCallRetry(RetrySettings settings) {
            this.inCallRetry = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * The listener.
         *
         * @param syncListener the listener
         * @return this builder
         */
        public Builder listener(SyncListener syncListener) {
            this.listener = Objects.requireNonNull(syncListener, "syncListener");
            return this;
        }

        /**
         * This process's worker id in job leases (default random).
         *
         * @param id the id
         * @return this builder
         */
        public Builder workerId(String id) {
            this.workerId = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * How long a claimed job is held before another worker may take it over (default 5 minutes).
         *
         * @param leaseDuration the lease
         * @return this builder
         */
        public Builder lease(Duration leaseDuration) {
            this.lease = Objects.requireNonNull(leaseDuration, "leaseDuration");
            return this;
        }

        /**
         * Builds the engine.
         *
         * @return the engine
         */
        public SyncEngine build() {
            return new SyncEngine(this);
        }
    }

    private static final class SafeListener implements SyncListener {
        private final SyncListener delegate;

        SafeListener(SyncListener delegate) {
            this.delegate = delegate;
        }

        private void safely(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("sync listener failed; ignored", e);
            }
        }

        @Override
        public void jobEnqueued(SyncJob job) {
            safely(() -> delegate.jobEnqueued(job));
        }

        @Override
        public void invoiceRaised(String connectionId, long dealId, io.kommosync.accounting.spi.Invoice invoice) {
            safely(() -> delegate.invoiceRaised(connectionId, dealId, invoice));
        }

        @Override
        public void jobRetrying(SyncJob job, Throwable failure) {
            safely(() -> delegate.jobRetrying(job, failure));
        }

        @Override
        public void jobParked(SyncJob job, String reason) {
            safely(() -> delegate.jobParked(job, reason));
        }

        @Override
        public void jobDead(SyncJob job, String reason) {
            safely(() -> delegate.jobDead(job, reason));
        }

        @Override
        public void connectionPaused(String connectionId, String reason) {
            safely(() -> delegate.connectionPaused(connectionId, reason));
        }

        @Override
        public void paymentStatusChanged(String connectionId, long dealId,
                                         io.kommosync.accounting.spi.InvoiceStatus status) {
            safely(() -> delegate.paymentStatusChanged(connectionId, dealId, status));
        }

        @Override
        public void dealCreatedForInvoice(String connectionId, long dealId, io.kommosync.accounting.spi.Invoice invoice) {
            safely(() -> delegate.dealCreatedForInvoice(connectionId, dealId, invoice));
        }
    }
}
