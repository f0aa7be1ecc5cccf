package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Names the custom field a value is written to: by id ({@code field_id}) or by code ({@code field_code}, for
 * fields created with a code, and the system fields {@code EMAIL} and {@code PHONE}). Exactly one is present.
 *
 * @param id   the field's id; empty when written by code
 * @param code the field's code; empty when written by id
 */
public record FieldRef(OptionalLong id, Optional<String> code) {

    /**
     * Validates that exactly one of id and code is present.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when both or neither are present, the id is not positive or the code blank
     */
    public FieldRef {
        Arguments.id(id, "id");
        Arguments.optional(code, "code");
        if (id.isPresent() == code.isPresent()) {
            throw new IllegalArgumentException("a field reference needs exactly one of id and code: use FieldRef.id(...)"
                + " or FieldRef.code(...)");
        }
        code.ifPresent(value -> Arguments.notBlank(value, "code", "pass a field code such as \"INVOICE_NUMBER\""));
    }

    /**
     * References a field by id.
     *
     * @param fieldId the field's id
     * @return the reference
     */
    public static FieldRef id(long fieldId) {
        return new FieldRef(OptionalLong.of(fieldId), Optional.empty());
    }

    /**
     * References a field by code.
     *
     * @param fieldCode the field's code, such as {@code INVOICE_NUMBER} or {@code EMAIL}
     * @return the reference
     */
    public static FieldRef code(String fieldCode) {
        return new FieldRef(OptionalLong.empty(), Optional.of(Arguments.notNull(fieldCode, "fieldCode",
            "pass a field code such as \"INVOICE_NUMBER\"")));
    }

    @Override
    public String toString() {
        return id.isPresent() ? "field " + id.getAsLong() : "field " + code.orElseThrow();
    }
}
