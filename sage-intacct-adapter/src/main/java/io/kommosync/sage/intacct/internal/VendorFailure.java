package io.kommosync.sage.intacct.internal;

import io.kommosync.accounting.spi.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failure a transport met, before the port names the operation and turns it into an SPI exception. Messages
 * never carry credentials.
 */
public final class VendorFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure. */
    public enum Kind {
        /** Credentials or session rejected. */
        AUTHENTICATION,
        /** Throttled. */
        RATE_LIMITED,
        /** I/O, timeout, 5xx. */
        TRANSIENT,
        /** Content rejected. */
        VALIDATION,
        /** No such object. */
        NOT_FOUND,
        /** Collides with existing state (duplicate). */
        CONFLICT
    }

    private final Kind kind;
    private final OptionalInt httpStatus;
    private final transient Optional<String> requestId;
    private final transient Optional<Duration> retryAfter;
    private final transient List<FieldError> fieldErrors;
    private final boolean retryInCall;

    /**
     * Creates a failure.
     *
     * @param kind        the kind
     * @param message     what happened, without secrets
     * @param httpStatus  the HTTP status, when there was one
     * @param requestId   the vendor's request or control id, when known
     * @param retryAfter  the wait the vendor asked for, when it did
     * @param fieldErrors the offending fields
     * @param retryInCall whether an in-call retry is safe and useful
     * @param cause       the cause, may be {@code null}
     */
    public VendorFailure(Kind kind, String message, OptionalInt httpStatus, Optional<String> requestId,
                         Optional<Duration> retryAfter, List<FieldError> fieldErrors, boolean retryInCall,
                         Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = Objects.requireNonNull(httpStatus, "httpStatus");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryInCall = retryInCall;
    }

    /**
     * A failure without status, request id or fields.
     *
     * @param kind    the kind
     * @param message the message
     * @return the failure
     */
    public static VendorFailure of(Kind kind, String message) {
        return new VendorFailure(kind, message, OptionalInt.empty(), Optional.empty(), Optional.empty(), List.of(),
                kind == Kind.TRANSIENT, null);
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the HTTP status, when there was one */
    public OptionalInt httpStatus() {
        return httpStatus;
    }

    /** @return the vendor's request id, when known */
    public Optional<String> requestId() {
        return requestId;
    }

    /** @return the requested wait */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** @return the offending fields */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** @return whether the port may retry within the call */
    public boolean retryInCall() {
        return retryInCall;
    }
}
