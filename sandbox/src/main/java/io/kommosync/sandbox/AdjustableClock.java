package io.kommosync.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, for driving token expiry, {@code created_at} stamps and
 * webhook-disabling windows in a simulator without waiting.
 *
 * <p>Thread-safe: the current instant is held atomically, so a test thread may advance it while server threads read it.
 */
public final class AdjustableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private AdjustableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * Creates a clock standing at {@code start}, in UTC.
     *
     * @param start the first instant the clock reports
     * @return a new clock
     */
    public static AdjustableClock at(Instant start) {
        return new AdjustableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward (or backward, for a negative amount).
     *
     * @param amount how far to move
     * @return the new current instant
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        return now.updateAndGet(current -> current.plus(amount));
    }

    /**
     * Sets the clock to an instant.
     *
     * @param instant the new current instant
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** Returns a clock sharing this clock's instant (advancing one advances both) in another zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(now, Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public String toString() {
        return "AdjustableClock[" + now.get() + ", " + zone + "]";
    }
}
