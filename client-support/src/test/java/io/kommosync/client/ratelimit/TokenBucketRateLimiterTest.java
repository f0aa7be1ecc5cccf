package io.kommosync.client.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.client.testing.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
@DisplayName("Token-bucket rate limiter")
class TokenBucketRateLimiterTest {

    private static final Duration PERIOD = Duration.ofMillis(100);

    private final FakeTime time = new FakeTime(-5_000_000_000L);

    @Test
    @DisplayName("starts full, then refills one permit per period")
    void startsFullThenRefills() {
        RateLimiter limiter = RateLimiter.tokenBucket(5, PERIOD, time, time);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("sage:1")).as("permit %d", i).isTrue();
        }
        assertThat(limiter.tryAcquire("sage:1")).isFalse();
        assertThat(limiter.timeUntilNextPermit("sage:1")).isEqualTo(PERIOD);

        time.advance(Duration.ofMillis(250));
        assertThat(limiter.tryAcquire("sage:1")).isTrue();
        assertThat(limiter.tryAcquire("sage:1")).isTrue();
        assertThat(limiter.tryAcquire("sage:1")).isFalse();
        // 50 ms of the third period had already passed.
        assertThat(limiter.timeUntilNextPermit("sage:1")).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    @DisplayName("never holds more than its capacity however long it idles")
    void capsAtCapacity() {
        RateLimiter limiter = RateLimiter.tokenBucket(3, PERIOD, time, time);
        limiter.tryAcquire("k");

        time.advance(Duration.ofHours(1));

        int granted = 0;
        while (limiter.tryAcquire("k")) {
            granted++;
        }
        assertThat(granted).isEqualTo(3);
    }

    @Test
    @DisplayName("a permit taken from a full bucket comes back one full period later")
    void fullBucketDoesNotBankTime() {
        RateLimiter limiter = RateLimiter.tokenBucket(2, PERIOD, time, time);
        limiter.timeUntilNextPermit("k");
        time.advance(Duration.ofMillis(90));

        assertThat(limiter.tryAcquire("k")).isTrue();
        assertThat(limiter.tryAcquire("k")).isTrue();
        assertThat(limiter.timeUntilNextPermit("k")).isEqualTo(PERIOD);
    }

    @Test
    @DisplayName("acquire sleeps until the next permit")
    void acquireSleeps() {
        RateLimiter limiter = RateLimiter.tokenBucket(1, PERIOD, time, time);
        long start = time.now();

        limiter.acquire("k");
        limiter.acquire("k");
        limiter.acquire("k");

        assertThat(time.lastReadByThisThread() - start).isEqualTo(2 * PERIOD.toNanos());
    }

    @Test
    @DisplayName("8 threads together never get more than capacity plus one permit per elapsed period")
    void respectsTheBucketUnderConcurrency() throws Exception {
        int capacity = 4;
        int threads = 8;
        int perThread = 40;
        RateLimiter limiter = RateLimiter.tokenBucket(capacity, PERIOD, time, time);
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    for (int i = 0; i < perThread; i++) {
                        limiter.acquire("xero:tenant");
                        grants.add(time.lastReadByThisThread());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(15, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> sorted = new ArrayList<>(grants);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(threads * perThread);
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i; j < sorted.size(); j++) {
                long allowed = capacity + (sorted.get(j) - sorted.get(i)) / PERIOD.toNanos();
                if (j - i + 1 > allowed) {
                    throw new AssertionError("grants " + i + ".." + j + " exceed the bucket: " + (j - i + 1)
                        + " > " + allowed);
                }
            }
        }
    }

    @Test
    @DisplayName("rejects a bad configuration with the parameter name")
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> RateLimiter.tokenBucket(0, PERIOD))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> RateLimiter.tokenBucket(1, Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refillPeriodPerPermit");
        assertThatThrownBy(() -> RateLimiter.tokenBucket(1, PERIOD, null, time))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("ticker");
    }
}
