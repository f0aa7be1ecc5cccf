package io.kommosync.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import io.kommosync.kommo.internal.Arguments;
import io.kommosync.kommo.internal.KommoCalls;
import io.kommosync.kommo.internal.KommoReader;
import io.kommosync.kommo.internal.KommoWriter;
import io.kommosync.kommo.internal.Query;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The account's webhook subscriptions: list them (and see which Kommo has {@linkplain
 * WebhookSubscription#disabled() disabled}), subscribe, unsubscribe. Needs an account administrator's token and a
 * Kommo plan that allows webhooks through the API. Get it from {@link KommoClient#webhooks()}; parse what Kommo
 * posts with {@link io.kommosync.kommo.webhook.KommoWebhookParser}.
 *
 * <p>Thread-safe. Every method may throw the {@link KommoException} subclasses described there.
 */
public final class Webhooks {

    private static final String PATH = "/api/v4/webhooks";

    private final KommoCalls calls;

    Webhooks(KommoCalls calls) {
        this.calls = calls;
    }

    /**
     * Lists every subscription: {@code GET /api/v4/webhooks}. Poll it to notice {@code disabled: true}.
     *
     * @return the subscriptions; empty when Kommo answers 204
     */
    public List<WebhookSubscription> list() {
        JsonNode answer = calls.repeatable("GET " + PATH, api -> api.webhooks(new Query().asMap()));
        return KommoReader.embedded(answer, "webhooks", KommoReader::webhook);
    }

    /**
     * Finds the subscription of one destination: {@code GET /api/v4/webhooks?filter[destination]=...}.
     *
     * @param destination the URL
     * @return the subscription; empty when there is none
     */
    public Optional<WebhookSubscription> find(String destination) {
        String url = destination(destination);
        JsonNode answer = calls.repeatable("GET " + PATH,
            api -> api.webhooks(new Query().put("filter[destination]", url).asMap()));
        return KommoReader.embedded(answer, "webhooks", KommoReader::webhook).stream()
            .filter(subscription -> subscription.destination().equals(url)).findFirst();
    }

    /**
     * Subscribes a destination to events: {@code POST /api/v4/webhooks}. Subscribing an existing destination again
     * updates its events and re-enables it. Repeating the call is harmless.
     *
     * <pre>{@code
     * kommo.webhooks().subscribe("https://sync.example.com/kommo/hook/" + secretToken,
     *     List.of("status_lead", "update_lead"));
     * }</pre>
     *
     * @param destination the https URL Kommo posts to; put an unguessable per-connection token in its path
     * @param settings    the events, such as {@code add_lead}, {@code update_lead}, {@code status_lead}; not empty
     * @return the subscription as Kommo stored it
     * @throws IllegalArgumentException when the destination is not an absolute http(s) URL or no event is given
     */
    public WebhookSubscription subscribe(String destination, List<String> settings) {
        String url = destination(destination);
        List<String> events = Arguments.list(settings, "settings");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("settings must name at least one event, such as \"status_lead\"");
        }
        events.forEach(event -> Arguments.notBlank(event, "settings[]", "name an event such as \"status_lead\""));
        JsonNode answer = calls.repeatable("POST " + PATH,
            api -> api.subscribe(KommoWriter.subscription(url, events)));
        if (answer == null) {
            throw new KommoException("Unexpected Kommo answer: POST " + PATH + " returned no subscription");
        }
        JsonNode embedded = answer.path("_embedded").path("webhooks");
        return KommoReader.webhook(embedded.isArray() && !embedded.isEmpty() ? embedded.get(0) : answer, "webhook");
    }

    /**
     * Removes the subscription of a destination: {@code DELETE /api/v4/webhooks} with
     * {@code {"destination": ...}}.
     *
     * @param destination the URL
     */
    public void unsubscribe(String destination) {
        String url = destination(destination);
        calls.repeatable("DELETE " + PATH, api -> {
            api.unsubscribe(KommoWriter.unsubscription(url));
            return null;
        });
    }

    private static String destination(String destination) {
        Arguments.notBlank(destination, "destination", "pass the https URL Kommo should post to");
        try {
            URI uri = new URI(destination.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new IllegalArgumentException("destination must be an absolute http(s) URL: include the scheme"
                    + " and host");
            }
            return destination.trim();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("destination is not a valid URL (" + e.getReason() + ")", e);
        }
    }
}
