package io.kommosync.examples.server;

import io.kommosync.sync.PaymentStatusSync;
import io.kommosync.sync.Reconciler;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.SyncListener;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
            host.engine().start(config.engine().pollInterval(), config.engine().workers());
            String base = config.http().publicUrl().map(u -> config.publicBase())
                    .orElse(http.baseUri().toString().replaceAll("/+$", ""));
            ScheduledExecutorService passes = startBackgroundPasses(host.engine(), config, base);
            LOG.info("serving {}", config);
            return new Running(passes, http, host);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /**
     * Starts the periodic background work of every connection: the reconciler pass (deals whose webhook was missed,
     * and the webhook subscription itself) every {@code engine.reconcileInterval}, and the payment status pass
     * (ledger invoice changes, then the overdue sweep) every {@code engine.paymentPollInterval}. The first
     * reconciler pass of each connection runs before this method returns, so the webhook subscription exists and
     * missed deals are queued before the server says it is ready. A failing pass is logged and tried again next
     * time. This is the one place periodic work starts: wrap it to run the passes on one instance only.
     *
     * @param engine     the engine
     * @param config     the configuration (intervals, connections)
     * @param publicBase the base URL Kommo posts to, without a trailing slash
     * @return the scheduler running the passes; shut it down to stop them
     */
    static ScheduledExecutorService startBackgroundPasses(SyncEngine engine, ServerConfig config, String publicBase) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kommo-sync-background");
            t.setDaemon(true);
            return t;
        });
        Reconciler reconciler = Reconciler.of(engine);
        PaymentStatusSync payments = PaymentStatusSync.of(engine);
        Duration reconcileEvery = config.engine().reconcileInterval();
        Duration paymentsEvery = config.engine().paymentPollInterval();
        for (ServerConfig.ConnectionConfig c : config.connections()) {
            String hook = publicBase + "/kommo/" + c.id() + "/" + c.webhookToken().reveal();
            Runnable reconcile = pass("reconciler", c.id(), () -> {
                Reconciler.Result r = reconciler.reconcile(c.id(), Optional.of(hook),
                        Instant.now().minus(config.engine().reconcileLookback()));
                if (r.enqueued() > 0 || r.webhookRepaired()) {
                    LOG.info("reconciler {}: {} deal(s) enqueued, webhook repaired: {}", c.id(), r.enqueued(),
                            r.webhookRepaired());
                }
            });
            Runnable paymentStatus = pass("payment status", c.id(), () -> {
                int changed = payments.poll(c.id()) + payments.sweepOverdue(c.id());
                if (changed > 0) {
                    LOG.info("payment status {}: {} invoice change(s) enqueued", c.id(), changed);
                }
            });
            reconcile.run();
            scheduler.scheduleWithFixedDelay(reconcile, reconcileEvery.toMillis(), reconcileEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(paymentStatus, 0, paymentsEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        return scheduler;
    }

    private static Runnable pass(String name, String connectionId, Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                LOG.warn("{} pass of {} failed; the next one tries again", name, connectionId, e);
            }
        };
    }

    /**
     * The running parts of a server; {@link #close()} stops them in order (no new work, then workers, then the
     * store).
     *
     * @param passes the background passes' scheduler
     * @param http   the HTTP front
     * @param host   the engine, store and clients
     */
    record Running(ScheduledExecutorService passes, WebhookHttpServer http, EngineHost host) implements AutoCloseable {

        @Override
        public void close() {
            passes.shutdownNow();
            http.close();
            host.close();
        }
    }
}
