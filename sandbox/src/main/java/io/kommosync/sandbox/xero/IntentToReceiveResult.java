package io.kommosync.sandbox.xero;

import java.util.List;

/**
 * The outcome of Xero's intent-to-receive check: a series of POSTs with no events, some correctly and some wrongly
 * signed; it passes when every correctly signed one got 200 with an empty body and every wrongly signed one 401.
 *
 * @param passed     whether the delivery URL passed
 * @param deliveries the POSTs sent
 */
public record IntentToReceiveResult(boolean passed, List<XeroWebhookDelivery> deliveries) {

    /** Copies the deliveries. */
    public IntentToReceiveResult {
        deliveries = List.copyOf(deliveries);
    }
}
