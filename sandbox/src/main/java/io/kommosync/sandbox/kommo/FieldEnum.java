package io.kommosync.sandbox.kommo;

import java.util.Objects;

/**
 * One option of a select-like or multitext custom field.
 *
 * @param id the enum id
 * @param value the option text
 * @param sort display order
 * @param code the enum code such as {@code WORK}, or {@code null}
 */
public record FieldEnum(long id, String value, int sort, String code) {
    /** Validates. */
    public FieldEnum {
        Objects.requireNonNull(value, "value");
    }
}
