package io.kommosync.kommo;

import io.kommosync.client.ratelimit.RateLimitInterruptedException;
import io.kommosync.client.ratelimit.Sleeper;
import io.kommosync.client.ratelimit.Ticker;
import io.kommosync.kommo.internal.Arguments;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Kommo's request limit ("7 requests per second per integration") enforced the way Kommo counts it: by when
 * requests <em>arrive</em>, not by when the client decided to send them.
 *
 * <p>Each key has {@code maxRequests} slots. A request takes a free slot and gives it back when its answer has been
 * received ({@link Permit#close()}); a slot can be taken again only {@code window} after it was given back. Since
 * Kommo receives a request before it answers, two requests on one slot arrive at least {@code window} apart, so any
 * interval of length {@code window} sees at most {@code maxRequests} arrivals, however long each request spent on
 * the network. A plain sliding window over send times cannot promise that: a slow first request (a new connection,
 * a cold JVM) arrives late and bunches up with the next second's requests (measured: 14 arrivals within one second
 * from a 7-per-1.1-s sliding window on a cold client).
 *
 * <p>Share one instance and key between every client of one integration to share its budget. Per-key state lives
 * as long as the limiter: key by integration or account, not by request.
 *
 * <p>Thread-safe. Callers of one key are served in arrival order.
 */
public final class KommoRateLimiter {

    /** Kommo's documented limit per integration. */
    public static final int KOMMO_REQUESTS_PER_SECOND = 7;
    /** Default window: one second plus a 50 ms margin for timestamp granularity on Kommo's side. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMillis(1050);

    private static final long NEVER = Long.MIN_VALUE;

    private final int maxRequests;
    private final long windowNanos;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final ConcurrentMap<String, Budget> budgets = new ConcurrentHashMap<>();

    private KommoRateLimiter(int maxRequests, Duration window, Ticker ticker, Sleeper sleeper) {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be at least 1 but was " + maxRequests
                + ": Kommo allows " + KOMMO_REQUESTS_PER_SECOND + " per second per integration");
        }
        Arguments.notNull(window, "window", "use KommoRateLimiter.DEFAULT_WINDOW");
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive but was " + window
                + ": use KommoRateLimiter.DEFAULT_WINDOW");
        }
        this.maxRequests = maxRequests;
        this.windowNanos = window.toNanos();
        this.ticker = Arguments.notNull(ticker, "ticker", "pass Ticker.system()");
        this.sleeper = Arguments.notNull(sleeper, "sleeper", "pass Sleeper.system()");
    }

    /**
     * Creates Kommo's default limiter: {@value #KOMMO_REQUESTS_PER_SECOND} requests per {@link #DEFAULT_WINDOW}.
     *
     * @return the limiter
     */
    public static KommoRateLimiter kommoDefault() {
        return create(KOMMO_REQUESTS_PER_SECOND, DEFAULT_WINDOW);
    }

    /**
     * Creates a limiter on the system clock that really sleeps.
     *
     * @param maxRequests requests allowed per window and key; at least 1
     * @param window      the rolling window; positive
     * @return the limiter
     * @throws IllegalArgumentException when a value is out of range
     */
    public static KommoRateLimiter create(int maxRequests, Duration window) {
        return create(maxRequests, window, Ticker.system(), Sleeper.system());
    }

    /**
     * Creates a limiter with an injected time source and sleeper (tests).
     *
     * @param maxRequests requests allowed per window and key; at least 1
     * @param window      the rolling window; positive
     * @param ticker      the monotonic time source
     * @param sleeper     how {@link #acquire(String)} waits for a slot's window to pass
     * @return the limiter
     * @throws IllegalArgumentException when a value is out of range
     */
    public static KommoRateLimiter create(int maxRequests, Duration window, Ticker ticker, Sleeper sleeper) {
        return new KommoRateLimiter(maxRequests, window, ticker, sleeper);
    }

    /**
     * Waits for a slot of {@code key} and takes it. Close the permit as soon as the answer has been received (or
     * the request failed); until then the slot stays taken.
     *
     * @param key whose budget to use, such as the integration's client id
     * @return the permit; close it exactly once (further closes do nothing)
     * @throws RateLimitInterruptedException when the thread is interrupted while waiting (the interrupt flag is set
     *     again)
     */
    public Permit acquire(String key) {
        Arguments.notNull(key, "key", "pass the integration's client id or the account's base domain");
        Budget budget = budgets.computeIfAbsent(key, k -> new Budget(maxRequests));
        try {
            budget.queue.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitInterruptedException(key, e);
        }
        try {
            while (true) {
                long wait;
                synchronized (budget) {
                    if (budget.freeSince.isEmpty()) {
                        budget.wait();
                        continue;
                    }
                    long freeSince = budget.freeSince.peekFirst();
                    long elapsed = ticker.nanos() - freeSince;
                    if (freeSince == NEVER || elapsed >= windowNanos) {
                        budget.freeSince.pollFirst();
                        return new Permit(budget);
                    }
                    wait = windowNanos - elapsed;
                }
                sleeper.sleep(Duration.ofNanos(wait));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitInterruptedException(key, e);
        } finally {
            budget.queue.unlock();
        }
    }

    /**
     * Returns the number of slots of {@code key} currently taken (requests in flight), for monitoring.
     *
     * @param key the budget's key
     * @return 0 to {@code maxRequests}
     */
    public int inFlight(String key) {
        Budget budget = budgets.get(Arguments.notNull(key, "key", "pass the budget's key"));
        if (budget == null) {
            return 0;
        }
        synchronized (budget) {
            return maxRequests - budget.freeSince.size();
        }
    }

    @Override
    public String toString() {
        return "KommoRateLimiter[" + maxRequests + " per " + Duration.ofNanos(windowNanos) + " by arrival]";
    }

    /** A taken slot; closing it gives the slot back, to be reused one window later. */
    public final class Permit implements AutoCloseable {

        private final Budget budget;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit(Budget budget) {
            this.budget = budget;
        }

        /** Gives the slot back, stamped with the current time. Idempotent; never throws. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                synchronized (budget) {
                    budget.freeSince.addLast(ticker.nanos());
                    budget.notifyAll();
                }
            }
        }
    }

    /** One key's slots: the times free slots were given back, oldest first. */
    private static final class Budget {
        /** Fair: acquirers of one key are served in arrival order, one at a time. */
        final ReentrantLock queue = new ReentrantLock(true);
        final ArrayDeque<Long> freeSince = new ArrayDeque<>();

        Budget(int slots) {
            for (int i = 0; i < slots; i++) {
                freeSince.addLast(NEVER);
            }
        }
    }
}
