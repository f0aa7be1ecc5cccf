package io.kommosync.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.kommosync.accounting.spi.Invoice;
import io.kommosync.kommo.KommoClient;
import io.kommosync.sandbox.kommo.CatalogElement;
import io.kommosync.sandbox.kommo.Contact;
import io.kommosync.sandbox.kommo.CustomFieldType;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.kommo.SandboxAccount;
import io.kommosync.sandbox.kommo.WebhookDelivery;
import io.kommosync.sandbox.xero.IntentToReceiveResult;
import io.kommosync.sandbox.xero.XeroInvoice;
import io.kommosync.sandbox.xero.XeroOrganisation;
import io.kommosync.sandbox.xero.XeroSimulator;
import io.kommosync.sandbox.xero.XeroWebhookDelivery;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.jdbc.SyncDatabase;
import io.kommosync.sync.store.SyncJob;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring Boot application end to end, over real HTTP on loopback: the Kommo simulator posts its real webhook
 * bodies to the running application's controller, the engine reads the deal through the real Kommo client, raises
 * the invoice in the Xero simulator through the Xero adapter (found by ServiceLoader from {@code application.yml}
 * style properties) and writes the number back to the deal. The store is the H2 file of the default configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@DisplayName("kommo-sync inside Spring Boot, on the Kommo and Xero simulators")
class SpringBootEmbeddingTest {

    private static final String CONNECTION = "spring";
    private static final String TOKEN = "spring-webhook-token-0123456789";
    private static final String XERO_WEBHOOK_KEY = "xero-webhook-signing-key-for-the-spring-test";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static KommoSimulator kommo;
    static XeroSimulator xero;
    static SandboxAccount account;
    static XeroOrganisation organisation;
    static long pipelineId;
    static long firstStageId;
    static long raiseStageId;
    static long companyId;
    static long numberFieldId;
    static long linkFieldId;
    static CatalogElement consulting;
    static CatalogElement kit;
    static Contact customer;

    @LocalServerPort
    int port;

    @Autowired
    SyncEngine engine;

    @Autowired
    KommoClient kommoClient;

    @Autowired
    SyncDatabase database;

