package io.kommosync.accounting.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where an {@link AccountingException} happened: which provider, which operation, and what the vendor said
 * about the exchange.
 *
 * <p>Immutable and thread-safe. Build one with {@link #of(String, String)} and refine it with the
 * {@code with…} methods, which return new instances.
 *
 * @param providerId     the provider id of the port that failed, for example {@code "xero"}
 * @param operation      the port operation that failed, for example {@code "createInvoice"}
 * @param httpStatus     the HTTP status the vendor answered, when there was an HTTP answer
 * @param vendorRequestId the vendor's request or correlation id, when the vendor sent one; quote it to the
 *                       vendor's support
 */
public record ErrorContext(String providerId, String operation, OptionalInt httpStatus,
                           Optional<String> vendorRequestId) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public ErrorContext {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(httpStatus, "httpStatus");
        Objects.requireNonNull(vendorRequestId, "vendorRequestId");
    }

    /**
     * A context with no HTTP status and no vendor request id.
     *
     * @param providerId the provider id
     * @param operation  the operation
     * @return a new context
     */
    public static ErrorContext of(String providerId, String operation) {
        return new ErrorContext(providerId, operation, OptionalInt.empty(), Optional.empty());
    }

    /**
     * A copy with the given HTTP status.
     *
     * @param status the HTTP status code
     * @return a new context
     */
    public ErrorContext withHttpStatus(int status) {
        return new ErrorContext(providerId, operation, OptionalInt.of(status), vendorRequestId);
    }

    /**
     * A copy with the given vendor request id; a {@code null} or blank id leaves it absent.
     *
     * @param requestId the vendor's request id, may be {@code null}
     * @return a new context
     */
    public ErrorContext withVendorRequestId(String requestId) {
        return new ErrorContext(providerId, operation, httpStatus,
                requestId == null || requestId.isBlank() ? Optional.empty() : Optional.of(requestId));
    }

    String describe() {
        StringBuilder sb = new StringBuilder().append(providerId).append(' ').append(operation);
        httpStatus.ifPresent(s -> sb.append(" (HTTP ").append(s).append(')'));
        vendorRequestId.ifPresent(id -> sb.append(" [request id ").append(id).append(']'));
        return sb.toString();
    }
}
