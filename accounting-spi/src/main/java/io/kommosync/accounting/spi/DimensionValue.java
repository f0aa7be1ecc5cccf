package io.kommosync.accounting.spi;

import java.util.Objects;

/**
 * One value a dimension can take in the ledger, for example department {@code "D100" / "Sales"}.
 *
 * @param type   the dimension type
 * @param id     the ledger's id of the value, the one {@link Dimensions} carries
 * @param name   the display name
 * @param active whether new postings may use it
 */
public record DimensionValue(DimensionType type, String id, String name, boolean active) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public DimensionValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
