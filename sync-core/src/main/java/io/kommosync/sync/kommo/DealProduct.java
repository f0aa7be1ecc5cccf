package io.kommosync.sync.kommo;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One product linked to a deal: the catalog element with the quantity from the link and the unit price of the
 * price field the link chose ({@code price_id}) or the element's default price.
 *
 * @param catalogElementId the catalog element id
 * @param catalogId        the catalog (list) id
 * @param name             the element's name
 * @param sku              the SKU, when the element has one
 * @param quantity         the quantity on the link
 * @param unitPrice        the unit price, when the element has one
 * @param fieldValues      every custom field of the element as text, by field name (for mapping by field value and
 *                         for discounts)
 */
public record DealProduct(long catalogElementId, long catalogId, String name, Optional<String> sku,
                          BigDecimal quantity, Optional<BigDecimal> unitPrice, Map<String, String> fieldValues) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public DealProduct {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        fieldValues = Map.copyOf(fieldValues);
    }
}
