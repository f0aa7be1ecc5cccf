package io.kommosync.client.ratelimit;

/**
 * Thrown by {@link RateLimiter#acquire(String)} when the waiting thread is interrupted. The thread's interrupt flag
 * is set again before this is thrown, so callers further up still see the interruption.
 */
public final class RateLimitInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates the exception.
     *
     * @param key   the rate-limit key that was being waited for
     * @param cause the interruption
     */
    public RateLimitInterruptedException(String key, InterruptedException cause) {
        super("Interrupted while waiting for a rate-limit permit for key '" + key
            + "'; the thread's interrupt flag is set again", cause);
        this.key = key;
    }

    /**
     * Returns the rate-limit key that was being waited for.
     *
     * @return the key
     */
    public String key() {
        return key;
    }
}
