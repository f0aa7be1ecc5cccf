package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sandbox.AdjustableClock;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.kommo.CatalogElement;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.KommoSimulatorExtension;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.kommo.WebhookDelivery;
import io.kommosync.sync.Connection;
import io.kommosync.sync.InvoiceDefaults;
import io.kommosync.sync.PaymentStatusSync;
import io.kommosync.sync.Stage;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine end to end: the Kommo simulator posts real webhooks to the reference server's HTTP front, the engine
 * reads the deal through the real Kommo client, raises the invoice in the in-memory reference ledger and writes
 * back through the real client. Time is a fake clock; jobs run when the test says so.
 */
abstract class EndToEndTest {

    /** The ledger this run of the suite uses. */
    abstract DemoLedgers.Kind ledgerKind();

    static final AdjustableClock KOMMO_CLOCK = AdjustableClock.at(Instant.parse("2026-06-01T09:00:00Z"));

    @RegisterExtension
    static final KommoSimulatorExtension KOMMO = KommoSimulatorExtension.using(() -> KommoSimulator.builder()
            .withoutRateLimit().clock(KOMMO_CLOCK).webhookDisabling(2, Duration.ofHours(2)));

    static final String TOKEN = "e2e-webhook-token-0123456789";

    MutableClock clock;
    DemoLedgers.DemoLedger ledger;
    InMemorySyncStore store;
    DemoAccount demo;
    SyncEngine engine;
    WebhookHttpServer http;
    KommoClient client;
    MappingTable mapping;

    @BeforeEach
    void setUp() {
        KommoSimulator kommo = KOMMO.simulator();
        clock = MutableClock.at(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC);
        ledger = DemoLedgers.start(ledgerKind(), clock, RetrySettings.noBackoff(1));
        store = new InMemorySyncStore();
        demo = DemoAccount.seed(kommo.createAccount("e2e", Currency.getInstance("GBP")));
        client = KommoClient.builder().baseUrl(kommo.baseUri(demo.account()))
                .credentials(KommoCredentials.longLived(Secret.of(demo.account().issueLongLivedToken())))
                .rateLimit(200).retry(RetrySettings.noBackoff(2)).build();
        mapping = MappingTable.builder()
                .addRow(MappingRow.of(new ProductKey.Sku("CONS-1"), ledger.servicesAccount(), ledger.standardTax()))
                .addRow(MappingRow.of(new ProductKey.Sku("KIT-1"), ledger.salesAccount(), ledger.zeroTax()))
                .build();
        Connection connection = Connection.builder("e2e")
                .kommo(demo.account().id(), new KommoClientGateway(client))
                .webhookToken(TOKEN)
                .ledger(ledger.port())
                .trigger(new TriggerRule("raise-invoice", demo.pipelineId(), demo.raiseStageId()))
                .moveWhenPaid(new Stage(demo.pipelineId(), io.kommosync.sandbox.kommo.Stage.WON))
                .dealsForLedgerInvoicesAt(new Stage(demo.pipelineId(), demo.firstStageId()))
                .mapping(mapping)
                .fields(demo.fields())
                .defaults(InvoiceDefaults.of(Currency.getInstance("GBP")))
                .build();
        engine = SyncEngine.builder().store(store).clock(clock).connection(connection)
                .inCallRetry(RetrySettings.noBackoff(1)).workerId("e2e").build();
        http = WebhookHttpServer.start(engine, new InetSocketAddress("127.0.0.1", 0));
        demo.account().subscribeWebhook(URI.create(http.baseUri() + "/kommo/e2e/" + TOKEN), "status_lead");
    }

    @AfterEach
    void tearDown() {
        http.close();
        client.close();
        ledger.close();
    }

    Lead twoProductDeal(String name) {
        return demo.deal(name, Map.entry(demo.consulting(), "1.5"), Map.entry(demo.kit(), "2"));
    }

    List<WebhookDelivery> move(Lead deal, long stage) {
        List<WebhookDelivery> deliveries = demo.account().moveLead(deal.id(), demo.pipelineId(), stage);
        assertThat(deliveries).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
        return deliveries;
    }

