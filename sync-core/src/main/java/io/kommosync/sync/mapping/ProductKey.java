package io.kommosync.sync.mapping;

import java.util.Objects;

/**
 * What a {@link MappingRow} matches a product by: its Kommo catalog element id, its SKU, or the value of one of its
 * custom fields.
 *
 * <p><b>Matching.</b> Text is compared after stripping surrounding whitespace, Unicode NFC normalisation and
 * lower-casing in the root locale, so {@code " cons-1 "} and {@code "CONS-1"} are the same SKU. Inner whitespace
 * and punctuation count: {@code "CONS 1"} is not {@code "CONS-1"}. {@code equals} and {@code hashCode}
 * follow the same rule, so two keys are equal exactly when they match the same products; the components keep the
 * text as written (stripped) for messages and export.
 *
 * <p>Immutable and thread-safe. Constructors reject {@code null} with a {@link NullPointerException} and blank text
 * or a non-positive id with an {@link IllegalArgumentException} naming the field.
 */
public sealed interface ProductKey permits ProductKey.ElementId, ProductKey.Sku, ProductKey.FieldValue {

    /**
     * The key in plain words for messages, for example {@code SKU 'CONS-1'}, {@code catalog element 1126319} or
     * {@code field 'Service type' = 'Consulting'}.
     *
     * @return the description
     */
    String describe();

    /**
     * Whether this key matches a product. Used by {@link MappingTable#lookup(ProductFacts)}, which also applies
     * the precedence between kinds of key.
     *
     * @param product the product
     * @return {@code true} if the product's id, SKU or field value matches this key
     */
    boolean matches(ProductFacts product);

    /**
     * Matches the product whose Kommo catalog element id is {@code catalogElementId}.
     *
     * @param catalogElementId the Kommo catalog element id; positive
     */
    record ElementId(long catalogElementId) implements ProductKey {

        /**
         * Validates the id.
         *
         * @throws IllegalArgumentException if the id is not positive
         */
        public ElementId {
            if (catalogElementId <= 0) {
                throw new IllegalArgumentException("a catalog element id must be positive, got " + catalogElementId
                        + "; use the id shown in the Kommo catalog");
            }
        }

        @Override
        public String describe() {
            return "catalog element " + catalogElementId;
        }

        @Override
        public boolean matches(ProductFacts product) {
            return product.catalogElementId() == catalogElementId;
        }
    }

    /**
     * Matches the product whose SKU equals {@code sku}, ignoring case and surrounding whitespace.
     *
     * @param sku the SKU; stored stripped, not blank
     */
    record Sku(String sku) implements ProductKey {

        /**
         * Validates and strips the SKU.
         *
         * @throws NullPointerException     if {@code sku} is {@code null}
         * @throws IllegalArgumentException if {@code sku} is blank
         */
        public Sku {
            Objects.requireNonNull(sku, "sku");
            sku = sku.strip();
            if (sku.isEmpty()) {
                throw new IllegalArgumentException("a SKU key needs a SKU; it is blank");
            }
        }

        @Override
        public String describe() {
            return "SKU '" + sku + "'";
        }

        @Override
        public boolean matches(ProductFacts product) {
            return product.sku().map(s -> KeyFolding.fold(s).equals(KeyFolding.fold(sku))).orElse(false);
        }

        /**
         * Equal to another SKU key with the same SKU, ignoring case and surrounding whitespace.
         *
         * @param other the other object
         * @return whether both match the same products
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof Sku s && KeyFolding.fold(sku).equals(KeyFolding.fold(s.sku));
        }

        @Override
        public int hashCode() {
            return KeyFolding.fold(sku).hashCode();
        }
    }

    /**
     * Matches the product whose custom field {@code fieldName} has the value {@code value}, both compared
     * ignoring case and surrounding whitespace; for example field {@code "Service type"} = {@code "Consulting"}.
     *
     * @param fieldName the name of the Kommo product custom field; stored stripped, not blank
     * @param value     the field value; stored stripped, not blank
     */
    record FieldValue(String fieldName, String value) implements ProductKey {

        /**
         * Validates and strips the components.
         *
         * @throws NullPointerException     if a component is {@code null}
         * @throws IllegalArgumentException if a component is blank
         */
        public FieldValue {
            Objects.requireNonNull(fieldName, "fieldName");
            Objects.requireNonNull(value, "value");
            fieldName = fieldName.strip();
            value = value.strip();
            if (fieldName.isEmpty()) {
                throw new IllegalArgumentException("a field key needs the name of the product field; it is blank");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("a field key for '" + fieldName + "' needs a value; it is blank");
            }
        }

        @Override
        public String describe() {
            return "field '" + fieldName + "' = '" + value + "'";
        }

        @Override
        public boolean matches(ProductFacts product) {
            String name = KeyFolding.fold(fieldName);
            String wanted = KeyFolding.fold(value);
            return product.fieldValues().entrySet().stream()
                    .anyMatch(e -> KeyFolding.fold(e.getKey()).equals(name)
                            && KeyFolding.fold(e.getValue()).equals(wanted));
        }

        /**
         * Equal to another field key with the same field name and value, ignoring case and surrounding whitespace.
         *
         * @param other the other object
         * @return whether both match the same products
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof FieldValue f
                    && KeyFolding.fold(fieldName).equals(KeyFolding.fold(f.fieldName))
                    && KeyFolding.fold(value).equals(KeyFolding.fold(f.value));
        }

        @Override
        public int hashCode() {
            return 31 * KeyFolding.fold(fieldName).hashCode() + KeyFolding.fold(value).hashCode();
        }
    }
}
