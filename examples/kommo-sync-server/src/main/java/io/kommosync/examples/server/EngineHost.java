package io.kommosync.examples.server;

import io.kommosync.sync.Connection;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.jdbc.SyncDatabase;
import io.kommosync.sync.kommo.KommoClientGateway;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine with its store, Kommo clients and ledgers, opened from the configuration, without any HTTP: what
 * {@code serve} runs behind its HTTP front and what {@code backfill} and {@code replay} run on their own. Workers
 * are not started; {@link #close()} stops the engine, then closes the store and the clients.
 */
final class EngineHost implements AutoCloseable {

    private final ServerConfig config;
    private final SyncDatabase database;
    private final SyncEngine engine;
    private final List<ConnectionClients> clients;

    private EngineHost(ServerConfig config, SyncDatabase database, SyncEngine engine, List<ConnectionClients> clients) {
        this.config = config;
        this.database = database;
        this.engine = engine;
        this.clients = clients;
    }

    /**
     * Opens everything the configuration describes.
     *
     * @param config   the configuration
     * @param listener told about the engine's work
     * @return the host; close it
     * @throws ServerConfigException when a connection has no deal fields yet
     */
    static EngineHost open(ServerConfig config, SyncListener listener) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < config.connections().size(); i++) {
            if (config.connections().get(i).fields().isEmpty()) {
                missing.add("connections[" + i + "].fields: missing; run `setup --config <file>` and copy the field "
                        + "ids it prints into the file");
            }
        }
        if (!missing.isEmpty()) {
            throw new ServerConfigException("the configuration", missing);
        }
        List<ConnectionClients> clients = new ArrayList<>();
        SyncDatabase database = null;
        try {
            SyncEngine.Builder builder = SyncEngine.builder().lease(config.engine().lease()).listener(listener);
            for (ServerConfig.ConnectionConfig c : config.connections()) {
                ConnectionClients opened = ConnectionClients.open(c);
                clients.add(opened);
                Connection.Builder connection = Connection.builder(c.id())
                        .kommo(c.kommo().accountId(), new KommoClientGateway(opened.kommo()))
                        .webhookToken(c.webhookToken().reveal())
                        .ledger(opened.ledger())
                        .mapping(c.mapping().load())
                        .fields(c.fields().orElseThrow())
                        .defaults(c.invoice())
                        .zone(c.zone());
                c.triggers().forEach(connection::trigger);
                c.paidStage().ifPresent(connection::moveWhenPaid);
                builder.connection(connection.build());
            }
            database = openStore(config.store());
            SyncEngine engine = builder.store(database.syncStore()).build();
            return new EngineHost(config, database, engine, clients);
        } catch (RuntimeException e) {
            clients.forEach(ConnectionClients::close);
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    /**
     * Opens the configured store. An H2 file is opened in H2's automatic mixed mode, so a command can use it while
     * {@code serve} has it open in another process.
     *
     * @param store the store configuration
     * @return the database; close it
     */
    static SyncDatabase openStore(ServerConfig.StoreConfig store) {
        SyncDatabase.Builder b = SyncDatabase.builder();
        if (store.h2File().isPresent()) {
            b.h2FileShared(store.h2File().get());
        } else {
            b.postgres(store.postgresUrl().orElseThrow(), store.postgresUser().orElseThrow(),
                    store.postgresPassword().orElseThrow(() -> new ServerConfigException("the configuration",
                            List.of("store.postgres.password: missing"))));
        }
        return b.build();
    }

    ServerConfig config() {
        return config;
    }

    SyncEngine engine() {
        return engine;
    }

    SyncDatabase database() {
        return database;
    }

    List<ConnectionClients> clients() {
        return clients;
    }

    @Override
    public void close() {
        engine.close();
        database.close();
        clients.forEach(ConnectionClients::close);
    }
}
