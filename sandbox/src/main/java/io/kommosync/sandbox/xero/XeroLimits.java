package io.kommosync.sandbox.xero;

import io.kommosync.sandbox.SandboxException;
import java.time.Duration;
import java.util.Objects;

/**
 * The rate limits a {@link XeroSimulator} enforces, as Xero documents them: per tenant (organisation) at most
 * {@code concurrent} calls in progress, {@code perMinute} calls in any rolling minute and {@code perDay} calls in any
 * rolling 24 hours; per app at most {@code appPerMinute} calls in any rolling minute across tenants. A call over a
 * limit gets 429 with {@code Retry-After} (seconds) and {@code X-Rate-Limit-Problem} ({@code minute}, {@code day},
 * {@code appminute} or {@code concurrent}); every answer carries {@code X-MinLimit-Remaining},
 * {@code X-DayLimit-Remaining} and {@code X-AppMinLimit-Remaining}.
 *
 * <p>The minute windows run on real monotonic time; the day window runs on the simulator's clock, so a test can
 * move the clock a day on to reset it. {@code processingTime} is how long the simulator holds each call "in
 * progress" after handling it, so that concurrency is observable.
 *
 * @param perMinute      calls per tenant per rolling minute; at least 1
 * @param perDay         calls per tenant per rolling 24 hours; at least 1
 * @param concurrent     calls per tenant in progress at once; at least 1
 * @param appPerMinute   calls per app per rolling minute; at least 1
 * @param processingTime time each call stays in progress; not negative
 */
public record XeroLimits(int perMinute, int perDay, int concurrent, int appPerMinute, Duration processingTime) {

    /**
     * Validates the limits.
     *
     * @throws SandboxException if a limit is below 1 or the processing time is negative
     */
    public XeroLimits {
        Objects.requireNonNull(processingTime, "processingTime");
        if (perMinute < 1 || perDay < 1 || concurrent < 1 || appPerMinute < 1) {
            throw new SandboxException("every Xero limit must be at least 1, got perMinute=" + perMinute
                    + ", perDay=" + perDay + ", concurrent=" + concurrent + ", appPerMinute=" + appPerMinute);
        }
        if (processingTime.isNegative()) {
            throw new SandboxException("processingTime must not be negative, was " + processingTime);
        }
    }

    /**
     * Xero's documented limits: 60 per minute, 5,000 per day, 5 concurrent per tenant, 10,000 per minute per app.
     *
     * @return the limits
     */
    public static XeroLimits xero() {
        return new XeroLimits(60, 5000, 5, 10_000, Duration.ZERO);
    }

    /**
     * The limits of Xero's smallest (Starter) tier from March 2026: 1,000 calls per day per tenant.
     *
     * @return the limits
     */
    public static XeroLimits starterTier() {
        return xero().withPerDay(1000);
    }

    /**
     * No practical limit, for benchmarks of the engine itself.
     *
     * @return the limits
     */
    public static XeroLimits unlimited() {
        int max = Integer.MAX_VALUE;
        return new XeroLimits(max, max, max, max, Duration.ZERO);
    }

    /**
     * A copy with another per-minute limit.
     *
     * @param limit calls per tenant per rolling minute
     * @return the new limits
     */
    public XeroLimits withPerMinute(int limit) {
        return new XeroLimits(limit, perDay, concurrent, appPerMinute, processingTime);
    }

    /**
     * A copy with another daily limit.
     *
     * @param limit calls per tenant per rolling 24 hours
     * @return the new limits
     */
    public XeroLimits withPerDay(int limit) {
        return new XeroLimits(perMinute, limit, concurrent, appPerMinute, processingTime);
    }

    /**
     * A copy with another concurrency limit.
     *
     * @param limit calls per tenant in progress at once
     * @return the new limits
     */
    public XeroLimits withConcurrent(int limit) {
        return new XeroLimits(perMinute, perDay, limit, appPerMinute, processingTime);
    }

    /**
     * A copy with another app-wide per-minute limit.
     *
     * @param limit calls per app per rolling minute
     * @return the new limits
     */
    public XeroLimits withAppPerMinute(int limit) {
        return new XeroLimits(perMinute, perDay, concurrent, limit, processingTime);
    }

    /**
     * A copy with another processing time.
     *
     * @param time how long each call stays in progress
     * @return the new limits
     */
    public XeroLimits withProcessingTime(Duration time) {
        return new XeroLimits(perMinute, perDay, concurrent, appPerMinute, time);
    }
}
