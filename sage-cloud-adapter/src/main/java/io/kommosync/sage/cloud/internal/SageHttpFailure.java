package io.kommosync.sage.cloud.internal;

import io.kommosync.client.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A non-2xx answer from Sage, as the error decoder read it: status, the error array, {@code Retry-After}, the request
 * id, and the bearer token the request carried (for a refresh after 401; never in the message).
 */
final class SageHttpFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<SageWire.Error> errors;
    private final transient Duration retryAfter;
    private final String requestId;
    private final transient Secret rejectedToken;

    SageHttpFailure(int status, List<SageWire.Error> errors, Duration retryAfter, String requestId,
            Secret rejectedToken) {
        super(describe(status, errors), null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
        this.requestId = requestId;
        this.rejectedToken = rejectedToken;
    }

    private static String describe(int status, List<SageWire.Error> errors) {
        String details = errors.stream()
                .map(e -> (e.source() == null || e.source().isBlank() ? "" : e.source() + ": ")
                        + (e.message() == null ? "" : e.message())
                        + (e.dataCode() == null || e.dataCode().isBlank() ? "" : " (" + e.dataCode() + ")"))
                .collect(Collectors.joining("; "));
        return "Sage answered HTTP " + status + (details.isEmpty() ? "" : ": " + details);
    }

    int status() {
        return status;
    }

    List<SageWire.Error> errors() {
        return errors;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    Optional<Secret> rejectedToken() {
        return Optional.ofNullable(rejectedToken);
    }

    boolean isRetryable() {
        return status == 408 || status == 429 || status >= 500;
    }
}
