package io.kommosync.accounting.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Root of every failure an {@link AccountingPort} reports. Unchecked, like every exception of this SDK.
 *
 * <p>The subclasses say what kind of failure it was, and {@link #retryable()} says whether trying the same
 * call again later may succeed:
 * <ul>
 *   <li>{@link AuthenticationException}: credentials rejected or expired; not retryable;</li>
 *   <li>{@link RateLimitedException}: the vendor throttled us; retryable after {@link #retryAfter()};</li>
 *   <li>{@link TransientAccountingException}: I/O failure, timeout, 5xx; retryable;</li>
 *   <li>{@link ValidationException}: the vendor rejected the content (400/422), with field errors; not retryable;</li>
 *   <li>{@link NotFoundException}: the addressed object does not exist; not retryable;</li>
 *   <li>{@link ConflictException}: the write collides with existing state (duplicate, wrong state); not retryable;</li>
 *   <li>{@link InvalidConfigurationException}: the port cannot be built from its configuration;</li>
 *   <li>{@link UnsupportedCapabilityException}: the port does not offer the operation.</li>
 * </ul>
 *
 * <p>Messages never contain secrets. Instances are immutable once thrown and safe to share between threads.
 */
public abstract class AccountingException extends RuntimeException {

    private final ErrorContext context;

    /**
     * Creates an exception.
     *
     * @param context where it happened
     * @param message what happened, in words a person can act on; must not contain secrets
     * @param cause   the underlying failure, may be {@code null}
     * @throws NullPointerException if {@code context} or {@code message} is {@code null}
     */
    protected AccountingException(ErrorContext context, String message, Throwable cause) {
        super(Objects.requireNonNull(context, "context").describe() + ": " + Objects.requireNonNull(message, "message"),
                cause);
        this.context = context;
    }

    /**
     * Where the failure happened.
     *
     * @return the error context
     */
    public ErrorContext context() {
        return context;
    }

    /**
     * The provider id of the failing port.
     *
     * @return the provider id, for example {@code "sage-cloud"}
     */
    public String providerId() {
        return context.providerId();
    }

    /**
     * The port operation that failed.
     *
     * @return the operation name, for example {@code "createInvoice"}
     */
    public String operation() {
        return context.operation();
    }

    /**
     * The HTTP status the vendor answered.
     *
     * @return the status, or empty when the failure happened before or without an HTTP answer
     */
    public OptionalInt httpStatus() {
        return context.httpStatus();
    }

    /**
     * The vendor's request id for the failing exchange.
     *
     * @return the request id, or empty when the vendor sent none
     */
    public Optional<String> vendorRequestId() {
        return context.vendorRequestId();
    }

    /**
     * Whether the same call, repeated later with the same idempotency key, may succeed.
     *
     * @return {@code true} for throttling and transient failures
     */
    public abstract boolean retryable();

    /**
     * How long the vendor asked us to wait before trying again.
     *
     * @return the delay the vendor asked for, or empty when it asked for none
     */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