    List<JournalEntry> leadPatches() {
        return KOMMO.simulator().journal().entries().stream()
                .filter(e -> e.method().equals("PATCH") && e.path().startsWith("/api/v4/leads")).toList();
    }

    String number(Lead deal) {
        return demo.field(deal.id(), demo.fields().invoiceNumberFieldId());
    }

    String paymentStatus(Lead deal) {
        return demo.field(deal.id(), demo.fields().paymentStatusFieldId().getAsLong());
    }

    Invoice invoiceOf(Lead deal) {
        return ledger.port().findInvoiceByReference("KOMMO-" + deal.id()).orElseThrow();
    }

    int invoicesOf(Lead deal) {
        return ledger.countInvoicesWithReference("KOMMO-" + deal.id());
    }

    @Test
    @DisplayName("a deal moved to Raise Invoice becomes one mapped invoice, and one PATCH writes number, link and status")
    void happyPath() {
        Lead deal = twoProductDeal("Website redesign");
        KOMMO.simulator().journal().clear();
        move(deal, demo.raiseStageId());
        engine.runDueJobs();

        Invoice invoice = invoiceOf(deal);
        assertThat(invoice.lines()).extracting(InvoiceLine::ledgerAccountCode, InvoiceLine::taxCode)
                .containsExactly(tuple(ledger.servicesAccount(), ledger.standardTax()),
                        tuple(ledger.salesAccount(), ledger.zeroTax()));
        assertThat(invoice.total().amount()).isEqualByComparingTo("1539.98");
        assertThat(number(deal)).isEqualTo(invoice.number());
        assertThat(demo.field(deal.id(), demo.fields().invoiceLinkFieldId()))
                .isEqualTo(invoice.link().map(Object::toString).orElse(""));
        assertThat(paymentStatus(deal)).isEqualTo("Awaiting payment");

        List<JournalEntry> patches = leadPatches();
        assertThat(patches).hasSize(1);
        String body = new String(patches.get(0).body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"id\":" + deal.id()).contains(invoice.number())
                .doesNotContain("\"name\"").doesNotContain("\"price\"").doesNotContain("status_id");
        assertThat(ledger.port().findCustomerByEmail("ann@buyer.example"))
                .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Buyer Ltd"));
    }

    @Test
    @DisplayName("a duplicate webhook, another stage, a redelivered batch and a bouncing deal raise exactly one invoice")
    void exactlyOnce() {
        Lead deal = twoProductDeal("Bouncer");
        List<WebhookDelivery> first = move(deal, demo.raiseStageId());
        KOMMO.simulator().redeliver(first.get(0));          // duplicate delivery
        engine.runDueJobs();
        KOMMO.simulator().redeliver(first.get(0));          // redelivered later
        KOMMO_CLOCK.advance(Duration.ofMinutes(3));
        move(deal, demo.firstStageId());                    // another stage
        KOMMO_CLOCK.advance(Duration.ofMinutes(3));
        move(deal, demo.raiseStageId());                    // and back again
        engine.runDueJobs();

        assertThat(invoicesOf(deal)).isEqualTo(1);
        assertThat(leadPatches()).hasSize(1);
        assertThat(demo.account().notes(deal.id())).singleElement().satisfies(n ->
                assertThat(String.valueOf(n.params().get("text")))
                        .contains("invoice " + invoiceOf(deal).number() + " was already raised"));
    }

    @Test
    @DisplayName("an unmapped product parks the job with one task, and the invoice appears once the mapping is added")
    void unmappedProduct() {
        CatalogElement mystery = demo.account().createCatalogElement(demo.consulting().catalogId(), "Mystery box",
                "MYST-9", "5.00", Map.of());
        ledger.addProduct("MYST-9", "Mystery box");
        Lead deal = demo.deal("Odd order", Map.entry(demo.consulting(), "1"), Map.entry(mystery, "3"));
        move(deal, demo.raiseStageId());
        engine.runDueJobs();
        engine.runDueJobs();

        assertThat(invoicesOf(deal)).isZero();
        assertThat(demo.account().tasks()).singleElement().satisfies(t -> {
            assertThat(t.entityId()).isEqualTo(deal.id());
            assertThat(t.text()).contains("Mystery box").contains("MYST-9");
        });
        assertThat(store.jobs(Optional.empty(), Set.of(JobState.PARKED), 10)).hasSize(1);

        engine.replaceMapping("e2e", mapping.withRow(MappingRow.of(new ProductKey.Sku("MYST-9"),
                ledger.salesAccount(), ledger.standardTax())));
        engine.runDueJobs();
        Invoice invoice = invoiceOf(deal);
        assertThat(invoice.lines()).hasSize(2);
        assertThat(number(deal)).isEqualTo(invoice.number());
        assertThat(demo.account().tasks()).hasSize(1);
    }

