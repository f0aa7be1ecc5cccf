package io.kommosync.client.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
@DisplayName("Retry policy for transient failures")
class RetryPoliciesTest {

    /** A failure a vendor client might throw: transient or not, with an optional server-requested wait. */
    static final class VendorFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean transientFailure;
        final Duration retryAfter;

        VendorFailure(boolean transientFailure, Duration retryAfter) {
            super(transientFailure ? "503 Service Unavailable" : "422 Unprocessable Entity");
            this.transientFailure = transientFailure;
            this.retryAfter = retryAfter;
        }
    }

    static final FailureClassifier CLASSIFIER = new FailureClassifier() {
        @Override
        public boolean isRetryable(Throwable failure) {
            return failure instanceof VendorFailure && ((VendorFailure) failure).transientFailure;
        }

        @Override
        public Optional<Duration> retryAfter(Throwable failure) {
            return failure instanceof VendorFailure ? Optional.ofNullable(((VendorFailure) failure).retryAfter)
                : Optional.empty();
        }
    };

    @Nested
    @DisplayName("run through Failsafe with zero waits")
    class Executions {

        @Test
        @DisplayName("retries a retryable failure until it succeeds")
        void retriesTransientFailures() {
            RetryPolicy<String> policy = RetryPolicies.transientFailures(RetrySettings.noBackoff(3), CLASSIFIER);
            AtomicInteger attempts = new AtomicInteger();

            String result = Failsafe.with(policy).get(() -> {
                if (attempts.incrementAndGet() < 3) {
                    throw new VendorFailure(true, null);
                }
                return "ok";
            });

            assertThat(result).isEqualTo("ok");
            assertThat(attempts).hasValue(3);
        }

        @Test
        @DisplayName("gives up after maxAttempts and rethrows the last failure")
        void stopsAfterMaxAttempts() {
            RetryPolicy<String> policy = RetryPolicies.transientFailures(RetrySettings.noBackoff(4), CLASSIFIER);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> Failsafe.with(policy).get(() -> {
                attempts.incrementAndGet();
                throw new VendorFailure(true, null);
            })).isInstanceOf(VendorFailure.class);
            assertThat(attempts).hasValue(4);
        }

        @Test
        @DisplayName("never retries a failure the classifier calls permanent")
        void doesNotRetryPermanentFailures() {
            RetryPolicy<String> policy = RetryPolicies.transientFailures(RetrySettings.noBackoff(5), CLASSIFIER);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> Failsafe.with(policy).get(() -> {
                attempts.incrementAndGet();
                throw new VendorFailure(false, null);
            })).isInstanceOf(VendorFailure.class).hasMessageContaining("422");
            assertThat(attempts).hasValue(1);
        }

        @Test
        @DisplayName("retries at once when the server's Retry-After is within the cap (zero-wait settings)")
        void honoursRetryAfterWithoutWaitingInTests() {
            RetryPolicy<String> policy = RetryPolicies.transientFailures(RetrySettings.noBackoff(2), CLASSIFIER);
            AtomicInteger attempts = new AtomicInteger();

            String result = Failsafe.with(policy).get(() -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new VendorFailure(true, Duration.ofSeconds(90));
                }
                return "ok";
            });

            assertThat(result).isEqualTo("ok");
        }

        @Test
        @DisplayName("aborts instead of waiting when the server asks for longer than maxRetryAfter")
        void abortsWhenRetryAfterExceedsTheCap() {
            RetryPolicy<String> policy = RetryPolicies.transientFailures(RetrySettings.noBackoff(5), CLASSIFIER);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> Failsafe.with(policy).get(() -> {
                attempts.incrementAndGet();
                throw new VendorFailure(true, Duration.ofMinutes(10));
            })).isInstanceOf(VendorFailure.class);
            assertThat(attempts).hasValue(1);
        }
    }

    @Nested
    @DisplayName("delays")
    class Delays {

        private final RetrySettings settings = new RetrySettings(5, Duration.ofMillis(200), Duration.ofSeconds(5),
            0.2, Duration.ofMinutes(2));

        @Test
        @DisplayName("double from the initial delay up to the maximum")
        void exponentialBackoff() {
            RetryDelays delays = new RetryDelays(settings, CLASSIFIER, () -> 0.5);

            assertThat(delays.delayAfter(1, new VendorFailure(true, null))).isEqualTo(Duration.ofMillis(200));
            assertThat(delays.delayAfter(2, new VendorFailure(true, null))).isEqualTo(Duration.ofMillis(400));
            assertThat(delays.delayAfter(3, new VendorFailure(true, null))).isEqualTo(Duration.ofMillis(800));
            assertThat(delays.delayAfter(6, new VendorFailure(true, null))).isEqualTo(Duration.ofSeconds(5));
            assertThat(delays.delayAfter(1000, null)).isEqualTo(Duration.ofSeconds(5));
        }

        @Test
        @DisplayName("spread by at most the jitter factor either way")
        void jitterStaysWithinItsFactor() {
            assertThat(new RetryDelays(settings, CLASSIFIER, () -> 0.0).delayAfter(2, null))
                .isEqualTo(Duration.ofMillis(320));
            assertThat(new RetryDelays(settings, CLASSIFIER, () -> 0.999_999_999).delayAfter(2, null))
                .isBetween(Duration.ofMillis(479), Duration.ofMillis(480));
        }

        @Test
        @DisplayName("use the server's Retry-After instead of the backoff, shorter or longer")
        void retryAfterWins() {
            RetryDelays delays = new RetryDelays(settings, CLASSIFIER, () -> 0.9);

            assertThat(delays.delayAfter(1, new VendorFailure(true, Duration.ofSeconds(7))))
                .isEqualTo(Duration.ofSeconds(7));
            assertThat(delays.delayAfter(4, new VendorFailure(true, Duration.ofMillis(10))))
                .isEqualTo(Duration.ofMillis(10));
            assertThat(delays.exceedsRetryAfterCap(new VendorFailure(true, Duration.ofMinutes(2)))).isFalse();
            assertThat(delays.exceedsRetryAfterCap(new VendorFailure(true, Duration.ofSeconds(121)))).isTrue();
        }

        @Test
        @DisplayName("are all zero with noBackoff, Retry-After included, but the cap still applies")
        void noBackoffNeverWaits() {
            RetryDelays delays = new RetryDelays(RetrySettings.noBackoff(3), CLASSIFIER);

            assertThat(delays.delayAfter(1, new VendorFailure(true, null))).isZero();
            assertThat(delays.delayAfter(2, new VendorFailure(true, Duration.ofSeconds(30)))).isZero();
            assertThat(delays.exceedsRetryAfterCap(new VendorFailure(true, Duration.ofHours(1)))).isTrue();
        }

        @Test
        @DisplayName("are what Failsafe schedules: backoff, then Retry-After, then backoff again")
        void failsafeSchedulesTheComputedDelays() throws Exception {
            RetrySettings noJitter = settings.withJitterFactor(0.0);
            RetryPolicy<String> policy = RetryPolicies.transientFailures(noJitter, CLASSIFIER);
            List<VendorFailure> failures = List.of(
                new VendorFailure(true, null),
                new VendorFailure(true, Duration.ofSeconds(7)),
                new VendorFailure(true, null));
            AtomicInteger attempts = new AtomicInteger();
            RecordingScheduler scheduler = new RecordingScheduler();
            try {
                String result = Failsafe.with(policy).with(scheduler).getAsync(() -> {
                    int attempt = attempts.getAndIncrement();
                    if (attempt < failures.size()) {
                        throw failures.get(attempt);
                    }
                    return "ok";
                }).get(10, TimeUnit.SECONDS);

                assertThat(result).isEqualTo("ok");
            } finally {
                scheduler.close();
            }
            // The first entry is the initial attempt.
            assertThat(scheduler.delays).containsExactly(
                Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(7), Duration.ofMillis(800));
        }
    }

    /** Records each delay Failsafe asks for and runs the task at once, so nothing waits. */
    static final class RecordingScheduler implements Scheduler {
        final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());
        private final ExecutorService executor = Executors.newSingleThreadExecutor();

        @Override
        public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
            delays.add(Duration.ofNanos(unit.toNanos(delay)));
            FutureTask<Object> task = new FutureTask<>(callable::call);
            executor.execute(task);
            return new ImmediateFuture(task);
        }

        void close() {
            executor.shutdownNow();
        }
    }

    static final class ImmediateFuture implements ScheduledFuture<Object> {
        private final FutureTask<Object> task;

        ImmediateFuture(FutureTask<Object> task) {
            this.task = task;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return task.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }

        @Override
        public boolean isDone() {
            return task.isDone();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return task.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
            return task.get(timeout, unit);
        }
    }
}
