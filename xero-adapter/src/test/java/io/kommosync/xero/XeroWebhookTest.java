package io.kommosync.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.Capability;
import io.kommosync.accounting.spi.InboundWebhook;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceEvent;
import io.kommosync.accounting.spi.UnsupportedCapabilityException;
import io.kommosync.accounting.spi.WebhookRequest;
import io.kommosync.client.Secret;
import io.kommosync.client.webhook.SignatureEncoding;
import io.kommosync.client.webhook.WebhookSignatures;
import io.kommosync.sandbox.xero.IntentToReceiveResult;
import io.kommosync.sandbox.xero.XeroInvoice;
import io.kommosync.sandbox.xero.XeroNewLine;
import io.kommosync.sandbox.xero.XeroWebhookDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Xero webhooks")
class XeroWebhookTest {

    private static final String KEY = XeroSimulatorFixture.WEBHOOK_KEY;
    private final XeroSimulatorFixture fixture = new XeroSimulatorFixture();
    private final XeroAccountingPort port = new XeroAccountingPortProvider().create(fixture.config()
            .put(XeroConfigKeys.TENANT_ID, fixture.org.tenantId()).build());

    @AfterEach
    void close() {
        port.close();
        fixture.close();
    }

    private static WebhookRequest signed(String body, String key) {
        return request(body, WebhookSignatures.sign(body.getBytes(StandardCharsets.UTF_8), Secret.of(key),
                SignatureEncoding.BASE64));
    }

