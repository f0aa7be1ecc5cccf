package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sandbox.intacct.ArInvoice;
import io.kommosync.sandbox.intacct.ArInvoiceLine;
import io.kommosync.sandbox.intacct.IntacctDimension;
import io.kommosync.sandbox.intacct.IntacctSimulator;
import io.kommosync.sandbox.kommo.CustomField;
import io.kommosync.sandbox.kommo.CustomFieldType;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sync.Connection;
import io.kommosync.sync.InvoiceDefaults;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.TriggerRule;
import io.kommosync.sync.kommo.KommoClientGateway;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.mapping.ProductKey;
import io.kommosync.sync.store.InMemorySyncStore;
import io.kommosync.sync.store.JobState;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
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
 * Sage Intacct end to end: Kommo simulator, the real Kommo client, the engine, the real Intacct adapter found
 * through ServiceLoader, and the Intacct simulator, whose GL account requires a department and a location on every
 * line.
 */
@DisplayName("End to end with Sage Intacct dimensions")
class IntacctDimensionsEndToEndTest {

    static final String TOKEN = "intacct-webhook-token-0123456789";

    KommoSimulator kommo;
    IntacctSimulator intacct;
    KommoClient client;
    AccountingPort port;
    SyncEngine engine;
    WebhookHttpServer http;
    InMemorySyncStore store;
    DemoAccount demo;
    CustomField department;
    CustomField location;

    @BeforeEach
    void setUp() {
        kommo = KommoSimulator.builder().withoutRateLimit().start();
        intacct = IntacctSimulator.builder().start();
        intacct.company()
                .addGlAccount("4300", "Regional services", true, IntacctDimension.DEPARTMENT, IntacctDimension.LOCATION)
                .addGlAccount("4000", "Product sales", true)
                .addSaleTaxDetail("Standard", new BigDecimal("20"))
                .addDimensionValue(IntacctDimension.DEPARTMENT, "D100", "Sales")
                .addDimensionValue(IntacctDimension.DEPARTMENT, "D200", "Professional services")
                .addDimensionValue(IntacctDimension.LOCATION, "L-UK", "London")
                .addDimensionValue(IntacctDimension.LOCATION, "L-DE", "Berlin")
                .addDimensionValue(IntacctDimension.ITEM, "CONS-1", "Consulting day")
                .addDimensionValue(IntacctDimension.ITEM, "KIT-1", "Training kit");
        port = AccountingPorts.load("sage-intacct", AccountingConfig.builder()
                .put("transport", "xml").put("baseUrl", intacct.baseUri().toString())
                .put("companyId", IntacctSimulator.COMPANY_ID)
                .put("senderId", IntacctSimulator.SENDER_ID).putSecret("senderPassword", IntacctSimulator.SENDER_PASSWORD)
                .put("userId", IntacctSimulator.USER_ID).putSecret("userPassword", IntacctSimulator.USER_PASSWORD)
                .put("lineQuantityField", "KOMMO_QUANTITY").put("lineUnitPriceField", "KOMMO_UNIT_PRICE")
                .attach(RetrySettings.class, RetrySettings.noBackoff(1))
                .build());

        demo = DemoAccount.seed(kommo.createAccount("regional", Currency.getInstance("GBP")));
        department = demo.account().createLeadCustomField(CustomFieldType.SELECT, "Department", "DEPARTMENT",
                List.of("Sales", "Professional services"));
        location = demo.account().createLeadCustomField(CustomFieldType.SELECT, "Location", "LOCATION",
                List.of("London", "Berlin"));
        client = KommoClient.builder().baseUrl(kommo.baseUri(demo.account()))
                .credentials(KommoCredentials.longLived(Secret.of(demo.account().issueLongLivedToken())))
                .rateLimit(200).build();
        store = new InMemorySyncStore();
        Connection connection = Connection.builder("regional")
                .kommo(demo.account().id(), new KommoClientGateway(client))
                .webhookToken(TOKEN)
                .ledger(port)
                .trigger(new TriggerRule("raise-invoice", demo.pipelineId(), demo.raiseStageId()))
                .mapping(MappingTable.builder()
                        .addRow(MappingRow.of(new ProductKey.Sku("CONS-1"), "4300", "Standard"))
                        .addRow(MappingRow.of(new ProductKey.Sku("KIT-1"), "4300", "Standard"))
                        .build())
                .fields(demo.fields())
                .defaults(InvoiceDefaults.of(Currency.getInstance("GBP")))
                .dimensionFromDealField(DimensionType.DEPARTMENT, department.id())
                .dimensionFromDealField(DimensionType.LOCATION, location.id())
                .build();
        engine = SyncEngine.builder().store(store).connection(connection)
                .inCallRetry(RetrySettings.noBackoff(1)).workerId("intacct-e2e").build();
        http = WebhookHttpServer.start(engine, new InetSocketAddress("127.0.0.1", 0));
        demo.account().subscribeWebhook(URI.create(http.baseUri() + "/kommo/regional/" + TOKEN), "status_lead");
    }

    @AfterEach
    void tearDown() {
        http.close();
        client.close();
        port.close();
        intacct.close();
        kommo.close();
    }

    @Test
    @DisplayName("a deal's Department and Location fields reach every Intacct invoice line")
    void dimensionsFromDealFields() {
        Lead deal = demo.deal("Regional rollout", Map.entry(demo.consulting(), "2"), Map.entry(demo.kit(), "1"));
        demo.account().setLeadField(deal.id(), department.id(), "Professional services");
        demo.account().setLeadField(deal.id(), location.id(), "Berlin");
        demo.account().moveLead(deal.id(), demo.pipelineId(), demo.raiseStageId());
        engine.runDueJobs();

        List<ArInvoice> invoices = intacct.company().invoices();
        assertThat(invoices).singleElement().satisfies(inv -> {
            assertThat(inv.lines()).hasSize(2);
            for (ArInvoiceLine line : inv.lines()) {
                assertThat(line.accountNo()).isEqualTo("4300");
                assertThat(line.dimensions()).containsEntry(IntacctDimension.DEPARTMENT, "D200")
                        .containsEntry(IntacctDimension.LOCATION, "L-DE");
            }
        });
        assertThat(demo.field(deal.id(), demo.fields().invoiceNumberFieldId())).isNotEmpty();
    }

    @Test
    @DisplayName("a deal without a location, for an account that requires one, is stopped before any Intacct call")
    void missingRequiredDimension() {
        Lead deal = demo.deal("No location", Map.entry(demo.consulting(), "1"));
        demo.account().setLeadField(deal.id(), department.id(), "Sales");
        demo.account().moveLead(deal.id(), demo.pipelineId(), demo.raiseStageId());
        engine.runDueJobs();

        assertThat(intacct.company().invoices()).isEmpty();
        assertThat(store.jobs(Optional.empty(), Set.of(JobState.PARKED), 10)).singleElement()
                .satisfies(j -> assertThat(j.lastError()).hasValueSatisfying(e -> assertThat(e).contains("requires location")));
        assertThat(demo.account().tasks()).singleElement()
                .satisfies(t -> assertThat(t.text()).contains("requires location"));
    }
}
