package io.kommosync.examples.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.examples.server.WebhookHttpServer;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sandbox.http.Fault;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.KommoSimulatorExtension;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.xero.XeroLimits;
import io.kommosync.sandbox.xero.XeroOrganisation;
import io.kommosync.sandbox.xero.XeroSimulator;
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
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.SyncJob;
import io.kommosync.sync.store.SyncStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Xero answers every request with 503 for one hour of the fake clock while the engine, on the durable H2 file
 * store, runs its due jobs once a minute: the job is tried at 0, +1, +6 and +21 minutes (the 1 ⇒ 5 ⇒ 15 ladder),
 * then dead-lettered with exactly one task for the responsible manager. Once Xero is back, replaying the dead job
 * raises exactly one invoice.
 */
class LedgerOutageTest {

    private static final String CONNECTION = "outage";
    private static final String TOKEN = "outage-webhook-token-0123456789";

    @RegisterExtension
    static final KommoSimulatorExtension KOMMO = KommoSimulatorExtension.using(() -> KommoSimulator.builder()
            .withoutRateLimit());

    @TempDir
    Path dir;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("a ledger down for an hour yields retries after 1, 5 and 15 minutes, then one task; a replay once it"
            + " is back raises exactly one invoice")
    void hourLongOutage() {
        Instant start = Instant.parse("2026-06-01T09:00:00Z");
        MutableClock clock = MutableClock.at(start, ZoneOffset.UTC);
        TriggerAccount kommo = TriggerAccount.seed(KOMMO.simulator().createAccount("outage",
                Currency.getInstance("GBP")));
        XeroSimulator xeroSim = XeroSimulator.builder().clock(clock).limits(XeroLimits.unlimited()).start();
        closing.add(xeroSim::close);
        XeroOrganisation org = xeroSim.createOrganisation("Outage Agency Ltd").withDemoChart();
        AccountingPort ledger = AccountingPorts.load("xero", AccountingConfig.builder()
                .put("baseUrl", xeroSim.accountingUri().toString())
                .put("connectionsUrl", xeroSim.connectionsUri().toString())
                .put("tenantId", org.tenantId())
                .putSecret("accessToken", xeroSim.authorizeLongLived(org).accessToken())
                .attach(Clock.class, clock)
                .attach(RetrySettings.class, RetrySettings.noBackoff(2))
                .build());
        closing.add(ledger::close);
        KommoClient client = KommoClient.builder().baseUrl(KOMMO.simulator().baseUri(kommo.account()))
                .credentials(KommoCredentials.longLived(Secret.of(kommo.account().issueLongLivedToken())))
                .rateLimit(500).retry(RetrySettings.noBackoff(2)).build();
        closing.add(client);

        List<Duration> retriedAt = new CopyOnWriteArrayList<>();
        List<Duration> deadAt = new CopyOnWriteArrayList<>();
        SyncListener timeline = new SyncListener() {
            @Override
            public void jobRetrying(SyncJob job, Throwable failure) {
                retriedAt.add(Duration.between(start, clock.instant()));
            }

            @Override
            public void jobDead(SyncJob job, String reason) {
                deadAt.add(Duration.between(start, clock.instant()));
            }
        };
        SyncDatabase database = SyncDatabase.builder().h2File(dir.resolve("kommo-sync")).build();
        closing.add(database);
        SyncStore store = database.syncStore();
        SyncEngine engine = SyncEngine.builder().store(store).clock(clock)
                .connection(Connection.builder(CONNECTION)
                        .kommo(kommo.account().id(), new KommoClientGateway(client))
                        .webhookToken(TOKEN)
                        .ledger(ledger)
                        .trigger(new TriggerRule("raise-invoice", kommo.pipelineId(), kommo.raiseStageId()))
                        .mapping(MappingTable.builder()
                                .addRow(MappingRow.of(new ProductKey.Sku("CONS-1"), "260", "OUTPUT2")).build())
                        .fields(kommo.fields())
                        .defaults(InvoiceDefaults.of(Currency.getInstance("GBP")))
                        .build())
                .inCallRetry(RetrySettings.noBackoff(2)).workerId("outage").listener(timeline).build();
        closing.add(engine);
        WebhookHttpServer http = WebhookHttpServer.start(engine, new InetSocketAddress("127.0.0.1", 0));
        closing.add(http);
        kommo.account().subscribeWebhook(URI.create(http.baseUri() + "/kommo/" + CONNECTION + "/" + TOKEN),
                "status_lead");

        // Xero is down: every request to the accounting API gets a 503 until the hour is over.
        xeroSim.faultPlan().scriptNext(1_000_000, "/api.xro/2.0/", Fault.jsonError(503));
        Lead deal = kommo.deal("During the outage");
        kommo.account().moveLead(deal.id(), kommo.pipelineId(), kommo.raiseStageId());

        for (int minute = 0; minute <= 90; minute++) {
            if (minute == 60) {
                xeroSim.faultPlan().reset();
            }
            engine.runDueJobs();
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(retriedAt).as("the durable ladder").containsExactly(Duration.ZERO, Duration.ofMinutes(1),
                Duration.ofMinutes(6));
        assertThat(deadAt).as("dead after the fourth failure, 15 minutes after the third")
                .containsExactly(Duration.ofMinutes(21));
        assertThat(kommo.account().tasks()).as("one task for the responsible manager").singleElement()
                .satisfies(t -> {
                    assertThat(t.entityId()).isEqualTo(deal.id());
                    assertThat(t.responsibleUserId()).isEqualTo(kommo.account().adminUser().id());
                    assertThat(t.text()).contains("503");
                });
        assertThat(org.countInvoicesWithReference("KOMMO-" + deal.id())).as("nothing raised while down").isZero();
        List<SyncJob> dead = store.jobs(Optional.of(CONNECTION), Set.of(JobState.DEAD), 10);
        assertThat(dead).singleElement().satisfies(j -> assertThat(j.lastError()).hasValueSatisfying(
                e -> assertThat(e).contains("HTTP 503")));

        // Xero is back: the operator replays the dead job.
        assertThat(engine.replay(dead.get(0).id())).isTrue();
        engine.runDueJobs();
        assertThat(org.countInvoicesWithReference("KOMMO-" + deal.id())).isEqualTo(1);
        assertThat(kommo.invoiceNumber(deal.id())).isNotEmpty();
        assertThat(kommo.account().tasks()).as("still one task").hasSize(1);
    }
}
