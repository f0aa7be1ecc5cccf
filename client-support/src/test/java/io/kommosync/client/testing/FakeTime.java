package io.kommosync.client.testing;

import io.kommosync.client.ratelimit.Sleeper;
import io.kommosync.client.ratelimit.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fake monotonic time for rate limiters: reading never blocks, "sleeping" advances the time instead of waiting.
 * It remembers the last reading of each thread, which for a limiter is the reading its grant was decided on.
 */
public final class FakeTime implements Ticker, Sleeper {

    private final AtomicLong nanos;
    private final ThreadLocal<long[]> lastRead = ThreadLocal.withInitial(() -> new long[1]);

    public FakeTime(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override
    public long nanos() {
        long now = nanos.get();
        lastRead.get()[0] = now;
        return now;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("fake sleep interrupted");
        }
        nanos.addAndGet(duration.toNanos());
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    public long now() {
        return nanos.get();
    }

    /** The reading this thread took last; for a limiter call that just returned, the moment of its grant. */
    public long lastReadByThisThread() {
        return lastRead.get()[0];
    }
}
