package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A lead custom field to create ({@link LeadCustomFields#create(List)}).
 *
 * <pre>{@code
 * NewCustomField.of(CustomFieldType.URL, "Xero invoice URL").withCode("XERO_INVOICE_URL").withApiOnly();
 * NewCustomField.select("Payment status", List.of("Pending", "Paid", "Overdue"));
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return copies.
 *
 * @param type    the field type
 * @param name    its name as shown in Kommo
 * @param code    its code, which lets values be written by code; empty for none
 * @param apiOnly true to let only the API change it
 * @param options the options of a select-like type, in order; empty for other types
 */
public record NewCustomField(
    CustomFieldType type, String name, Optional<String> code, boolean apiOnly, List<Option> options) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when a select-like type has no options, another type has options, option
     *     values repeat, or the name or code is blank
     */
    public NewCustomField {
        Arguments.notNull(type, "type", "pass a CustomFieldType such as CustomFieldType.TEXT");
        Arguments.notBlank(name, "name", "name the field as it should appear in Kommo");
        Arguments.optional(code, "code");
        code.ifPresent(value -> Arguments.notBlank(value, "code", "pass Optional.empty() for no code"));
        options = Arguments.list(options, "options");
        if (type.hasOptions() && options.isEmpty()) {
            throw new IllegalArgumentException("options must not be empty for a " + type.wireName() + " field '"
                + name + "': pass at least one option");
        }
        if (!type.hasOptions() && !options.isEmpty()) {
            throw new IllegalArgumentException("options are only allowed for select, multiselect and radiobutton"
                + " fields, not for the " + type.wireName() + " field '" + name + "': remove them");
        }
        Set<String> seen = new HashSet<>();
        for (Option option : options) {
            if (!seen.add(option.value())) {
                throw new IllegalArgumentException("option '" + option.value() + "' appears twice in field '" + name
                    + "': option values must be unique");
            }
        }
    }

    /**
     * Creates a field of a type without options.
     *
     * @param type the type (not select-like)
     * @param name the field's name
     * @return the field, without code, not API-only
     */
    public static NewCustomField of(CustomFieldType type, String name) {
        return new NewCustomField(type, name, Optional.empty(), false, List.of());
    }

    /**
     * Creates a select field whose options are sorted in the given order.
     *
     * @param name    the field's name
     * @param options the option texts, in order; not empty
     * @return the field
     */
    public static NewCustomField select(String name, List<String> options) {
        Arguments.list(options, "options");
        List<Option> list = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            list.add(new Option(options.get(i), (i + 1) * 10, Optional.empty()));
        }
        return new NewCustomField(CustomFieldType.SELECT, name, Optional.empty(), false, list);
    }

    /**
     * Returns a copy with a code.
     *
     * @param value the code, such as {@code PAYMENT_STATUS}
     * @return the copy
     */
    public NewCustomField withCode(String value) {
        return new NewCustomField(type, name, Optional.of(value), apiOnly, options);
    }

    /**
     * Returns a copy that only the API may change.
     *
     * @return the copy
     */
    public NewCustomField withApiOnly() {
        return new NewCustomField(type, name, code, true, options);
    }

    /**
     * An option of a select-like field.
     *
     * @param value its text
     * @param sort  its position
     * @param code  its code; empty for none
     */
    public record Option(String value, int sort, Optional<String> code) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException     when a component is null
         * @throws IllegalArgumentException when {@code value} is blank
         */
        public Option {
            Arguments.notBlank(value, "value", "give the option a text");
            Arguments.optional(code, "code");
        }
    }
}