    @Autowired
    RaisedInvoices raised;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Hands the test's listener to the engine, as an application would hand its metrics listener. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Listening {
        @Bean
        RaisedInvoices raisedInvoices() {
            return new RaisedInvoices();
        }
    }

    @BeforeAll
    static void startSimulators() throws IOException {
        kommo = KommoSimulator.builder().withoutRateLimit().webhookTimeout(Duration.ofSeconds(10)).start();
        xero = XeroSimulator.builder().start();
        organisation = xero.createOrganisation("Demo Agency Ltd").withDemoChart();

        account = kommo.createAccount("spring", Currency.getInstance("GBP"));
        pipelineId = account.mainPipeline().id();
        firstStageId = account.mainPipeline().stages().get(0).id();
        raiseStageId = account.addStage(pipelineId, "Raise Invoice").id();
        long catalogId = account.createProductsCatalog().id();
        consulting = account.createCatalogElement(catalogId, "Consulting day", "CONS-1", "800.00", java.util.Map.of());
        kit = account.createCatalogElement(catalogId, "Training kit", "KIT-1", "49.99", java.util.Map.of());
        companyId = account.createCompany("Buyer Ltd").id();
        customer = account.createContact("Ann Buyer", "ann@buyer.example", "+44 20 7946 0000");
        numberFieldId = account.createLeadCustomField(CustomFieldType.TEXT, "Invoice number", "INVOICE_NUMBER").id();
        linkFieldId = account.createLeadCustomField(CustomFieldType.URL, "Invoice link", "INVOICE_LINK").id();

        Files.writeString(dir.resolve("mapping.csv"), """
                key_type,key,field_name,ledger_account,tax_code
                sku,CONS-1,,260,OUTPUT2
                sku,KIT-1,,200,ZERORATEDOUTPUT
                """, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopSimulators() {
        if (kommo != null) {
            kommo.close();
        }
        if (xero != null) {
            xero.close();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kommo-sync.connection-id", () -> CONNECTION);
        registry.add("kommo-sync.kommo.base-url", () -> kommo.baseUri(account).toString());
        registry.add("kommo-sync.kommo.account-id", () -> account.id());
        registry.add("kommo-sync.kommo.token", () -> account.issueLongLivedToken());
        registry.add("kommo-sync.webhook.token", () -> TOKEN);
        registry.add("kommo-sync.ledger.provider", () -> "xero");
        registry.add("kommo-sync.ledger.config.baseUrl", () -> xero.accountingUri().toString());
        registry.add("kommo-sync.ledger.config.connectionsUrl", () -> xero.connectionsUri().toString());
        registry.add("kommo-sync.ledger.config.tenantId", () -> organisation.tenantId());
        registry.add("kommo-sync.ledger.config.accessToken",
                () -> xero.authorizeLongLived(organisation).accessToken());
        registry.add("kommo-sync.ledger.config.webhookKey", () -> XERO_WEBHOOK_KEY);
        registry.add("kommo-sync.trigger.pipeline-id", () -> pipelineId);
        registry.add("kommo-sync.trigger.stage-id", () -> raiseStageId);
        registry.add("kommo-sync.fields.invoice-number", () -> numberFieldId);
        registry.add("kommo-sync.fields.invoice-link", () -> linkFieldId);
        registry.add("kommo-sync.currency", () -> "GBP");
        registry.add("kommo-sync.mapping-file", () -> dir.resolve("mapping.csv").toString());
        registry.add("kommo-sync.store.h2-file", () -> dir.resolve("store/kommo-sync").toString());
        registry.add("kommo-sync.engine.poll-interval", () -> "50ms");
        registry.add("management.endpoint.health.show-details", () -> "always");
    }

    @BeforeEach
    void subscribeTheApplication() {
        account.subscribeWebhook(hook(CONNECTION, TOKEN), "status_lead");
    }

    private URI hook(String connection, String token) {
        return URI.create("http://127.0.0.1:" + port + "/kommo/" + connection + "/" + token);
    }

    private Lead newDeal(String name) {
        Lead deal = account.createLead(name, new BigDecimal("1000"), pipelineId, firstStageId,
                account.adminUser().id(), List.of(customer.id()), companyId);
        account.linkProduct(deal.id(), consulting.id(), new BigDecimal("1.5"));
        account.linkProduct(deal.id(), kit.id(), new BigDecimal("2"));
        return deal;
    }

    private String field(Lead deal, long fieldId) {
        return account.lead(deal.id()).field(fieldId)
                .map(v -> v.values().isEmpty() ? "" : String.valueOf(v.values().get(0).value())).orElse("");
    }

    private List<SyncJob> jobsFor(Lead deal) {
        return engine.store().jobs(Optional.of(CONNECTION), Set.of(), 1000).stream()
                .filter(j -> j.subjectId().equals(Long.toString(deal.id()))).toList();
    }

    private HttpResponse<String> postForm(URI uri, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    @Test
    @DisplayName("a deal moved to the trigger stage becomes one mapped Xero invoice, and its number lands on the deal")
    void dealBecomesInvoice() {
        Lead deal = newDeal("Website redesign");

        List<WebhookDelivery> deliveries = account.moveLead(deal.id(), pipelineId, raiseStageId);
        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.destination()).isEqualTo(hook(CONNECTION, TOKEN));
            assertThat(d.status()).isEqualTo(200);
        });
        Invoice raisedInvoice = raised.awaitFor(deal.id(), TIMEOUT);

        assertThat(organisation.invoicesWithReference("KOMMO-" + deal.id())).singleElement().satisfies(invoice -> {
            assertThat(invoice.number()).isEqualTo(raisedInvoice.number());
            assertThat(invoice.lines())
                    .extracting(l -> l.description(), l -> plain(l.quantity()), l -> plain(l.unitAmount()),
                            l -> l.accountCode(), l -> l.taxType())
                    .containsExactly(tuple("Consulting day", "1.5", "800", "260", "OUTPUT2"),
                            tuple("Training kit", "2", "49.99", "200", "ZERORATEDOUTPUT"));
            assertThat(invoice.subTotal()).isEqualByComparingTo("1299.98");
            assertThat(invoice.totalTax()).isEqualByComparingTo("240.00");
            assertThat(invoice.total()).isEqualByComparingTo("1539.98");
            assertThat(invoice.currencyCode()).isEqualTo("GBP");
        });
        assertThat(field(deal, numberFieldId)).isNotEmpty().isEqualTo(raisedInvoice.number());
    }

    @Test
    @DisplayName("a redelivered webhook, by Kommo or by hand, makes no second job and no second invoice")
    void redeliveryIsIdempotent() throws Exception {
        Lead deal = newDeal("Delivered twice");
        WebhookDelivery first = account.moveLead(deal.id(), pipelineId, raiseStageId).get(0);
        raised.awaitFor(deal.id(), TIMEOUT);

        assertThat(kommo.redeliver(first).status()).isEqualTo(200);
        HttpResponse<String> again = postForm(hook(CONNECTION, TOKEN), first.body());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("accepted 1 event(s), 0 new job(s)");
        assertThat(jobsFor(deal)).hasSize(1);
        assertThat(organisation.countInvoicesWithReference("KOMMO-" + deal.id())).isEqualTo(1);
    }

    @Test
    @DisplayName("a webhook with a wrong token or connection gets 404 and enqueues nothing; the same bytes with the "
            + "right token do")
    void wrongTokenIsRefused() throws Exception {
        URI right = hook(CONNECTION, TOKEN);
        URI wrongToken = hook(CONNECTION, "not-the-webhook-token-0000");
        URI wrongConnection = hook("nobody", TOKEN);
        kommoClient.webhooks().unsubscribe(right.toString());
        account.subscribeWebhook(wrongToken, "status_lead");
        account.subscribeWebhook(wrongConnection, "status_lead");
        List<WebhookDelivery> deliveries;
        Lead deal = newDeal("Posted to the wrong address");
        try {
            deliveries = account.moveLead(deal.id(), pipelineId, raiseStageId);
        } finally {
            kommoClient.webhooks().unsubscribe(wrongToken.toString());
            kommoClient.webhooks().unsubscribe(wrongConnection.toString());
        }

        assertThat(deliveries).extracting(WebhookDelivery::destination, WebhookDelivery::status)
                .containsExactlyInAnyOrder(tuple(wrongToken, 404), tuple(wrongConnection, 404));
        assertThat(jobsFor(deal)).isEmpty();
        assertThat(organisation.countInvoicesWithReference("KOMMO-" + deal.id())).isZero();

        HttpResponse<String> genuine = postForm(right, deliveries.get(0).body());
        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(genuine.body()).contains("1 new job(s)");
        assertThat(raised.awaitFor(deal.id(), TIMEOUT).reference()).hasValue("KOMMO-" + deal.id());
    }

    @Test
    @DisplayName("the ledger route checks Xero's signature over the raw bytes: signed posts get 200, the others 401")
    void ledgerWebhookSignature() throws Exception {
        xero.subscribeWebhook(URI.create("http://127.0.0.1:" + port + "/ledger/" + CONNECTION), XERO_WEBHOOK_KEY);

        IntentToReceiveResult result = xero.intentToReceive();

        assertThat(result.deliveries()).extracting(XeroWebhookDelivery::correctlySigned, XeroWebhookDelivery::status)
                .containsExactly(tuple(true, 200), tuple(false, 401), tuple(true, 200), tuple(false, 401));
        assertThat(result.passed()).isTrue();
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/ledger/nobody")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("/actuator/health is UP with the kommoSync component: Xero, the H2 store at its schema version")
    void health() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"")
                .contains("\"kommoSync\":{\"status\":\"UP\"")
                .contains("\"ledger\":\"xero\"", "\"store\":\"H2\"", "\"deadJobs\":\"0\"")
                .contains("\"schemaVersion\":\"" + database.schemaVersion().orElseThrow() + "\"")
                .doesNotContain(TOKEN);
    }

    @Test
    @DisplayName("a body over 1 MiB is refused with 413 before it reaches the engine")
    void oversizedBody() throws Exception {
        HttpResponse<String> response = postForm(hook(CONNECTION, TOKEN), "x".repeat((1 << 20) + 1));

        assertThat(response.statusCode()).isEqualTo(413);
    }
}
