package io.kommosync.sandbox.kommo;

import io.kommosync.sandbox.http.SimulatedRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook POST the simulator sent and how the destination answered.
 *
 * @param id delivery number, from 1 per simulator
 * @param accountSubdomain the account that fired it
 * @param subscriptionId the subscription
 * @param destination where it went
 * @param event the subscription setting it served, for example {@code status_lead}
 * @param body the exact {@code application/x-www-form-urlencoded} body
 * @param sentAt when it was sent, by the simulator's clock
 * @param status the destination's HTTP status, or {@code 0} when there was no answer
 * @param error why there was no answer (connection refused, timeout), or {@code null}
 * @param redeliveryOf the delivery this one repeats, or {@code null} for a first delivery
 */
public record WebhookDelivery(long id, String accountSubdomain, long subscriptionId, URI destination, String event,
        String body, Instant sentAt, int status, String error, Long redeliveryOf) {

    /** Validates. */
    public WebhookDelivery {
        Objects.requireNonNull(accountSubdomain, "accountSubdomain");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /** @return true when the destination answered 2xx, which is what Kommo counts as a valid response */
    public boolean valid() {
        return status >= 200 && status < 300;
    }

    /** @return the body's fields decoded, in the order sent */
    public Map<String, List<String>> form() {
        return SimulatedRequest.decodeForm(body);
    }

    /**
     * One decoded field of the body.
     *
     * @param key the decoded key, for example {@code leads[status][0][id]}
     * @return the first value
     * @throws IllegalArgumentException if the body has no such field
     */
    public String field(String key) {
        List<String> values = form().get(key);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("the webhook body has no field " + key + "; fields: "
                    + form().keySet());
        }
        return values.get(0);
    }

    /** Leaves out the body and the destination's path (which usually carries a secret token). */
    @Override
    public String toString() {
        return "WebhookDelivery[#" + id + " " + event + " from " + accountSubdomain + " to "
                + WebhookSubscription.redacted(destination) + " -> " + (error == null ? status : error) + "]";
    }
}
