package io.kommosync.sync;

import io.kommosync.accounting.spi.InboundWebhook;
import io.kommosync.accounting.spi.InvoiceEvent;
import io.kommosync.accounting.spi.UnsupportedCapabilityException;
import io.kommosync.accounting.spi.WebhookRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Receives a ledger's webhooks (Xero's signed invoice events, Intacct triggers), framework-free. The path ends in
 * {@code /<connection id>}; the connection's port verifies the vendor's signature over the raw body
 * ({@link io.kommosync.accounting.spi.AccountingPort#verifyWebhook}). Each event is enqueued once (repeated
 * deliveries of an event id are dropped); no remote call happens here.
 *
 * <p>Thread-safe.
 */
public final class AccountingWebhookEndpoint {

    private final SyncEngine engine;

    private AccountingWebhookEndpoint(SyncEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The endpoint of an engine.
     *
     * @param engine the engine
     * @return the endpoint
     */
    public static AccountingWebhookEndpoint of(SyncEngine engine) {
        return new AccountingWebhookEndpoint(engine);
    }

    /**
     * Handles one request.
     *
     * @param method  the HTTP method
     * @param path    the request path, ending in the connection id
     * @param headers the headers
     * @param body    the raw body
     * @return the answer
     */
    public WebhookResponse handle(String method, String path, Map<String, List<String>> headers, byte[] body) {
        if (!"POST".equalsIgnoreCase(method)) {
            return WebhookResponse.text(405, "use POST");
        }
        String trimmed = path == null ? "" : path.replaceAll("/+$", "");
        String connectionId = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        Optional<Connection> connection = engine.connections().stream().filter(c -> c.id().equals(connectionId))
                .findFirst();
        if (connection.isEmpty()) {
            return WebhookResponse.text(404, "no such webhook");
        }
        Connection c = connection.get();
        Optional<InboundWebhook> inbound;
        try {
            inbound = c.ledger().verifyWebhook(new WebhookRequest(method, path, headers, body));
        } catch (UnsupportedCapabilityException e) {
            return WebhookResponse.text(404, "this ledger sends no webhooks");
        }
        if (inbound.isEmpty()) {
            return new WebhookResponse(401, "text/plain; charset=utf-8", "");
        }
        for (InvoiceEvent event : inbound.get().events()) {
            String key = event.eventId().isEmpty() ? event.kind() + "@" + event.occurredAt() : event.eventId();
            if (engine.store().markSeen(c.id(), "ledger-event:" + key + ":" + event.invoiceId(), engine.now())) {
                engine.enqueueLedgerChange(c.id(), event.invoiceId(), key);
            }
        }
        return new WebhookResponse(inbound.get().responseStatus(), "text/plain; charset=utf-8",
                inbound.get().responseBody());
    }
}
