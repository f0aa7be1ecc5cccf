package io.kommosync.sandbox.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Time a simulated server waits before answering each request, to mimic the network and the vendor's processing.
 *
 * <p>Thread-safe.
 */
public final class Latency {

    private static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO, 0);

    private final Duration min;
    private final Duration max;
    private final Random random;

    private Latency(Duration min, Duration max, long seed) {
        this.min = min;
        this.max = max;
        this.random = new Random(seed);
    }

    /** @return no added latency */
    public static Latency none() {
        return NONE;
    }

    /**
     * The same delay before every answer.
     *
     * @param delay the delay, not negative
     * @return the latency
     * @throws IllegalArgumentException if the delay is negative
     */
    public static Latency fixed(Duration delay) {
        check(delay, "delay");
        return new Latency(delay, delay, 0);
    }

    /**
     * A delay drawn uniformly from {@code [min, max]} for each answer, from a seeded source.
     *
     * @param min shortest delay, not negative
     * @param max longest delay, not below min
     * @param seed the seed
     * @return the latency
     * @throws IllegalArgumentException if min is negative or max is below min
     */
    public static Latency uniform(Duration min, Duration max, long seed) {
        check(min, "min");
        check(max, "max");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max (" + max + ") must not be below min (" + min + ")");
        }
        return new Latency(min, max, seed);
    }

    /** @return the delay for the next answer */
    public Duration next() {
        if (min.equals(max)) {
            return min;
        }
        long span = max.toNanos() - min.toNanos();
        long offset;
        synchronized (random) {
            offset = (long) (random.nextDouble() * (span + 1));
        }
        return min.plusNanos(offset);
    }

    /** @return the shortest delay */
    public Duration min() {
        return min;
    }

    /** @return the longest delay */
    public Duration max() {
        return max;
    }

    private static void check(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }

    @Override
    public String toString() {
        return min.equals(max) ? "Latency[" + min + "]" : "Latency[" + min + ".." + max + "]";
    }
}
