package io.kommosync.sync.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link SyncDatabase#prune} keeps rows that only serve history. Links between deals and invoices,
 * customers, cursors, connection states, tokens and jobs that may still run (pending, running, parked) are never
 * pruned.
 *
 * @param auditEntries how long audit entries are kept
 * @param doneJobs     how long finished (DONE) jobs and their checkpoints are kept after they finished
 * @param deadJobs     how long dead-lettered (DEAD) jobs are kept after they died; they can be replayed until then
 * @param seenEvents   how long the ids of inbound events are remembered for dropping repeated deliveries
 */
public record Retention(Duration auditEntries, Duration doneJobs, Duration deadJobs, Duration seenEvents) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     naming the component when one is null
     * @throws IllegalArgumentException naming the component when one is zero or negative
     */
    public Retention {
        positive(auditEntries, "auditEntries");
        positive(doneJobs, "doneJobs");
        positive(deadJobs, "deadJobs");
        positive(seenEvents, "seenEvents");
    }

    /**
     * The defaults: audit entries 90 days, done jobs 30 days, dead jobs 180 days, seen events 30 days.
     *
     * @return the defaults
     */
    public static Retention defaults() {
        return new Retention(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(180), Duration.ofDays(30));
    }

    /**
     * A copy with another audit retention.
     *
     * @param age how long audit entries are kept
     * @return the copy
     */
    public Retention withAuditEntries(Duration age) {
        return new Retention(age, doneJobs, deadJobs, seenEvents);
    }

    /**
     * A copy with another retention of done jobs.
     *
     * @param age how long done jobs are kept
     * @return the copy
     */
    public Retention withDoneJobs(Duration age) {
        return new Retention(auditEntries, age, deadJobs, seenEvents);
    }

    /**
     * A copy with another retention of dead jobs.
     *
     * @param age how long dead jobs are kept
     * @return the copy
     */
    public Retention withDeadJobs(Duration age) {
        return new Retention(auditEntries, doneJobs, age, seenEvents);
    }

    /**
     * A copy with another retention of seen event ids.
     *
     * @param age how long event ids are remembered
     * @return the copy
     */
    public Retention withSeenEvents(Duration age) {
        return new Retention(auditEntries, doneJobs, deadJobs, age);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null: pass a Duration such as Duration.ofDays(30)");
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value
                    + ": pass a Duration such as Duration.ofDays(30)");
        }
    }
}
