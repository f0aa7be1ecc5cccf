package io.kommosync.sandbox.sage;

import java.util.Objects;

/**
 * One way a request breaks Sage's published Swagger 2.0 specification, as {@link SageAccountingSpec} reports it.
 *
 * @param key     the validator's message key, for example {@code validation.request.body.schema.type}
 * @param message what is wrong, naming the offending field
 * @param source  the JSON pointer or parameter name of the offending part ({@code ""} when the request as a whole is
 *                wrong, for example an unknown path)
 */
public record SpecViolation(String key, String message, String source) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SpecViolation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return key + ": " + message + (source.isEmpty() ? "" : " at " + source);
    }
}
