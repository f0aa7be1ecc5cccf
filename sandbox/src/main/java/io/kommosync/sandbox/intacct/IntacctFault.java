package io.kommosync.sandbox.intacct;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour scripted with {@link IntacctSimulator#failNext(String, IntacctFault)} for the next request that
 * runs one XML function (for example {@code create_invoice}) or one REST operation (for example
 * {@code POST /objects/accounts-receivable/invoice}). Each transport renders it in its own format.
 */
public sealed interface IntacctFault {

    /**
     * An HTTP status without a body the client can act on (429, 5xx, 401); 429 carries {@code Retry-After}.
     *
     * @param status     the HTTP status
     * @param retryAfter the {@code Retry-After} to send, {@link Duration#ZERO} for none
     */
    record Status(int status, Duration retryAfter) implements IntacctFault {
        /** Validates. */
        public Status {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a fault status is 4xx or 5xx, got " + status);
            }
        }
    }

    /**
     * A rejection naming a field in the transport's own terms (an XML element such as {@code ponumber}, a REST
     * property such as {@code referenceNumber}); the XML gateway answers it with its error block, REST with an
     * {@code ia::error} whose detail targets the field.
     *
     * @param status  the HTTP status, 400 or 422
     * @param field   the vendor's field name
     * @param message the explanation
     */
    record Rejection(int status, String field, String message) implements IntacctFault {
        /** Validates. */
        public Rejection {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The request is applied and then the connection is dropped, so the answer is lost. */
    record LostAnswer() implements IntacctFault {
    }

    /**
     * HTTP 429 with a {@code Retry-After}.
     *
     * @param retryAfter the wait
     * @return the fault
     */
    static IntacctFault rateLimited(Duration retryAfter) {
        return new Status(429, retryAfter);
    }

    /**
     * An HTTP status.
     *
     * @param status the status
     * @return the fault
     */
    static IntacctFault status(int status) {
        return new Status(status, Duration.ZERO);
    }
}
