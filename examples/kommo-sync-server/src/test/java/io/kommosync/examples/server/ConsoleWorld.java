package io.kommosync.examples.server;

import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.examples.server.console.MappingPersistence;
import io.kommosync.examples.server.console.ProductCatalog;
import io.kommosync.examples.server.console.WebConsole;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.kommo.WebhookDelivery;
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
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the console tests need, in-process: the Kommo simulator with the demo account, the in-memory reference
 * ledger (its chart has the inactive revenue account 4990 "Old sales"), the engine with a mapping table that maps
 * only the consulting day, the HTTP front with the console mounted, and the mapping file the console writes.
 */
final class ConsoleWorld implements AutoCloseable {

    static final String CONSOLE_TOKEN = "console-token-0123456789abcdef";
    static final String CONNECTION = "shop";

    final KommoSimulator kommo;
    final DemoAccount demo;
    final DemoLedgers.DemoLedger ledger;
    final KommoClient client;
    final InMemorySyncStore store = new InMemorySyncStore();
    final SyncEngine engine;
    final WebhookHttpServer http;
    final Path mappingFile;

    /**
     * @param clock       the engine's and ledger's clock
     * @param listener    the engine's listener
     * @param mappingFile where the console keeps saved tables
     */
    ConsoleWorld(Clock clock, SyncListener listener, Path mappingFile) {
        this.mappingFile = mappingFile;
        kommo = KommoSimulator.builder().withoutRateLimit().start();
        demo = DemoAccount.seed(kommo.createAccount("console", Currency.getInstance("GBP")));
        ledger = DemoLedgers.start(DemoLedgers.Kind.IN_MEMORY, clock, RetrySettings.noBackoff(1));
        client = KommoClient.builder().baseUrl(kommo.baseUri(demo.account()))
                .credentials(KommoCredentials.longLived(Secret.of(demo.account().issueLongLivedToken())))
                .rateLimit(200).retry(RetrySettings.noBackoff(2)).build();
        MappingTable mapping = MappingTable.builder()
                .addRow(MappingRow.of(new ProductKey.Sku("CONS-1"), ledger.servicesAccount(), ledger.standardTax()))
                .build();
        Connection connection = Connection.builder(CONNECTION)
                .kommo(demo.account().id(), new KommoClientGateway(client))
                .webhookToken("console-webhook-token-0123456789")
                .ledger(ledger.port())
                .trigger(new TriggerRule("raise-invoice", demo.pipelineId(), demo.raiseStageId()))
                .mapping(mapping)
                .fields(demo.fields())
                .defaults(InvoiceDefaults.of(Currency.getInstance("GBP")))
                .build();
        engine = SyncEngine.builder().store(store).clock(clock).connection(connection).listener(listener)
                .inCallRetry(RetrySettings.noBackoff(1)).workerId("console-test").build();
        http = WebhookHttpServer.start(engine, new InetSocketAddress("127.0.0.1", 0));
        WebConsole console = WebConsole.builder(engine, Secret.of(CONSOLE_TOKEN))
                .catalog(CONNECTION, ProductCatalog.kommo(client))
                .persistence(MappingPersistence.file(mappingFile))
                .build();
        http.mount(WebConsole.PATH, console.handler());
        demo.account().subscribeWebhook(URI.create(http.baseUri() + "/kommo/" + CONNECTION
                + "/console-webhook-token-0123456789"), "status_lead");
    }

    /** A world on a fake clock, whose jobs run when the test calls {@code engine.runDueJobs()}. */
    static ConsoleWorld onFakeClock(Path mappingFile) {
        return new ConsoleWorld(MutableClock.at(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC),
                new SyncListener() { }, mappingFile);
    }

    URI console() {
        return URI.create(http.baseUri() + WebConsole.PATH);
    }

    /** A deal for one training kit (SKU KIT-1, which the table does not map) moved to "Raise Invoice". */
    Lead kitDealAtTriggerStage(String name) {
        Lead deal = demo.deal(name, Map.entry(demo.kit(), "2"));
        List<WebhookDelivery> deliveries = demo.account().moveLead(deal.id(), demo.pipelineId(), demo.raiseStageId());
        if (deliveries.isEmpty() || deliveries.stream().anyMatch(d -> d.status() != 200)) {
            throw new IllegalStateException("the webhook was not accepted: " + deliveries);
        }
        return deal;
    }

    Optional<SyncJob> job(JobState state) {
        return store.jobs(Optional.of(CONNECTION), Set.of(state), 10).stream().findFirst();
    }

    String invoiceNumberOnDeal(Lead deal) {
        return demo.field(deal.id(), demo.fields().invoiceNumberFieldId());
    }

    @Override
    public void close() {
        http.close();
        engine.close();
        client.close();
        ledger.close();
        kommo.close();
    }
}
