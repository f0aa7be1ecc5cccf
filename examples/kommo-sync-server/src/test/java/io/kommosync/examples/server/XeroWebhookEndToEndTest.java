package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.xero.XeroInvoice;
import io.kommosync.sandbox.xero.XeroNewLine;
import io.kommosync.sandbox.xero.XeroOrganisation;
import io.kommosync.sandbox.xero.XeroSimulator;
import io.kommosync.sandbox.xero.XeroWebhookDelivery;
import io.kommosync.sync.Connection;
import io.kommosync.sync.InvoiceDefaults;
import io.kommosync.sync.Stage;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.TriggerRule;
import io.kommosync.sync.kommo.KommoClientGateway;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.mapping.ProductKey;
import io.kommosync.sync.store.InMemorySyncStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Xero's signed webhooks end to end, with no polling at all: the Xero simulator posts signed INVOICE events to the
 * reference server's ledger endpoint, the Xero adapter verifies the signature, and the engine brings the change to
 * the Kommo simulator.
 */
@DisplayName("End to end with Xero's signed webhooks")
class XeroWebhookEndToEndTest {

    static final String TOKEN = "xero-kommo-webhook-token-0123";
    static final String WEBHOOK_KEY = "xero-webhook-signing-key-for-tests-0123456789";

    KommoSimulator kommo;
    XeroSimulator xero;
    XeroOrganisation org;
    AccountingPort port;
    KommoClient client;
    SyncEngine engine;
    WebhookHttpServer http;
    InMemorySyncStore store;
    DemoAccount demo;

    @BeforeEach
    void setUp() {
        kommo = KommoSimulator.builder().withoutRateLimit().start();
        xero = XeroSimulator.builder().webhookMode(XeroSimulator.WebhookMode.IMMEDIATE).start();
        org = xero.createOrganisation("Two-way Ltd").withDemoChart();
        port = AccountingPorts.load("xero", AccountingConfig.builder()
                .put("baseUrl", xero.accountingUri().toString())
                .put("connectionsUrl", xero.connectionsUri().toString())
                .put("tenantId", org.tenantId())
                .putSecret("accessToken", xero.authorizeLongLived(org).accessToken())
                .putSecret("webhookKey", WEBHOOK_KEY)
                .attach(RetrySettings.class, RetrySettings.noBackoff(1))
                .build());
        demo = DemoAccount.seed(kommo.createAccount("two-way", Currency.getInstance("GBP")));
        client = KommoClient.builder().baseUrl(kommo.baseUri(demo.account()))
                .credentials(KommoCredentials.longLived(Secret.of(demo.account().issueLongLivedToken())))
                .rateLimit(200).build();
        store = new InMemorySyncStore();
        Connection connection = Connection.builder("xero-two-way")
                .kommo(demo.account().id(), new KommoClientGateway(client))
                .webhookToken(TOKEN)
                .ledger(port)
                .trigger(new TriggerRule("raise-invoice", demo.pipelineId(), demo.raiseStageId()))
                .moveWhenPaid(new Stage(demo.pipelineId(), io.kommosync.sandbox.kommo.Stage.WON))
                .dealsForLedgerInvoicesAt(new Stage(demo.pipelineId(), demo.firstStageId()))
                .mapping(MappingTable.builder()
                        .addRow(MappingRow.of(new ProductKey.Sku("CONS-1"), "200", "OUTPUT2"))
                        .addRow(MappingRow.of(new ProductKey.Sku("KIT-1"), "260", "ZERORATEDOUTPUT"))
                        .build())
                .fields(demo.fields())
                .defaults(InvoiceDefaults.of(Currency.getInstance("GBP")))
                .build();
        engine = SyncEngine.builder().store(store).connection(connection)
                .inCallRetry(RetrySettings.noBackoff(1)).workerId("xero-e2e").build();
        http = WebhookHttpServer.start(engine, new InetSocketAddress("127.0.0.1", 0));
        demo.account().subscribeWebhook(URI.create(http.baseUri() + "/kommo/xero-two-way/" + TOKEN), "status_lead");
        xero.subscribeWebhook(URI.create(http.baseUri() + "/ledger/xero-two-way"), WEBHOOK_KEY);
    }

    @AfterEach
    void tearDown() {
        http.close();
        client.close();
        port.close();
        xero.close();
        kommo.close();
    }

