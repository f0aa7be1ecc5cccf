package io.kommosync.accounting.spi;

import java.util.List;

/**
 * An authentic ledger webhook: what to answer the ledger and which invoice events it carried.
 *
 * @param responseStatus the HTTP status to answer, for example 200
 * @param responseBody   the body to answer, usually empty
 * @param events         the invoice events; empty for a handshake (such as Xero's intent-to-receive)
 */
public record InboundWebhook(int responseStatus, String responseBody, List<InvoiceEvent> events) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if {@code responseStatus} is not a 2xx status
     */
    public InboundWebhook {
        java.util.Objects.requireNonNull(responseBody, "responseBody");
        events = List.copyOf(events);
        if (responseStatus < 200 || responseStatus > 299) {
            throw new IllegalArgumentException("an authentic webhook is answered with 2xx, got " + responseStatus);
        }
    }

    /**
     * An authentic delivery answered with an empty 200.
     *
     * @param events the events it carried
     * @return the webhook
     */
    public static InboundWebhook ok(List<InvoiceEvent> events) {
        return new InboundWebhook(200, "", events);
    }
}
