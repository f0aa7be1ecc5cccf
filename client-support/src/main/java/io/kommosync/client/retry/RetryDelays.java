package io.kommosync.client.retry;

import io.kommosync.client.internal.Checks;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Computes the wait before the next attempt from {@link RetrySettings} and a {@link FailureClassifier}: the
 * server's {@code Retry-After} when there is one, otherwise exponential backoff with jitter. This is the delay
 * function behind {@link RetryPolicies#transientFailures(RetrySettings, FailureClassifier)}; it is public so the
 * schedule can be inspected and tested without waiting.
 *
 * <p>Thread-safe when the random source is (the default one is).
 */
public final class RetryDelays {

    private final RetrySettings settings;
    private final FailureClassifier classifier;
    private final DoubleSupplier random;

    /**
     * Creates the delay function with {@link ThreadLocalRandom} as the jitter source.
     *
     * @param settings   the retry settings
     * @param classifier where server-requested waits come from
     */
    public RetryDelays(RetrySettings settings, FailureClassifier classifier) {
        this(settings, classifier, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Creates the delay function with an explicit jitter source.
     *
     * @param settings   the retry settings
     * @param classifier where server-requested waits come from
     * @param random     returns values in {@code [0, 1)}; 0.5 means "no jitter"
     */
    public RetryDelays(RetrySettings settings, FailureClassifier classifier, DoubleSupplier random) {
        this.settings = Checks.notNull(settings, "settings", "pass RetrySettings.defaults()");
        this.classifier = Checks.notNull(classifier, "classifier", "pass the vendor client's FailureClassifier");
        this.random = Checks.notNull(random, "random", "pass a source of values in [0, 1)");
    }

    /**
     * Returns the wait before the next attempt.
     *
     * @param failedAttempts how many attempts have failed so far; values below 1 count as 1
     * @param failure        the last failure; may be null (then only backoff applies)
     * @return the server-requested wait when the classifier reports one (even if shorter than the backoff),
     *     otherwise the jittered backoff; always zero when {@link RetrySettings#zeroDelays()} is set
     */
    public Duration delayAfter(int failedAttempts, Throwable failure) {
        Duration delay = serverRequestedDelay(failure).orElseGet(() -> backoff(failedAttempts));
        return settings.zeroDelays() ? Duration.ZERO : delay;
    }

    /**
     * Returns the jittered exponential backoff after {@code failedAttempts} failures, ignoring any server wait.
     *
     * @param failedAttempts how many attempts have failed so far; values below 1 count as 1
     * @return the backoff; zero when {@link RetrySettings#zeroDelays()} is set
     */
    public Duration backoff(int failedAttempts) {
        if (settings.zeroDelays()) {
            return Duration.ZERO;
        }
        int exponent = Math.min(Math.max(failedAttempts, 1) - 1, 62);
        double base = Math.min(
            settings.initialDelay().toNanos() * Math.pow(2, exponent), (double) settings.maxDelay().toNanos());
        double spread = settings.jitterFactor() * (2 * random.getAsDouble() - 1);
        return Duration.ofNanos(Math.max(0L, Math.round(base * (1 + spread))));
    }

    /**
     * Returns the wait the server asked for, as reported by the classifier.
     *
     * @param failure the last failure; may be null
     * @return the requested wait; empty when none or negative
     */
    public Optional<Duration> serverRequestedDelay(Throwable failure) {
        if (failure == null) {
            return Optional.empty();
        }
        Optional<Duration> requested = classifier.retryAfter(failure);
        return requested == null ? Optional.empty() : requested.filter(wait -> !wait.isNegative());
    }

    /**
     * Tells whether the server asked for a longer wait than {@link RetrySettings#maxRetryAfter()}; the policy then
     * gives up instead of waiting.
     *
     * @param failure the last failure; may be null
     * @return true when the requested wait exceeds the cap
     */
    public boolean exceedsRetryAfterCap(Throwable failure) {
        return serverRequestedDelay(failure).filter(wait -> wait.compareTo(settings.maxRetryAfter()) > 0).isPresent();
    }
}
