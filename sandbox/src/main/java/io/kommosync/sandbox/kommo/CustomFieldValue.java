package io.kommosync.sandbox.kommo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The values an entity holds for one custom field, in the shape of {@code custom_fields_values}.
 *
 * @param fieldId the field id
 * @param fieldName the field name
 * @param fieldCode the field code, or {@code null}
 * @param fieldType the field type
 * @param values the values, at least one
 */
public record CustomFieldValue(long fieldId, String fieldName, String fieldCode, CustomFieldType fieldType,
        List<FieldValue> values) {

    /** Validates and copies. */
    public CustomFieldValue {
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(fieldType, "fieldType");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a custom field value needs at least one value; remove the field "
                    + "instead of storing none");
        }
    }

    /** @return the first value as text */
    public String text() {
        return values.get(0).text();
    }

    /** @return every value as text */
    public List<String> texts() {
        return values.stream().map(FieldValue::text).toList();
    }

    static Optional<CustomFieldValue> find(List<CustomFieldValue> values, String code) {
        return values.stream().filter(v -> code.equals(v.fieldCode())).findFirst();
    }

    static Optional<CustomFieldValue> find(List<CustomFieldValue> values, long fieldId) {
        return values.stream().filter(v -> v.fieldId() == fieldId).findFirst();
    }
}
