package io.kommosync.sandbox.kommo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An element of a catalog; a product's SKU, price and description are custom field values with the codes
 * {@code SKU}, {@code PRICE} and {@code DESCRIPTION}.
 *
 * @param id the element id
 * @param catalogId the catalog
 * @param name the element name
 * @param createdBy author
 * @param createdAt creation time
 * @param updatedAt last change
 * @param customFields custom field values
 */
public record CatalogElement(long id, long catalogId, String name, long createdBy, Instant createdAt,
        Instant updatedAt, List<CustomFieldValue> customFields) {

    /** Validates and copies. */
    public CatalogElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        customFields = List.copyOf(customFields);
    }

    /** @return the {@code SKU} value, or empty */
    public Optional<String> sku() {
        return field("SKU");
    }

    /** @return the default {@code PRICE} value as sent by the API (a decimal string), or empty */
    public Optional<String> price() {
        return field("PRICE");
    }

    /**
     * The first value of a field, by code.
     *
     * @param code the field code
     * @return the value as text, or empty
     */
    public Optional<String> field(String code) {
        return CustomFieldValue.find(customFields, code).map(CustomFieldValue::text);
    }
}
