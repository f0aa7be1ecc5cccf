package io.kommosync.accounting.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it. A {@link LedgerFixture} attaches one to the port's
 * configuration (and to its ledger stand-in) so the compatibility kit can let days pass, for example to make an
 * invoice overdue, without waiting.
 *
 * <p>Thread-safe: reads and moves are atomic. Clocks made by {@link #withZone(ZoneId)} share the time of the clock
 * they were made from.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * A clock standing at an instant.
     *
     * @param start the instant it shows until moved
     * @param zone  the time zone, which decides {@link #today()}
     * @return the clock
     * @throws NullPointerException if either is {@code null}
     */
    public static MutableClock at(Instant start, ZoneId zone) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")),
                Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * A clock in another zone sharing this clock's time: moving either moves both.
     *
     * @param otherZone the zone
     * @return the clock
     */
    @Override
    public MutableClock withZone(ZoneId otherZone) {
        return otherZone.equals(zone) ? this : new MutableClock(now, otherZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /**
     * Today's date in the clock's zone.
     *
     * @return the date
     */
    public LocalDate today() {
        return LocalDate.ofInstant(now.get(), zone);
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far; not negative
     * @return the new instant
     * @throws IllegalArgumentException if {@code amount} is negative (use {@link #set(Instant)} to go back)
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("advance only moves forward, got " + amount + "; use set(instant)");
        }
        return now.updateAndGet(t -> t.plus(amount));
    }

    /**
     * Moves the clock to an instant, forward or back.
     *
     * @param instant the new instant
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + ", " + zone + "]";
    }
}
