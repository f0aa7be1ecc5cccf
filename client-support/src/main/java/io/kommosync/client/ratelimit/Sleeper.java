package io.kommosync.client.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits. Rate limiters call it when no permit is available; tests inject one that advances a fake
 * {@link Ticker} instead of sleeping.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for about {@code duration}.
     *
     * @param duration how long to wait; positive
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Returns a sleeper that really sleeps the current thread.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
