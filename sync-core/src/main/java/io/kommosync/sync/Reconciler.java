package io.kommosync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Catches what webhooks missed: lists the deals in each trigger stage changed since the stored cursor and enqueues
 * the invoice job of each (a deal already handled is a duplicate the store drops), and makes sure the connection's
 * Kommo webhook subscription exists and is enabled (Kommo disables a subscription after too many failed
 * deliveries).
 *
 * <p>Thread-safe. In a cluster, run it on one instance at a time.
 */
public final class Reconciler {

    /** The store cursor's name. */
    public static final String CURSOR = "reconciler";
    /** Deals changed this long before the cursor are looked at again, for clock skew between us and Kommo. */
    static final Duration OVERLAP = Duration.ofMinutes(2);

    private final SyncEngine engine;

    private Reconciler(SyncEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The reconciler of an engine.
     *
     * @param engine the engine
     * @return the reconciler
     */
    public static Reconciler of(SyncEngine engine) {
        return new Reconciler(engine);
    }

    /**
     * One pass over a connection.
     *
     * @param connectionId the connection
     * @param webhookUrl   the URL Kommo should post this connection's events to, or empty to leave subscriptions
     *                     alone
     * @param since        the earliest change to look at on the first pass (later passes use the stored cursor)
     * @return what the pass did
     */
    public Result reconcile(String connectionId, Optional<String> webhookUrl, Instant since) {
        Connection c = engine.connection(connectionId);
        Instant started = engine.now();
        Instant from = engine.store().cursor(connectionId, CURSOR).map(Instant::parse).orElse(since);
        int enqueued = 0;
        for (TriggerRule rule : c.triggers()) {
            List<Long> deals = engine.call(() -> c.kommo().dealsInStage(rule.pipelineId(), rule.statusId(),
                    from.minus(OVERLAP)));
            for (long dealId : deals) {
                if (engine.enqueueInvoice(connectionId, dealId, rule.id()).created()) {
                    enqueued++;
                }
            }
        }
        boolean webhookRepaired = webhookUrl.isPresent()
                && engine.call(() -> c.kommo().ensureWebhook(webhookUrl.get(), List.of("status_lead", "add_lead")));
        engine.store().saveCursor(connectionId, CURSOR, started.toString());
        return new Result(enqueued, webhookRepaired);
    }

    /**
     * What a pass did.
     *
     * @param enqueued        invoice jobs enqueued for deals webhooks missed
     * @param webhookRepaired whether the webhook subscription had to be created or re-enabled
     */
    public record Result(int enqueued, boolean webhookRepaired) {
    }
}
