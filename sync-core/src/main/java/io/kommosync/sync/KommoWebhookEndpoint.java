package io.kommosync.sync;

import io.kommosync.kommo.webhook.KommoWebhook;
import io.kommosync.kommo.webhook.KommoWebhookEvent;
import io.kommosync.kommo.webhook.KommoWebhookFormatException;
import io.kommosync.kommo.webhook.KommoWebhookParser;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Kommo's account webhooks, framework-free: the host's HTTP layer hands over method, path, headers and the
 * raw body, and sends back the {@link WebhookResponse}.
 *
 * <p>Kommo signs nothing, so a request is authentic when its path ends in {@code /<connection id>/<token>} with
 * the connection's secret token (compared in constant time) and its {@code account[id]} is the connection's
 * Kommo account. A lead that reached a trigger stage is enqueued; nothing else happens here — no remote call —
 * so the answer comes in milliseconds, well inside Kommo's two seconds.
 *
 * <p>Thread-safe.
 */
public final class KommoWebhookEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(KommoWebhookEndpoint.class);
    private static final String NOT_FOUND = "no such webhook";

    private final SyncEngine engine;
    private final KommoWebhookParser parser;

    private KommoWebhookEndpoint(SyncEngine engine, KommoWebhookParser parser) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * The endpoint of an engine, with the default parser limits.
     *
     * @param engine the engine
     * @return the endpoint
     */
    public static KommoWebhookEndpoint of(SyncEngine engine) {
        return new KommoWebhookEndpoint(engine, KommoWebhookParser.defaults());
    }

    /**
     * The path Kommo must post a connection's events to, below the host's mount point.
     *
     * @param connection the connection
     * @param token      its webhook token
     * @return the path, {@code /kommo/<connection id>/<token>}
     */
    public static String path(Connection connection, String token) {
        return "/kommo/" + connection.id() + "/" + token;
    }

    /**
     * Handles one request.
     *
     * @param method  the HTTP method
     * @param path    the request path (the last two segments are the connection id and its token)
     * @param headers the headers, names in any case
     * @param body    the raw body
     * @return the answer
     */
    public WebhookResponse handle(String method, String path, Map<String, List<String>> headers, byte[] body) {
        if (!"POST".equalsIgnoreCase(method)) {
            return WebhookResponse.text(405, "use POST");
        }
        String[] segments = path == null ? new String[0] : path.replaceAll("/+$", "").split("/");
        if (segments.length < 2) {
            return WebhookResponse.text(404, NOT_FOUND);
        }
        String connectionId = segments[segments.length - 2];
        String token = segments[segments.length - 1];
        Optional<Connection> connection = engine.connections().stream().filter(c -> c.id().equals(connectionId))
                .findFirst();
        if (connection.isEmpty() || !connection.get().webhookTokenMatches(token)) {
            return WebhookResponse.text(404, NOT_FOUND);
        }
        Connection c = connection.get();
        KommoWebhook webhook;
        try {
            webhook = parser.parse(contentType(headers), body);
        } catch (KommoWebhookFormatException e) {
            LOG.warn("rejected a malformed Kommo webhook for {}: {}", c.id(), e.getMessage());
            return WebhookResponse.text(400, e.getMessage());
        }
        if (webhook.account().id().isPresent() && webhook.account().id().getAsLong() != c.kommoAccountId()) {
            LOG.warn("Kommo webhook for {} carried account {}, expected {}", c.id(),
                    webhook.account().id().getAsLong(), c.kommoAccountId());
            return WebhookResponse.text(403, "account mismatch");
        }
        int enqueued = 0;
        for (KommoWebhookEvent event : webhook.events()) {
            Optional<TriggerRule> rule = triggerOf(c, event);
            if (rule.isPresent() && engine.enqueueInvoice(c.id(), event.entityId(), rule.get().id(),
                    Optional.of(event.dedupeKey())).created()) {
                enqueued++;
            }
        }
        return WebhookResponse.text(200, "accepted " + webhook.events().size() + " event(s), " + enqueued + " new job(s)");
    }

    private static Optional<TriggerRule> triggerOf(Connection c, KommoWebhookEvent event) {
        if (event instanceof KommoWebhookEvent.LeadStatusChanged s) {
            return c.triggerFor(s.pipelineId(), s.statusId());
        }
        if (event instanceof KommoWebhookEvent.LeadAdded a && a.lead().pipelineId().isPresent()
                && a.lead().statusId().isPresent()) {
            return c.triggerFor(a.lead().pipelineId().getAsLong(), a.lead().statusId().getAsLong());
        }
        return Optional.empty();
    }

    private static String contentType(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("Content-Type") && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst().orElse("application/x-www-form-urlencoded");
    }
}
