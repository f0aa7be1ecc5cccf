package io.kommosync.client.retry;

import dev.failsafe.RetryPolicy;
import io.kommosync.client.internal.Checks;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failsafe retry policies shared by every client. Failsafe is the only retry layer: Feign clients are built with
 * {@code Retryer.NEVER_RETRY}.
 */
public final class RetryPolicies {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicies.class);

    private RetryPolicies() {
    }

    /**
     * Returns a policy that retries transient failures.
     *
     * <ul>
     *   <li>Only failures the classifier calls retryable are retried; any other failure, and every result, ends
     *       the execution at once.</li>
     *   <li>At most {@link RetrySettings#maxAttempts()} attempts in total.</li>
     *   <li>Wait: exponential backoff with jitter (see {@link RetryDelays}), except that a wait named by the server
     *       ({@link FailureClassifier#retryAfter(Throwable)}) wins, even when it is shorter than the backoff.</li>
     *   <li>When the server asks for a longer wait than {@link RetrySettings#maxRetryAfter()}, the policy
     *       <em>aborts</em> instead of waiting: the execution fails at once with that failure, so the caller can
     *       schedule a durable retry at the time the server named rather than hold a thread.</li>
     *   <li>With {@link RetrySettings#noBackoff(int)} every wait is zero, including a server's.</li>
     *   <li>Retries, aborts and exhausted retries are logged at DEBUG (exception type and message only).</li>
     * </ul>
     *
     * <p>The policy is immutable and thread-safe; build it once per client and share it.
     *
     * @param settings   attempts and delays
     * @param classifier decides what is retryable and reads server-requested waits
     * @param <R>        result type of the guarded call
     * @return the policy
     */
    public static <R> RetryPolicy<R> transientFailures(RetrySettings settings, FailureClassifier classifier) {
        Checks.notNull(settings, "settings", "pass RetrySettings.defaults()");
        Checks.notNull(classifier, "classifier", "pass the vendor client's FailureClassifier");
        RetryDelays delays = new RetryDelays(settings, classifier);
        return RetryPolicy.<R>builder()
            .handleIf((Throwable failure) -> failure != null && classifier.isRetryable(failure))
            .abortOn((Throwable failure) ->
                failure != null && classifier.isRetryable(failure) && delays.exceedsRetryAfterCap(failure))
            .withMaxAttempts(settings.maxAttempts())
            .withDelayFn(context -> {
                Throwable failure = context.getLastException();
                return delays.delayAfter(context.getAttemptCount(), failure);
            })
            .onRetryScheduled(event -> LOG.debug("Retrying in {} after failed attempt {} of {}: {}",
                event.getDelay(), event.getAttemptCount(), settings.maxAttempts(),
                String.valueOf(event.getLastException())))
            .onAbort(event -> LOG.debug("Not retrying: server asked to wait {}, longer than the in-call cap {}: {}",
                delays.serverRequestedDelay(event.getException()).map(Duration::toString).orElse("?"),
                settings.maxRetryAfter(), String.valueOf(event.getException())))
            .onRetriesExceeded(event -> LOG.debug("Giving up after {} attempts: {}",
                event.getAttemptCount(), String.valueOf(event.getException())))
            .build();
    }
}
