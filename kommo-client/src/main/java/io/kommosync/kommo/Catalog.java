package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;

/**
 * A Kommo catalog ("list"): {@code regular}, {@code invoices} or {@code products} (at most one of the last two per
 * account).
 *
 * @param id   the catalog's id
 * @param name its name
 * @param type {@code regular}, {@code invoices}, {@code products}, or another type Kommo adds
 */
public record Catalog(long id, String name, String type) {

    /** The type of the products catalog. */
    public static final String PRODUCTS = "products";

    /**
     * Validates the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public Catalog {
        Arguments.id(id, "id");
        Arguments.notNull(name, "name", "pass \"\" when absent");
        Arguments.notNull(type, "type", "pass the catalog's type, e.g. \"products\"");
    }

    /**
     * Tells whether this is the account's products catalog.
     *
     * @return true for type {@value #PRODUCTS}
     */
    public boolean isProducts() {
        return PRODUCTS.equals(type);
    }
}
