package io.kommosync.sync.kommo;

import java.util.Objects;

/**
 * A value to write into one custom field of a deal.
 */
public sealed interface DealFieldValue {

    /**
     * The field id.
     *
     * @return the Kommo custom field id
     */
    long fieldId();

    /**
     * A text, number or URL field's value.
     *
     * @param fieldId the field id
     * @param value   the value
     */
    record Text(long fieldId, String value) implements DealFieldValue {
        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A select field's option, by enum id.
     *
     * @param fieldId the field id
     * @param enumId  the option's enum id
     */
    record Choice(long fieldId, long enumId) implements DealFieldValue {
    }
}
