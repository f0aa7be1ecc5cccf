package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The value of one custom field on a lead, contact, company or catalog element, as Kommo API v4 returns it in
 * {@code custom_fields_values}:
 * <pre>{@code
 * {"field_id": 2161201, "field_name": "Phone", "field_code": "PHONE", "field_type": "multitext",
 *  "values": [{"value": "+79996370816", "enum_id": 4808271, "enum_code": "WORK"}]}
 * }</pre>
 *
 * <p>Every value is kept as text: numbers are written in plain notation ({@code "999.12"}, never {@code 9.9912E2}),
 * booleans as {@code "true"}/{@code "false"}, dates as the unix seconds Kommo sends, structured values (addresses,
 * legal entities) as their JSON. Immutable and thread-safe.
 *
 * @param fieldId   the field's id
 * @param fieldCode the field's code, such as {@code PHONE}, {@code EMAIL}, {@code SKU}, {@code PRICE}; empty when
 *                  the field has none
 * @param fieldName the field's name as shown in Kommo; empty when Kommo sent none
 * @param fieldType the field's type, such as {@code text}, {@code select}, {@code multitext}, {@code price}; empty
 *                  when Kommo sent none
 * @param values    the values, in Kommo's order; several for multitext and multiselect fields
 */
public record CustomFieldValue(
    long fieldId,
    Optional<String> fieldCode,
    Optional<String> fieldName,
    Optional<String> fieldType,
    List<Value> values) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component or value is null
     * @throws IllegalArgumentException when {@code fieldId} is not positive
     */
    public CustomFieldValue {
        Arguments.id(fieldId, "fieldId");
        Arguments.optional(fieldCode, "fieldCode");
        Arguments.optional(fieldName, "fieldName");
        Arguments.optional(fieldType, "fieldType");
        values = Arguments.list(values, "values");
    }

    /**
     * Returns the text of the first value that has one.
     *
     * @return the text, or empty when no value carries text
     */
    public Optional<String> firstText() {
        return values.stream().flatMap(v -> v.value().stream()).findFirst();
    }

    /**
     * Returns the texts of all values that have one, in order.
     *
     * @return the texts; empty when none
     */
    public List<String> texts() {
        return values.stream().flatMap(v -> v.value().stream()).toList();
    }

    /**
     * Tells whether this is the field with the given code (case-insensitive).
     *
     * @param code a field code such as {@code EMAIL}
     * @return true when the codes match
     */
    public boolean hasCode(String code) {
        return fieldCode.filter(own -> own.equalsIgnoreCase(code)).isPresent();
    }

    /**
     * One value of a custom field.
     *
     * @param value    the value as text (numbers and booleans included); empty when Kommo sent only an enum
     * @param enumId   the id of the chosen option (select, multiselect, radiobutton) or of the kind of a multitext
     *                 entry; empty when absent
     * @param enumCode the code of the option or kind, such as {@code WORK}; empty when absent
     */
    public record Value(Optional<String> value, OptionalLong enumId, Optional<String> enumCode) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException when a component is null
         */
        public Value {
            Arguments.optional(value, "value");
            Arguments.notNull(enumId, "enumId", "pass OptionalLong.empty() when absent");
            Arguments.optional(enumCode, "enumCode");
        }

        /**
         * Creates a plain text value without enum.
         *
         * @param text the text
         * @return the value
         */
        public static Value of(String text) {
            return new Value(Optional.of(Arguments.notNull(text, "text", "pass the value's text")),
                OptionalLong.empty(), Optional.empty());
        }
    }
}
