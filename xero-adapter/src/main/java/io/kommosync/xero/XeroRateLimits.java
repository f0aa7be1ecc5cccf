package io.kommosync.xero;

import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.client.ratelimit.RateLimiter;
import io.kommosync.client.ratelimit.Sleeper;
import io.kommosync.client.ratelimit.Ticker;
import io.kommosync.xero.internal.ClientThrottledException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Xero's rate limits, enforced on our side so that calls do not earn 429s: per tenant at most
 * {@link #concurrentLimit()} calls in progress (a fair {@link Semaphore}), {@link #minuteLimit()} calls in any rolling
 * minute and {@link #dailyLimit()} in any rolling 24 hours; per app (client id) {@link #appMinuteLimit()} calls in
 * any rolling minute. A call that would have to wait longer than {@link #maxWait()} for a permit fails at once with a
 * {@link RateLimitedException} ({@code SHORT} or {@code CONCURRENCY}); an exhausted daily allowance fails with
 * {@code DAILY} and the time until a permit frees, so the engine parks the work instead of spinning.
 *
 * <p>Xero's answers are read too: {@code X-MinLimit-Remaining}, {@code X-DayLimit-Remaining} and
 * {@code X-AppMinLimit-Remaining} are kept per tenant ({@link #quota(String)}), and a 429 for the daily limit parks
 * the tenant until its {@code Retry-After}: calls fail with {@code DAILY} without reaching Xero until then
 * ({@link #parkedUntil(String, Clock)}).
 *
 * <p>One instance per port by default. Attach one instance to the configuration of several ports (for several
 * tenants of one app, or several ports of one tenant) to make them share the budgets. Thread-safe.
 */
public final class XeroRateLimits {

    /** Xero's per-tenant limit per rolling minute. */
    public static final int XERO_MINUTE_LIMIT = 60;
    /** Xero's per-tenant limit per rolling day. */
    public static final int XERO_DAILY_LIMIT = 5000;
    /** The per-tenant daily limit of Xero's smallest (Starter) tier since March 2026. */
    public static final int STARTER_TIER_DAILY_LIMIT = 1000;
    /** Xero's per-tenant limit of calls in progress. */
    public static final int XERO_CONCURRENT_LIMIT = 5;
    /** Xero's per-app limit per rolling minute, across tenants. */
    public static final int XERO_APP_MINUTE_LIMIT = 10_000;

    private final int minuteLimit;
    private final int dailyLimit;
    private final int concurrentLimit;
    private final int appMinuteLimit;
    private final Duration maxWait;
    private final RateLimiter minute;
    private final RateLimiter daily;
    private final RateLimiter app;
    private final ConcurrentMap<String, Semaphore> inProgress = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> parked = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, XeroQuota> quotas = new ConcurrentHashMap<>();

    private XeroRateLimits(Builder b) {
        this.minuteLimit = b.minuteLimit;
        this.dailyLimit = b.dailyLimit;
        this.concurrentLimit = b.concurrentLimit;
        this.appMinuteLimit = b.appMinuteLimit;
        this.maxWait = b.maxWait;
        this.minute = RateLimiter.slidingWindow(minuteLimit, Duration.ofMinutes(1), b.ticker, b.sleeper);
        this.daily = RateLimiter.slidingWindow(dailyLimit, Duration.ofDays(1), b.ticker, b.sleeper);
        this.app = RateLimiter.slidingWindow(appMinuteLimit, Duration.ofMinutes(1), b.ticker, b.sleeper);
    }

    /**
     * Xero's documented limits (60 per minute, 5,000 per day, 5 in progress per tenant; 10,000 per minute per app),
     * waiting at most 30 seconds for a permit.
     *
     * @return new limits
     */
    public static XeroRateLimits xeroDefaults() {
        return builder().build();
    }

    /**
     * A builder starting from {@link #xeroDefaults()}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return calls per tenant per rolling minute */
    public int minuteLimit() {
        return minuteLimit;
    }

    /** @return calls per tenant per rolling day */
    public int dailyLimit() {
        return dailyLimit;
    }

    /** @return calls per tenant in progress at once */
    public int concurrentLimit() {
        return concurrentLimit;
    }

    /** @return calls per app per rolling minute */
    public int appMinuteLimit() {
        return appMinuteLimit;
    }

    /** @return the longest a call waits for a permit before failing */
    public Duration maxWait() {
        return maxWait;
    }

    /**
     * Until when a tenant is parked after Xero answered 429 for its daily limit.
     *
     * @param tenantId the tenant
     * @param clock    the clock to judge "now" by
     * @return the instant, or empty when the tenant is not parked
     */
    public Optional<Instant> parkedUntil(String tenantId, Clock clock) {
        Instant until = parked.get(Objects.requireNonNull(tenantId, "tenantId"));
        return until != null && until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }

    /**
     * Lifts a park early, for an operator who knows the allowance is back.
     *
     * @param tenantId the tenant
     */
    public void unpark(String tenantId) {
        parked.remove(Objects.requireNonNull(tenantId, "tenantId"));
    }

    /**
     * What Xero last said about a tenant's allowance.
     *
     * @param tenantId the tenant
     * @return the quota, or empty before the first answer
     */
    public Optional<XeroQuota> quota(String tenantId) {
        return Optional.ofNullable(quotas.get(Objects.requireNonNull(tenantId, "tenantId")));
    }

    @Override
    public String toString() {
        return "XeroRateLimits[" + minuteLimit + "/min, " + dailyLimit + "/day, " + concurrentLimit
                + " in progress per tenant; " + appMinuteLimit + "/min per app; wait at most " + maxWait + "]";
    }

    // ------------------------------------------------------------------------------------------ for the port

    /** A granted call; release it when the answer arrived. */
    interface Permit {
        void release();
    }

    Permit acquire(String tenantId, String appKey, Clock clock) {
        Instant until = parked.get(tenantId);
        if (until != null) {
            Duration left = Duration.between(clock.instant(), until);
            if (!left.isNegative() && !left.isZero()) {
                throw new ClientThrottledException(RateLimitedException.Window.DAILY, left, "Xero's daily limit for "
                        + "this tenant is exhausted; calls are parked until " + until);
            }
            parked.remove(tenantId, until);
        }
        Semaphore semaphore = inProgress.computeIfAbsent(tenantId, t -> new Semaphore(concurrentLimit, true));
        try {
            if (!semaphore.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ClientThrottledException(RateLimitedException.Window.CONCURRENCY, Duration.ofSeconds(1),
                        concurrentLimit + " calls to this Xero tenant are already in progress");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientThrottledException(RateLimitedException.Window.CONCURRENCY, Duration.ofSeconds(1),
                    "interrupted while waiting for a call to this Xero tenant to finish");
        }
        try {
            waitFor(minute, tenantId, "minute");
            waitFor(app, "app:" + appKey, "app minute");
            if (!daily.tryAcquire(tenantId)) {
                throw new ClientThrottledException(RateLimitedException.Window.DAILY,
                        daily.timeUntilNextPermit(tenantId), "the daily allowance of " + dailyLimit
                        + " calls to this Xero tenant is used up");
            }
        } catch (RuntimeException e) {
            semaphore.release();
            throw e;
        }
        return semaphore::release;
    }

    private void waitFor(RateLimiter limiter, String key, String which) {
        Duration wait = limiter.timeUntilNextPermit(key);
        if (wait.compareTo(maxWait) > 0) {
            throw new ClientThrottledException(RateLimitedException.Window.SHORT, wait, "Xero's " + which
                    + " limit is reached; the next call is possible in " + wait);
        }
        limiter.acquire(key);
    }

    void observe(String tenantId, int status, HeaderReader headers, Clock clock) {
        Instant now = clock.instant();
        OptionalInt min = number(headers.first("X-MinLimit-Remaining"));
        OptionalInt day = number(headers.first("X-DayLimit-Remaining"));
        OptionalInt appMin = number(headers.first("X-AppMinLimit-Remaining"));
        if (min.isPresent() || day.isPresent() || appMin.isPresent()) {
            quotas.put(tenantId, new XeroQuota(min, day, appMin, now));
        }
        String problem = headers.first("X-Rate-Limit-Problem");
        if (status == 429 && problem != null && problem.toLowerCase(Locale.ROOT).contains("day")) {
            OptionalInt seconds = number(headers.first("Retry-After"));
            parked.put(tenantId, now.plusSeconds(seconds.orElse(3600)));
        }
    }

    /** Reads one header of an answer. */
    @FunctionalInterface
    interface HeaderReader {
        String first(String name);
    }

    private static OptionalInt number(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Configures {@link XeroRateLimits}. Mutable and not thread-safe. */
    public static final class Builder {
        private int minuteLimit = XERO_MINUTE_LIMIT;
        private int dailyLimit = XERO_DAILY_LIMIT;
        private int concurrentLimit = XERO_CONCURRENT_LIMIT;
        private int appMinuteLimit = XERO_APP_MINUTE_LIMIT;
        private Duration maxWait = Duration.ofSeconds(30);
        private Ticker ticker = Ticker.system();
        private Sleeper sleeper = Sleeper.system();

        private Builder() {
        }

        /**
         * Calls per tenant per rolling minute.
         *
         * @param limit 1 to 60
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder minuteLimit(int limit) {
            this.minuteLimit = range("minuteLimit", limit, XERO_MINUTE_LIMIT);
            return this;
        }

        /**
         * Calls per tenant per rolling day ({@link #STARTER_TIER_DAILY_LIMIT} on Xero's Starter tier).
         *
         * @param limit 1 to 5,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder dailyLimit(int limit) {
            this.dailyLimit = range("dailyLimit", limit, XERO_DAILY_LIMIT);
            return this;
        }

        /**
         * Calls per tenant in progress at once.
         *
         * @param limit 1 to 5
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder concurrentLimit(int limit) {
            this.concurrentLimit = range("concurrentLimit", limit, XERO_CONCURRENT_LIMIT);
            return this;
        }

        /**
         * Calls per app per rolling minute.
         *
         * @param limit 1 to 10,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder appMinuteLimit(int limit) {
            this.appMinuteLimit = range("appMinuteLimit", limit, XERO_APP_MINUTE_LIMIT);
            return this;
        }

        /**
         * The longest a call waits for a permit before failing with {@link RateLimitedException}.
         *
         * @param wait not negative
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxWait(Duration wait) {
            if (Objects.requireNonNull(wait, "wait").isNegative()) {
                throw new IllegalArgumentException("maxWait must not be negative, was " + wait);
            }
            this.maxWait = wait;
            return this;
        }

        /**
         * The time source of the rolling windows (tests use a fake one).
         *
         * @param value the ticker
         * @return this builder
         */
        public Builder ticker(Ticker value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        /**
         * How waiting for a permit waits (tests use one that moves a fake ticker).
         *
         * @param value the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Builds the limits.
         *
         * @return the limits
         */
        public XeroRateLimits build() {
            return new XeroRateLimits(this);
        }

        private static int range(String name, int value, int max) {
            if (value < 1 || value > max) {
                throw new IllegalArgumentException(name + " must be from 1 to " + max + " (Xero's limit), was "
                        + value);
            }
            return value;
        }
    }
}
