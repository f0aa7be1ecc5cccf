package io.kommosync.client.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.client.testing.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
@DisplayName("Sliding-window rate limiter")
class SlidingWindowRateLimiterTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final FakeTime time = new FakeTime(123_456_789L);

    @Test
    @DisplayName("grants N permits at once, then refuses until the oldest grant is a full window old")
    void grantsUpToTheBoundThenWaitsForTheOldestGrantToAgeOut() {
        RateLimiter limiter = RateLimiter.slidingWindow(3, SECOND, time, time);

        assertThat(limiter.tryAcquire("kommo:1")).isTrue();
        time.advance(Duration.ofMillis(200));
        assertThat(limiter.tryAcquire("kommo:1")).isTrue();
        time.advance(Duration.ofMillis(200));
        assertThat(limiter.tryAcquire("kommo:1")).isTrue();

        assertThat(limiter.tryAcquire("kommo:1")).isFalse();
        assertThat(limiter.timeUntilNextPermit("kommo:1")).isEqualTo(Duration.ofMillis(600));

        time.advance(Duration.ofMillis(599));
        assertThat(limiter.tryAcquire("kommo:1")).isFalse();
        assertThat(limiter.timeUntilNextPermit("kommo:1")).isEqualTo(Duration.ofMillis(1));

        time.advance(Duration.ofMillis(1));
        assertThat(limiter.timeUntilNextPermit("kommo:1")).isZero();
        assertThat(limiter.tryAcquire("kommo:1")).isTrue();
        // The second grant (at 200 ms) is now the oldest: it leaves the window at 1200 ms.
        assertThat(limiter.timeUntilNextPermit("kommo:1")).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    @DisplayName("keys have independent allowances")
    void keysAreIndependent() {
        RateLimiter limiter = RateLimiter.slidingWindow(1, SECOND, time, time);

        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();
        assertThat(limiter.timeUntilNextPermit("c")).isZero();
    }

    @Test
    @DisplayName("acquire waits through the sleeper exactly as long as needed")
    void acquireSleepsUntilThePermitIsDue() {
        RateLimiter limiter = RateLimiter.slidingWindow(2, SECOND, time, time);
        long start = time.now();

        limiter.acquire("k");
        limiter.acquire("k");
        limiter.acquire("k");

        assertThat(time.lastReadByThisThread() - start).isEqualTo(SECOND.toNanos());
    }

    @Test
    @DisplayName("never grants more than 7 permits in any rolling second to 8 competing threads")
    void neverExceedsTheBoundInAnyWindowUnderConcurrency() throws Exception {
        int maxPermits = 7;
        int threads = 8;
        int perThread = 60;
        RateLimiter limiter = RateLimiter.slidingWindow(maxPermits, SECOND, time, time);
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean blocking = t % 2 == 0;
                futures.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    for (int i = 0; i < perThread; i++) {
                        if (blocking) {
                            limiter.acquire("kommo:42");
                        } else {
                            while (!limiter.tryAcquire("kommo:42")) {
                                Duration wait = limiter.timeUntilNextPermit("kommo:42");
                                time.sleep(wait.isZero() ? Duration.ofMillis(1) : wait);
                            }
                        }
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
        for (int i = 0; i + maxPermits < sorted.size(); i++) {
            long span = sorted.get(i + maxPermits) - sorted.get(i);
            assertThat(span)
                .as("grants %d..%d (%d permits) must span at least one window", i, i + maxPermits, maxPermits + 1)
                .isGreaterThanOrEqualTo(SECOND.toNanos());
        }
    }

    @Test
    @DisplayName("tryAcquire does not overtake a thread already waiting in acquire")
    void tryAcquireRespectsWaiters() throws Exception {
        CountDownLatch sleeping = new CountDownLatch(1);
        CountDownLatch wakeUp = new CountDownLatch(1);
        Sleeper heldSleeper = duration -> {
            sleeping.countDown();
            if (!wakeUp.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("never woken");
            }
            time.advance(duration);
        };
        RateLimiter limiter = RateLimiter.slidingWindow(1, SECOND, time, heldSleeper);
        assertThat(limiter.tryAcquire("k")).isTrue();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiter = pool.submit(() -> limiter.acquire("k"));
            assertThat(sleeping.await(5, TimeUnit.SECONDS)).isTrue();

            time.advance(SECOND);
            assertThat(limiter.timeUntilNextPermit("k")).isZero();
            assertThat(limiter.tryAcquire("k")).as("the waiting thread is first in line").isFalse();
            assertThat(limiter.tryAcquire("other")).isTrue();

            wakeUp.countDown();
            waiter.get(5, TimeUnit.SECONDS);
            assertThat(limiter.tryAcquire("k")).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("an interrupted acquire throws a typed exception and keeps the interrupt flag")
    void interruptedAcquireRestoresTheFlag() {
        RateLimiter limiter = RateLimiter.slidingWindow(1, SECOND, time, time);
        limiter.acquire("k");
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> limiter.acquire("k"))
                .isInstanceOf(RateLimitInterruptedException.class)
                .hasMessageContaining("'k'");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    @DisplayName("rejects a bad configuration with the parameter name and a fix")
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> RateLimiter.slidingWindow(0, SECOND, time, time))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPermits");
        assertThatThrownBy(() -> RateLimiter.slidingWindow(7, Duration.ZERO, time, time))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> RateLimiter.slidingWindow(7, SECOND).tryAcquire(null))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("key");
    }
}
