package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.net.URI;
import java.util.List;

/**
 * A webhook subscription of the account ({@code GET /api/v4/webhooks}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows only the destination's scheme and host: its path
 * normally holds the per-connection secret that authenticates Kommo's posts.
 *
 * @param id          the subscription's id
 * @param destination the URL Kommo posts to
 * @param settings    the events it posts, such as {@code status_lead}, {@code update_lead}
 * @param disabled    true when Kommo disabled it (more than 100 failed deliveries in two hours, the last one
 *                    failed): subscribe again to re-enable it, and find out why deliveries failed
 * @param sort        its position
 */
public record WebhookSubscription(long id, String destination, List<String> settings, boolean disabled, int sort) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public WebhookSubscription {
        Arguments.id(id, "id");
        Arguments.notNull(destination, "destination", "pass the subscription's destination URL");
        settings = Arguments.list(settings, "settings");
    }

    /**
     * Describes the subscription without the destination's path and query.
     *
     * @return e.g. {@code WebhookSubscription[id=5, destination=https://sync.example.com/..., disabled=false, ...]}
     */
    @Override
    public String toString() {
        String shown;
        try {
            URI uri = URI.create(destination);
            shown = uri.getScheme() + "://" + uri.getRawAuthority() + "/...";
        } catch (IllegalArgumentException e) {
            shown = "(redacted)";
        }
        return "WebhookSubscription[id=" + id + ", destination=" + shown + ", settings=" + settings + ", disabled="
            + disabled + ", sort=" + sort + "]";
    }
}
