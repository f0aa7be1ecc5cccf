package io.kommosync.examples.server;

import io.kommosync.client.Secret;
import io.kommosync.examples.server.console.MappingPersistence;
import io.kommosync.examples.server.console.ProductCatalog;
import io.kommosync.examples.server.console.WebConsole;
import io.kommosync.sync.BackgroundTasks;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.jdbc.Pruned;
import io.kommosync.sync.jdbc.SyncDatabase;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the engine as a long-lived process: every connection of the YAML configuration, the durable store, the HTTP
 * front ({@code /kommo/...}, {@code /ledger/...}, {@code /health}, {@code /ready}), worker threads and the periodic
 * background passes (reconciler, payment status poll). Prints {@code ready <base URL>} on standard output once it
 * listens, and stops cleanly on SIGTERM / Ctrl-C. A SIGKILL loses nothing: the store is durable and the next start
 * resumes from it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the sync engine with its HTTP webhook front until stopped.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The YAML configuration file (see the module README).")
    private Path configFile;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = ServerConfig.load(configFile);
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
    static Running start(ServerConfig config) {
        return start(config, new SyncListener() { });
    }

    /**
     * Starts everything the configuration describes, telling a listener about the engine's work.
     *
     * @param config   the configuration
     * @param listener the listener
     * @return the running parts, to close in order
     */
    static Running start(ServerConfig config, SyncListener listener) {
        EngineHost host = EngineHost.open(config, listener);
        try {
            WebhookHttpServer http = WebhookHttpServer.start(host.engine(),
                    new InetSocketAddress(config.http().host(), config.http().port()));
            config.console().token().ifPresent(token -> http.mount(WebConsole.PATH, console(host, token).handler()));
            host.engine().start(config.engine().pollInterval(), config.engine().workers());
            String base = config.http().publicUrl().map(u -> config.publicBase())
                    .orElse(http.baseUri().toString().replaceAll("/+$", ""));
            BackgroundTasks background = backgroundTasks(host, config, base, instanceId());
            // The first round runs before "ready": the webhook subscription exists and missed deals are queued
            // (on the instance that holds the reconciler's lease).
            background.runDue();
            background.start(tick(config.engine()));
            LOG.info("serving {}", config);
            return new Running(background, http, host);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /**
     * The periodic background work of every connection, each task under its own lease row in the store, so that
     * several instances sharing a PostgreSQL database run each task on one instance at a time and take it over when
     * that instance dies: the reconciler ({@code reconciler:<id>}, deals whose webhook was missed and the webhook
     * subscription itself) every {@code engine.reconcileInterval}, the payment status poll
     * ({@code payment-status:<id>}, ledger invoice changes) every {@code engine.paymentPollInterval}, the overdue
     * sweep ({@code overdue-sweep:<id>}) every {@code engine.overdueSweepInterval}, and pruning ({@code prune}: audit
     * rows, finished jobs and seen events older than {@code engine.retention}) every {@code engine.pruneInterval}.
     * Nothing runs until {@link BackgroundTasks#runDue()} or {@link BackgroundTasks#start}.
     *
     * @param host       the engine and its store
     * @param config     the configuration (intervals, connections)
     * @param publicBase the base URL Kommo posts to, without a trailing slash
     * @param instanceId this instance's name in the lease rows
     * @return the tasks; close them to stop and hand the leases over
     */
    static BackgroundTasks backgroundTasks(EngineHost host, ServerConfig config, String publicBase,
                                           String instanceId) {
        SyncEngine engine = host.engine();
        SyncDatabase database = host.database();
        ServerConfig.EngineConfig e = config.engine();
        BackgroundTasks.Builder tasks = BackgroundTasks.builder()
                .leases(name -> database.leaderLease(name, instanceId, e.leaderLease()));
        for (ServerConfig.ConnectionConfig c : config.connections()) {
            String hook = publicBase + "/kommo/" + c.id() + "/" + c.webhookToken().reveal();
            tasks.reconciler(engine, c.id(), Optional.of(hook), e.reconcileLookback(), e.reconcileInterval())
                    .paymentStatus(engine, c.id(), e.paymentPollInterval(), e.overdueSweepInterval());
        }
        return tasks.task("prune", e.pruneInterval(), () -> {
            Pruned pruned = database.prune(e.retention(), Instant.now());
            LOG.info("pruned {}", pruned);
        }).build();
    }

    private static WebConsole console(EngineHost host, Secret token) {
        WebConsole.Builder console = WebConsole.builder(host.engine(), token);
        Map<String, MappingPersistence> files = new HashMap<>();
        for (ConnectionClients clients : host.clients()) {
            String id = clients.config().id();
            console.catalog(id, ProductCatalog.kommo(clients.kommo()));
            clients.config().mapping().file().ifPresent(f -> files.put(id, MappingPersistence.file(f)));
        }
        return console.persistence((connectionId, table) -> {
            MappingPersistence file = files.get(connectionId);
            if (file == null) {
                LOG.warn("the mapping of {} is written inline in the configuration; the console's change lasts until"
                        + " the server stops", connectionId);
            } else {
                file.persist(connectionId, table);
            }
        }).build();
    }

    /**
     * How often the background tasks tick: often enough for the shortest interval, and at most a third of the
     * leader lease so the holder renews it in time.
     */
    static Duration tick(ServerConfig.EngineConfig e) {
        Duration tick = e.leaderLease().dividedBy(3);
        for (Duration d : List.of(e.reconcileInterval(), e.paymentPollInterval(), e.overdueSweepInterval())) {
            if (d.compareTo(tick) < 0) {
                tick = d;
            }
        }
        return tick.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : tick;
    }

    /** This process's name in lease rows: host name and process id. */
    static String instanceId() {
        String hostName;
        try {
            hostName = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            hostName = "localhost";
        }
        return hostName + ":" + ProcessHandle.current().pid();
    }

    /**
     * The running parts of a server; {@link #close()} stops them in order (no new work, then workers, then the
     * store).
     *
     * @param background the background tasks
     * @param http       the HTTP front
     * @param host       the engine, store and clients
     */
    record Running(BackgroundTasks background, WebhookHttpServer http, EngineHost host) implements AutoCloseable {

        @Override
        public void close() {
            background.close();
            http.close();
            host.close();
        }
    }
}
