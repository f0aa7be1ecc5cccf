package io.kommosync.client.ratelimit;

/**
 * A monotonic time source in nanoseconds, like {@link System#nanoTime()}: only differences between readings are
 * meaningful. Tests inject a fake one to drive time.
 *
 * <p>Implementations must be thread-safe and never go backwards.
 */
@FunctionalInterface
public interface Ticker {

    /**
     * Reads the time.
     *
     * @return the current reading in nanoseconds
     */
    long nanos();

    /**
     * Returns the system ticker ({@link System#nanoTime()}).
     *
     * @return the system ticker
     */
    static Ticker system() {
        return System::nanoTime;
    }
}
