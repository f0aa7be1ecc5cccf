package io.kommosync.accounting.tck;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A failure a {@link LedgerFixture} makes the ledger (or its stand-in: a WireMock stub, a sandbox) produce on the
 * next call of one port operation, so that the compatibility kit can check how the port reports it. The in-memory
 * ledger uses the same type for {@code failNext}.
 *
 * <p>Each kind says what the vendor does; the kit checks the exception the port raises:
 * <ul>
 *   <li>{@link RateLimited}: HTTP 429 with {@code Retry-After} ⇒ a retryable
 *       {@link io.kommosync.accounting.spi.RateLimitedException} carrying the delay;</li>
 *   <li>{@link ServerError}: HTTP 5xx ⇒ a retryable {@link io.kommosync.accounting.spi.TransientAccountingException};</li>
 *   <li>{@link Validation}: HTTP 400 or 422 naming a field ⇒ a {@link io.kommosync.accounting.spi.ValidationException}
 *       whose field errors name it, not retryable;</li>
 *   <li>{@link Unauthorized}: HTTP 401 ⇒ an {@link io.kommosync.accounting.spi.AuthenticationException}, not retryable;</li>
 *   <li>{@link LostResponse}: the ledger applies the call, then the answer never arrives (connection reset or
 *       timeout) ⇒ a retryable {@link io.kommosync.accounting.spi.TransientAccountingException}, and a retry with the
 *       same idempotency key must not write twice.</li>
 * </ul>
 *
 * <p>Values are immutable and thread-safe.
 */
public sealed interface SimulatedFailure {

    /** The kinds of failure, for {@link LedgerFixture#supportedFailures()}. */
    enum Kind {
        /** HTTP 429 with a {@code Retry-After}. */
        RATE_LIMITED,
        /** HTTP 5xx. */
        SERVER_ERROR,
        /** HTTP 400 or 422 naming an offending field. */
        VALIDATION,
        /** HTTP 401. */
        UNAUTHORIZED,
        /** The call is applied but its answer is lost. */
        LOST_RESPONSE
    }

    /**
     * What kind of failure this is.
     *
     * @return the kind
     */
    Kind kind();

    /**
     * The HTTP status the vendor answers with.
     *
     * @return the status, or empty for {@link LostResponse}, which has no answer
     */
    OptionalInt httpStatus();

    /**
     * HTTP 429 asking the caller to wait.
     *
     * @param retryAfter the {@code Retry-After} the vendor sends; whole seconds, not negative
     * @return the failure
     */
    static RateLimited rateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter);
    }

    /**
     * An HTTP 5xx answer.
     *
     * @param status the status, 500 to 599
     * @return the failure
     */
    static ServerError serverError(int status) {
        return new ServerError(status);
    }

    /**
     * An HTTP 400 or 422 answer rejecting one field.
     *
     * @param status the status, 400 or 422
     * @param field  the field the vendor names, as the kit asks for it (for example {@code "reference"}); the
     *               fixture puts it in the vendor's error body in the vendor's own format
     * @return the failure
     */
    static Validation validation(int status, String field) {
        return new Validation(status, field, field + " is not valid");
    }

    /**
     * An HTTP 401 answer.
     *
     * @return the failure
     */
    static Unauthorized unauthorized() {
        return new Unauthorized();
    }

    /**
     * A call the ledger applies but whose answer is lost.
     *
     * @return the failure
     */
    static LostResponse lostResponse() {
        return new LostResponse();
    }

    /**
     * HTTP 429.
     *
     * @param retryAfter the delay the vendor asks for in {@code Retry-After}; whole seconds, not negative
     */
    record RateLimited(Duration retryAfter) implements SimulatedFailure {
        /**
         * Validates the delay.
         *
         * @throws NullPointerException     if {@code retryAfter} is {@code null}
         * @throws IllegalArgumentException if it is negative or not whole seconds
         */
        public RateLimited {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative() || retryAfter.getNano() != 0) {
                throw new IllegalArgumentException("retryAfter must be whole, non-negative seconds (Retry-After "
                        + "is sent in seconds), got " + retryAfter);
            }
        }

        @Override
        public Kind kind() {
            return Kind.RATE_LIMITED;
        }

        @Override
        public OptionalInt httpStatus() {
            return OptionalInt.of(429);
        }
    }

    /**
     * HTTP 5xx.
     *
     * @param status the status, 500 to 599
     */
    record ServerError(int status) implements SimulatedFailure {
        /**
         * Validates the status.
         *
         * @throws IllegalArgumentException if it is not 500 to 599
         */
        public ServerError {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("a server error has a status from 500 to 599, got " + status);
            }
        }

        @Override
        public Kind kind() {
            return Kind.SERVER_ERROR;
        }

        @Override
        public OptionalInt httpStatus() {
            return OptionalInt.of(status);
        }
    }

    /**
     * HTTP 400 or 422 naming a field.
     *
     * @param status  400 or 422
     * @param field   the offending field; not blank
     * @param message the vendor's explanation; not blank
     */
    record Validation(int status, String field, String message) implements SimulatedFailure {
        /**
         * Validates the components.
         *
         * @throws NullPointerException     if {@code field} or {@code message} is {@code null}
         * @throws IllegalArgumentException if the status is not 400 or 422, or a string is blank
         */
        public Validation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
            if (status != 400 && status != 422) {
                throw new IllegalArgumentException("a validation failure has status 400 or 422, got " + status);
            }
            if (field.isBlank() || message.isBlank()) {
                throw new IllegalArgumentException("a validation failure needs a field and a message");
            }
        }

        @Override
        public Kind kind() {
            return Kind.VALIDATION;
        }

        @Override
        public OptionalInt httpStatus() {
            return OptionalInt.of(status);
        }
    }

    /** HTTP 401: the credentials were rejected. */
    record Unauthorized() implements SimulatedFailure {
        @Override
        public Kind kind() {
            return Kind.UNAUTHORIZED;
        }

        @Override
        public OptionalInt httpStatus() {
            return OptionalInt.of(401);
        }
    }

    /** The ledger applies the call; the answer never arrives. */
    record LostResponse() implements SimulatedFailure {
        @Override
        public Kind kind() {
            return Kind.LOST_RESPONSE;
        }

        @Override
        public OptionalInt httpStatus() {
            return OptionalInt.empty();
        }
    }
}
