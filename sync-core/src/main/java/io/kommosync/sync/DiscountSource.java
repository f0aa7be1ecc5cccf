package io.kommosync.sync;

import java.util.Objects;

/**
 * Where a line's discount comes from. Kommo's product links carry no discount, so it is read from a field.
 */
public sealed interface DiscountSource {

    /**
     * No discounts.
     *
     * @return the source
     */
    static DiscountSource none() {
        return None.INSTANCE;
    }

    /** No discounts. */
    enum None implements DiscountSource {
        /** The one instance. */
        INSTANCE
    }

    /**
     * A percentage in a custom field of each product (catalog element), by field name.
     *
     * @param fieldName the product field's name, for example "Discount %"
     */
    record ProductFieldPercent(String fieldName) implements DiscountSource {
        /**
         * Validates the name.
         *
         * @throws NullPointerException if {@code fieldName} is {@code null}
         */
        public ProductFieldPercent {
            Objects.requireNonNull(fieldName, "fieldName");
        }
    }

    /**
     * A percentage in a custom field of the deal, applied to every line.
     *
     * @param fieldId the deal field's id
     */
    record DealFieldPercent(long fieldId) implements DiscountSource {
    }
}
