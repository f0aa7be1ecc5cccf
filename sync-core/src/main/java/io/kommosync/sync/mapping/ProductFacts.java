package io.kommosync.sync.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the mapping table may know about one product on a deal: a Kommo catalog element as read by the engine.
 *
 * @param catalogElementId the Kommo catalog element id; positive
 * @param name             the product name, used in messages; not blank
 * @param sku              the product's SKU, if it has one; a blank SKU is normalised to empty
 * @param fieldValues      the product's custom field values, field name to value, in the catalog's order;
 *                         copied. Blank names or values never match a row.
 */
public record ProductFacts(long catalogElementId, String name, Optional<String> sku, Map<String, String> fieldValues) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if a component, a field name or a field value is {@code null}
     * @throws IllegalArgumentException if the id is not positive or the name is blank
     */
    public ProductFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(fieldValues, "fieldValues");
        if (catalogElementId <= 0) {
            throw new IllegalArgumentException("product '" + name + "': catalog element id must be positive, got "
                    + catalogElementId);
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("product " + catalogElementId + " needs a name");
        }
        sku = sku.filter(s -> !s.isBlank());
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        fieldValues.forEach((field, value) -> {
            Objects.requireNonNull(field, "field name of product " + catalogElementId);
            Objects.requireNonNull(value, "value of field '" + field + "' of product " + catalogElementId);
            copy.put(field, value);
        });
        fieldValues = Collections.unmodifiableMap(copy);
    }

    /**
     * A product with neither SKU nor custom fields.
     *
     * @param catalogElementId the Kommo catalog element id
     * @param name             the product name
     * @return the facts
     */
    public static ProductFacts of(long catalogElementId, String name) {
        return new ProductFacts(catalogElementId, name, Optional.empty(), Map.of());
    }

    /**
     * A copy with a SKU.
     *
     * @param newSku the SKU; blank means none
     * @return the new facts
     */
    public ProductFacts withSku(String newSku) {
        return new ProductFacts(catalogElementId, name, Optional.of(newSku), fieldValues);
    }

    /**
     * A copy with one more (or a replaced) custom field value.
     *
     * @param field the field name
     * @param value the value
     * @return the new facts
     */
    public ProductFacts withField(String field, String value) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(fieldValues);
        copy.put(field, value);
        return new ProductFacts(catalogElementId, name, sku, copy);
    }
}
