package io.kommosync.examples.server;

import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.TaxRate;
import io.kommosync.client.Secret;
import io.kommosync.examples.server.console.ProductCatalog;
import io.kommosync.examples.server.console.WebConsole;
import io.kommosync.kommo.KommoClient;
import io.kommosync.sandbox.kommo.CustomField;
import io.kommosync.sandbox.kommo.CustomFieldType;
import io.kommosync.sandbox.kommo.FieldEnum;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.kommo.SandboxAccount;
import io.kommosync.sandbox.kommo.Stage;
import io.kommosync.sync.Connection;
import io.kommosync.sync.InvoiceDefaults;
import io.kommosync.sync.KommoFields;
import io.kommosync.sync.PaymentStatusSync;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.TriggerRule;
import io.kommosync.sync.kommo.KommoClientGateway;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.mapping.ProductKey;
import io.kommosync.sync.jdbc.SyncDatabase;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The offline demo: a simulated Kommo account and a simulated ledger on this machine, the engine between them,
 * and a deal moved to "Raise Invoice" that becomes an invoice whose number and link land on the deal; then the
 * invoice is paid in the ledger and the deal's payment status follows.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the whole flow offline against simulated Kommo and ledger services.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--ledger", defaultValue = "in-memory", converter = DemoLedgers.KindConverter.class,
            description = "Which ledger to simulate: in-memory, sage-cloud, sage-intacct, xero (default: ${DEFAULT-VALUE}).")
    private DemoLedgers.Kind ledger;

    @Option(names = "--console", arity = "0..1", defaultValue = "false",
            description = "After the flow, keep running with the web console at /console/ (Ctrl-C stops it).")
    private boolean console;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        out.println("kommo-sync demo: every service runs on this machine; nothing leaves it.");
        out.println();
        try (KommoSimulator kommo = KommoSimulator.start();
             DemoLedgers.DemoLedger demoLedger = DemoLedgers.start(ledger)) {

            // 1. The Kommo account, as a company would have it.
            SandboxAccount account = kommo.createAccount("demo-agency", Currency.getInstance("GBP"));
            DemoAccount demo = DemoAccount.seed(account);
            Lead deal = demo.deal("Website redesign", Map.entry(demo.consulting(), "1.5"), Map.entry(demo.kit(), "2"));
            long pipelineId = demo.pipelineId();
            out.println("1. Kommo (simulated) account 'demo-agency' at " + kommo.baseUri(account));
            out.println("   Deal #" + deal.id() + " '" + deal.name() + "' for Ann Buyer <ann@buyer.example> of Buyer Ltd:");
            out.println("     1.5 x Consulting day (SKU CONS-1, 800.00)   2 x Training kit (SKU KIT-1, 49.99)");

            // 2. The ledger and the accountant's mapping table.
            AccountingPort port = demoLedger.port();
            var chart = port.chartOfAccounts();
            MappingTable mapping = MappingTable.builder()
                    .addRow(MappingRow.of(new ProductKey.Sku("CONS-1"), demoLedger.servicesAccount(), demoLedger.standardTax()))
                    .addRow(MappingRow.of(new ProductKey.Sku("KIT-1"), demoLedger.salesAccount(), demoLedger.zeroTax()))
                    .build();
            out.println("2. Ledger: " + demoLedger.description());
            out.println("   Mapping table approved by the accountant:");
            for (MappingRow row : mapping.rows()) {
                out.println("     " + row.key().describe() + " -> account " + describe(chart.account(row.ledgerAccountCode()).orElseThrow())
                        + ", tax " + describe(chart.taxRate(row.taxCode()).orElseThrow()));
            }
            var problems = mapping.validate(chart);
            if (!problems.isEmpty()) {
                out.println("   The mapping table has problems: " + problems);
                return 1;
            }

            // 3. The engine, listening for Kommo's webhook.
            KommoClient kommoClient = DemoKommo.client(kommo.baseUri(account),
                    account.issueLongLivedToken());
            String token = "demo-" + java.util.UUID.randomUUID().toString().replace("-", "");
            Connection connection = Connection.builder("demo")
                    .kommo(account.id(), new KommoClientGateway(kommoClient))
                    .webhookToken(token)
                    .ledger(port)
                    .trigger(new TriggerRule("raise-invoice", pipelineId, demo.raiseStageId()))
                    .mapping(mapping)
                    .fields(demo.fields())
                    .defaults(InvoiceDefaults.of(Currency.getInstance("GBP")))
                    .build();
            CountDownLatch raised = new CountDownLatch(1);
            CountDownLatch paid = new CountDownLatch(1);
            AtomicReference<Invoice> invoice = new AtomicReference<>();
            AtomicReference<String> failure = new AtomicReference<>();
            SyncListener listener = new SyncListener() {
                @Override
                public void jobDead(io.kommosync.sync.store.SyncJob job, String reason) {
                    failure.set("the job failed: " + reason);
                    raised.countDown();
                    paid.countDown();
                }

                @Override
                public void jobParked(io.kommosync.sync.store.SyncJob job, String reason) {
                    failure.set("the job is waiting for a person: " + reason);
                    raised.countDown();
                    paid.countDown();
                }

                @Override
                public void invoiceRaised(String connectionId, long dealId, Invoice i) {
                    invoice.set(i);
                    raised.countDown();
                }

                @Override
                public void paymentStatusChanged(String connectionId, long dealId, InvoiceStatus status) {
                    if (status == InvoiceStatus.PAID) {
                        paid.countDown();
                    }
                }
            };
            java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("kommo-sync-demo");
            try (SyncDatabase database = SyncDatabase.builder().h2File(dataDir.resolve("kommo-sync")).build();
                 SyncEngine engine = SyncEngine.builder().store(database.syncStore()).connection(connection)
                         .listener(listener).workerId("demo").build();
                 WebhookHttpServer http = WebhookHttpServer.start(engine, new InetSocketAddress("127.0.0.1", 0))) {
                out.println("   Durable store: embedded H2 file under " + dataDir.getFileName() + " (schema version "
                        + database.schemaVersion().orElse("?") + ")");
                engine.start(Duration.ofMillis(20), 2);
                PaymentStatusSync payments = PaymentStatusSync.of(engine);
                payments.poll("demo");
                URI hook = URI.create(http.baseUri() + "/kommo/demo/" + token);
                account.subscribeWebhook(hook, "status_lead");
                out.println("3. kommo-sync listens at " + http.baseUri() + "/kommo/demo/<secret token>, subscribed to stage changes");

                // 4. The manager moves the deal.
                long t0 = System.nanoTime();
                var deliveries = account.moveLead(deal.id(), pipelineId, demo.raiseStageId());
                out.println("4. The manager moves the deal to 'Raise Invoice'; Kommo posts the webhook: HTTP "
                        + deliveries.stream().map(d -> String.valueOf(d.status())).toList());
                await(raised, "the invoice to be raised");
                if (failure.get() != null) {
                    out.println("   " + failure.get());
                    return 1;
                }
                Invoice i = invoice.get();
                out.printf(Locale.ROOT, "5. Invoice %s raised in the ledger %d ms after the stage change:%n", i.number(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                for (InvoiceLine line : i.lines()) {
                    out.printf(Locale.ROOT, "     %-15s %5s x %8s  net %9s   account %-22s tax %s%n", line.description(),
                            line.quantity().stripTrailingZeros().toPlainString(), line.unitPrice().toPlainString(),
                            line.netAmount(i.currency()).toPlainString(),
                            describe(chart.account(line.ledgerAccountCode()).orElseThrow()),
                            describe(chart.taxRate(line.taxCode()).orElseThrow()));
                }
                out.printf(Locale.ROOT, "     net %s + tax %s = total %s, due %s, status %s%n", i.net(), i.tax(), i.total(),
                        i.dueDate(), i.status());
                KommoFields f = demo.fields();
                out.println("6. Written back to the deal: Invoice number = " + demo.field(deal.id(), f.invoiceNumberFieldId())
                        + ", Invoice link = " + (i.link().isPresent() ? demo.field(deal.id(), f.invoiceLinkFieldId())
                        : "(this ledger gives none)")
                        + ", Payment status = " + demo.field(deal.id(), f.paymentStatusFieldId().getAsLong()));

                // 7. The customer pays.
                demoLedger.markPaid(i.id());
                payments.poll("demo");
                await(paid, "the payment status to reach the deal");
                if (failure.get() != null) {
                    out.println("   " + failure.get());
                    return 1;
                }
                out.println("7. The customer pays in the ledger; the deal's Payment status is now "
                        + demo.field(deal.id(), demo.fields().paymentStatusFieldId().getAsLong()));
                if (console) {
                    serveConsole(engine, http, kommoClient, demo);
                }
            }
        }
        out.printf(Locale.ROOT, "%nDone in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** Mounts the web console, parks a deal for a product the table does not map, and waits for Ctrl-C. */
    private void serveConsole(SyncEngine engine, WebhookHttpServer http, KommoClient kommoClient,
                              DemoAccount demo) throws InterruptedException {
        String consoleToken = java.util.UUID.randomUUID().toString().replace("-", "");
        WebConsole console = WebConsole.builder(engine, Secret.of(consoleToken))
                .catalog("demo", ProductCatalog.kommo(kommoClient))
                .build();
        http.mount(WebConsole.PATH, console.handler());
        var gift = demo.account().createCatalogElement(demo.consulting().catalogId(), "Gift card", "GIFT-1", "25.00",
                Map.of());
        Lead unmapped = demo.deal("Gift cards for the team", Map.entry(gift, "4"));
        demo.account().moveLead(unmapped.id(), demo.pipelineId(), demo.raiseStageId());
        out.println("8. Deal #" + unmapped.id() + " for 4 x Gift card (SKU GIFT-1, not in the mapping table) waits for"
                + " a mapping.");
        out.println("   Web console: " + http.baseUri() + "/console/   console token: " + consoleToken);
        out.println("   Map the gift card there, or replay the job from Jobs. Ctrl-C stops the demo.");
        new CountDownLatch(1).await();
    }

    private static String describe(LedgerAccount a) {
        return a.code() + " " + a.name();
    }

    private static String describe(TaxRate t) {
        return t.code() + " " + t.percent().stripTrailingZeros().toPlainString() + "%";
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("timed out after " + STEP_TIMEOUT.toSeconds() + " s waiting for " + what);
        }
    }
}
