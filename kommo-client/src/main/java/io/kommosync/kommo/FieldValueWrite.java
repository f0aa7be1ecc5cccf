package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * A custom field value to write on a lead, contact or company, in the per-type shape Kommo expects in
 * {@code custom_fields_values}. Build values with the static factories:
 *
 * <pre>{@code
 * FieldValueWrite.text(invoiceNumberFieldId, "INV-0042")                 // {"value": "INV-0042"}
 * FieldValueWrite.url(FieldRef.code("XERO_INVOICE_URL"), "https://...")  // written by field_code
 * FieldValueWrite.number(fieldId, new BigDecimal("1999.90"))             // {"value": 1999.90}
 * FieldValueWrite.choice(paymentStatusFieldId, paidEnumId)               // {"enum_id": 123}
 * FieldValueWrite.choiceByValue(paymentStatusFieldId, "Paid")            // {"value": "Paid"}
 * FieldValueWrite.date(invoiceDateFieldId, LocalDate.of(2026, 3, 1))     // {"value": 1772323200}
 * FieldValueWrite.checkbox(fieldId, true)                                // {"value": true}
 * FieldValueWrite.emails(List.of("jane@example.com"))                    // EMAIL, enum_code WORK (contacts)
 * FieldValueWrite.clear(fieldId)                                         // "values": null
 * }</pre>
 *
 * <p>All implementations are immutable, thread-safe records; Kommo validates the value against the field's
 * actual type and answers {@link KommoValidationException} naming the path when they do not match.
 */
public sealed interface FieldValueWrite {

    /** Enum code of work e-mail addresses and phone numbers. */
    String WORK = "WORK";

    /**
     * Returns the field written.
     *
     * @return the field reference
     */
    FieldRef field();

    /**
     * Text for text, textarea and other free-text fields: {@code {"value": "..."}}.
     *
     * @param fieldId the field's id
     * @param text    the text
     * @return the value
     */
    static FieldValueWrite text(long fieldId, String text) {
        return text(FieldRef.id(fieldId), text);
    }

    /**
     * Text for text, textarea and other free-text fields, by field reference.
     *
     * @param field the field
     * @param text  the text
     * @return the value
     */
    static FieldValueWrite text(FieldRef field, String text) {
        return new TextValue(field, text);
    }

    /**
     * A link for url fields.
     *
     * @param fieldId the field's id
     * @param url     an absolute http(s) URL
     * @return the value
     */
    static FieldValueWrite url(long fieldId, String url) {
        return url(FieldRef.id(fieldId), url);
    }

    /**
     * A link for url fields, by field reference.
     *
     * @param field the field
     * @param url   an absolute http(s) URL
     * @return the value
     */
    static FieldValueWrite url(FieldRef field, String url) {
        return new UrlValue(field, url);
    }

    /**
     * A number for numeric fields, written as a JSON number in plain notation.
     *
     * @param fieldId the field's id
     * @param number  the number
     * @return the value
     */
    static FieldValueWrite number(long fieldId, BigDecimal number) {
        return number(FieldRef.id(fieldId), number);
    }

    /**
     * A number for numeric fields, by field reference.
     *
     * @param field  the field
     * @param number the number
     * @return the value
     */
    static FieldValueWrite number(FieldRef field, BigDecimal number) {
        return new NumberValue(field, number);
    }

    /**
     * An option of a select or radiobutton field, by its id: {@code {"enum_id": 123}}.
     *
     * @param fieldId the field's id
     * @param enumId  the option's id ({@link CustomFieldDefinition.Option#id()})
     * @return the value
     */
    static FieldValueWrite choice(long fieldId, long enumId) {
        return choice(FieldRef.id(fieldId), enumId);
    }

    /**
     * An option of a select or radiobutton field, by field reference and option id.
     *
     * @param field  the field
     * @param enumId the option's id
     * @return the value
     */
    static FieldValueWrite choice(FieldRef field, long enumId) {
        return new ChoiceValue(field, List.of(enumId));
    }

    /**
     * Several options of a multiselect field, by their ids.
     *
     * @param fieldId the field's id
     * @param enumIds the options' ids; not empty
     * @return the value
     */
    static FieldValueWrite choices(long fieldId, List<Long> enumIds) {
        return new ChoiceValue(FieldRef.id(fieldId), enumIds);
    }

    /**
     * An option of a select or radiobutton field, by its text: {@code {"value": "Paid"}}.
     *
     * @param fieldId the field's id
     * @param option  the option's text
     * @return the value
     */
    static FieldValueWrite choiceByValue(long fieldId, String option) {
        return choiceByValue(FieldRef.id(fieldId), option);
    }

