package io.kommosync.client.internal;

import io.kommosync.client.ratelimit.Sleeper;
import io.kommosync.client.ratelimit.Ticker;

/**
 * Sliding-window log: remembers the last {@code maxPermits} grant times per key in a ring buffer and grants only
 * when the oldest is at least one window old, so any window holds at most {@code maxPermits} grants.
 */
public final class SlidingWindowRateLimiter extends KeyedRateLimiter<SlidingWindowRateLimiter.Log> {

    private final long windowNanos;

    /**
     * Creates the limiter; arguments are validated by {@code RateLimiter.slidingWindow}.
     *
     * @param maxPermits  grants per window
     * @param windowNanos window length
     * @param ticker      time source
     * @param sleeper     how acquire waits
     */
    public SlidingWindowRateLimiter(int maxPermits, long windowNanos, Ticker ticker, Sleeper sleeper) {
        super(() -> new Log(maxPermits), ticker, sleeper);
        this.windowNanos = windowNanos;
    }

    @Override
    long grantOrWait(Log log, long now) {
        long wait = waitNanos(log, now);
        if (wait > 0) {
            return wait;
        }
        log.record(now);
        return 0;
    }

    @Override
    long waitNanos(Log log, long now) {
        if (log.size < log.times.length) {
            return 0;
        }
        long age = now - log.times[log.oldest];
        return age >= windowNanos ? 0 : windowNanos - age;
    }

    /** Last grant times of one key; guarded by the monitor of the key's slot. */
    static final class Log {
        final long[] times;
        int oldest;
        int size;

        Log(int capacity) {
            this.times = new long[capacity];
        }

        void record(long now) {
            if (size < times.length) {
                times[(oldest + size) % times.length] = now;
                size++;
            } else {
                times[oldest] = now;
                oldest = (oldest + 1) % times.length;
            }
        }
    }
}
