package io.kommosync.client.internal;

import io.kommosync.client.ratelimit.RateLimitInterruptedException;
import io.kommosync.client.ratelimit.RateLimiter;
import io.kommosync.client.ratelimit.Sleeper;
import io.kommosync.client.ratelimit.Ticker;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keyed limiter skeleton. Per key: a fair lock that queues blocking callers (so they are served in arrival order
 * and only the head of the queue polls the clock and sleeps), and a slot whose monitor guards the bookkeeping.
 * {@code tryAcquire} never takes the queue lock, so non-blocking callers never block each other, but it refuses
 * while the head of the queue is waiting, so it cannot starve blocked callers.
 *
 * @param <S> per-key state
 */
abstract class KeyedRateLimiter<S> implements RateLimiter {

    private final ConcurrentMap<String, Slot<S>> slots = new ConcurrentHashMap<>();
    private final Supplier<S> newState;
    private final Ticker ticker;
    private final Sleeper sleeper;

    KeyedRateLimiter(Supplier<S> newState, Ticker ticker, Sleeper sleeper) {
        this.newState = newState;
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    /**
     * Grants a permit if one is available at {@code now}. Called with the slot's monitor held.
     *
     * @return 0 when granted, otherwise the positive number of nanoseconds until a permit may be available
     */
    abstract long grantOrWait(S state, long now);

    /** Nanoseconds until a permit may be available, without granting. Called with the slot's monitor held. */
    abstract long waitNanos(S state, long now);

    @Override
    public final void acquire(String key) {
        Slot<S> slot = slot(key);
        try {
            slot.queue.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitInterruptedException(key, e);
        }
        try {
            while (true) {
                long wait;
                synchronized (slot) {
                    wait = grantOrWait(slot.state, ticker.nanos());
                    slot.headWaiting = wait > 0;
                }
                if (wait <= 0) {
                    return;
                }
                try {
                    sleeper.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RateLimitInterruptedException(key, e);
                }
            }
        } finally {
            synchronized (slot) {
                slot.headWaiting = false;
            }
            slot.queue.unlock();
        }
    }

    @Override
    public final boolean tryAcquire(String key) {
        Slot<S> slot = slot(key);
        synchronized (slot) {
            // Do not overtake a thread that is already waiting in acquire() for this key.
            return !slot.headWaiting && grantOrWait(slot.state, ticker.nanos()) <= 0;
        }
    }

    @Override
    public final Duration timeUntilNextPermit(String key) {
        Slot<S> slot = slot(key);
        synchronized (slot) {
            return Duration.ofNanos(Math.max(0L, waitNanos(slot.state, ticker.nanos())));
        }
    }

    private Slot<S> slot(String key) {
        Checks.notNull(key, "key", "pass the account or connection id the allowance belongs to");
        return slots.computeIfAbsent(key, k -> new Slot<>(newState.get()));
    }

    private static final class Slot<S> {
        /** Serves blocking callers in arrival order; only its holder ever sleeps. */
        final ReentrantLock queue = new ReentrantLock(true);
        /** Guarded by this slot's monitor. */
        final S state;
        /** True while the queue's head is sleeping for a permit; guarded by this slot's monitor. */
        boolean headWaiting;

        Slot(S state) {
            this.state = state;
        }
    }
}
