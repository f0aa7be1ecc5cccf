package io.kommosync.kommo.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import feign.codec.EncodeException;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.oauth.TokenRefreshException;
import io.kommosync.client.ratelimit.RateLimitInterruptedException;
import io.kommosync.client.retry.FailureClassifier;
import io.kommosync.client.retry.RetryPolicies;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.kommo.KommoAuthenticationException;
import io.kommosync.kommo.KommoException;
import io.kommosync.kommo.KommoUnavailableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every Kommo call: passes the rate limiter before every HTTP attempt (retries and the retry after a token
 * refresh included) and reports the attempt's completion to it, translates transport failures into typed
 * {@link KommoException}s, retries retryable ones in-call with Failsafe, and handles a 401 under OAuth by refreshing
 * the token once and retrying once.
 *
 * <p>Creates ({@code POST}) are retried only when Kommo certainly did not process them (429, connection refused):
 * Kommo has no idempotency keys, so a retried create after a timeout could duplicate the entity.
 *
 * <p>Thread-safe. Not part of the public API.
 */
public final class KommoCalls {

    private static final Logger LOG = LoggerFactory.getLogger(KommoCalls.class);

    private final KommoApi api;
    private final RequestGate gate;
    private final AccessTokenProvider tokens;
    private final boolean refreshable;
    private final String credentialName;
    private final RetryPolicy<Object> repeatableRetries;
    private final RetryPolicy<Object> createRetries;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the executor.
     *
     * @param api            the Feign client
     * @param gate           the rate limiter, entered before every HTTP attempt
     * @param tokens         the access token provider the Feign client's bearer interceptor uses
     * @param refreshable    true for OAuth credentials (a 401 triggers one refresh)
     * @param credentialName how messages name the credentials, e.g. {@code OAuth connection 'acme'}
     * @param retry          in-call retry settings
     */
    public KommoCalls(KommoApi api, RequestGate gate, AccessTokenProvider tokens, boolean refreshable,
        String credentialName, RetrySettings retry) {
        this.api = api;
        this.gate = gate;
        this.tokens = tokens;
        this.refreshable = refreshable;
        this.credentialName = credentialName;
        this.repeatableRetries = RetryPolicies.transientFailures(retry, new Classifier(true));
        this.createRetries = RetryPolicies.transientFailures(retry, new Classifier(false));
    }

    /**
     * Runs a call that may safely be repeated (GET, PATCH with absolute values, DELETE).
     *
     * @param operation what is called, for messages, e.g. {@code GET /api/v4/leads/42}
     * @param call      the call
     * @param <T>       the result type
     * @return the result; null for 204
     */
    public <T> T repeatable(String operation, Function<KommoApi, T> call) {
        return execute(operation, call, repeatableRetries);
    }

    /**
     * Runs a call that creates entities and must not be repeated once Kommo may have processed it.
     *
     * @param operation what is called, for messages
     * @param call      the call
     * @param <T>       the result type
     * @return the result
     */
    public <T> T create(String operation, Function<KommoApi, T> call) {
        return execute(operation, call, createRetries);
    }

    /** Makes every later call fail with {@link IllegalStateException}. */
    public void close() {
        closed.set(true);
    }

    private <T> T execute(String operation, Function<KommoApi, T> call, RetryPolicy<Object> policy) {
        if (closed.get()) {
            throw new IllegalStateException("This KommoClient is closed: build a new one to call " + operation);
        }
        AtomicBoolean refreshed = new AtomicBoolean();
        return Failsafe.with(policy).get(() -> attempt(operation, call, refreshed));
    }

    private <T> T attempt(String operation, Function<KommoApi, T> call, AtomicBoolean refreshed) {
        try {
            return send(operation, call);
        } catch (UnauthorizedResponse unauthorized) {
            if (!refreshable) {
                throw new KommoAuthenticationException(unauthorized.getMessage() + ". Kommo rejected the "
                    + credentialName + ": it expired or was revoked. Fix: issue a new long-lived token in the"
                    + " integration's 'Keys and scopes' tab and build the client with it.", null, 401,
                    unauthorized.requestId().orElse(null));
            }
            Optional<Secret> rejected = unauthorized.rejectedToken();
            if (rejected.isEmpty() || !refreshed.compareAndSet(false, true)) {
                throw stillRejected(unauthorized);
            }
            LOG.debug("Kommo answered 401 to {} for {}; refreshing the access token once", operation,
                credentialName);
            Optional<Secret> fresh = refresh(rejected.get());
            if (fresh.isEmpty()) {
                throw stillRejected(unauthorized);
            }
            try {
                return send(operation, call);
            } catch (UnauthorizedResponse again) {
                throw stillRejected(again);
            }
        }
    }