    private static WebhookRequest request(String body, String signature) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        if (signature != null) {
            headers.put("x-xero-signature", List.of(signature));
        }
        return new WebhookRequest("POST", "/webhooks/xero", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private String events(String... events) {
        return "{\"events\":[" + String.join(",", events) + "],\"firstEventSequence\":1,\"lastEventSequence\":"
                + events.length + ",\"entropy\":\"QWERTYUIOPASDFGHJKLZ\"}";
    }

    private String event(String tenant, String category, String type, String resourceId, String at) {
        return "{\"resourceUrl\":\"https://api.xero.com/api.xro/2.0/Invoices/" + resourceId + "\",\"resourceId\":\""
                + resourceId + "\",\"eventDateUtc\":\"" + at + "\",\"eventType\":\"" + type + "\",\"eventCategory\":\""
                + category + "\",\"tenantId\":\"" + tenant + "\",\"tenantType\":\"ORGANISATION\"}";
    }

    private static final String INTENT_TO_RECEIVE = "{\"events\":[],\"firstEventSequence\":0,\"lastEventSequence\":0,"
            + "\"entropy\":\"ABCDEFGHIJKLMNOPQRST\"}";

    @Nested
    @DisplayName("the intent-to-receive handshake")
    class IntentToReceive {

        @Test
        @DisplayName("answers a correctly signed handshake with an empty 200 and no events")
        void answersGoodSignature() {
            Optional<InboundWebhook> answer = port.verifyWebhook(signed(INTENT_TO_RECEIVE, KEY));
            assertThat(answer).hasValueSatisfying(w -> {
                assertThat(w.responseStatus()).isEqualTo(200);
                assertThat(w.responseBody()).isEmpty();
                assertThat(w.events()).isEmpty();
            });
        }

        @Test
        @DisplayName("refuses a handshake signed with another key, so the engine answers 401")
        void refusesBadSignature() {
            assertThat(port.verifyWebhook(signed(INTENT_TO_RECEIVE, KEY + "x"))).isEmpty();
        }

        @Test
        @DisplayName("refuses a handshake without a signature or with a malformed one")
        void refusesMissingSignature() {
            assertThat(port.verifyWebhook(request(INTENT_TO_RECEIVE, null))).isEmpty();
            assertThat(port.verifyWebhook(request(INTENT_TO_RECEIVE, "not base64 at all!"))).isEmpty();
        }

        @Test
        @DisplayName("passes Xero's check end to end: 200 for the good ones, 401 for the bad ones, empty bodies")
        void passesTheSimulatorsCheck() throws Exception {
            try (Receiver receiver = new Receiver(port)) {
                fixture.xero.subscribeWebhook(receiver.uri(), KEY);
                IntentToReceiveResult result = fixture.xero.intentToReceive();
                assertThat(result.passed()).as("deliveries %s", result.deliveries()).isTrue();
                assertThat(result.deliveries()).extracting(XeroWebhookDelivery::status).containsExactly(200, 401, 200,
                        401);
                assertThat(fixture.xero.webhookSubscription()).hasValueSatisfying(s -> assertThat(s.active()).isTrue());
            }
        }
    }

    @Nested
    @DisplayName("deliveries")
    class Deliveries {

        @Test
        @DisplayName("refuses a delivery whose body was changed after signing")
        void refusesTamperedBody() {
            String body = events(event(fixture.org.tenantId(), "INVOICE", "UPDATE",
                    "4f7c6b1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f", "2025-03-10T09:31:00.123"));
            String signature = signed(body, KEY).header("x-xero-signature").orElseThrow();
            String tampered = body.replace("UPDATE", "CREATE");
            assertThat(port.verifyWebhook(request(tampered, signature))).isEmpty();
            assertThat(port.verifyWebhook(request(body, signature))).isPresent();
        }

        @Test
        @DisplayName("gives a replayed delivery the same event ids, so the engine processes it once")
        void replayKeepsEventIds() {
            String body = events(event(fixture.org.tenantId(), "INVOICE", "UPDATE",
                    "4f7c6b1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f", "2025-03-10T09:31:00.123"),
                    event(fixture.org.tenantId(), "INVOICE", "CREATE", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                            "2025-03-10T09:32:00.000"));
            List<InvoiceEvent> first = port.verifyWebhook(signed(body, KEY)).orElseThrow().events();
            List<InvoiceEvent> again = port.verifyWebhook(signed(body, KEY)).orElseThrow().events();
            assertThat(first).hasSize(2);
            assertThat(again).extracting(InvoiceEvent::eventId)
                    .containsExactlyElementsOf(first.stream().map(InvoiceEvent::eventId).toList());
            assertThat(first.get(0).eventId()).isNotEqualTo(first.get(1).eventId()).isNotBlank();
        }

        @Test
        @DisplayName("gives a later change of the same invoice a new event id")
        void laterChangeHasNewId() {
            String id = "4f7c6b1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f";
            String tenant = fixture.org.tenantId();
            InvoiceEvent first = only(event(tenant, "INVOICE", "UPDATE", id, "2025-03-10T09:31:00.123"));
            InvoiceEvent later = only(event(tenant, "INVOICE", "UPDATE", id, "2025-03-10T09:45:10.500"));
            assertThat(later.eventId()).isNotEqualTo(first.eventId());
        }

        @Test
        @DisplayName("reads CREATE and UPDATE, the invoice id and when it happened")
        void readsEvents() {
            InvoiceEvent created = only(event(fixture.org.tenantId(), "INVOICE", "CREATE",
                    "4f7c6b1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f", "2025-03-10T09:31:00.123"));
            assertThat(created.kind()).isEqualTo(InvoiceEvent.Kind.CREATED);
            assertThat(created.invoiceId()).isEqualTo("4f7c6b1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f");
            assertThat(created.occurredAt()).isEqualTo(Instant.parse("2025-03-10T09:31:00.123Z"));
            assertThat(only(event(fixture.org.tenantId(), "INVOICE", "UPDATE", "4f7c6b1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f",
                    "2025-03-10T09:31:00.123")).kind()).isEqualTo(InvoiceEvent.Kind.UPDATED);
        }

        @Test
        @DisplayName("keeps only invoice events of its own tenant")
        void keepsOwnInvoiceEvents() {
            String body = events(
                    event("0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", "INVOICE", "UPDATE",
                            "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "2025-03-10T09:31:00.000"),
                    event(fixture.org.tenantId(), "CONTACT", "CREATE", "2a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                            "2025-03-10T09:31:00.000"),
                    event(fixture.org.tenantId(), "INVOICE", "UPDATE", "3a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                            "2025-03-10T09:31:00.000"));
            assertThat(port.verifyWebhook(signed(body, KEY)).orElseThrow().events())
                    .extracting(InvoiceEvent::invoiceId).containsExactly("3a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        }

        @Test
        @DisplayName("delivers an invoice raised by hand in Xero as a CREATED event whose invoice has no reference")
        void invoiceRaisedByHandReachesTheEngine() throws Exception {
            try (Receiver receiver = new Receiver(port)) {
                fixture.xero.subscribeWebhook(receiver.uri(), KEY);
                assertThat(fixture.xero.intentToReceive().passed()).isTrue();
                XeroInvoice byHand = fixture.org.raiseInvoiceByHand(fixture.existing.contactId(), "GBP",
                        fixture.clock.today().plusDays(14), List.of(XeroNewLine.of("Design work", "3", "150.00",
                                "200", "OUTPUT2")));
                assertThat(receiver.events).extracting(InvoiceEvent::invoiceId).contains(byHand.invoiceId());
                InvoiceEvent created = receiver.events.stream().filter(e -> e.invoiceId().equals(byHand.invoiceId()))
                        .findFirst().orElseThrow();
                assertThat(created.kind()).isEqualTo(InvoiceEvent.Kind.CREATED);
                Invoice read = port.invoice(created.invoiceId());
                assertThat(read.reference()).as("no deal links an invoice raised by hand").isEmpty();
                assertThat(read.number()).isEqualTo(byHand.number());
                assertThat(read.total().amount()).isEqualByComparingTo("540.00");

                XeroWebhookDelivery delivery = fixture.xero.webhookDeliveries().stream()
                        .filter(d -> d.body().contains(byHand.invoiceId())).findFirst().orElseThrow();
                int before = receiver.events.size();
                fixture.xero.redeliver(delivery);
                assertThat(receiver.events.subList(before, receiver.events.size()))
                        .extracting(InvoiceEvent::eventId).containsExactly(created.eventId());
            }
        }

        private InvoiceEvent only(String event) {
            List<InvoiceEvent> events = port.verifyWebhook(signed(events(event), KEY)).orElseThrow().events();
            assertThat(events).hasSize(1);
            return events.get(0);
        }
    }

    @Test
    @DisplayName("declares STATUS_WEBHOOKS only with a webhook key, and refuses to verify without one")
    void needsAKey() {
        assertThat(port.capabilities()).contains(Capability.STATUS_WEBHOOKS);
        AccountingConfig withoutKey = fixture.config().build().toBuilder().build();
        AccountingConfig.Builder b = AccountingConfig.builder();
        for (String key : withoutKey.keys()) {
            if (!key.equals(XeroConfigKeys.WEBHOOK_KEY)) {
                b.put(key, withoutKey.get(key).orElseThrow());
            }
        }
        try (XeroAccountingPort noKey = new XeroAccountingPortProvider().create(b.build())) {
            assertThat(noKey.capabilities()).doesNotContain(Capability.STATUS_WEBHOOKS);
            assertThatThrownBy(() -> noKey.verifyWebhook(signed(INTENT_TO_RECEIVE, KEY)))
                    .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("webhookKey");
        }
    }

    /** A webhook endpoint as the engine would run it: verify with the port, answer what it says, 401 otherwise. */
    private static final class Receiver implements AutoCloseable {
        final List<InvoiceEvent> events = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool();

        Receiver(XeroAccountingPort port) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, List<String>> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
                Optional<InboundWebhook> answer = port.verifyWebhook(new WebhookRequest(exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), headers, body));
                answer.ifPresent(a -> events.addAll(a.events()));
                exchange.sendResponseHeaders(answer.map(InboundWebhook::responseStatus).orElse(401), -1);
                exchange.close();
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/xero");
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
