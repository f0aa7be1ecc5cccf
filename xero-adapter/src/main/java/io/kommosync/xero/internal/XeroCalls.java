package io.kommosync.xero.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.retry.FailureClassifier;
import io.kommosync.client.retry.RetryPolicies;
import io.kommosync.client.retry.RetrySettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs calls to Xero: Failsafe retries for retryable failures (a server's {@code Retry-After} wins; an exhausted daily
 * limit, and a call our own limiter refused, are never retried in-call), one token refresh and retry after a 401,
 * and the mapping of every failure to the SPI's exception for the port operation. Thread-safe.
 */
public final class XeroCalls {

    private final XeroFailures failures;
    private final RetryPolicy<Object> retries;
    private final AccessTokenProvider tokens;
    private final boolean refreshOnUnauthorized;

    /**
     * Creates the runner.
     *
     * @param failures              maps failures
     * @param settings              retry settings
     * @param tokens                where access tokens come from (refreshed after a 401)
     * @param refreshOnUnauthorized whether a 401 triggers one refresh and retry
     */
    public XeroCalls(XeroFailures failures, RetrySettings settings, AccessTokenProvider tokens,
                     boolean refreshOnUnauthorized) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.refreshOnUnauthorized = refreshOnUnauthorized;
        this.retries = RetryPolicies.transientFailures(settings, new FailureClassifier() {
            @Override
            public boolean isRetryable(Throwable failure) {
                if (!(failure instanceof AccountingException e) || !e.retryable()) {
                    return false;
                }
                if (e instanceof RateLimitedException r) {
                    // An exhausted day is parked, not retried; a call our own limiter refused (no HTTP status) already
                    // waited as long as it may.
                    return r.window() != RateLimitedException.Window.DAILY && r.httpStatus().isPresent();
                }
                return true;
            }

            @Override
            public Optional<Duration> retryAfter(Throwable failure) {
                return XeroFailures.retryAfter(failure);
            }
        });
    }

    /**
     * Runs a call with retries.
     *
     * @param operation the port method, named in failures
     * @param attempt   one attempt
     * @param <T>       the result type
     * @return the result
     * @throws AccountingException what the last attempt failed with
     */
    public <T> T call(String operation, Supplier<T> attempt) {
        return Failsafe.with(retries).get(() -> once(operation, attempt));
    }

    /**
     * Runs a call once, without retries (but with the refresh after a 401).
     *
     * @param operation the port method
     * @param attempt   the attempt
     * @param <T>       the result type
     * @return the result
     */
    public <T> T once(String operation, Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (XeroHttpException e) {
            if (e.status() == 401 && refreshOnUnauthorized && e.rejectedToken().isPresent()) {
                Secret rejected = e.rejectedToken().get();
                Optional<Secret> fresh;
                try {
                    fresh = tokens.refreshAfterUnauthorized(rejected);
                } catch (RuntimeException refreshFailed) {
                    throw mapped(operation, refreshFailed);
                }
                if (fresh.isPresent() && !fresh.get().equals(rejected)) {
                    try {
                        return attempt.get();
                    } catch (RuntimeException again) {
                        throw mapped(operation, again);
                    }
                }
            }
            throw mapped(operation, e);
        } catch (RuntimeException e) {
            throw mapped(operation, e);
        }
    }

    /**
     * Maps a failure for an operation.
     *
     * @param operation the port method
     * @param failure   the failure
     * @return the SPI exception, or the failure itself when it is a programming error
     */
    public RuntimeException mapped(String operation, RuntimeException failure) {
        return failures.map(operation, failure).<RuntimeException>map(e -> e).orElse(failure);
    }
}
