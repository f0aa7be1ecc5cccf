package io.kommosync.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.kommosync.kommo.KommoStubs.hal;
import static io.kommosync.kommo.KommoStubs.noContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kommosync.kommo.webhook.KommoWebhook;
import io.kommosync.kommo.webhook.KommoWebhookEvent;
import io.kommosync.kommo.webhook.KommoWebhookParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Webhooks")
class WebhooksTest {

    private static final String DESTINATION = "https://sync.example.com/kommo/hook/secret-token-2";

    @RegisterExtension
    static WireMockExtension server = KommoStubs.server();

    private final KommoClient kommo = KommoStubs.client(server).build();

    @AfterEach
    void close() {
        kommo.close();
    }

    @Test
    @DisplayName("list shows which subscriptions Kommo disabled")
    void listDetectsDisabled() {
        server.stubFor(get(urlPathEqualTo("/api/v4/webhooks")).willReturn(hal("webhooks.json")));

        List<WebhookSubscription> subscriptions = kommo.webhooks().list();

        assertThat(subscriptions).hasSize(2);
        WebhookSubscription ours = subscriptions.get(0);
        assertThat(ours.disabled()).isTrue();
        assertThat(ours.destination()).isEqualTo("https://sync.example.com/kommo/hook/secret-token-1");
        assertThat(ours.settings()).containsExactly("add_lead", "update_lead", "status_lead", "delete_lead");
        assertThat(subscriptions.get(1).disabled()).isFalse();
        assertThat(subscriptions).filteredOn(WebhookSubscription::disabled).extracting(WebhookSubscription::id)
            .containsExactly(501L);
    }

    @Test
    @DisplayName("no subscriptions (204) is an empty list")
    void noneIsEmpty() {
        server.stubFor(get(urlPathEqualTo("/api/v4/webhooks")).willReturn(noContent()));

        assertThat(kommo.webhooks().list()).isEmpty();
        assertThat(kommo.webhooks().find(DESTINATION)).isEmpty();
    }

    @Test
    @DisplayName("subscribe posts destination and events and returns the stored subscription")
    void subscribe() {
        server.stubFor(post(urlPathEqualTo("/api/v4/webhooks")).willReturn(hal("webhook-subscribed.json")));

        WebhookSubscription subscription = kommo.webhooks().subscribe(DESTINATION, List.of("status_lead",
            "update_lead"));

        assertThat(subscription.id()).isEqualTo(503);
        assertThat(subscription.disabled()).isFalse();
        server.verify(postRequestedFor(urlPathEqualTo("/api/v4/webhooks")).withRequestBody(equalToJson(
            "{\"destination\":\"" + DESTINATION + "\",\"settings\":[\"status_lead\",\"update_lead\"]}")));
    }

    @Test
    @DisplayName("unsubscribe sends DELETE with the destination in the body")
    void unsubscribe() {
        server.stubFor(delete(urlPathEqualTo("/api/v4/webhooks")).willReturn(noContent()));

        kommo.webhooks().unsubscribe(DESTINATION);

        server.verify(deleteRequestedFor(urlPathEqualTo("/api/v4/webhooks"))
            .withRequestBody(equalToJson("{\"destination\":\"" + DESTINATION + "\"}")));
    }

    @Test
    @DisplayName("find filters by destination")
    void find() {
        server.stubFor(get(urlPathEqualTo("/api/v4/webhooks")).withQueryParam("filter[destination]",
            equalTo("https://other.example.com/hook")).willReturn(hal("webhooks.json")));

        Optional<WebhookSubscription> found = kommo.webhooks().find("https://other.example.com/hook");

        assertThat(found).hasValueSatisfying(subscription -> assertThat(subscription.id()).isEqualTo(502));
        server.verify(getRequestedFor(urlPathEqualTo("/api/v4/webhooks")));
    }

    @Test
    @DisplayName("destinations must be absolute http(s) URLs and events must be named")
    void validation() {
        assertThatThrownBy(() -> kommo.webhooks().subscribe("/kommo/hook", List.of("status_lead")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> kommo.webhooks().subscribe(DESTINATION, List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one event");
    }

    @Test
    @DisplayName("a subscription's toString hides the destination's secret path")
    void toStringRedacts() {
        WebhookSubscription subscription = new WebhookSubscription(1, DESTINATION, List.of("status_lead"), false, 10);

        assertThat(subscription.toString()).contains("https://sync.example.com/...").doesNotContain("secret-token");
    }

    @Test
    @DisplayName("a multi-event webhook body is a change signal: each lead it names is re-read through the API")
    void multiEventBodyThenReRead() throws IOException {
        byte[] body;
        try (InputStream in = WebhooksTest.class.getResourceAsStream(
            "/wiremock/kommo/__files/webhook-leads-multi-event.form")) {
            body = in.readAllBytes();
        }
        server.stubFor(get(urlPathEqualTo("/api/v4/leads")).willReturn(hal("leads-page-2.json")));

        KommoWebhook webhook = KommoWebhookParser.defaults().parse(KommoWebhookParser.FORM_CONTENT_TYPE, body);
        List<Long> changed = webhook.events().stream().map(KommoWebhookEvent::entityId).distinct().toList();
        List<Lead> fresh = kommo.leads().listAll(LeadFilter.all().withIds(changed).with(LeadWith.CONTACTS,
            LeadWith.CATALOG_ELEMENTS));

        assertThat(webhook.events()).hasSize(3);
        assertThat(webhook.eventsOf(KommoWebhookEvent.LeadStatusChanged.class)).hasSize(2);
        assertThat(changed).containsExactly(4821L, 4822L, 4823L);
        assertThat(fresh).isNotEmpty();
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/leads"))).get(0)
            .queryParameter("filter[id][]").values()).containsExactly("4821", "4822", "4823");
    }
}
