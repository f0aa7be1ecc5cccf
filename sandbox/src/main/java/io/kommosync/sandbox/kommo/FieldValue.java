package io.kommosync.sandbox.kommo;

import java.util.Objects;

/**
 * One value of a custom field.
 *
 * @param value the value: a {@link String} for text, URL, numeric, price and enum-backed fields (the option text),
 *     a {@link Boolean} for checkboxes, a {@link Long} unix timestamp for dates
 * @param enumId the option id for select-like and multitext fields, else {@code null}
 * @param enumCode the option code (for example {@code WORK}), or {@code null}
 */
public record FieldValue(Object value, Long enumId, String enumCode) {

    /** Validates. */
    public FieldValue {
        Objects.requireNonNull(value, "value");
        if (!(value instanceof String || value instanceof Boolean || value instanceof Long)) {
            throw new IllegalArgumentException("value must be a String, Boolean or Long, was "
                    + value.getClass().getName());
        }
    }

    /**
     * A plain value without an enum.
     *
     * @param value the value
     * @return the field value
     */
    public static FieldValue of(Object value) {
        return new FieldValue(value, null, null);
    }

    /** @return the value as text ({@code "true"}, {@code "1700000000"}, ...) */
    public String text() {
        return String.valueOf(value);
    }
}
