package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A link from a lead to another entity ({@code GET /api/v4/leads/{id}/links}): a contact, a company or a catalog
 * element with its quantity.
 *
 * @param toEntityId   the linked entity's id
 * @param toEntityType {@code contacts}, {@code companies}, {@code catalog_elements}, ...
 * @param catalogId    for catalog elements: the catalog; empty otherwise
 * @param quantity     for catalog elements: the quantity; empty otherwise
 * @param priceId      for catalog elements: the chosen price field; empty for the default one
 * @param mainContact  for contacts: whether it is the lead's main contact
 */
public record LeadLink(
    long toEntityId,
    String toEntityType,
    OptionalLong catalogId,
    Optional<BigDecimal> quantity,
    OptionalLong priceId,
    boolean mainContact) {

    /** Entity type of catalog elements (products). */
    public static final String CATALOG_ELEMENTS = "catalog_elements";
    /** Entity type of contacts. */
    public static final String CONTACTS = "contacts";

    /**
     * Validates the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when an id is not positive
     */
    public LeadLink {
        Arguments.id(toEntityId, "toEntityId");
        Arguments.notBlank(toEntityType, "toEntityType", "pass the link's to_entity_type");
        Arguments.id(catalogId, "catalogId");
        Arguments.optional(quantity, "quantity");
        Arguments.id(priceId, "priceId");
    }

    /**
     * Tells whether the link points to a catalog element (a product line).
     *
     * @return true for {@value #CATALOG_ELEMENTS}
     */
    public boolean isCatalogElement() {
        return CATALOG_ELEMENTS.equals(toEntityType);
    }
}
