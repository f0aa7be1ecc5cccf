package io.kommosync.xero.internal;

import io.kommosync.client.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * A non-2xx answer of Xero, as the error decoder read it; {@link XeroFailures} turns it into the SPI's exception for
 * the port operation that made the call. Carries no request data, so nothing secret.
 */
public final class XeroHttpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;
    private final String correlationId;
    private final String rateLimitProblem;
    private final transient Duration retryAfter;
    private final transient Secret rejectedToken;

    XeroHttpException(int status, String body, String correlationId, String rateLimitProblem, Duration retryAfter,
                      Secret rejectedToken) {
        super("Xero answered HTTP " + status);
        this.status = status;
        this.body = body;
        this.correlationId = correlationId;
        this.rateLimitProblem = rateLimitProblem;
        this.retryAfter = retryAfter;
        this.rejectedToken = rejectedToken;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the body, at most 64 KiB, possibly empty */
    public String body() {
        return body;
    }

    /** @return Xero's {@code Xero-Correlation-Id}, when sent */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /** @return {@code X-Rate-Limit-Problem}, when sent */
    public Optional<String> rateLimitProblem() {
        return Optional.ofNullable(rateLimitProblem);
    }

    /** @return {@code Retry-After}, when sent */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return the bearer token the rejected request carried (for a 401), when it carried one */
    public Optional<Secret> rejectedToken() {
        return Optional.ofNullable(rejectedToken);
    }
}
