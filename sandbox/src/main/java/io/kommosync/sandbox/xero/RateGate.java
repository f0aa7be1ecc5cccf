package io.kommosync.sandbox.xero;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Xero's four limits, per tenant and per app. Thread-safe (one lock). */
final class RateGate {

    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
    private static final Duration DAY = Duration.ofDays(1);

    /** What the gate decided for one call. */
    sealed interface Decision permits Admitted, Throttled {
    }

    /** The call may proceed; what remains of each budget after it. */
    record Admitted(int minuteRemaining, int dayRemaining, int appMinuteRemaining) implements Decision {
    }

    /** The call is over a limit. */
    record Throttled(String problem, long retryAfterSeconds, int minuteRemaining, int dayRemaining,
                     int appMinuteRemaining) implements Decision {
    }

    private final Clock clock;
    private volatile XeroLimits limits;
    private final Map<String, Deque<Long>> minute = new HashMap<>();
    private final Map<String, Deque<Instant>> day = new HashMap<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Deque<Long> app = new ArrayDeque<>();

    RateGate(Clock clock, XeroLimits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    XeroLimits limits() {
        return limits;
    }

    void limits(XeroLimits newLimits) {
        this.limits = newLimits;
    }

    synchronized Decision admit(String tenant) {
        XeroLimits l = limits;
        long now = System.nanoTime();
        Instant today = clock.instant();
        Deque<Long> m = minute.computeIfAbsent(tenant, t -> new ArrayDeque<>());
        Deque<Instant> d = day.computeIfAbsent(tenant, t -> new ArrayDeque<>());
        evict(m, now);
        evict(app, now);
        while (!d.isEmpty() && !d.peekFirst().plus(DAY).isAfter(today)) {
            d.pollFirst();
        }
        int minuteLeft = l.perMinute() - m.size();
        int dayLeft = l.perDay() - d.size();
        int appLeft = l.appPerMinute() - app.size();
        if (dayLeft <= 0) {
            long wait = Math.max(1, ceilSeconds(Duration.between(today, d.peekFirst().plus(DAY))));
            return new Throttled("day", wait, Math.max(0, minuteLeft), 0, Math.max(0, appLeft));
        }
        if (minuteLeft <= 0) {
            return new Throttled("minute", secondsUntilFree(m.peekFirst(), now), 0, dayLeft, Math.max(0, appLeft));
        }
        if (appLeft <= 0) {
            return new Throttled("appminute", secondsUntilFree(app.peekFirst(), now), minuteLeft, dayLeft, 0);
        }
        int running = inFlight.getOrDefault(tenant, 0);
        if (running >= l.concurrent()) {
            return new Throttled("concurrent", 1, minuteLeft, dayLeft, appLeft);
        }
        inFlight.put(tenant, running + 1);
        m.addLast(now);
        d.addLast(today);
        app.addLast(now);
        return new Admitted(minuteLeft - 1, dayLeft - 1, appLeft - 1);
    }

    synchronized void release(String tenant) {
        inFlight.computeIfPresent(tenant, (t, n) -> n <= 1 ? null : n - 1);
    }

    synchronized void reset() {
        minute.clear();
        day.clear();
        inFlight.clear();
        app.clear();
    }

    private static void evict(Deque<Long> window, long now) {
        while (!window.isEmpty() && now - window.peekFirst() >= MINUTE_NANOS) {
            window.pollFirst();
        }
    }

    private static long secondsUntilFree(long oldest, long now) {
        return Math.max(1, ceilSeconds(Duration.ofNanos(MINUTE_NANOS - (now - oldest))));
    }

    private static long ceilSeconds(Duration d) {
        long seconds = d.getSeconds();
        return d.getNano() > 0 ? seconds + 1 : seconds;
    }
}
