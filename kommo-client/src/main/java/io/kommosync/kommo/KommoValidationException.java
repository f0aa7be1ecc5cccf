package io.kommosync.kommo;

import java.util.List;

/**
 * Kommo refused a request as invalid: 400 (usually with {@code validation-errors}) or 422 (cannot be processed).
 * Not retryable: fix the request. The message names each failing item and path, for example
 * {@code item 0: custom_fields_values.0.field_id: NotSupportedChoice (The value you selected is not a valid
 * choice.)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class KommoValidationException extends KommoException {

    private static final long serialVersionUID = 1L;

    private final List<ValidationError> errors;

    /**
     * Creates the exception.
     *
     * @param message    what was refused, naming the paths; without secrets
     * @param errors     the individual errors; may be empty when Kommo sent only a {@code detail}
     * @param httpStatus 400 or 422
     * @param requestId  the {@code X-Request-Id}, or {@code null}
     */
    public KommoValidationException(String message, List<ValidationError> errors, int httpStatus, String requestId) {
        super(message, null, httpStatus, requestId);
        this.errors = List.copyOf(errors);
    }

    /**
     * Returns the individual errors, in the order Kommo listed them.
     *
     * @return the errors; empty when Kommo sent none
     */
    public List<ValidationError> errors() {
        return errors;
    }
}
