package io.kommosync.accounting.spi;

import java.util.Objects;

/**
 * One problem the vendor found in what we sent.
 *
 * @param field   the path of the offending field as the vendor named it, for example
 *                {@code "invoice_lines[0].ledger_account_id"}; {@code ""} when the vendor named none
 * @param message the vendor's explanation
 * @param code    the vendor's machine-readable error code, {@code ""} when it sent none
 */
public record FieldError(String field, String message, String code) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String toString() {
        return (field.isEmpty() ? "" : field + ": ") + message + (code.isEmpty() ? "" : " (" + code + ")");
    }
}