    @Test
    @DisplayName("a ledger outage walks 1, 5 and 15 minutes on the clock, then creates exactly one task for the manager")
    void outage() {
        Lead deal = twoProductDeal("During the outage");
        ledger.failNextInvoiceCreations(4);
        move(deal, demo.raiseStageId());
        engine.runDueJobs();
        for (Duration wait : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15))) {
            clock.advance(wait.minusSeconds(1));
            assertThat(engine.runDueJobs()).as("nothing runs before %s", wait).isZero();
            clock.advance(Duration.ofSeconds(1));
            assertThat(engine.runDueJobs()).as("the retry after %s", wait).isEqualTo(1);
        }
        clock.advance(Duration.ofHours(2));
        engine.runDueJobs();

        assertThat(store.jobs(Optional.empty(), Set.of(JobState.DEAD), 10)).hasSize(1);
        assertThat(demo.account().tasks()).singleElement().satisfies(t -> {
            assertThat(t.entityId()).isEqualTo(deal.id());
            assertThat(t.responsibleUserId()).isEqualTo(demo.account().adminUser().id());
            assertThat(t.text()).contains("failed 4 times").contains("503");
        });
        assertThat(invoicesOf(deal)).isZero();
        assertThat(number(deal)).isEmpty();
    }

    @Test
    @DisplayName("PAID, VOID and OVERDUE in the ledger reach the deal's payment status; paid moves the deal to won")
    void paymentStatus() {
        PaymentStatusSync sync = PaymentStatusSync.of(engine);
        sync.poll("e2e");
        Lead paid = twoProductDeal("Pays");
        Lead voided = twoProductDeal("Cancelled");
        Lead late = twoProductDeal("Pays late");
        for (Lead d : List.of(paid, voided, late)) {
            move(d, demo.raiseStageId());
        }
        engine.runDueJobs();

        clock.advance(Duration.ofMinutes(1));
        ledger.markPaid(invoiceOf(paid).id());
        ledger.voidInvoice(invoiceOf(voided).id());
        sync.poll("e2e");
        engine.runDueJobs();
        assertThat(paymentStatus(paid)).isEqualTo("Paid");
        assertThat(demo.account().lead(paid.id()).statusId()).isEqualTo(io.kommosync.sandbox.kommo.Stage.WON);
        assertThat(paymentStatus(voided)).isEqualTo("Void");
        assertThat(paymentStatus(late)).isEqualTo("Awaiting payment");

        clock.advance(Duration.ofDays(31));
        sync.sweepOverdue("e2e");
        engine.runDueJobs();
        assertThat(paymentStatus(late)).isEqualTo("Overdue");
        int patches = leadPatches().size();
        sync.poll("e2e");
        sync.sweepOverdue("e2e");
        engine.runDueJobs();
        assertThat(leadPatches()).hasSize(patches);
    }

    @Test
    @DisplayName("the reconciler raises invoices for deals no webhook announced and re-subscribes a disabled webhook")
    void reconciler() {
        URI deadEnd = URI.create("http://127.0.0.1:9/nobody-listens");
        String hook = http.baseUri() + "/kommo/e2e/" + TOKEN;
        demo.account().subscriptions().forEach(sub -> client.webhooks().unsubscribe(sub.destination().toString()));
        demo.account().subscribeWebhook(deadEnd, "status_lead");
        Lead missed = twoProductDeal("Missed by the webhook");
        demo.account().moveLead(missed.id(), demo.pipelineId(), demo.raiseStageId());
        Lead missedToo = twoProductDeal("Missed again");
        demo.account().moveLead(missedToo.id(), demo.pipelineId(), demo.raiseStageId());
        demo.account().moveLead(missedToo.id(), demo.pipelineId(), demo.firstStageId());
        assertThat(demo.account().subscriptions()).singleElement().satisfies(sub -> assertThat(sub.disabled()).isTrue());
        assertThat(store.jobs(Optional.empty(), Set.of(), 10)).isEmpty();

        var result = io.kommosync.sync.Reconciler.of(engine).reconcile("e2e", Optional.of(hook),
                KOMMO_CLOCK.instant().minus(Duration.ofHours(1)));
        engine.runDueJobs();

        assertThat(result.enqueued()).isEqualTo(1);
        assertThat(result.webhookRepaired()).isTrue();
        assertThat(invoicesOf(missed)).isEqualTo(1);
        assertThat(invoicesOf(missedToo)).isZero();
        assertThat(demo.account().subscriptions()).anySatisfy(sub -> {
            assertThat(sub.destination()).hasToString(hook);
            assertThat(sub.disabled()).isFalse();
        });
        Lead next = twoProductDeal("After the repair");
        move(next, demo.raiseStageId());
        engine.runDueJobs();
        assertThat(invoicesOf(next)).isEqualTo(1);
    }

    @Test
    @DisplayName("preview shows the exact invoice with its mapping problems and writes nothing")
    void preview() {
        CatalogElement mystery = demo.account().createCatalogElement(demo.consulting().catalogId(), "Mystery box",
                "MYST-9", "5.00", Map.of());
        ledger.addProduct("MYST-9", "Mystery box");
        Lead deal = demo.deal("Website redesign", Map.entry(demo.consulting(), "1.5"), Map.entry(demo.kit(), "2"),
                Map.entry(mystery, "3"));
        KOMMO.simulator().journal().clear();

        String preview = engine.preview("e2e", deal.id()).describe();
        System.out.println(preview);
        assertThat(preview)
                .contains("Invoice preview for deal " + deal.id() + " (reference KOMMO-" + deal.id() + ")")
                .contains("customer: Buyer Ltd, Ann Buyer <ann@buyer.example>")
                .containsPattern("Consulting day +1\\.5 x +800\\.00 = +1200\\.00 +account " + ledger.servicesAccount()
                        + " +tax " + ledger.standardTax())
                .containsPattern("Training kit +2 x +49\\.99 = +99\\.98 +account " + ledger.salesAccount()
                        + " +tax " + ledger.zeroTax())
                .contains("net total 1299.98 GBP")
                .contains("NOT raised, 1 problem(s)")
                .contains("Product 'Mystery box' (SKU MYST-9)");
        assertThat(KOMMO.simulator().journal().entries()).allSatisfy(e -> assertThat(e.method()).isEqualTo("GET"));
        assertThat(invoicesOf(deal)).isZero();
        assertThat(demo.account().tasks()).isEmpty();
    }

    @Test
    @DisplayName("an invoice raised by hand in the ledger becomes exactly one Kommo deal with its number")
    void handMadeInvoice() {
        PaymentStatusSync sync = PaymentStatusSync.of(engine);
        sync.poll("e2e");
        clock.advance(Duration.ofMinutes(1));
        Invoice byHand = ledger.port().invoice(ledger.raiseInvoiceByHand("Walk-in Ltd", "shop@walkin.example",
                new BigDecimal("250"), clock.today().plusDays(14)));
        int leadsBefore = demo.account().leads().size();
        sync.poll("e2e");
        engine.runDueJobs();
        sync.poll("e2e");
        engine.runDueJobs();

        List<Lead> created = demo.account().leads().subList(leadsBefore, demo.account().leads().size());
        assertThat(created).singleElement().satisfies(lead -> {
            assertThat(lead.name()).isEqualTo("Invoice " + byHand.number());
            assertThat(number(lead)).isEqualTo(byHand.number());
            assertThat(lead.price()).isEqualByComparingTo(byHand.total().amount());
        });
        assertThat(demo.account().contacts()).anySatisfy(c -> assertThat(c.name()).isEqualTo("Walk-in Ltd"));
    }
}
