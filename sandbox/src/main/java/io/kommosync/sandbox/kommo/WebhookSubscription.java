package io.kommosync.sandbox.kommo;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An account webhook subscription, as {@code GET /api/v4/webhooks} shows it.
 *
 * @param id the subscription id
 * @param destination where deliveries are POSTed
 * @param settings the events, for example {@code status_lead}
 * @param sort order
 * @param disabled true once Kommo gave up on the destination (too many invalid responses)
 * @param createdBy author
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record WebhookSubscription(long id, URI destination, List<String> settings, int sort, boolean disabled,
        long createdBy, Instant createdAt, Instant updatedAt) {
    /** Validates and copies. */
    public WebhookSubscription {
        Objects.requireNonNull(destination, "destination");
        settings = List.copyOf(settings);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Leaves out the destination's path (which usually carries a secret token). */
    @Override
    public String toString() {
        return "WebhookSubscription[#" + id + " to " + redacted(destination) + " " + settings
                + (disabled ? " disabled" : "") + "]";
    }

    static String redacted(URI destination) {
        return destination.getScheme() + "://" + destination.getRawAuthority() + "/***";
    }
}
