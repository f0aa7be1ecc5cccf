package io.kommosync.examples.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.client.Secret;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.examples.server.WebhookHttpServer;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sandbox.http.Fault;
import io.kommosync.sandbox.http.FaultPlan;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.http.RequestJournal;
import io.kommosync.sandbox.http.SimulatedResponse;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.KommoSimulatorExtension;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.kommo.WebhookDelivery;
import io.kommosync.sandbox.xero.XeroLimits;
import io.kommosync.sandbox.xero.XeroOrganisation;
import io.kommosync.sandbox.xero.XeroSimulator;
import io.kommosync.sync.Connection;
import io.kommosync.sync.InvoiceDefaults;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.TriggerRule;
import io.kommosync.sync.kommo.KommoClientGateway;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.mapping.ProductKey;
import io.kommosync.sync.store.InMemorySyncStore;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.SyncJob;
import io.kommosync.xero.XeroRateLimits;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine against misbehaving vendors: the Kommo simulator and the Xero simulator (behind the real Xero adapter,
 * found through ServiceLoader) each inject, from a seeded plan, 20 % faults (connection resets, JSON 500s, nginx
 * 502/503/504 pages, answers held back beyond the client's read timeout after the server acted), plus 429 storms
 * with {@code Retry-After} scripted while the work runs. The engine's clock is fake: the durable 1/5/15-minute
 * retries are walked by advancing it between synchronous {@code runDueJobs()} passes.
 */
class FaultsTest {

    private static final String CONNECTION = "faulty";
    private static final String TOKEN = "faulty-webhook-token-0123456789";
    private static final int DEALS = 32;
    private static final Duration READ_TIMEOUT = Duration.ofMillis(250);
    private static final Duration HELD_BACK = Duration.ofMillis(500);

    /** 20 % of requests misbehave: 5 % each of resets, JSON 500s, nginx 5xx pages and answers held back. */
    private static FaultPlan twentyPercent(long seed) {
        return FaultPlan.builder().seed(seed).connectionResets(0.05).serverErrors(0.05).htmlServerErrors(0.05)
                .slowResponses(0.05, HELD_BACK).build();
    }

    @RegisterExtension
    static final KommoSimulatorExtension KOMMO = KommoSimulatorExtension.using(() -> KommoSimulator.builder()
            .withoutRateLimit().faultPlan(twentyPercent(20_260_601L)));

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("with both vendors injecting 20 % 5xx, timeouts and resets plus 429 storms with Retry-After, every "
            + "deal is invoiced exactly once and no job dies")
    void everyDealInvoicedExactlyOnce() {
        long started = System.nanoTime();
        MutableClock clock = MutableClock.at(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC);
        KommoSimulator kommoSim = KOMMO.simulator();
        TriggerAccount kommo = TriggerAccount.seed(kommoSim.createAccount("faulty", Currency.getInstance("GBP")));

        XeroSimulator xeroSim = XeroSimulator.builder().clock(clock).limits(XeroLimits.unlimited())
                .faultPlan(twentyPercent(4_242L)).start();
        closing.add(xeroSim::close);
        XeroOrganisation org = xeroSim.createOrganisation("Faulty Agency Ltd").withDemoChart();
        // Xero's client-side limits (60 calls a minute) on the fake clock: a wait for a permit moves the limiter's
        // ticker forward instead of sleeping.
        AtomicLong slept = new AtomicLong();
        XeroRateLimits limits = XeroRateLimits.builder().maxWait(Duration.ofMinutes(2))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()) + slept.get())
                .sleeper(d -> slept.addAndGet(d.toNanos())).build();
        AccountingPort ledger = AccountingPorts.load("xero", AccountingConfig.builder()
                .put("baseUrl", xeroSim.accountingUri().toString())
                .put("connectionsUrl", xeroSim.connectionsUri().toString())
                .put("tenantId", org.tenantId())
                .putSecret("accessToken", xeroSim.authorizeLongLived(org).accessToken())
                .put("readTimeout", READ_TIMEOUT.toString())
                .attach(Clock.class, clock)
                .attach(RetrySettings.class, RetrySettings.noBackoff(3))
                .attach(XeroRateLimits.class, limits)
                .build());
        closing.add(ledger::close);

        KommoClient client = KommoClient.builder().baseUrl(kommoSim.baseUri(kommo.account()))
                .credentials(KommoCredentials.longLived(Secret.of(kommo.account().issueLongLivedToken())))
                .httpOptions(HttpOptions.defaults().withReadTimeout(READ_TIMEOUT))
                .rateLimit(500).retry(RetrySettings.noBackoff(3)).build();
        closing.add(client);

        // Lost answers and 429 storms while the work runs. After every 5th invoice Xero creates the next invoice
        // and drops the connection before answering. After every 8th invoice Kommo answers the next 12 calls with
        // 429 and Retry-After, after every 11th Xero does the same: a storm outlasts one call's in-call retries (3 in
        // the client or adapter times 3 in the engine), so the job falls back to the durable retry ladder.
        AtomicInteger raised = new AtomicInteger();
        AtomicInteger durableRetries = new AtomicInteger();
        SyncListener storms = new SyncListener() {
            @Override
            public void invoiceRaised(String connectionId, long dealId, Invoice invoice) {
                int n = raised.incrementAndGet();
                if (n % 8 == 0) {
                    kommoSim.faultPlan().scriptNext(12, "/api/v4/", Fault.respond(
                            SimulatedResponse.nginxError(429, "Too Many Requests").withHeader("Retry-After", "1")));
                }
                if (n % 5 == 0) {   // the next invoice is created in Xero, but its answer never arrives
                    xeroSim.faultPlan().scriptNext(1, "PUT", "/api.xro/2.0/Invoices", Fault.lostAnswer());
                }
                if (n % 11 == 0) {
                    xeroSim.faultPlan().scriptNext(12, "/api.xro/2.0/", Fault.respond(SimulatedResponse.json(429,
                            "application/json", Map.of("Title", "Too Many Requests")).withHeader("Retry-After", "1")));
                }
            }

            @Override
            public void jobRetrying(SyncJob job, Throwable failure) {
                durableRetries.incrementAndGet();
            }
        };
        Connection connection = Connection.builder(CONNECTION)
                .kommo(kommo.account().id(), new KommoClientGateway(client))
                .webhookToken(TOKEN)
                .ledger(ledger)
                .trigger(new TriggerRule("raise-invoice", kommo.pipelineId(), kommo.raiseStageId()))
                .mapping(MappingTable.builder().addRow(MappingRow.of(new ProductKey.Sku("CONS-1"), "260", "OUTPUT2"))
                        .build())
                .fields(kommo.fields())
                .defaults(InvoiceDefaults.of(Currency.getInstance("GBP")))
                .build();
        InMemorySyncStore store = new InMemorySyncStore();
        SyncEngine engine = SyncEngine.builder().store(store).clock(clock).connection(connection)
                .inCallRetry(RetrySettings.noBackoff(3)).workerId("faults").listener(storms).build();
        closing.add(engine);
        WebhookHttpServer http = WebhookHttpServer.start(engine, new InetSocketAddress("127.0.0.1", 0));
        closing.add(http);
        kommo.account().subscribeWebhook(URI.create(http.baseUri() + "/kommo/" + CONNECTION + "/" + TOKEN),
                "status_lead");

        List<Lead> deals = new ArrayList<>();
        for (int i = 1; i <= DEALS; i++) {
            Lead deal = kommo.deal("Deal " + i);
            List<WebhookDelivery> deliveries = kommo.account().moveLead(deal.id(), kommo.pipelineId(),
                    kommo.raiseStageId());
            assertThat(deliveries).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
            deals.add(deal);
        }

        // Walk the durable retry ladder: run what is due, then let a minute pass, until nothing waits any more.
        int passes = 0;
        while (!store.jobs(Optional.empty(), Set.of(JobState.PENDING, JobState.RUNNING), 1).isEmpty()
                && passes < 120) {
            engine.runDueJobs();
            clock.advance(Duration.ofMinutes(1));
            passes++;
        }

        assertThat(store.jobs(Optional.empty(), Set.of(JobState.DEAD), 100)).as("dead jobs")
                .extracting(SyncJob::lastError).isEmpty();
        assertThat(store.jobs(Optional.empty(), Set.of(JobState.PARKED, JobState.PENDING, JobState.RUNNING), 100))
                .as("unfinished jobs").isEmpty();
        assertThat(store.jobs(Optional.of(CONNECTION), Set.of(JobState.DONE), 100)).hasSize(DEALS);
        for (Lead deal : deals) {
            String reference = "KOMMO-" + deal.id();
            assertThat(org.countInvoicesWithReference(reference)).as("invoices of deal %s", deal.id()).isEqualTo(1);
        }
        // Read back without faults: the ledger's invoice numbers are on the deals.
        kommoSim.faultPlan().reset();
        xeroSim.faultPlan().reset();
        Map<String, Long> numberCounts = new HashMap<>();
        for (Lead deal : deals) {
            Invoice invoice = ledger.findInvoiceByReference("KOMMO-" + deal.id()).orElseThrow();
            assertThat(kommo.invoiceNumber(deal.id())).as("number on deal %s", deal.id()).isEqualTo(invoice.number());
            numberCounts.merge(invoice.number(), 1L, Long::sum);
        }
        assertThat(numberCounts.values()).as("invoice numbers are distinct").allMatch(c -> c == 1L);
        assertThat(org.countContactsWithEmail("ann@buyer.example")).as("one customer in Xero").isEqualTo(1);
        assertThat(kommo.account().tasks()).as("no deal needed a manager").isEmpty();

        Map<JournalEntry.Outcome, Long> kommoFaults = faults(kommoSim.journal());
        Map<JournalEntry.Outcome, Long> xeroFaults = faults(xeroSim.journal());
        long kommoCalls = kommoSim.journal().size();
        long xeroCalls = xeroSim.journal().size();
        long kommo429 = kommoSim.journal().entries(e -> e.status() == 429).size();
        long xero429 = xeroSim.journal().entries(e -> e.status() == 429).size();
        System.out.printf("faults: %d deals, %d passes (%s of fake time), %d durable retries, %d ms%n"
                        + "  Kommo: %d requests, faults %s, of which 429 %d%n"
                        + "  Xero:  %d requests, faults %s, of which 429 %d%n",
                DEALS, passes, Duration.ofMinutes(passes), durableRetries.get(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                kommoCalls, kommoFaults, kommo429, xeroCalls, xeroFaults, xero429);
        assertThat(kommoFaults.values().stream().mapToLong(Long::longValue).sum()).as("faults Kommo injected")
                .isGreaterThan(kommoCalls / 10);
        assertThat(xeroFaults.values().stream().mapToLong(Long::longValue).sum()).as("faults Xero injected")
                .isGreaterThan(xeroCalls / 10);
        assertThat(kommo429).isPositive();
        assertThat(xero429).isPositive();
        assertThat(xeroFaults).containsKey(JournalEntry.Outcome.ANSWER_LOST);
        assertThat(durableRetries.get()).as("jobs that went down the durable retry ladder").isPositive();
    }

    private static Map<JournalEntry.Outcome, Long> faults(RequestJournal journal) {
        Set<JournalEntry.Outcome> injected = Set.of(JournalEntry.Outcome.FAULT, JournalEntry.Outcome.RESET,
                JournalEntry.Outcome.DELAYED, JournalEntry.Outcome.ANSWER_LOST);
        return journal.entries(e -> injected.contains(e.outcome())).stream().collect(Collectors.groupingBy(
                JournalEntry::outcome, () -> new EnumMap<>(JournalEntry.Outcome.class), Collectors.counting()));
    }
}
