package io.kommosync.kommo.webhook;

import java.util.Objects;
import java.util.Optional;

/**
 * A tag attached to the entity of a webhook event, from keys such as {@code leads[add][0][tags][0][id]} and
 * {@code ...[tags][0][name]}.
 *
 * @param id   the tag's Kommo id, positive
 * @param name the tag's text, if the webhook carried it
 */
public record WebhookTag(long id, Optional<String> name) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if {@code id} is not positive
     * @throws NullPointerException     if {@code name} is null
     */
    public WebhookTag {
        Preconditions.positive(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /**
     * A tag with a name.
     *
     * @param id   the tag's Kommo id, positive
     * @param name the tag's text
     * @return the tag
     */
    public static WebhookTag of(long id, String name) {
        return new WebhookTag(id, Optional.of(name));
    }
}
