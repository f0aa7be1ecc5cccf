package io.kommosync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import io.kommosync.accounting.tck.memory.InMemoryAccountingPort;
import io.kommosync.accounting.tck.memory.InMemoryLedger;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.kommo.webhook.KommoWebhook;
import io.kommosync.kommo.webhook.KommoWebhookBodies;
import io.kommosync.kommo.webhook.KommoWebhookEvent;
import io.kommosync.kommo.webhook.WebhookAccount;
import io.kommosync.sync.kommo.DealFieldValue;
import io.kommosync.sync.kommo.DealUpdate;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.mapping.ProductKey;
import io.kommosync.sync.store.InMemorySyncStore;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.SyncJob;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The sync engine")
class EngineTest {

    static final long PIPELINE = 11;
    static final long RAISE = 21;
    static final long OTHER = 22;
    static final long PAID_STAGE = 142;
    static final long NUMBER_FIELD = 301;
    static final long LINK_FIELD = 302;
    static final long STATUS_FIELD = 303;
    static final String TOKEN = "s3cret-path-token-123";

    MutableClock clock;
    InMemoryLedger ledger;
    FakeKommo kommo;
    InMemorySyncStore store;
    SyncEngine engine;
    MappingTable mapping;

    static Map<InvoiceStatus, Long> statusOptions() {
        Map<InvoiceStatus, Long> m = new EnumMap<>(InvoiceStatus.class);
        long id = 400;
        for (InvoiceStatus s : InvoiceStatus.values()) {
            m.put(s, id++);
        }
        return m;
    }

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
        ledger = InMemoryLedger.create(clock).withCanonicalChart();
        kommo = new FakeKommo();
        store = new InMemorySyncStore();
        mapping = MappingTable.builder()
                .addRow(MappingRow.of(new ProductKey.Sku("CONS-1"), "4010", "STANDARD"))
                .addRow(MappingRow.of(new ProductKey.ElementId(1002), "4000", "ZERO"))
                .build();
        engine = engine(mapping);
    }

    SyncEngine engine(MappingTable table) {
        Connection connection = Connection.builder("acme")
                .kommo(555, kommo)
                .webhookToken(TOKEN)
                .ledger(InMemoryAccountingPort.builder(ledger).clock(clock).build())
                .trigger(new TriggerRule("raise-invoice", PIPELINE, RAISE))
                .moveWhenPaid(new Stage(PIPELINE, PAID_STAGE))
                .dealsForLedgerInvoicesAt(new Stage(PIPELINE, OTHER))
                .mapping(table)
                .fields(KommoFields.of(NUMBER_FIELD, LINK_FIELD).withPaymentStatus(STATUS_FIELD, statusOptions()))
                .defaults(InvoiceDefaults.of(Currency.getInstance("GBP")))
                .build();
        return SyncEngine.builder().store(store).clock(clock).connection(connection)
                .inCallRetry(RetrySettings.noBackoff(1)).workerId("test-worker").build();
    }

    void twoProductDeal(long dealId) {
        kommo.put(FakeKommo.deal(dealId, PIPELINE, RAISE, List.of(
                FakeKommo.product(1001, "Consulting day", "CONS-1", "1.5", "800.00"),
                FakeKommo.product(1002, "Training kit", null, "2", "49.99"))));
    }

    KommoWebhookEndpoint endpoint() {
        return KommoWebhookEndpoint.of(engine);
    }

    WebhookResponse deliver(long dealId, long status) {
        byte[] body = KommoWebhookBodies.encode(new KommoWebhook(
                new WebhookAccount(OptionalLong.of(555), "acme", Optional.empty()),
                List.of(new KommoWebhookEvent.LeadStatusChanged(dealId, status, 20, PIPELINE, PIPELINE))));
        return endpoint().handle("POST", "/hooks/kommo/acme/" + TOKEN,
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded")), body);
    }

    @Nested
    @DisplayName("raising an invoice")
    class Raising {

        @Test
        @DisplayName("a deal with two products becomes one invoice with mapped lines, and the number, link and status go back in one PATCH")
        void happyPath() {
            twoProductDeal(4821);
            assertThat(deliver(4821, RAISE).status()).isEqualTo(200);
            engine.runDueJobs();

            assertThat(ledger.invoices()).hasSize(1);
            Invoice invoice = ledger.invoices().get(0);
            assertThat(invoice.reference()).contains("KOMMO-4821");
            assertThat(invoice.lines()).extracting(InvoiceLine::description, InvoiceLine::ledgerAccountCode,
                            InvoiceLine::taxCode, InvoiceLine::itemCode)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Consulting day", "4010", "STANDARD", Optional.of("CONS-1")),
                            org.assertj.core.groups.Tuple.tuple("Training kit", "4000", "ZERO", Optional.empty()));
            assertThat(invoice.total().amount()).isEqualByComparingTo("1539.98"); // 1200.00 + 240.00 tax + 99.98
            assertThat(ledger.customers()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("Buyer Ltd");
                assertThat(c.email()).contains("ann@example.com");
            });
            assertThat(kommo.updates).singleElement().isEqualTo(DealUpdate.fields(4821, List.of(
                    new DealFieldValue.Text(NUMBER_FIELD, invoice.number()),
                    new DealFieldValue.Text(LINK_FIELD, invoice.link().orElseThrow().toString()),
                    new DealFieldValue.Choice(STATUS_FIELD, statusOptions().get(InvoiceStatus.AWAITING_PAYMENT)))));
            assertThat(store.linkForDeal("acme", 4821)).hasValueSatisfying(l -> assertThat(l.invoiceId()).isEqualTo(invoice.id()));
            assertThat(store.audit("acme", "4821")).extracting(a -> a.step())
                    .contains("job-enqueued", "customer-created", "invoice-created", "deal-updated", "job-done");
            assertThat(kommo.tasks).isEmpty();
        }

        @Test
        @DisplayName("a duplicate webhook, a redelivered batch and a deal bouncing between stages raise exactly one invoice")
        void exactlyOnce() {
            twoProductDeal(7);
            deliver(7, RAISE);
            deliver(7, RAISE);
            engine.runDueJobs();
            deliver(7, RAISE);          // redelivered later
            deliver(7, OTHER);          // moved on
            deliver(7, RAISE);          // and back
            engine.runDueJobs();
            assertThat(ledger.countInvoicesWithReference("KOMMO-7")).isEqualTo(1);
            assertThat(store.jobs(Optional.empty(), Set.of(), 100)).hasSize(1);
            assertThat(kommo.updates).hasSize(1);
        }

        @Test
        @DisplayName("a webhook for another stage raises nothing")
        void otherStage() {
            twoProductDeal(8);
            assertThat(deliver(8, OTHER).status()).isEqualTo(200);
            engine.runDueJobs();
            assertThat(ledger.invoices()).isEmpty();
            assertThat(store.jobs(Optional.empty(), Set.of(), 10)).isEmpty();
        }

        @Test
        @DisplayName("a known customer is found by e-mail and not created again; the second deal uses the cache")
        void customerReused() {
            ledger.addCustomer("Buyer Ltd", "ann@example.com");
            twoProductDeal(1);
            twoProductDeal(2);
            engine.enqueueInvoice("acme", 1, "raise-invoice");
            engine.enqueueInvoice("acme", 2, "raise-invoice");
            engine.runDueJobs();
            assertThat(ledger.customers()).hasSize(1);
            assertThat(ledger.invoices()).hasSize(2);
            assertThat(ledger.callCount(PortOperation.FIND_CUSTOMER_BY_EMAIL)).isEqualTo(1);
            assertThat(ledger.callCount(PortOperation.CREATE_CUSTOMER)).isZero();
        }

        @Test
        @DisplayName("when the invoice was created but the answer was lost, the retry finds it by reference instead of raising a second")
        void lostResponse() {
            twoProductDeal(31);
            ledger.failNext(PortOperation.CREATE_INVOICE, SimulatedFailure.lostResponse());
            engine.enqueueInvoice("acme", 31, "raise-invoice");
            engine.runDueJobs();
            assertThat(ledger.countInvoicesWithReference("KOMMO-31")).isEqualTo(1);
            clock.advance(Duration.ofMinutes(1));
            engine.runDueJobs();
            assertThat(ledger.countInvoicesWithReference("KOMMO-31")).isEqualTo(1);
            assertThat(kommo.updates).hasSize(1);
            assertThat(store.audit("acme", "31")).extracting(a -> a.step()).contains("invoice-recovered");
        }

        @Test
        @DisplayName("preview returns the exact invoice with its problems and writes nothing anywhere")
        void preview() {
            kommo.put(FakeKommo.deal(40, PIPELINE, RAISE, List.of(
                    FakeKommo.product(1001, "Consulting day", "CONS-1", "1", "800.00"),
                    FakeKommo.product(1003, "Mystery box", "MYST", "1", "5.00"))));
            InvoicePlan plan = engine.preview("acme", 40);
            assertThat(plan.lines()).extracting(InvoiceLine::ledgerAccountCode).containsExactly("4010");
            assertThat(plan.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(PlanProblem.Kind.UNMAPPED_PRODUCT);
                assertThat(p.message()).contains("Mystery box").contains("MYST");
            });
            assertThat(ledger.totalCalls()).isEqualTo(1); // the chart of accounts only
            assertThat(kommo.updates).isEmpty();
            assertThat(kommo.tasks).isEmpty();
            assertThat(store.jobs(Optional.empty(), Set.of(), 10)).isEmpty();
        }
    }

    @Nested
    @DisplayName("when something is wrong")
    class Failures {

        @Test
        @DisplayName("an unmapped product parks the job with one task, and the invoice appears once the mapping is added")
        void unmappedProduct() {
            kommo.put(FakeKommo.deal(50, PIPELINE, RAISE, List.of(
                    FakeKommo.product(1001, "Consulting day", "CONS-1", "1", "800.00"),
                    FakeKommo.product(1003, "Mystery box", "MYST", "1", "5.00"))));
            engine.enqueueInvoice("acme", 50, "raise-invoice");
            engine.runDueJobs();
            assertThat(ledger.invoices()).isEmpty();
            assertThat(kommo.tasks).singleElement().satisfies(t -> {
                assertThat(t.dealId()).isEqualTo(50);
                assertThat(t.responsibleUserId()).isEqualTo(77);
                assertThat(t.text()).contains("Mystery box").contains("raised by itself");
            });
            SyncJob parked = store.jobs(Optional.empty(), Set.of(JobState.PARKED), 10).get(0);
            assertThat(engine.replay(parked.id())).isTrue();     // replaying without a fix: still parked, no second task
            engine.runDueJobs();
            assertThat(kommo.tasks).hasSize(1);

            int resumed = engine.replaceMapping("acme", mapping.withRow(
                    MappingRow.of(new ProductKey.Sku("MYST"), "4000", "STANDARD")));
            assertThat(resumed).isEqualTo(1);
            engine.runDueJobs();
            assertThat(ledger.countInvoicesWithReference("KOMMO-50")).isEqualTo(1);
            assertThat(ledger.invoices().get(0).lines()).hasSize(2);
            assertThat(kommo.tasks).hasSize(1);
        }

        @Test
        @DisplayName("a mapping replaced without resuming leaves the parked job parked until it is replayed")
        void mappingReplacedWithoutResuming() {
            kommo.put(FakeKommo.deal(51, PIPELINE, RAISE, List.of(
                    FakeKommo.product(1003, "Mystery box", "MYST", "1", "5.00"))));
            engine.enqueueInvoice("acme", 51, "raise-invoice");
            engine.runDueJobs();
            SyncJob parked = store.jobs(Optional.empty(), Set.of(JobState.PARKED), 10).get(0);

            int resumed = engine.replaceMapping("acme", mapping.withRow(
                    MappingRow.of(new ProductKey.Sku("MYST"), "4000", "STANDARD")), false);
            assertThat(resumed).isZero();
            assertThat(engine.connection("acme").mapping().row(new ProductKey.Sku("MYST"))).isPresent();
            assertThat(engine.runDueJobs()).isZero();
            assertThat(store.job(parked.id()).orElseThrow().state()).isEqualTo(JobState.PARKED);

            assertThat(engine.replay(parked.id())).isTrue();
            engine.runDueJobs();
            assertThat(ledger.countInvoicesWithReference("KOMMO-51")).isEqualTo(1);
            assertThat(store.job(parked.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
        }

        @Test
        @DisplayName("a ledger outage walks 1, 5 and 15 minutes, then kills the job with exactly one task")
        void outageLadder() {
            twoProductDeal(60);
            ledger.failNext(PortOperation.CREATE_INVOICE, SimulatedFailure.serverError(503), SimulatedFailure.serverError(503),
                    SimulatedFailure.serverError(503), SimulatedFailure.serverError(503));
            engine.enqueueInvoice("acme", 60, "raise-invoice");
            Instant start = clock.instant();
            engine.runDueJobs();
            SyncJob job = store.jobs(Optional.empty(), Set.of(), 1).get(0);
            assertThat(store.job(job.id()).orElseThrow().dueAt()).isEqualTo(start.plus(Duration.ofMinutes(1)));

            clock.advance(Duration.ofSeconds(59));
            assertThat(engine.runDueJobs()).isZero();
            clock.advance(Duration.ofSeconds(1));
            engine.runDueJobs();
            assertThat(store.job(job.id()).orElseThrow().dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
            clock.advance(Duration.ofMinutes(5));
            engine.runDueJobs();
            assertThat(store.job(job.id()).orElseThrow().dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
            assertThat(kommo.tasks).isEmpty();
            clock.advance(Duration.ofMinutes(15));
            engine.runDueJobs();

            SyncJob dead = store.job(job.id()).orElseThrow();
            assertThat(dead.state()).isEqualTo(JobState.DEAD);
            assertThat(dead.failures()).isEqualTo(4);
            assertThat(kommo.tasks).singleElement().satisfies(t -> assertThat(t.text()).contains("failed 4 times"));
            clock.advance(Duration.ofHours(1));
            engine.runDueJobs();
            assertThat(kommo.tasks).hasSize(1);
            assertThat(ledger.invoices()).isEmpty();

            assertThat(engine.replay(job.id())).isTrue();     // the outage is over: a replay raises it
            engine.runDueJobs();
            assertThat(ledger.countInvoicesWithReference("KOMMO-60")).isEqualTo(1);
        }

        @Test
        @DisplayName("a validation error skips the retries and goes straight to one task")
        void validationGoesToTask() {
            twoProductDeal(70);
            ledger.failNext(PortOperation.CREATE_INVOICE, SimulatedFailure.validation(422, "lines[0].account"));
            engine.enqueueInvoice("acme", 70, "raise-invoice");
            engine.runDueJobs();
            assertThat(store.jobs(Optional.empty(), Set.of(JobState.DEAD), 10)).hasSize(1);
            assertThat(kommo.tasks).singleElement().satisfies(t -> assertThat(t.text()).contains("lines[0].account"));
        }

        @Test
        @DisplayName("a contact without e-mail kills the job with a task that says what to fix")
        void noEmail() {
            kommo.put(new io.kommosync.sync.kommo.DealSnapshot(80, "Deal 80", BigDecimal.TEN, PIPELINE, RAISE, 77,
                    clock.instant(), Map.of(), Optional.of(new io.kommosync.sync.kommo.DealContact(1, "No Mail",
                    Optional.empty(), Optional.empty(), Optional.empty())),
                    List.of(FakeKommo.product(1001, "Consulting day", "CONS-1", "1", "1"))));
            engine.enqueueInvoice("acme", 80, "raise-invoice");
            engine.runDueJobs();
            assertThat(kommo.tasks).singleElement().satisfies(t -> assertThat(t.text()).contains("has no e-mail address"));
            assertThat(ledger.invoices()).isEmpty();
        }

        @Test
        @DisplayName("rejected ledger credentials pause the connection; its jobs resume after re-authorisation")
        void reauthorisation() {
            twoProductDeal(90);
            ledger.failNext(PortOperation.CHART_OF_ACCOUNTS, SimulatedFailure.unauthorized());
            engine.enqueueInvoice("acme", 90, "raise-invoice");
            engine.runDueJobs();
            assertThat(store.connectionState("acme", clock.instant()).status())
                    .isEqualTo(io.kommosync.sync.store.ConnectionState.Status.NEEDS_REAUTHORISATION);
            twoProductDeal(91);
            engine.enqueueInvoice("acme", 91, "raise-invoice");
            engine.runDueJobs();
            assertThat(store.jobs(Optional.empty(), Set.of(JobState.PARKED), 10)).hasSize(2);
            assertThat(ledger.invoices()).isEmpty();

            assertThat(engine.reauthorised("acme")).isEqualTo(2);
            engine.runDueJobs();
            assertThat(ledger.invoices()).hasSize(2);
        }

        @Test
        @DisplayName("a Kommo outage is retried in the same way, and a transient blip inside the call is absorbed")
        void kommoBlip() {
            twoProductDeal(95);
            engine.enqueueInvoice("acme", 95, "raise-invoice");
            kommo.failNext(1);
            engine.runDueJobs();
            assertThat(ledger.invoices()).isEmpty();
            clock.advance(Duration.ofMinutes(1));
            engine.runDueJobs();
            assertThat(ledger.invoices()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("payment status and reverse sync")
    class Status {

        Invoice raised(long dealId) {
            twoProductDeal(dealId);
            engine.enqueueInvoice("acme", dealId, "raise-invoice");
            engine.runDueJobs();
            kommo.updates.clear();
            return ledger.findInvoiceByReference("KOMMO-" + dealId).orElseThrow();
        }

        @Test
        @DisplayName("PAID reaches the deal once and moves it to the paid stage")
        void paid() {
            PaymentStatusSync sync = PaymentStatusSync.of(engine);
            sync.poll("acme");
            Invoice invoice = raised(100);
            clock.advance(Duration.ofMinutes(1));
            ledger.markPaid(invoice.id());
            sync.poll("acme");
            engine.runDueJobs();
            sync.poll("acme");
            engine.runDueJobs();
            assertThat(kommo.updates).singleElement().isEqualTo(new DealUpdate(100,
                    List.of(new DealFieldValue.Choice(STATUS_FIELD, statusOptions().get(InvoiceStatus.PAID))),
                    OptionalLong.of(PIPELINE), OptionalLong.of(PAID_STAGE)));
        }

        @Test
        @DisplayName("VOID reaches the deal, and OVERDUE is found by the sweep once the due date passes")
        void voidAndOverdue() {
            PaymentStatusSync sync = PaymentStatusSync.of(engine);
            sync.poll("acme");
            Invoice a = raised(110);
            Invoice b = raised(111);
            clock.advance(Duration.ofMinutes(1));
            ledger.voidInvoice(a.id());
            sync.poll("acme");
            engine.runDueJobs();
            assertThat(kommo.updates).singleElement().satisfies(u -> assertThat(u.fields()).containsExactly(
                    new DealFieldValue.Choice(STATUS_FIELD, statusOptions().get(InvoiceStatus.VOID))));

            kommo.updates.clear();
            clock.advance(Duration.ofDays(31));
            assertThat(sync.sweepOverdue("acme")).isEqualTo(1);
            engine.runDueJobs();
            assertThat(kommo.updates).singleElement().satisfies(u -> {
                assertThat(u.dealId()).isEqualTo(111);
                assertThat(u.fields()).containsExactly(
                        new DealFieldValue.Choice(STATUS_FIELD, statusOptions().get(InvoiceStatus.OVERDUE)));
            });
            assertThat(sync.sweepOverdue("acme")).isZero();
            assertThat(b.id()).isNotNull();
        }

        @Test
        @DisplayName("an invoice raised by hand in the ledger becomes exactly one deal, linked to it")
        void handMadeInvoice() {
            PaymentStatusSync sync = PaymentStatusSync.of(engine);
            sync.poll("acme");
            clock.advance(Duration.ofMinutes(1));
            var customer = ledger.addCustomer("Walk-in Ltd", "shop@walkin.example");
            Invoice byHand = ledger.raiseInvoiceByHand(customer.id(), Currency.getInstance("GBP"),
                    clock.today().plusDays(14), List.of(new InvoiceLine("Repair", BigDecimal.ONE, new BigDecimal("250"),
                            io.kommosync.accounting.spi.Discount.none(), "4000", "STANDARD", Dimensions.none(), Optional.empty())));
            sync.poll("acme");
            engine.runDueJobs();
            sync.poll("acme");
            engine.runDueJobs();
            assertThat(kommo.createdDeals).singleElement().satisfies(d -> {
                assertThat(d.contactName()).isEqualTo("Walk-in Ltd");
                assertThat(d.contactEmail()).contains("shop@walkin.example");
                assertThat(d.statusId()).isEqualTo(OTHER);
                assertThat(d.fields()).contains(new DealFieldValue.Text(NUMBER_FIELD, byHand.number()));
            });
            assertThat(store.linkForInvoice("acme", byHand.id())).isPresent();
        }
    }

    @Nested
    @DisplayName("the Kommo webhook endpoint")
    class Endpoint {

        @Test
        @DisplayName("refuses a wrong token or connection with the same 404, a foreign account with 403, and a bad body with 400")
        void authenticates() {
            byte[] body = "leads[status][0][id]=1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Map<String, List<String>> form = Map.of("Content-Type", List.of("application/x-www-form-urlencoded"));
            assertThat(endpoint().handle("POST", "/kommo/acme/wrong-token-000000", form, body).status()).isEqualTo(404);
            assertThat(endpoint().handle("POST", "/kommo/nobody/" + TOKEN, form, body).status()).isEqualTo(404);
            assertThat(endpoint().handle("GET", "/kommo/acme/" + TOKEN, form, body).status()).isEqualTo(405);
            assertThat(endpoint().handle("POST", "/kommo/acme/" + TOKEN, form, body).status()).isEqualTo(400);
            byte[] foreign = KommoWebhookBodies.encode(new KommoWebhook(
                    new WebhookAccount(OptionalLong.of(999), "evil", Optional.empty()),
                    List.of(new KommoWebhookEvent.LeadStatusChanged(1, RAISE, 20, PIPELINE, PIPELINE))));
            assertThat(endpoint().handle("POST", "/kommo/acme/" + TOKEN, form, foreign).status()).isEqualTo(403);
            assertThat(store.jobs(Optional.empty(), Set.of(), 10)).isEmpty();
        }

        @Test
        @DisplayName("several events in one body enqueue only the leads that reached a trigger stage, without any remote call")
        void multiEvent() {
            byte[] body = KommoWebhookBodies.encode(new KommoWebhook(
                    new WebhookAccount(OptionalLong.of(555), "acme", Optional.empty()),
                    List.of(new KommoWebhookEvent.LeadStatusChanged(1, RAISE, 20, PIPELINE, PIPELINE),
                            new KommoWebhookEvent.LeadStatusChanged(2, OTHER, 20, PIPELINE, PIPELINE),
                            new KommoWebhookEvent.LeadStatusChanged(3, RAISE, 20, PIPELINE, PIPELINE))));
            WebhookResponse r = endpoint().handle("POST", "/kommo/acme/" + TOKEN,
                    Map.of("content-type", List.of("application/x-www-form-urlencoded")), body);
            assertThat(r.status()).isEqualTo(200);
            assertThat(store.jobs(Optional.empty(), Set.of(), 10)).extracting(SyncJob::subjectId)
                    .containsExactlyInAnyOrder("1", "3");
            assertThat(kommo.dealReads.get()).isZero();
            assertThat(ledger.totalCalls()).isZero();
        }
    }

    @Nested
    @DisplayName("the reconciler")
    class Reconciling {

        @Test
        @DisplayName("enqueues deals in a trigger stage that no webhook announced, once")
        void missedWebhooks() {
            twoProductDeal(200);
            Reconciler r = Reconciler.of(engine);
            assertThat(r.reconcile("acme", Optional.empty(), clock.instant().minus(Duration.ofDays(1))).enqueued()).isEqualTo(1);
            assertThat(r.reconcile("acme", Optional.empty(), clock.instant().minus(Duration.ofDays(1))).enqueued()).isZero();
            engine.runDueJobs();
            assertThat(ledger.countInvoicesWithReference("KOMMO-200")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("dimensions come from the deal field first, then the mapping row, then the connection defaults")
    void dimensions() {
        Connection c = Connection.builder("dims").kommo(555, kommo).webhookToken(TOKEN)
                .ledger(InMemoryAccountingPort.builder(ledger).clock(clock).build())
                .trigger(new TriggerRule("raise-invoice", PIPELINE, RAISE))
                .mapping(MappingTable.builder()
                        .addRow(MappingRow.of(new ProductKey.Sku("CONS-1"), "4010", "STANDARD",
                                Dimensions.of(DimensionType.DEPARTMENT, "D200")))
                        .addRow(MappingRow.of(new ProductKey.ElementId(1002), "4000", "ZERO")).build())
                .fields(KommoFields.of(NUMBER_FIELD, LINK_FIELD))
                .defaults(InvoiceDefaults.of(Currency.getInstance("GBP")))
                .dimensionFromDealField(DimensionType.DEPARTMENT, 700)
                .defaultDimensions(Dimensions.of(DimensionType.DEPARTMENT, "D100").with(DimensionType.PROJECT, "P1"))
                .build();
        SyncEngine e = SyncEngine.builder().store(store).clock(clock).connection(c)
                .inCallRetry(RetrySettings.noBackoff(1)).build();
        twoProductDeal(300);
        InvoicePlan plan = e.preview("dims", 300);
        assertThat(plan.lines()).extracting(l -> l.dimensions().get(DimensionType.DEPARTMENT).orElseThrow())
                .containsExactly("D200", "D100");
        var deal = kommo.deals.get(300L);
        kommo.put(new io.kommosync.sync.kommo.DealSnapshot(300, deal.name(), deal.price(), PIPELINE, RAISE, 77,
                deal.updatedAt(), Map.of(700L, "Sales"), deal.mainContact(), deal.products()));
        plan = e.preview("dims", 300);
        assertThat(plan.lines()).extracting(l -> l.dimensions().get(DimensionType.DEPARTMENT).orElseThrow())
                .containsExactly("D100", "D100");
        assertThat(plan.lines()).allSatisfy(l -> assertThat(l.dimensions().get(DimensionType.PROJECT)).contains("P1"));
    }
}
