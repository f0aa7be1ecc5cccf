package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A custom field of leads as defined in the account ({@code GET /api/v4/leads/custom_fields}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id      the field's id
 * @param name    its name
 * @param type    its Kommo type, such as {@code text}, {@code select}, {@code monetary} (types this client cannot
 *                create are listed too)
 * @param code    its code; empty when it has none
 * @param sort    its position
 * @param apiOnly true when it can be changed only through the API
 * @param options its options (select, multiselect, radiobutton); empty for other types
 */
public record CustomFieldDefinition(
    long id, String name, String type, Optional<String> code, int sort, boolean apiOnly, List<Option> options) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public CustomFieldDefinition {
        Arguments.id(id, "id");
        Arguments.notNull(name, "name", "pass \"\" when absent");
        Arguments.notNull(type, "type", "pass the field's Kommo type");
        Arguments.optional(code, "code");
        options = Arguments.list(options, "options");
    }

    /**
     * Returns the id of the option with the given value text.
     *
     * @param value the option's text, such as {@code Paid}
     * @return its id; empty when the field has no such option
     */
    public OptionalLong optionId(String value) {
        return options.stream().filter(option -> option.value().equals(value))
            .mapToLong(Option::id).findFirst();
    }

    /**
     * One option of a select-like field.
     *
     * @param id    the option's id ({@code enum_id}), used to write the value
     * @param value its text
     * @param sort  its position
     * @param code  its code; empty when it has none
     */
    public record Option(long id, String value, int sort, Optional<String> code) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException     when a component is null
         * @throws IllegalArgumentException when {@code id} is not positive
         */
        public Option {
            Arguments.id(id, "id");
            Arguments.notNull(value, "value", "pass the option's text");
            Arguments.optional(code, "code");
        }
    }
}