    /**
     * An option of a select or radiobutton field, by field reference and option text.
     *
     * @param field  the field
     * @param option the option's text
     * @return the value
     */
    static FieldValueWrite choiceByValue(FieldRef field, String option) {
        return new ChoiceTextValue(field, List.of(Arguments.notNull(option, "option", "pass the option's text")));
    }

    /**
     * A date for date fields: midnight UTC of the day, as unix seconds.
     *
     * @param fieldId the field's id
     * @param date    the day
     * @return the value
     */
    static FieldValueWrite date(long fieldId, LocalDate date) {
        return date(FieldRef.id(fieldId), date, ZoneOffset.UTC);
    }

    /**
     * A date for date fields: midnight of the day in the given zone (use the account's time zone when Kommo should
     * show that day to users in a zone west of UTC), as unix seconds.
     *
     * @param field the field
     * @param date  the day
     * @param zone  the zone whose midnight is written
     * @return the value
     */
    static FieldValueWrite date(FieldRef field, LocalDate date, ZoneId zone) {
        Arguments.notNull(date, "date", "pass the day to write");
        Arguments.notNull(zone, "zone", "pass ZoneOffset.UTC or the account's time zone");
        return new DateValue(field, date.atStartOfDay(zone).toInstant());
    }

    /**
     * An instant for date_time (or date) fields, as unix seconds.
     *
     * @param fieldId the field's id
     * @param instant the instant; sub-second parts are dropped
     * @return the value
     */
    static FieldValueWrite dateTime(long fieldId, Instant instant) {
        return new DateValue(FieldRef.id(fieldId), instant);
    }

    /**
     * A flag for checkbox fields: {@code {"value": true}}.
     *
     * @param fieldId the field's id
     * @param checked the flag
     * @return the value
     */
    static FieldValueWrite checkbox(long fieldId, boolean checked) {
        return new CheckboxValue(FieldRef.id(fieldId), checked);
    }

    /**
     * E-mail addresses of a contact or company, written to the system field {@code EMAIL} with enum code
     * {@value #WORK}. Replaces the addresses the entity had.
     *
     * @param addresses the addresses; not empty
     * @return the value
     */
    static FieldValueWrite emails(List<String> addresses) {
        return multitext(FieldRef.code("EMAIL"), addresses, WORK);
    }

    /**
     * Phone numbers of a contact or company, written to the system field {@code PHONE} with enum code
     * {@value #WORK}. Replaces the numbers the entity had.
     *
     * @param numbers the numbers; not empty
     * @return the value
     */
    static FieldValueWrite phones(List<String> numbers) {
        return multitext(FieldRef.code("PHONE"), numbers, WORK);
    }

    /**
     * Entries of a multitext field (contacts and companies only), all of one kind.
     *
     * @param field    the field
     * @param texts    the entries; not empty
     * @param enumCode their kind, such as {@code WORK}, {@code MOB}, {@code PRIV}
     * @return the value
     */
    static FieldValueWrite multitext(FieldRef field, List<String> texts, String enumCode) {
        Arguments.notBlank(enumCode, "enumCode", "pass a kind such as \"WORK\"");
        return new MultitextValue(field, Arguments.list(texts, "texts").stream()
            .map(text -> new MultitextValue.Entry(text, enumCode)).toList());
    }

    /**
     * Removes every value of a field: {@code "values": null}.
     *
     * @param fieldId the field's id
     * @return the value
     */
    static FieldValueWrite clear(long fieldId) {
        return new ClearValue(FieldRef.id(fieldId));
    }

    /**
     * Removes every value of a field, by field reference.
     *
     * @param field the field
     * @return the value
     */
    static FieldValueWrite clear(FieldRef field) {
        return new ClearValue(field);
    }

    /**
     * Free text.
     *
     * @param field the field
     * @param text  the text
     */
    record TextValue(FieldRef field, String text) implements FieldValueWrite {
        /**
         * Validates the components.
         *
         * @throws NullPointerException when a component is null
         */
        public TextValue {
            Arguments.notNull(field, "field", "pass FieldRef.id(...) or FieldRef.code(...)");
            Arguments.notNull(text, "text", "pass the text, or use FieldValueWrite.clear(...) to remove the value");
        }
    }

