package io.kommosync.kommo.webhook;

import java.util.List;
import java.util.Objects;

/**
 * One parsed Kommo webhook request: the account it claims to come from and the changes it reports, in the
 * order of the body (grouped by entity and action, as Kommo sends them, then by index).
 *
 * <p>Kommo does not sign webhooks. {@link #account()} is what the body says, not an authenticated identity:
 * authenticate the request by the secret token in the webhook URL path and compare the account with the
 * connection that token belongs to.
 *
 * @param account the account named by {@code account[...]}
 * @param events  the events of the kinds this library models; possibly empty (for example for a task webhook);
 *                copied, unmodifiable
 */
public record KommoWebhook(WebhookAccount account, List<KommoWebhookEvent> events) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component or an event is null
     */
    public KommoWebhook {
        Objects.requireNonNull(account, "account");
        events = Preconditions.copy(events, "events");
    }

    /**
     * The events of one kind, in order; for example {@code eventsOf(KommoWebhookEvent.LeadStatusChanged.class)}.
     *
     * @param <T>  the event type
     * @param type the event type, or a family such as {@code KommoWebhookEvent.LeadEvent.class}
     * @return the matching events, unmodifiable, possibly empty
     */
    public <T extends KommoWebhookEvent> List<T> eventsOf(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
