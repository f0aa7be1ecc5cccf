package io.kommosync.examples.server;

import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.kommo.Catalog;
import io.kommosync.kommo.CatalogElement;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sync.mapping.ProductFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Kommo client and the ledger of one configured connection, opened without the engine (what {@code setup} and
 * {@code mapping} need).
 *
 * @param config the connection's configuration
 * @param kommo  the Kommo client
 * @param ledger the ledger
 */
record ConnectionClients(ServerConfig.ConnectionConfig config, KommoClient kommo, AccountingPort ledger)
        implements AutoCloseable {

    /**
     * Opens the clients of a connection.
     *
     * @param config the connection
     * @return the clients; close them
     */
    static ConnectionClients open(ServerConfig.ConnectionConfig config) {
        KommoClient kommo = KommoClient.builder().baseUrl(config.kommo().baseUrl())
                .credentials(KommoCredentials.longLived(config.kommo().token()))
                .rateLimit(config.kommo().requestsPerSecond()).build();
        try {
            AccountingPort ledger = AccountingPorts.load(config.ledger().provider(),
                    config.ledger().toAccountingConfig());
            return new ConnectionClients(config, kommo, ledger);
        } catch (RuntimeException e) {
            kommo.close();
            throw e;
        }
    }

    /**
     * Every product of the Kommo products catalog.
     *
     * @return the products, in Kommo's order; empty when the account has no products catalog
     */
    List<MappingSheet.Product> products() {
        Optional<Catalog> catalog = kommo.catalogs().products();
        List<MappingSheet.Product> products = new ArrayList<>();
        if (catalog.isEmpty()) {
            return products;
        }
        for (CatalogElement e : kommo.catalogs().elements(catalog.get().id())) {
            products.add(new MappingSheet.Product(e.id(), e.name(), e.sku(), e.price(OptionalLong.empty()),
                    new ProductFacts(e.id(), e.name(), e.sku(), e.fieldTexts())));
        }
        return products;
    }

    @Override
    public void close() {
        ledger.close();
        kommo.close();
    }
}