    /**
     * A link.
     *
     * @param field the field
     * @param url   an absolute http(s) URL
     */
    record UrlValue(FieldRef field, String url) implements FieldValueWrite {
        /**
         * Validates the components.
         *
         * @throws NullPointerException     when a component is null
         * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
         */
        public UrlValue {
            Arguments.notNull(field, "field", "pass FieldRef.id(...) or FieldRef.code(...)");
            Arguments.notBlank(url, "url", "pass an absolute http(s) URL");
            try {
                URI parsed = new URI(url);
                String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
                if (!parsed.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))
                    || parsed.getHost() == null) {
                    throw new IllegalArgumentException("url must be an absolute http(s) URL for " + field
                        + ": include the scheme and host");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("url is not a valid URL for " + field + " (" + e.getReason()
                    + "): percent-encode spaces and special characters", e);
            }
        }
    }

    /**
     * A number.
     *
     * @param field  the field
     * @param number the number
     */
    record NumberValue(FieldRef field, BigDecimal number) implements FieldValueWrite {
        /**
         * Validates the components.
         *
         * @throws NullPointerException when a component is null
         */
        public NumberValue {
            Arguments.notNull(field, "field", "pass FieldRef.id(...) or FieldRef.code(...)");
            Arguments.notNull(number, "number", "pass the number, or use FieldValueWrite.clear(...)");
        }
    }

    /**
     * Options by id.
     *
     * @param field   the field
     * @param enumIds the option ids; not empty
     */
    record ChoiceValue(FieldRef field, List<Long> enumIds) implements FieldValueWrite {
        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException     when a component is null
         * @throws IllegalArgumentException when {@code enumIds} is empty or holds an id that is not positive
         */
        public ChoiceValue {
            Arguments.notNull(field, "field", "pass FieldRef.id(...) or FieldRef.code(...)");
            enumIds = Arguments.ids(enumIds, "enumIds");
            if (enumIds.isEmpty()) {
                throw new IllegalArgumentException("enumIds must not be empty for " + field
                    + ": use FieldValueWrite.clear(...) to remove the value");
            }
        }
    }

    /**
     * Options by text.
     *
     * @param field   the field
     * @param options the option texts; not empty
     */
    record ChoiceTextValue(FieldRef field, List<String> options) implements FieldValueWrite {
        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException     when a component is null
         * @throws IllegalArgumentException when {@code options} is empty
         */
        public ChoiceTextValue {
            Arguments.notNull(field, "field", "pass FieldRef.id(...) or FieldRef.code(...)");
            options = Arguments.list(options, "options");
            if (options.isEmpty()) {
                throw new IllegalArgumentException("options must not be empty for " + field
                    + ": use FieldValueWrite.clear(...) to remove the value");
            }
        }
    }

    /**
     * A date or instant, written as unix seconds.
     *
     * @param field the field
     * @param at    the instant
     */
    record DateValue(FieldRef field, Instant at) implements FieldValueWrite {
        /**
         * Validates the components.
         *
         * @throws NullPointerException when a component is null
         */
        public DateValue {
            Arguments.notNull(field, "field", "pass FieldRef.id(...) or FieldRef.code(...)");
            Arguments.notNull(at, "at", "pass the instant to write");
        }
    }

    /**
     * A flag.
     *
     * @param field   the field
     * @param checked the flag
     */
    record CheckboxValue(FieldRef field, boolean checked) implements FieldValueWrite {
        /**
         * Validates the components.
         *
         * @throws NullPointerException when {@code field} is null
         */
        public CheckboxValue {
            Arguments.notNull(field, "field", "pass FieldRef.id(...) or FieldRef.code(...)");
        }
    }

    /**
     * Entries of a multitext field.
     *
     * @param field   the field
     * @param entries the entries; not empty
     */
    record MultitextValue(FieldRef field, List<Entry> entries) implements FieldValueWrite {
        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException     when a component is null
         * @throws IllegalArgumentException when {@code entries} is empty
         */
        public MultitextValue {
            Arguments.notNull(field, "field", "pass FieldRef.id(...) or FieldRef.code(...)");
            entries = Arguments.list(entries, "entries");
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("entries must not be empty for " + field
                    + ": use FieldValueWrite.clear(...) to remove the values");
            }
        }

        /**
         * One entry.
         *
         * @param value    the address or number
         * @param enumCode its kind, such as {@code WORK}
         */
        public record Entry(String value, String enumCode) {
            /**
             * Validates the components.
             *
             * @throws NullPointerException     when a component is null
             * @throws IllegalArgumentException when a component is blank
             */
            public Entry {
                Arguments.notBlank(value, "value", "pass the address or number");
                Arguments.notBlank(enumCode, "enumCode", "pass a kind such as \"WORK\"");
            }
        }
    }

    /**
     * Removes the field's values.
     *
     * @param field the field
     */
    record ClearValue(FieldRef field) implements FieldValueWrite {
        /**
         * Validates the component.
         *
         * @throws NullPointerException when {@code field} is null
         */
        public ClearValue {
            Arguments.notNull(field, "field", "pass FieldRef.id(...) or FieldRef.code(...)");
        }
    }
}
