package io.kommosync.sandbox.kommo;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A catalog element linked to a lead: a line item.
 *
 * @param elementId the catalog element
 * @param catalogId its catalog
 * @param quantity the quantity, positive, fractions allowed
 * @param priceId the price-type field chosen for this lead, or {@code null} for the default {@code PRICE} field
 */
public record ProductLink(long elementId, long catalogId, BigDecimal quantity, Long priceId) {

    /** Validates. */
    public ProductLink {
        Objects.requireNonNull(quantity, "quantity");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity.toPlainString());
        }
    }

    /** @return the chosen price field, or empty for the default one */
    public OptionalLong priceFieldId() {
        return priceId == null ? OptionalLong.empty() : OptionalLong.of(priceId);
    }
}
