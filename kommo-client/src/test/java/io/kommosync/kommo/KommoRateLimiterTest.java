package io.kommosync.kommo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.client.ratelimit.RateLimitInterruptedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Fake time: the sleeper advances the ticker instead of sleeping. */
@DisplayName("KommoRateLimiter")
class KommoRateLimiterTest {

    private static final Duration WINDOW = Duration.ofMillis(1050);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final KommoRateLimiter limiter = KommoRateLimiter.create(7, WINDOW, now::get, duration -> {
        sleeps.add(duration);
        now.addAndGet(duration.toNanos());
    });
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    @DisplayName("seven requests go at once; the eighth waits until one window after the first answer arrived")
    void slotReusableOneWindowAfterCompletion() {
        List<KommoRateLimiter.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            permits.add(limiter.acquire("acme"));
        }
        assertThat(sleeps).isEmpty();
        assertThat(limiter.inFlight("acme")).isEqualTo(7);

        advance(Duration.ofMillis(400));           // a slow first answer: the request arrived late
        permits.get(0).close();
        long releasedAt = now.get();
        KommoRateLimiter.Permit eighth = limiter.acquire("acme");

        assertThat(now.get() - releasedAt).isEqualTo(WINDOW.toNanos());
        assertThat(sleeps).containsExactly(WINDOW);
        assertThat(limiter.inFlight("acme")).isEqualTo(7);
        eighth.close();
        eighth.close();
        assertThat(limiter.inFlight("acme")).isEqualTo(6);
    }

    @Test
    @DisplayName("a slot given back long ago is taken without waiting; keys have separate budgets")
    void oldSlotsAndSeparateKeys() {
        for (int i = 0; i < 7; i++) {
            limiter.acquire("acme").close();
        }
        advance(Duration.ofSeconds(5));
        limiter.acquire("acme");
        limiter.acquire("globex");

        assertThat(sleeps).isEmpty();
        assertThat(limiter.inFlight("globex")).isEqualTo(1);
        assertThat(limiter.inFlight("unknown")).isZero();
    }

    @Test
    @DisplayName("when every slot is in flight, an acquirer blocks until one is given back, then waits its window")
    void blocksWhileAllInFlight() throws Exception {
        List<KommoRateLimiter.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            permits.add(limiter.acquire("acme"));
        }
        CountDownLatch started = new CountDownLatch(1);
        Future<KommoRateLimiter.Permit> waiting = pool.submit(() -> {
            started.countDown();
            return limiter.acquire("acme");
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(waiting.isDone()).isFalse();

        permits.get(3).close();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(sleeps).containsExactly(WINDOW);
    }

    @Test
    @DisplayName("an interrupted waiter gets RateLimitInterruptedException with its interrupt flag set")
    void interrupted() throws Exception {
        for (int i = 0; i < 7; i++) {
            limiter.acquire("acme");
        }
        AtomicReference<Thread> worker = new AtomicReference<>();
        CompletableFuture<Boolean> flag = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        pool.submit(() -> {
            worker.set(Thread.currentThread());
            started.countDown();
            try {
                limiter.acquire("acme");
                flag.complete(false);
            } catch (RateLimitInterruptedException e) {
                flag.complete(Thread.currentThread().isInterrupted());
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        worker.get().interrupt();

        assertThat(flag.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("limits and window are validated")
    void validation() {
        assertThatThrownBy(() -> KommoRateLimiter.create(0, WINDOW)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxRequests");
        assertThatThrownBy(() -> KommoRateLimiter.create(7, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        assertThat(KommoRateLimiter.kommoDefault().toString()).isEqualTo("KommoRateLimiter[7 per PT1.05S by arrival]");
    }
}
