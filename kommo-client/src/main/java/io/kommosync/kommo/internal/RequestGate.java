package io.kommosync.kommo.internal;

/**
 * What every HTTP attempt passes before it is sent: the client's rate limiter. {@link #enter()} blocks until the
 * request may go and returns what to run once its answer has been received (or it failed).
 *
 * <p>Implementations are thread-safe. Not part of the public API.
 */
@FunctionalInterface
public interface RequestGate {

    /**
     * Waits until a request may be sent.
     *
     * @return run it exactly once when the request has completed
     * @throws io.kommosync.client.ratelimit.RateLimitInterruptedException when interrupted while waiting
     */
    Runnable enter();
}
