package io.kommosync.kommo.webhook;

import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactUpdated;
import io.kommosync.kommo.webhook.KommoWebhookEvent.CompanyDeleted;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadStatusChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadUpdated;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KommoWebhookBodiesTest {

    private final KommoWebhookParser parser = KommoWebhookParser.defaults();

    private static final WebhookAccount ACCOUNT = new WebhookAccount(OptionalLong.of(30739638), "example",
            Optional.of(URI.create("https://example.kommo.com")));

    /** The body's fields, each URL-decoded by the JDK, in order. */
    private static List<String> fields(String body) {
        return Arrays.stream(body.split("&"))
                .map(field -> URLDecoder.decode(field, StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    @DisplayName("a webhook is written with Kommo's keys in Kommo's order, account last")
    void writesKommoKeysInOrder() {
        KommoWebhook webhook = new KommoWebhook(ACCOUNT, List.of(
                new LeadStatusChanged(4821, 142, 21, 11, 12, LeadSnapshot.builder()
                        .name("Big deal").price(new BigDecimal("22500.50")).responsibleUserId(77)
                        .createdAt(Instant.ofEpochSecond(1539782209)).updatedAt(Instant.ofEpochSecond(1539782664))
                        .addTag(WebhookTag.of(80147, "vip")).build()),
                new ContactUpdated(9, ContactSnapshot.builder().name("Ann")
                        .addCustomField(new WebhookCustomField(1, Optional.of("E-mail"), Optional.of("EMAIL"),
                                List.of(WebhookCustomFieldValue.of("ann@example.com", 3))))
                        .build())));

        String body = KommoWebhookBodies.encodeToString(webhook);

        assertThat(fields(body)).containsExactly(
                "leads[status][0][id]=4821",
                "leads[status][0][name]=Big deal",
                "leads[status][0][status_id]=142",
                "leads[status][0][old_status_id]=21",
                "leads[status][0][pipeline_id]=11",
                "leads[status][0][old_pipeline_id]=12",
                "leads[status][0][price]=22500.50",
                "leads[status][0][responsible_user_id]=77",
                "leads[status][0][last_modified]=1539782664",
                "leads[status][0][date_create]=1539782209",
                "leads[status][0][created_at]=1539782209",
                "leads[status][0][updated_at]=1539782664",
                "leads[status][0][tags][0][id]=80147",
                "leads[status][0][tags][0][name]=vip",
                "contacts[update][0][id]=9",
                "contacts[update][0][name]=Ann",
                "contacts[update][0][custom_fields][0][id]=1",
                "contacts[update][0][custom_fields][0][name]=E-mail",
                "contacts[update][0][custom_fields][0][code]=EMAIL",
                "contacts[update][0][custom_fields][0][values][0][value]=ann@example.com",
                "contacts[update][0][custom_fields][0][values][0][enum]=3",
                "contacts[update][0][type]=contact",
                "account[subdomain]=example",
                "account[id]=30739638",
                "account[_links][self]=https://example.kommo.com");
        assertThat(body)
                .startsWith("leads%5Bstatus%5D%5B0%5D%5Bid%5D=4821&leads%5Bstatus%5D%5B0%5D%5Bname%5D=Big+deal&")
                .contains("ann%40example.com", "https%3A%2F%2Fexample.kommo.com")
                .doesNotContain("[", "]", " ");
        assertThat(parser.parse(KommoWebhookBodies.CONTENT_TYPE, KommoWebhookBodies.encode(webhook)))
                .isEqualTo(webhook);
    }

    @Test
    @DisplayName("every documented sample survives parse, encode, parse unchanged")
    void documentedSamplesRoundTrip() {
        for (String[] sample : WebhookSamples.all()) {
            KommoWebhook parsed = parser.parse(WebhookSamples.form(sample));

            assertThat(parser.parse(KommoWebhookBodies.encode(parsed))).isEqualTo(parsed);
        }
    }

    @Test
    @DisplayName("2,000 random webhooks with awkward text survive encode then parse unchanged")
    void randomWebhooksRoundTrip() {
        long seed = 42;
        RandomWebhooks random = new RandomWebhooks(new Random(seed));
        for (int i = 0; i < 2_000; i++) {
            KommoWebhook webhook = random.next();
            byte[] body = KommoWebhookBodies.encode(webhook);

            assertThat(parser.parse(body)).as("seed %d, webhook #%d: %s", seed, i, webhook).isEqualTo(webhook);
        }
    }

    @Test
    @DisplayName("interleaved events are grouped by key and action and renumbered from 0, as Kommo sends them")
    void interleavedEventsAreGrouped() {
        KommoWebhook webhook = new KommoWebhook(ACCOUNT, List.of(
                new LeadUpdated(1), new CompanyDeleted(2), new LeadUpdated(3), new ContactUpdated(4)));

        String body = KommoWebhookBodies.encodeToString(webhook);

        assertThat(fields(body)).startsWith("leads[update][0][id]=1", "leads[update][1][id]=3",
                "contacts[delete][0][id]=2", "contacts[delete][0][type]=company", "contacts[update][0][id]=4");
        assertThat(parser.parse(body.getBytes(StandardCharsets.US_ASCII)).events())
                .containsExactly(new LeadUpdated(1), new LeadUpdated(3), new CompanyDeleted(2), new ContactUpdated(4))
                .isEqualTo(RandomWebhooks.grouped(webhook.events()));
    }

    @Test
    @DisplayName("instants are written in whole seconds, as Kommo keeps them")
    void instantsAreWholeSeconds() {
        Instant precise = Instant.parse("2024-05-01T10:15:30.789Z");
        KommoWebhook webhook = new KommoWebhook(ACCOUNT, List.of(
                new LeadUpdated(1, LeadSnapshot.builder().updatedAt(precise).build())));

        LeadUpdated parsed = (LeadUpdated) parser.parse(KommoWebhookBodies.encode(webhook)).events().get(0);

        assertThat(parsed.lead().updatedAt()).contains(Instant.parse("2024-05-01T10:15:30Z"));
    }

    @Test
    @DisplayName("text that UTF-8 cannot carry is refused with the key named")
    void unpairedSurrogateIsRefused() {
        KommoWebhook webhook = new KommoWebhook(ACCOUNT, List.of(
                new LeadUpdated(1, LeadSnapshot.builder().name("bad \uD800 text").build())));

        assertThatThrownBy(() -> KommoWebhookBodies.encode(webhook))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the text of leads[update][0][name] has an unpaired surrogate character, which UTF-8"
                        + " cannot encode");
    }
}
