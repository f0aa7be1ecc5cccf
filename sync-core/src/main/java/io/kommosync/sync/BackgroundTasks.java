package io.kommosync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The periodic work of an engine that must run on one instance at a time: polling each ledger for payment-status
 * changes, the daily overdue sweep, the reconciler, and whatever the host adds (pruning old rows, say). Every task
 * has a name and an interval, and runs under its own {@link Leadership} lease obtained from the factory given to
 * the builder: with the JDBC store's leases, two instances sharing one database never run the same task at once,
 * and when the instance that runs it dies, another takes it over once the lease runs out.
 *
 * <p>{@link #runDue()} is one tick: for each task whose interval has passed, take (or extend) its lease and run it
 * when granted. {@link #start(Duration)} ticks on a daemon thread; the tick interval must be well shorter than the
 * leases' ttl, or the lease runs out between ticks and another instance takes it. A failing task is logged and
 * tried again at its next interval; it never stops the others. {@link #close()} stops ticking and releases the
 * leases this instance holds, so another instance takes over at once.
 *
 * <p>Time comes from the builder's clock. Thread-safe; ticks never overlap.
 */
public final class BackgroundTasks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

    private final Clock clock;
    private final Map<String, Task> tasks;
    private ScheduledExecutorService ticker;

    private BackgroundTasks(Builder b) {
        this.clock = b.clock;
        Map<String, Task> byName = new LinkedHashMap<>();
        for (Spec s : b.specs) {
            byName.put(s.name, new Task(s, b.leases.apply(s.name)));
        }
        this.tasks = byName;
    }

    /**
     * A new builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The names of the tasks, in the order they were added.
     *
     * @return the task names
     */
    public List<String> names() {
        return List.copyOf(tasks.keySet());
    }

    /**
     * One tick: runs every task that is due and whose lease this instance holds or takes.
     *
     * @return the names of the tasks that ran (including those that failed)
     */
    public synchronized List<String> runDue() {
        List<String> ran = new ArrayList<>();
        for (Task t : tasks.values()) {
            Instant now = clock.instant();
            if (t.nextRun != null && now.isBefore(t.nextRun)) {
                // not due; keep the lease alive so another instance does not take it between runs
                if (t.leader) {
                    t.leader = t.leadership.acquire(now);
                }
                continue;
            }
            boolean granted = t.leadership.acquire(now);
            if (granted && !t.leader) {
                LOG.info("this instance now runs '{}'", t.spec.name);
            } else if (!granted && t.leader) {
                LOG.info("another instance took over '{}'", t.spec.name);
            }
            t.leader = granted;
            if (!granted) {
                // somebody else runs it; look again at the next tick, so we take over promptly when it dies
                t.nextRun = null;
                continue;
            }
            t.nextRun = now.plus(t.spec.every);
            ran.add(t.spec.name);
            MDC.put("task", t.spec.name);
            try {
                t.spec.body.run();
                t.lastFailure = Optional.empty();
            } catch (RuntimeException e) {
                t.lastFailure = Optional.of(e.getClass().getSimpleName());
                LOG.warn("background task '{}' failed; it runs again in {}", t.spec.name, t.spec.every, e);
            } finally {
                MDC.remove("task");
            }
        }
        return ran;
    }

    /**
     * Whether this instance held the task's lease at its last tick.
     *
     * @param name the task's name
     * @return {@code true} when this instance runs the task
     * @throws IllegalArgumentException when no task has that name
     */
    public synchronized boolean leads(String name) {
        return task(name).leader;
    }

    /**
     * The kind of error the task's last run ended with, if it failed.
     *
     * @param name the task's name
     * @return the simple class name of the last failure, or empty when the last run succeeded or it never ran
     * @throws IllegalArgumentException when no task has that name
     */
    public synchronized Optional<String> lastFailure(String name) {
        return task(name).lastFailure;
    }

    private Task task(String name) {
        Task t = tasks.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no background task named '" + name + "'; the tasks are " + names());
        }
        return t;
    }

    /**
     * Ticks on a daemon thread until {@link #close()}. Calling it again does nothing.
     *
     * @param tick how often to tick; keep it well shorter than the leases' ttl (a third, say)
     */
    public synchronized void start(Duration tick) {
        Objects.requireNonNull(tick, "tick must not be null: pass a Duration such as Duration.ofSeconds(10)");
        if (tick.isZero() || tick.isNegative()) {
            throw new IllegalArgumentException("tick must be positive but was " + tick);
        }
        if (ticker != null) {
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kommo-sync-background");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::tickSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        ticker = s;
    }

    private void tickSafely() {
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.error("background tick failed; the next tick tries again", e);
        }
    }

    /** Stops ticking (waiting for a running task up to 30 seconds) and releases the leases this instance holds. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = ticker;
            ticker = null;
        }
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                s.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            for (Task t : tasks.values()) {
                if (t.leader) {
                    try {
                        t.leadership.release();
                    } catch (RuntimeException e) {
                        LOG.warn("could not release the lease of '{}'; another instance takes it when it runs out",
                                t.spec.name, e);
                    }
                    t.leader = false;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "BackgroundTasks" + names();
    }

    private record Spec(String name, Duration every, Runnable body) {
    }

    private static final class Task {
        final Spec spec;
        final Leadership leadership;
        Instant nextRun;
        boolean leader;
        Optional<String> lastFailure = Optional.empty();

        Task(Spec spec, Leadership leadership) {
            this.spec = spec;
            this.leadership = Objects.requireNonNull(leadership,
                    () -> "the lease factory returned null for '" + spec.name + "'");
        }
    }

    /** Builds {@link BackgroundTasks}. Not thread-safe. */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private Function<String, Leadership> leases = name -> Leadership.solo();
        private final List<Spec> specs = new ArrayList<>();

        private Builder() {
        }

        /**
         * The clock that says when a task is due and stamps the leases. Default: the system clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock must not be null");
            return this;
        }

        /**
         * Where each task's lease comes from, by task name; for several instances on one database pass
         * {@code name -> database.leaderLease(name, instanceId, ttl)}. Default: {@link Leadership#solo()}.
         *
         * @param factory the lease of each task name
         * @return this builder
         */
        public Builder leases(Function<String, Leadership> factory) {
            this.leases = Objects.requireNonNull(factory, "leases must not be null");
            return this;
        }

        /**
         * Adds a task.
         *
         * @param name  a name unique among the tasks, also the lease's name
         * @param every how long after one run the next is due
         * @param body  the work; an exception is logged and the task runs again at its next interval
         * @return this builder
         * @throws IllegalArgumentException when the name is blank or taken, or the interval is not positive
         */
        public Builder task(String name, Duration every, Runnable body) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank: name the task, for example \"reconciler\"");
            }
            Objects.requireNonNull(every, "every must not be null: pass a Duration such as Duration.ofMinutes(1)");
            if (every.isZero() || every.isNegative()) {
                throw new IllegalArgumentException("every of '" + name + "' must be positive but was " + every);
            }
            Objects.requireNonNull(body, "body must not be null");
            if (specs.stream().anyMatch(s -> s.name.equals(name))) {
                throw new IllegalArgumentException("a task named '" + name + "' was already added; names are unique");
            }
            specs.add(new Spec(name, every, body));
            return this;
        }

        /**
         * Adds, for one connection of the engine, the payment-status poll ({@code payment-status:<id>}, every
         * {@code pollEvery}) and the overdue sweep ({@code overdue-sweep:<id>}, every {@code sweepEvery}).
         *
         * @param engine       the engine
         * @param connectionId the connection
         * @param pollEvery    how often to read the ledger's invoice changes
         * @param sweepEvery   how often to look for invoices that became overdue (daily is enough)
         * @return this builder
         */
        public Builder paymentStatus(SyncEngine engine, String connectionId, Duration pollEvery, Duration sweepEvery) {
            PaymentStatusSync sync = PaymentStatusSync.of(engine);
            engine.connection(connectionId);
            task("payment-status:" + connectionId, pollEvery, () -> sync.poll(connectionId));
            return task("overdue-sweep:" + connectionId, sweepEvery, () -> sync.sweepOverdue(connectionId));
        }

        /**
         * Adds the reconciler of one connection ({@code reconciler:<id>}).
         *
         * @param engine       the engine
         * @param connectionId the connection
         * @param webhookUrl   the URL Kommo should post this connection's events to, or empty
         * @param lookback     how far back the first pass looks, before the reconciler has a cursor
         * @param every        how often it runs
         * @return this builder
         */
        public Builder reconciler(SyncEngine engine, String connectionId, Optional<String> webhookUrl,
                                  Duration lookback, Duration every) {
            Reconciler reconciler = Reconciler.of(engine);
            engine.connection(connectionId);
            Objects.requireNonNull(webhookUrl, "webhookUrl must not be null: pass Optional.empty()");
            Objects.requireNonNull(lookback, "lookback must not be null");
            return task("reconciler:" + connectionId, every, () -> {
                Reconciler.Result r = reconciler.reconcile(connectionId, webhookUrl, engine.now().minus(lookback));
                if (r.enqueued() > 0 || r.webhookRepaired()) {
                    LOG.info("reconciler of {}: {} deal(s) enqueued, webhook repaired: {}", connectionId,
                            r.enqueued(), r.webhookRepaired());
                }
            });
        }

        /**
         * Builds the tasks; nothing runs until {@link BackgroundTasks#runDue()} or {@link BackgroundTasks#start}.
         *
         * @return the tasks
         */
        public BackgroundTasks build() {
            return new BackgroundTasks(this);
        }
    }
}