    @Test
    @DisplayName("the intent-to-receive handshake passes: 200 for good signatures, 401 for bad ones")
    void intentToReceive() {
        assertThat(xero.intentToReceive().passed()).isTrue();
    }

    @Test
    @DisplayName("deal => invoice => paid in Xero => the signed webhook moves the deal's payment status; a replay changes nothing")
    void paidThroughWebhook() {
        assertThat(xero.intentToReceive().passed()).isTrue();
        Lead deal = demo.deal("Paid via webhook", Map.entry(demo.consulting(), "1"), Map.entry(demo.kit(), "3"));
        demo.account().moveLead(deal.id(), demo.pipelineId(), demo.raiseStageId());
        engine.runDueJobs();
        String invoiceId = port.findInvoiceByReference("KOMMO-" + deal.id()).orElseThrow().id();
        engine.runDueJobs();   // the INVOICE CREATE/UPDATE events of our own invoice change nothing
        assertThat(demo.field(deal.id(), demo.fields().paymentStatusFieldId().getAsLong())).isEqualTo("Awaiting payment");

        org.markPaid(invoiceId);
        XeroWebhookDelivery paidEvent = lastDelivery();
        assertThat(paidEvent.status()).isEqualTo(200);
        engine.runDueJobs();
        assertThat(demo.field(deal.id(), demo.fields().paymentStatusFieldId().getAsLong())).isEqualTo("Paid");
        assertThat(demo.account().lead(deal.id()).statusId()).isEqualTo(io.kommosync.sandbox.kommo.Stage.WON);

        int jobs = store.jobs(Optional.empty(), Set.of(), 100).size();
        assertThat(xero.redeliver(paidEvent).status()).isEqualTo(200);
        engine.runDueJobs();
        assertThat(store.jobs(Optional.empty(), Set.of(), 100)).hasSize(jobs);
    }

    @Test
    @DisplayName("an invoice raised by hand in Xero becomes exactly one Kommo deal, even when the event is redelivered")
    void invoiceRaisedInXero() {
        assertThat(xero.intentToReceive().passed()).isTrue();
        String contactId = org.addContact("Walk-in Ltd", "shop@walkin.example").contactId();
        int leadsBefore = demo.account().leads().size();
        XeroInvoice byHand = org.raiseInvoiceByHand(contactId, "GBP", org.today().plusDays(14),
                List.of(XeroNewLine.of("Repair", "1", "250.00", "200", "OUTPUT2")));
        XeroWebhookDelivery created = lastDelivery();
        engine.runDueJobs();
        xero.redeliver(created);
        engine.runDueJobs();

        List<Lead> createdLeads = demo.account().leads().subList(leadsBefore, demo.account().leads().size());
        assertThat(createdLeads).singleElement().satisfies(lead -> {
            assertThat(lead.name()).isEqualTo("Invoice " + byHand.number());
            assertThat(demo.field(lead.id(), demo.fields().invoiceNumberFieldId())).isEqualTo(byHand.number());
        });
        assertThat(demo.account().contacts()).anySatisfy(c -> assertThat(c.name()).isEqualTo("Walk-in Ltd"));
    }

    @Test
    @DisplayName("a delivery whose body was tampered with is refused with 401 and enqueues nothing")
    void tamperedBody() throws Exception {
        assertThat(xero.intentToReceive().passed()).isTrue();
        String contactId = org.addContact("Someone", "someone@example.com").contactId();
        org.raiseInvoiceByHand(contactId, "GBP", org.today().plusDays(14),
                List.of(XeroNewLine.of("Thing", "1", "10.00", "200", "OUTPUT2")));
        XeroWebhookDelivery genuine = lastDelivery();
        int jobs = store.jobs(Optional.empty(), Set.of(), 100).size();
        String tampered = genuine.body().replace("\"CREATE\"", "\"UPDATE\"").replace("INVOICE", "INVOICE ");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(genuine.destination())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("x-xero-signature", genuine.signature())
                .POST(HttpRequest.BodyPublishers.ofString(tampered)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).isEmpty();
        assertThat(store.jobs(Optional.empty(), Set.of(), 100)).hasSize(jobs);
    }

    private XeroWebhookDelivery lastDelivery() {
        List<XeroWebhookDelivery> deliveries = xero.webhookDeliveries();
        assertThat(deliveries).isNotEmpty();
        return deliveries.get(deliveries.size() - 1);
    }
}
