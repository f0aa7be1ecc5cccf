package io.kommosync.accounting.spi;

import java.util.List;

/**
 * The vendor rejected the content of a request (HTTP 400/422 or its equivalent). Not retryable: the same
 * request would be rejected again. {@link #fieldErrors()} names each offending field.
 */
public class ValidationException extends AccountingException {

    private final List<FieldError> fieldErrors;

    /**
     * Creates the exception.
     *
     * @param context     where it happened
     * @param message     what happened; must not contain secrets
     * @param fieldErrors the problems the vendor listed, possibly empty
     */
    public ValidationException(ErrorContext context, String message, List<FieldError> fieldErrors) {
        super(context, fieldErrors.isEmpty() ? message : message + " " + fieldErrors, null);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /**
     * The problems the vendor listed.
     *
     * @return an unmodifiable, possibly empty list
     */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code false}
     */
    @Override
    public boolean retryable() {
        return false;
    }
}
