package io.kommosync.examples.server.console;

import io.kommosync.kommo.Catalog;
import io.kommosync.kommo.CatalogElement;
import io.kommosync.kommo.KommoClient;
import io.kommosync.sync.mapping.ProductFacts;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the console reads the products of one Kommo account, the rows of its mapping view.
 *
 * <p>Implementations are thread-safe; they are called on every page load and validation, so a slow source may
 * cache. They may throw the Kommo client's unchecked exceptions; the console answers 502 and shows the message.
 */
@FunctionalInterface
public interface ProductCatalog {

    /**
     * The products, in the order to show them.
     *
     * @return the products; empty when the account has none
     */
    List<ProductFacts> products();

    /**
     * The elements of the account's products catalog, read through the Kommo client on every call
     * ({@code GET /api/v4/catalogs}, then the elements page by page). An account without a products catalog has
     * no products.
     *
     * @param client the Kommo client of the connection's account; the caller keeps and closes it
     * @return the catalog
     */
    static ProductCatalog kommo(KommoClient client) {
        Objects.requireNonNull(client, "client");
        return () -> {
            Optional<Catalog> products = client.catalogs().products();
            if (products.isEmpty()) {
                return List.of();
            }
            return client.catalogs().elements(products.get().id()).stream().map(ProductCatalog::facts).toList();
        };
    }

    /**
     * A fixed list, for tests and hosts that keep their own.
     *
     * @param products the products
     * @return the catalog
     */
    static ProductCatalog of(List<ProductFacts> products) {
        List<ProductFacts> copy = List.copyOf(products);
        return () -> copy;
    }

    private static ProductFacts facts(CatalogElement element) {
        String name = element.name().isBlank() ? "element " + element.id() : element.name();
        Map<String, String> fields = element.fieldTexts();
        return new ProductFacts(element.id(), name, element.sku(), fields);
    }
}