    private Optional<Secret> refresh(Secret rejected) {
        try {
            return tokens.refreshAfterUnauthorized(rejected);
        } catch (TokenRefreshException e) {
            throw refreshFailed(e);
        }
    }

    private KommoAuthenticationException stillRejected(UnauthorizedResponse unauthorized) {
        return new KommoAuthenticationException(unauthorized.getMessage() + " even after refreshing the access"
            + " token of the " + credentialName + " once. Fix: check that the integration is still installed and"
            + " active in the Kommo account; re-authorise the connection if this persists.", null, 401,
            unauthorized.requestId().orElse(null));
    }

    private KommoException refreshFailed(TokenRefreshException e) {
        if (e.retryable()) {
            return new KommoUnavailableException("Refreshing the access token of the " + credentialName
                + " failed for now: " + e.getMessage(), e, null, null, false);
        }
        return new KommoAuthenticationException("Refreshing the access token of the " + credentialName + " failed: "
            + e.getMessage() + ". Fix: check the integration's client id, client secret and redirect URI.", e,
            null, null);
    }

    private <T> T send(String operation, Function<KommoApi, T> call) {
        Runnable completed;
        try {
            completed = gate.enter();
        } catch (RateLimitInterruptedException e) {
            throw new KommoException("Interrupted while waiting for a rate-limit permit to call " + operation, e);
        }
        try {
            return translated(operation, call);
        } finally {
            completed.run();
        }
    }

    private <T> T translated(String operation, Function<KommoApi, T> call) {
        try {
            return call.apply(api);
        } catch (KommoException e) {
            throw e;
        } catch (RetryableException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            boolean notConnected = neverConnected(cause);
            throw new KommoUnavailableException("Kommo did not answer " + operation + ": "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                : " (" + Texts.excerpt(cause.getMessage(), 120) + ")"), e, null, null, !notConnected);
        } catch (DecodeException e) {
            throw new KommoUnavailableException("Kommo answered " + operation + " with " + e.status()
                + " but a body that is not the JSON Kommo documents (a proxy or maintenance page?)", e, e.status(),
                null, true);
        } catch (EncodeException e) {
            throw new KommoException("Could not write the request body of " + operation + ": " + e.getMessage(), e);
        } catch (FeignException e) {
            if (e.status() >= 200 && e.status() < 300) {
                // The answer was a success but its body could not be read as JSON (or broke off while reading).
                throw new KommoUnavailableException("Kommo answered " + operation + " with " + e.status()
                    + " but a body that is not the JSON Kommo documents (a proxy or maintenance page?)", e,
                    e.status(), null, true);
            }
            throw new KommoException("Kommo call " + operation + " failed: " + Texts.excerpt(e.getMessage(), 200),
                e, e.status() > 0 ? e.status() : null, null);
        } catch (TokenRefreshException e) {
            throw refreshFailed(e);
        }
    }

    private static boolean neverConnected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /** Retryable {@link KommoException}s; for creates only those Kommo certainly did not process. */
    private static final class Classifier implements FailureClassifier {

        private final boolean repeatable;

        Classifier(boolean repeatable) {
            this.repeatable = repeatable;
        }

        @Override
        public boolean isRetryable(Throwable failure) {
            if (!(failure instanceof KommoException kommo) || !kommo.retryable()) {
                return false;
            }
            return repeatable || !(failure instanceof KommoUnavailableException unavailable
                && unavailable.mayHaveBeenProcessed());
        }

        @Override
        public Optional<Duration> retryAfter(Throwable failure) {
            return failure instanceof KommoException kommo ? kommo.retryAfter() : Optional.empty();
        }
    }
}
