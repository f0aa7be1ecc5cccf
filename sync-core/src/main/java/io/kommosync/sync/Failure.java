package io.kommosync.sync;

import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.client.oauth.ReauthorizationRequiredException;
import io.kommosync.client.retry.FailureClassifier;
import io.kommosync.kommo.KommoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * How the engine reads a failure from either side: may it pass by itself, must a person re-authorise, or must a
 * person fix something. Also the {@link FailureClassifier} of the in-call retries.
 *
 * @param kind       the class of failure
 * @param retryAfter how long the vendor asked us to wait, when it did
 * @param message    the failure in plain words, for tasks and the audit trail; never secrets
 */
record Failure(Kind kind, Optional<Duration> retryAfter, String message) {

    enum Kind {
        /** I/O, timeouts, 5xx, 429: retry. */
        TRANSIENT,
        /** Credentials rejected or refresh token spent: pause the connection. */
        REAUTHORISE,
        /** The request is wrong as it stands: tell a person. */
        PERMANENT
    }

    static final FailureClassifier CLASSIFIER = new FailureClassifier() {
        @Override
        public boolean isRetryable(Throwable failure) {
            return of(failure).kind() == Kind.TRANSIENT;
        }

        @Override
        public Optional<Duration> retryAfter(Throwable failure) {
            return of(failure).retryAfter();
        }
    };

    static Failure of(Throwable t) {
        if (t instanceof ReauthorizationRequiredException) {
            return new Failure(Kind.REAUTHORISE, Optional.empty(), t.getMessage());
        }
        if (t instanceof AccountingException e) {
            if (e instanceof AuthenticationException) {
                return new Failure(Kind.REAUTHORISE, Optional.empty(), "the ledger rejected our credentials: " + e.getMessage());
            }
            String message = e instanceof RateLimitedException ? "the ledger is throttling us: " + e.getMessage()
                    : e.getMessage();
            return new Failure(e.retryable() ? Kind.TRANSIENT : Kind.PERMANENT, e.retryAfter(), message);
        }
        if (t instanceof KommoException e) {
            Kind kind = e.retryable() ? Kind.TRANSIENT
                    : e.httpStatus().orElse(0) == 401 ? Kind.REAUTHORISE : Kind.PERMANENT;
            return new Failure(kind, e.retryAfter(), "Kommo: " + e.getMessage());
        }
        if (t instanceof UncheckedIOException || t instanceof IOException) {
            return new Failure(Kind.TRANSIENT, Optional.empty(), "network error: " + t.getMessage());
        }
        if (t.getCause() != null && t.getCause() != t && !(t instanceof Error)) {
            Failure cause = of(t.getCause());
            if (cause.kind() != Kind.PERMANENT || isKnown(t.getCause())) {
                return cause;
            }
        }
        return new Failure(Kind.PERMANENT, Optional.empty(), "unexpected error: " + t);
    }

    private static boolean isKnown(Throwable t) {
        return t instanceof AccountingException || t instanceof KommoException || t instanceof ReauthorizationRequiredException;
    }
}
