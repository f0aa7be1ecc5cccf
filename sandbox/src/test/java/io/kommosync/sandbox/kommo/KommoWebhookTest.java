package io.kommosync.sandbox.kommo;

import static io.kommosync.sandbox.TestHttp.get;
import static io.kommosync.sandbox.TestHttp.json;
import static io.kommosync.sandbox.TestHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sandbox.AdjustableClock;
import io.kommosync.sandbox.RecordingReceiver;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KommoWebhookTest {

    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
    private static final AdjustableClock CLOCK = AdjustableClock.at(START);

    @RegisterExtension
    static final KommoSimulatorExtension KOMMO =
            KommoSimulatorExtension.using(() -> KommoSimulator.builder().clock(CLOCK).withoutRateLimit());

    private final RecordingReceiver receiver = new RecordingReceiver();
    private KommoSimulator kommo;
    private SandboxAccount acme;

    @BeforeEach
    void seed(KommoSimulator kommo) {
        CLOCK.set(START);
        this.kommo = kommo;
        acme = kommo.createAccount("acme");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    @Test
    @DisplayName("moving a lead POSTs the exact form-encoded status webhook to the subscriber and logs it")
    void moveLeadDeliversTheStatusWebhook() {
        CustomField payment = acme.createLeadCustomField(CustomFieldType.SELECT, "Payment status", "PAYMENT_STATUS",
                List.of("Pending", "Paid"));
        Pipeline sales = acme.mainPipeline();
        long firstStage = sales.firstWorkingStage().id();
        Lead lead = acme.createLead("Website redesign", new BigDecimal("1500"));
        acme.setLeadField(lead.id(), payment.id(), "Pending");
        URI destination = receiver.uri("/kommo/hook/s3cr3t");
        acme.subscribeWebhook(destination, "status_lead");
        CLOCK.advance(Duration.ofHours(1));

        List<WebhookDelivery> sent = acme.moveLead(lead.id(), sales.id(), Stage.WON);

        long admin = acme.adminUser().id();
        long created = START.getEpochSecond();
        long moved = START.plus(Duration.ofHours(1)).getEpochSecond();
        long pendingEnum = payment.enumByValue("Pending").orElseThrow().id();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("leads[status][0][id]", Long.toString(lead.id()));
        expected.put("leads[status][0][name]", "Website redesign");
        expected.put("leads[status][0][status_id]", "142");
        expected.put("leads[status][0][old_status_id]", Long.toString(firstStage));
        expected.put("leads[status][0][pipeline_id]", Long.toString(sales.id()));
        expected.put("leads[status][0][old_pipeline_id]", Long.toString(sales.id()));
        expected.put("leads[status][0][price]", "1500");
        expected.put("leads[status][0][responsible_user_id]", Long.toString(admin));
        expected.put("leads[status][0][last_modified]", Long.toString(moved));
        expected.put("leads[status][0][modified_user_id]", Long.toString(admin));
        expected.put("leads[status][0][created_user_id]", Long.toString(admin));
        expected.put("leads[status][0][date_create]", Long.toString(created));
        expected.put("leads[status][0][created_at]", Long.toString(created));
        expected.put("leads[status][0][updated_at]", Long.toString(moved));
        expected.put("leads[status][0][account_id]", Long.toString(acme.id()));
        expected.put("leads[status][0][custom_fields][0][id]", Long.toString(payment.id()));
        expected.put("leads[status][0][custom_fields][0][name]", "Payment status");
        expected.put("leads[status][0][custom_fields][0][code]", "PAYMENT_STATUS");
        expected.put("leads[status][0][custom_fields][0][values][0][value]", "Pending");
        expected.put("leads[status][0][custom_fields][0][values][0][enum]", Long.toString(pendingEnum));
        expected.put("account[subdomain]", "acme");
        expected.put("account[id]", Long.toString(acme.id()));
        expected.put("account[_links][self]", "http://127.0.0.1:" + kommo.port());

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/kommo/hook/s3cr3t");
            assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(r.body()).isEqualTo(form(expected));
            assertThat(r.body()).startsWith("leads%5Bstatus%5D%5B0%5D%5Bid%5D=" + lead.id() + "&")
                    .contains("name%5D=Website+redesign&");
        });
        assertThat(sent).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo("status_lead");
            assertThat(d.destination()).isEqualTo(destination);
            assertThat(d.status()).isEqualTo(200);
            assertThat(d.valid()).isTrue();
            assertThat(d.body()).isEqualTo(form(expected));
            assertThat(d.field("leads[status][0][status_id]")).isEqualTo("142");
        });
        assertThat(kommo.webhookDeliveries().all()).containsExactlyElementsOf(sent);
        assertThat(sent.get(0).toString()).doesNotContain("s3cr3t");
        assertThat(acme.subscriptions().get(0).toString()).doesNotContain("s3cr3t");
        Lead won = acme.lead(lead.id());
        assertThat(won.statusId()).isEqualTo(Stage.WON);
        assertThat(won.closedAt()).isEqualTo(START.plus(Duration.ofHours(1)));
    }

    @Test
    @DisplayName("add and update subscribers get leads[add] and leads[update]; a status change through the API "
            + "fires status then update")
    void addAndUpdateEvents() {
        URI destination = receiver.uri("/hook");
        acme.subscribeWebhook(destination, "add_lead", "update_lead", "status_lead");
        String token = acme.issueLongLivedToken();

        Lead lead = acme.createLead("New deal", BigDecimal.TEN);
        send("PATCH", kommo.baseUri(acme), "/api/v4/leads/" + lead.id(), token, "{\"status_id\":143}");
        send("PATCH", kommo.baseUri(acme), "/api/v4/leads/" + lead.id(), token, "{\"status_id\":143}");

        assertThat(kommo.webhookDeliveries().of(acme)).extracting(WebhookDelivery::event)
                .containsExactly("add_lead", "status_lead", "update_lead");
        assertThat(receiver.received()).hasSize(3);
        WebhookDelivery add = kommo.webhookDeliveries().all().get(0);
        assertThat(add.field("leads[add][0][id]")).isEqualTo(Long.toString(lead.id()));
        assertThat(add.form()).doesNotContainKey("leads[add][0][old_status_id]");
        WebhookDelivery status = kommo.webhookDeliveries().all().get(1);
        assertThat(status.field("leads[status][0][status_id]")).isEqualTo("143");
        assertThat(status.field("leads[status][0][old_status_id]"))
                .isEqualTo(Long.toString(acme.mainPipeline().firstWorkingStage().id()));
    }

    @Test
    @DisplayName("a batch PATCH of several leads batches them in one body as [0], [1]")
    void batchedEvents() {
        acme.subscribeWebhook(receiver.uri("/hook"), "status_lead");
        Lead a = acme.createLead("A", BigDecimal.ONE);
        Lead b = acme.createLead("B", BigDecimal.ONE);
        send("PATCH", kommo.baseUri(acme), "/api/v4/leads", acme.issueLongLivedToken(),
                "[{\"id\":" + a.id() + ",\"status_id\":142},{\"id\":" + b.id() + ",\"status_id\":142}]");

        assertThat(kommo.webhookDeliveries().all()).singleElement().satisfies(d -> {
            assertThat(d.field("leads[status][0][id]")).isEqualTo(Long.toString(a.id()));
            assertThat(d.field("leads[status][1][id]")).isEqualTo(Long.toString(b.id()));
        });
    }

    @Test
    @DisplayName("more than 100 invalid responses within 2 hours disable the subscription, as Kommo does")
    void disablingAfterInvalidResponses() {
        receiver.answer(500);
        URI destination = receiver.uri("/broken");
        acme.subscribeWebhook(destination, "status_lead");
        Lead lead = acme.createLead("Flapping", BigDecimal.ONE);
        Pipeline sales = acme.mainPipeline();
        long stageA = sales.stages().get(1).id();
        long stageB = sales.stages().get(2).id();

        for (int i = 0; i < 100; i++) {
            assertThat(acme.moveLead(lead.id(), i % 2 == 0 ? stageB : stageA)).singleElement()
                    .satisfies(d -> assertThat(d.valid()).isFalse());
        }
        assertThat(acme.subscriptions()).singleElement().extracting(WebhookSubscription::disabled).isEqualTo(false);

        assertThat(acme.moveLead(lead.id(), stageB)).as("the 101st invalid response").hasSize(1);

        assertThat(acme.subscriptions()).singleElement().extracting(WebhookSubscription::disabled).isEqualTo(true);
        assertThat(acme.moveLead(lead.id(), stageA)).as("a disabled subscription gets nothing").isEmpty();
        assertThat(receiver.received()).hasSize(101);
        assertThat(json(get(kommo.baseUri(acme), "/api/v4/webhooks", acme.issueLongLivedToken()))
                .at("/_embedded/webhooks/0/disabled").asBoolean()).isTrue();

        receiver.answer(200);
        acme.subscribeWebhook(destination, "status_lead");
        assertThat(acme.moveLead(lead.id(), stageB)).singleElement().satisfies(d -> assertThat(d.valid()).isTrue());
    }

    @Test
    @DisplayName("invalid responses older than the window do not count towards disabling")
    void oldInvalidResponsesExpire() {
        receiver.answer(503);
        acme.subscribeWebhook(receiver.uri("/broken"), "status_lead");
        Lead lead = acme.createLead("Flapping", BigDecimal.ONE);
        List<Stage> stages = acme.mainPipeline().stages();
        for (int i = 0; i < 101; i++) {
            if (i == 60) {
                CLOCK.advance(Duration.ofHours(2).plusSeconds(1));
            }
            acme.moveLead(lead.id(), stages.get(2 - i % 2).id());
        }
        assertThat(receiver.received()).hasSize(101);
        assertThat(acme.subscriptions()).singleElement().extracting(WebhookSubscription::disabled).isEqualTo(false);
    }

    @Test
    @DisplayName("redeliver sends the same body again and an unreachable destination is logged without a status")
    void redeliveryAndUnreachable() throws IOException {
        acme.subscribeWebhook(receiver.uri("/hook"), "status_lead");
        Lead lead = acme.createLead("Deal", BigDecimal.ONE);
        WebhookDelivery first = acme.moveLead(lead.id(), Stage.WON).get(0);

        WebhookDelivery again = kommo.redeliver(first);

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.redeliveryOf()).isEqualTo(first.id());
        assertThat(receiver.received()).extracting(RecordingReceiver.Received::body)
                .containsExactly(first.body(), first.body());

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        acme.subscribeWebhook(URI.create("http://127.0.0.1:" + closedPort + "/gone"), "status_lead");
        List<WebhookDelivery> sent = acme.moveLead(lead.id(), Stage.LOST);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).status()).isZero();
        assertThat(sent.get(1).error()).isNotBlank();
        assertThat(sent.get(1).valid()).isFalse();
    }
}
