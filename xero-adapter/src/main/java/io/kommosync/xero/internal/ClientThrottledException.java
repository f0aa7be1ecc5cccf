package io.kommosync.xero.internal;

import io.kommosync.accounting.spi.RateLimitedException;
import java.time.Duration;
import java.util.Objects;

/**
 * A call stopped on our side before it reached Xero, because it would break one of Xero's limits (or a daily limit
 * is exhausted and the tenant is parked until it resets). Mapped to a {@link RateLimitedException}.
 */
public final class ClientThrottledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RateLimitedException.Window window;
    private final transient Duration wait;

    /**
     * Creates the exception.
     *
     * @param window which limit
     * @param wait   how long until a call may succeed
     * @param reason what happened, without secrets
     */
    public ClientThrottledException(RateLimitedException.Window window, Duration wait, String reason) {
        super(reason);
        this.window = Objects.requireNonNull(window, "window");
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    /** @return which limit */
    public RateLimitedException.Window window() {
        return window;
    }

    /** @return how long until a call may succeed */
    public Duration waitTime() {
        return wait;
    }
}
