package io.kommosync.sandbox.xero;

import java.net.URI;
import java.util.Objects;

/**
 * The app's webhook: where Xero POSTs events and the key it signs them with. Events are delivered only once the
 * delivery URL passed the intent-to-receive check ({@link XeroSimulator#intentToReceive()}).
 *
 * @param url    the delivery URL
 * @param key    the signing key (HMAC-SHA256, Base64 in {@code x-xero-signature}); never shown by {@link #toString()}
 * @param status {@code INTENT_TO_RECEIVE_REQUIRED} until the check passes, then {@code OK}
 */
public record XeroWebhookSubscription(URI url, String key, String status) {

    /** Validates the components. */
    public XeroWebhookSubscription {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
    }

    /** @return whether events are delivered */
    public boolean active() {
        return "OK".equals(status);
    }

    @Override
    public String toString() {
        return "XeroWebhookSubscription[" + url + ", key=****, " + status + "]";
    }
}
