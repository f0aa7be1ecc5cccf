package io.kommosync.sandbox.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rolling-window rate limit per key, with blocking for abuse, as vendor edges enforce it.
 *
 * <p>Per key, at most {@code limit} requests are admitted in any rolling {@code window} (only admitted requests
 * count). A request beyond that is <em>throttled</em>: answered 429 with an nginx HTML page and, when configured, a
 * {@code Retry-After} header. When a key collects {@code abuseThreshold} consecutive throttled requests (no admitted
 * request in between) within {@code abusePeriod}, the key is <em>blocked</em>: every request gets 403 with an nginx
 * HTML page until {@link #unblock(String)}.
 *
 * <p>Time is the caller's monotonic nanoseconds ({@link System#nanoTime()} in the server): rate limiting simulates
 * the network, so it never follows a test's fake clock.
 *
 * <p>Thread-safe. Instances are stateful: give each server its own.
 */
public final class RateLimitRule {

    /** What the rule decides for one request. */
    public enum Decision {
        /** Within the limit: the request proceeds. */
        ADMIT,
        /** Over the limit: answer 429. */
        THROTTLE,
        /** The key is blocked: answer 403. */
        BLOCK
    }

    private final int limit;
    private final Duration window;
    private final int abuseThreshold;
    private final Duration abusePeriod;
    private final Duration retryAfter;
    private final SimulatedResponse throttledBody;
    private final Map<String, KeyState> states = new HashMap<>();
    private final Set<String> blocked = new TreeSet<>();

    private RateLimitRule(Builder b) {
        this.limit = b.limit;
        this.window = b.window;
        this.abuseThreshold = b.abuseThreshold;
        this.abusePeriod = b.abusePeriod;
        this.retryAfter = b.retryAfter;
        this.throttledBody = b.throttledBody;
    }

    /**
     * Starts a rule admitting {@code limit} requests per rolling {@code window}, with no abuse blocking and no
     * {@code Retry-After} until configured.
     *
     * @param limit requests admitted per window, at least 1
     * @param window the rolling window, positive
     * @return a builder
     * @throws IllegalArgumentException if limit or window is not positive
     */
    public static Builder perWindow(int limit, Duration window) {
        return new Builder(limit, window);
    }

    /**
     * Decides one request. Each call with {@link Decision#ADMIT} consumes one slot of the key's window.
     *
     * @param key whose budget the request spends (an integration, a token, an account)
     * @param nowNanos monotonic time of arrival; must not go backwards for a key
     * @return the decision
     */
    public synchronized Decision evaluate(String key, long nowNanos) {
        Objects.requireNonNull(key, "key");
        if (blocked.contains(key)) {
            return Decision.BLOCK;
        }
        KeyState state = states.computeIfAbsent(key, k -> new KeyState());
        long windowNanos = window.toNanos();
        while (!state.admitted.isEmpty() && nowNanos - state.admitted.peekFirst() >= windowNanos) {
            state.admitted.removeFirst();
        }
        if (state.admitted.size() < limit) {
            state.admitted.addLast(nowNanos);
            state.throttledStreak.clear();
            return Decision.ADMIT;
        }
        if (abuseThreshold > 0) {
            long periodNanos = abusePeriod.toNanos();
            while (!state.throttledStreak.isEmpty() && nowNanos - state.throttledStreak.peekFirst() >= periodNanos) {
                state.throttledStreak.removeFirst();
            }
            state.throttledStreak.addLast(nowNanos);
            if (state.throttledStreak.size() >= abuseThreshold) {
                blocked.add(key);
                states.remove(key);
                return Decision.BLOCK;
            }
        }
        return Decision.THROTTLE;
    }

    /**
     * The answer to a throttled request: 429 with the configured body (nginx HTML unless
     * {@link Builder#withThrottledResponse(SimulatedResponse)} set another), {@code Retry-After} when configured.
     *
     * @return the response
     */
    public SimulatedResponse throttledResponse() {
        SimulatedResponse response = throttledBody != null ? throttledBody
                : SimulatedResponse.nginxError(429, "Too Many Requests");
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        return response;
    }

    /**
     * The answer to a request from a blocked key: 403, nginx HTML.
     *
     * @return the response
     */
    public SimulatedResponse blockedResponse() {
        return SimulatedResponse.nginxError(403, "Forbidden");
    }

    /**
     * Lifts the block on a key and forgets its window.
     *
     * @param key the key
     * @return true if the key was blocked
     */
    public synchronized boolean unblock(String key) {
        states.remove(key);
        return blocked.remove(key);
    }

    /** Lifts every block. */
    public synchronized void unblockAll() {
        blocked.clear();
    }

    /**
     * Whether a key is blocked.
     *
     * @param key the key
     * @return true if every request with this key gets 403
     */
    public synchronized boolean isBlocked(String key) {
        return blocked.contains(key);
    }

    /** @return the keys currently blocked, sorted */
    public synchronized Set<String> blockedKeys() {
        return Set.copyOf(blocked);
    }

    /** Forgets every window and lifts every block. */
    public synchronized void reset() {
        states.clear();
        blocked.clear();
    }

    /** @return requests admitted per window */
    public int limit() {
        return limit;
    }

    /** @return the rolling window */
    public Duration window() {
        return window;
    }

    /** @return consecutive throttled requests that block a key, 0 when abuse blocking is off */
    public int abuseThreshold() {
        return abuseThreshold;
    }

    /** @return the period the abusive streak must fall in */
    public Duration abusePeriod() {
        return abusePeriod;
    }

    /** @return the {@code Retry-After} sent with 429, or empty when none is sent */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "RateLimitRule[" + limit + " per " + window
                + (abuseThreshold > 0 ? ", block after " + abuseThreshold + " throttled within " + abusePeriod : "")
                + "]";
    }

    private static final class KeyState {
        final ArrayDeque<Long> admitted = new ArrayDeque<>();
        final ArrayDeque<Long> throttledStreak = new ArrayDeque<>();
    }

    /** Configures a {@link RateLimitRule}. Not thread-safe. */
    public static final class Builder {
        private final int limit;
        private final Duration window;
        private int abuseThreshold;
        private Duration abusePeriod = Duration.ofMinutes(1);
        private Duration retryAfter;
        private SimulatedResponse throttledBody;

        private Builder(int limit, Duration window) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1 request per window, was " + limit);
            }
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, was " + window);
            }
            this.limit = limit;
            this.window = window;
        }

        /**
         * Blocks a key after {@code threshold} consecutive throttled requests within {@code period}.
         *
         * @param threshold consecutive throttled requests, at least 1
         * @param period the period the streak must fall in, positive
         * @return this builder
         * @throws IllegalArgumentException if threshold or period is not positive
         */
        public Builder withAbuseBlocking(int threshold, Duration period) {
            if (threshold < 1) {
                throw new IllegalArgumentException("abuse threshold must be at least 1, was " + threshold);
            }
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("abuse period must be positive, was " + period);
            }
            this.abuseThreshold = threshold;
            this.abusePeriod = period;
            return this;
        }

        /**
         * Sends {@code Retry-After} (whole seconds, at least 1) with every 429.
         *
         * @param retryAfter the advertised wait, positive
         * @return this builder
         * @throws IllegalArgumentException if the wait is not positive
         */
        public Builder withRetryAfter(Duration retryAfter) {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative() || retryAfter.isZero()) {
                throw new IllegalArgumentException("retryAfter must be positive, was " + retryAfter);
            }
            this.retryAfter = retryAfter;
            return this;
        }

        /**
         * Answers throttled requests with this response (its status must be 429) instead of nginx's HTML page, for
         * vendors whose edge answers 429 with their own error body. A configured {@code Retry-After} is still added.
         *
         * @param response the 429 response
         * @return this builder
         * @throws IllegalArgumentException if the status is not 429
         */
        public Builder withThrottledResponse(SimulatedResponse response) {
            Objects.requireNonNull(response, "response");
            if (response.status() != 429) {
                throw new IllegalArgumentException("a throttled response has status 429, was " + response.status());
            }
            this.throttledBody = response;
            return this;
        }

        /** @return the rule */
        public RateLimitRule build() {
            return new RateLimitRule(this);
        }
    }
}
