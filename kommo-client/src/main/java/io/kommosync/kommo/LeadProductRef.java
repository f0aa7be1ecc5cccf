package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * A catalog element (product) linked to a lead, with the link's metadata ({@code _embedded.catalog_elements[]} of
 * a lead read with {@link LeadWith#CATALOG_ELEMENTS}). The link carries no unit price: read it from the element
 * with {@link CatalogElement#price(OptionalLong)} and this link's {@link #priceId()}.
 *
 * @param elementId the catalog element's id
 * @param catalogId the catalog (list) the element belongs to
 * @param quantity  the quantity; Kommo sends whole or decimal numbers ({@code 1}, {@code 1.0}, {@code 10.22})
 * @param priceId   the id of the price field chosen for this element on this lead; empty when the default
 *                  {@code PRICE} field applies
 */
public record LeadProductRef(long elementId, long catalogId, BigDecimal quantity, OptionalLong priceId) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when an id is not positive
     */
    public LeadProductRef {
        Arguments.id(elementId, "elementId");
        Arguments.id(catalogId, "catalogId");
        Arguments.notNull(quantity, "quantity", "pass the link's metadata.quantity");
        Arguments.id(priceId, "priceId");
    }
}
