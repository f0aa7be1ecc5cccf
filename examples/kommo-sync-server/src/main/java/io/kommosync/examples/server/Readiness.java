package io.kommosync.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sync.Connection;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.WebhookResponse;
import io.kommosync.sync.store.ConnectionState;
import java.time.Instant;

/**
 * The {@code /ready} answer: 200 with {@code {"status":"ready","connections":{...}}} when the store answers and no
 * connection is paused, otherwise 503 with {@code {"status":"not ready","reasons":[...]}}. A load balancer sends
 * traffic only to ready instances; a paused connection needs a person to re-authorise it.
 */
final class Readiness {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Readiness() {
    }

    /**
     * Checks the engine now.
     *
     * @param engine the engine
     * @return the response
     */
    static WebhookResponse check(SyncEngine engine) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "ready");
        ObjectNode connections = body.putObject("connections");
        ArrayNode reasons = JSON.createArrayNode();
        for (Connection c : engine.connections()) {
            try {
                ConnectionState state = engine.store().connectionState(c.id(), Instant.now());
                connections.put(c.id(), state.status().name());
                if (state.status() != ConnectionState.Status.ACTIVE) {
                    reasons.add("connection " + c.id() + " is paused (" + state.status() + ")"
                            + state.reason().map(r -> ": " + r).orElse("") + "; re-authorise it");
                }
            } catch (RuntimeException e) {
                connections.put(c.id(), "UNKNOWN");
                reasons.add("the store does not answer: " + e.getClass().getSimpleName());
                break;
            }
        }
        boolean ready = reasons.isEmpty();
        body.put("status", ready ? "ready" : "not ready");
        if (!ready) {
            body.set("reasons", reasons);
        }
        return new WebhookResponse(ready ? 200 : 503, "application/json", body.toString());
    }
}
