package io.kommosync.client.internal;

import io.kommosync.client.ratelimit.Sleeper;
import io.kommosync.client.ratelimit.Ticker;

/**
 * Token bucket per key in integer nanoseconds: starts full, gains one token per refill period up to capacity.
 */
public final class TokenBucketRateLimiter extends KeyedRateLimiter<TokenBucketRateLimiter.Bucket> {

    private final int capacity;
    private final long periodNanos;

    /**
     * Creates the limiter; arguments are validated by {@code RateLimiter.tokenBucket}.
     *
     * @param capacity    burst size
     * @param periodNanos time to regain one token
     * @param ticker      time source
     * @param sleeper     how acquire waits
     */
    public TokenBucketRateLimiter(int capacity, long periodNanos, Ticker ticker, Sleeper sleeper) {
        super(Bucket::new, ticker, sleeper);
        this.capacity = capacity;
        this.periodNanos = periodNanos;
    }

    @Override
    long grantOrWait(Bucket bucket, long now) {
        refill(bucket, now);
        if (bucket.tokens > 0) {
            bucket.tokens--;
            return 0;
        }
        return bucket.lastRefill + periodNanos - now;
    }

    @Override
    long waitNanos(Bucket bucket, long now) {
        refill(bucket, now);
        return bucket.tokens > 0 ? 0 : bucket.lastRefill + periodNanos - now;
    }

    private void refill(Bucket bucket, long now) {
        if (!bucket.started) {
            bucket.started = true;
            bucket.tokens = capacity;
            bucket.lastRefill = now;
            return;
        }
        if (bucket.tokens >= capacity) {
            // A full bucket gains nothing: the next token is due one full period after the first one is taken.
            bucket.lastRefill = now;
            return;
        }
        long elapsed = now - bucket.lastRefill;
        if (elapsed < periodNanos) {
            return;
        }
        long gained = elapsed / periodNanos;
        if (gained >= capacity - bucket.tokens) {
            bucket.tokens = capacity;
            bucket.lastRefill = now;
        } else {
            bucket.tokens += gained;
            bucket.lastRefill += gained * periodNanos;
        }
    }

    /** Tokens of one key; guarded by the monitor of the key's slot. */
    static final class Bucket {
        boolean started;
        long tokens;
        long lastRefill;
    }
}
