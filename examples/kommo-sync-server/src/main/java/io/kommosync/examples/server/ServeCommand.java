package io.kommosync.examples.server;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.client.Secret;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sync.Connection;
import io.kommosync.sync.InvoiceDefaults;
import io.kommosync.sync.KommoFields;
import io.kommosync.sync.Reconciler;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.TriggerRule;
import io.kommosync.sync.jdbc.SyncDatabase;
import io.kommosync.sync.kommo.KommoClientGateway;
import io.kommosync.sync.mapping.MappingTables;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the engine as a long-lived process: one connection from a configuration file, the embedded H2 file store,
 * the HTTP webhook front, worker threads and a periodic reconciler pass that catches up on deals whose webhook was
 * missed (for example while the process was down). Prints {@code ready <base URL>} on standard output once it
 * listens, and stops cleanly on SIGTERM / Ctrl-C. A SIGKILL loses nothing: the store is durable and the next start
 * resumes from it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the sync engine with its HTTP webhook front until stopped.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The configuration properties file (see the module README).")
    private Path configFile;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        ServeConfig config = ServeConfig.load(configFile);
        Running running = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "kommo-sync-shutdown"));
        out.println("ready " + running.http().baseUri());
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Starts everything the configuration describes.
     *
     * @param config the configuration
     * @return the running parts, to close in order
     */
    static Running start(ServeConfig config) {
        AccountingConfig.Builder ledgerConfig = AccountingConfig.builder();
        config.ledgerConfig().forEach((k, v) -> {
            if (isSecret(k)) {
                ledgerConfig.putSecret(k, v);
            } else {
                ledgerConfig.put(k, v);
            }
        });
        AccountingPort port = AccountingPorts.load(config.ledgerProvider(), ledgerConfig.build());
        KommoClient kommo = KommoClient.builder().baseUrl(config.kommoBaseUrl())
                .credentials(KommoCredentials.longLived(Secret.of(config.kommoToken())))
                .rateLimit(config.kommoRequestsPerSecond()).build();
        Connection connection = Connection.builder(config.connectionId())
                .kommo(config.kommoAccountId(), new KommoClientGateway(kommo))
                .webhookToken(config.webhookToken())
                .ledger(port)
                .trigger(new TriggerRule("raise-invoice", config.pipelineId(), config.stageId()))
                .mapping(MappingTables.load(config.mappingFile()))
                .fields(KommoFields.of(config.invoiceNumberFieldId(), config.invoiceLinkFieldId()))
                .defaults(InvoiceDefaults.of(config.currency()))
                .build();
        SyncDatabase database = SyncDatabase.builder().h2File(config.h2File()).build();
        SyncEngine engine = SyncEngine.builder().store(database.syncStore()).connection(connection)
                .lease(config.lease()).build();
        WebhookHttpServer http = WebhookHttpServer.start(engine,
                new InetSocketAddress(config.httpHost(), config.httpPort()));
        engine.start(config.pollInterval(), config.workers());
        URI base = config.publicUrl().orElse(http.baseUri());
        String hook = base.toString().replaceAll("/+$", "") + "/kommo/" + config.connectionId() + "/"
                + config.webhookToken();
        ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kommo-sync-reconciler");
            t.setDaemon(true);
            return t;
        });
        Reconciler passes = Reconciler.of(engine);
        Runnable pass = () -> {
            try {
                Reconciler.Result r = passes.reconcile(config.connectionId(), Optional.of(hook),
                        Instant.now().minus(config.reconcileLookback()));
                if (r.enqueued() > 0 || r.webhookRepaired()) {
                    LOG.info("reconciler: {} deal(s) enqueued, webhook repaired: {}", r.enqueued(), r.webhookRepaired());
                }
            } catch (RuntimeException e) {
                LOG.warn("reconciler pass failed; the next one tries again", e);
            }
        };
        // The first pass runs before "ready": the webhook subscription exists and missed deals are queued.
        pass.run();
        reconciler.scheduleWithFixedDelay(pass, config.reconcileEvery().toMillis(), config.reconcileEvery().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("serving {} ", config);
        return new Running(reconciler, http, engine, database, port, kommo);
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.endsWith("key");
    }

    /**
     * The running parts of a server; {@link #close()} stops them in order (no new work, then workers, then the
     * store).
     *
     * @param reconciler the reconciler's scheduler
     * @param http       the webhook front
     * @param engine     the engine
     * @param database   the store
     * @param port       the ledger
     * @param kommo      the Kommo client
     */
    record Running(ScheduledExecutorService reconciler, WebhookHttpServer http, SyncEngine engine,
                   SyncDatabase database, AccountingPort port, KommoClient kommo) implements AutoCloseable {

        @Override
        public void close() {
            reconciler.shutdownNow();
            http.close();
            engine.close();
            database.close();
            port.close();
            kommo.close();
        }
    }
}
