package io.kommosync.sync;

import java.time.Instant;

/**
 * The right to run one singleton task (a ledger poller, the reconciler, pruning) on this instance, held as a lease
 * that runs out unless it is taken again. When several instances share a store, at most one holds a given lease at
 * any instant, and another takes over once the holder stops renewing it (because it died). The JDBC store's
 * {@code LeaderLease} is the implementation for a shared database; {@link #solo()} is the one for a single process.
 *
 * <p>Implementations are thread-safe.
 */
public interface Leadership {

    /**
     * Takes the lease when nobody holds it or its holder let it run out, or extends it when this instance holds it.
     *
     * @param now the current time
     * @return {@code true} when this instance holds the lease now and may run the task
     */
    boolean acquire(Instant now);

    /**
     * Gives the lease up so another instance can take it at once, when this instance holds it.
     *
     * @return {@code true} when this instance held the lease and released it
     */
    boolean release();

    /**
     * The leadership of a process that runs alone: always granted.
     *
     * @return a leadership that is always held
     */
    static Leadership solo() {
        return new Leadership() {
            @Override
            public boolean acquire(Instant now) {
                return true;
            }

            @Override
            public boolean release() {
                return false;
            }

            @Override
            public String toString() {
                return "Leadership.solo()";
            }
        };
    }
}
