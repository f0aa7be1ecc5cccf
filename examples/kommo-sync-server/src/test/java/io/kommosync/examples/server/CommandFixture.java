package io.kommosync.examples.server;

import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.SandboxAccount;
import io.kommosync.sync.KommoFields;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the command tests run against, all in this JVM and offline: the Kommo simulator with one account, the Sage
 * Intacct simulator from {@link DemoLedgers} behind its real adapter, and a YAML configuration for them whose
 * credentials are {@code ${file:...}} references to files in a temporary folder. Commands run through
 * {@link KommoSyncServer#commandLine()} with their output captured.
 */
final class CommandFixture implements AutoCloseable {

    static final String CONNECTION = "acme";
    static final String WEBHOOK_TOKEN = "fixture-webhook-token-0123456789";
    static final String PUBLIC_URL = "https://sync.acme.example";
    static final String CONSOLE_TOKEN = "fixture-console-token-0123456789";

    final Path dir;
    final KommoSimulator kommo;
    final SandboxAccount account;
    final DemoLedgers.DemoLedger ledger;

    private CommandFixture(Path dir, KommoSimulator kommo, SandboxAccount account, DemoLedgers.DemoLedger ledger) {
        this.dir = dir;
        this.kommo = kommo;
        this.account = account;
        this.ledger = ledger;
    }

    static CommandFixture start(Path dir) {
        KommoSimulator kommo = KommoSimulator.builder().withoutRateLimit().start();
        SandboxAccount account = kommo.createAccount("acme", Currency.getInstance("GBP"));
        return new CommandFixture(dir, kommo, account, DemoLedgers.start(DemoLedgers.Kind.SAGE_INTACCT));
    }

    /** The mapping the demo account needs on this ledger: consulting as services at 20 %, the kit as sales at 0 %. */
    String demoMappingCsv() {
        return "key_type,key,field_name,ledger_account,tax_code\n"
                + "sku,CONS-1,," + ledger.servicesAccount() + "," + ledger.standardTax() + "\n"
                + "sku,KIT-1,," + ledger.salesAccount() + "," + ledger.zeroTax() + "\n";
    }

    Path write(String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code kommo-sync.yaml} for the account and the ledger.
     *
     * @param pipelineId  the trigger pipeline
     * @param stageId     the trigger stage
     * @param fields      the deal fields, if the configuration has them yet
     * @param mappingFile the mapping file name, relative to the folder
     * @return the file
     */
    Path writeConfig(long pipelineId, long stageId, Optional<KommoFields> fields, String mappingFile) {
        write("secrets/kommo-token", account.issueLongLivedToken() + "\n");
        write("secrets/webhook-token", WEBHOOK_TOKEN + "\n");
        write("secrets/console-token", CONSOLE_TOKEN + "\n");
        Map.Entry<String, Map<String, String>> provider = ledger.providerConfig().orElseThrow();
        StringBuilder y = new StringBuilder();
        y.append("store:\n  h2File: store/kommo-sync\n");
        y.append("http:\n  host: 127.0.0.1\n  port: 0\n  publicUrl: ").append(PUBLIC_URL).append('\n');
        y.append("engine:\n  workers: 1\n  pollInterval: PT0.05S\n  lease: PT5S\n  reconcileInterval: PT1S\n  paymentPollInterval: PT0.2S\n");
        y.append("console:\n  token: ${file:secrets/console-token}\n");
        y.append("connections:\n");
        y.append("  - id: ").append(CONNECTION).append('\n');
        y.append("    kommo:\n      baseUrl: ").append(kommo.baseUri(account)).append('\n');
        y.append("      accountId: ").append(account.id()).append('\n');
        y.append("      token: ${file:secrets/kommo-token}\n      requestsPerSecond: 200\n");
        y.append("    webhookToken: ${file:secrets/webhook-token}\n");
        y.append("    ledger:\n      provider: ").append(provider.getKey()).append("\n      config:\n");
        for (Map.Entry<String, String> e : new TreeMap<>(provider.getValue()).entrySet()) {
            String value = e.getValue();
            if (e.getKey().toLowerCase(java.util.Locale.ROOT).contains("password")) {
                write("secrets/" + e.getKey(), value);
                value = "${file:secrets/" + e.getKey() + "}";
            }
            y.append("        ").append(e.getKey()).append(": \"").append(value).append("\"\n");
        }
        y.append("    triggers:\n      - pipelineId: ").append(pipelineId).append("\n        stageId: ")
                .append(stageId).append('\n');
        fields.ifPresent(f -> {
            y.append("    fields:\n      invoiceNumber: ").append(f.invoiceNumberFieldId()).append('\n');
            y.append("      invoiceLink: ").append(f.invoiceLinkFieldId()).append('\n');
            if (f.paymentStatusFieldId().isPresent()) {
                y.append("      paymentStatus:\n        fieldId: ").append(f.paymentStatusFieldId().getAsLong())
                        .append("\n        options:\n");
                for (InvoiceStatus s : InvoiceStatus.values()) {
                    y.append("          ").append(s).append(": ").append(f.paymentStatusOption(s).orElseThrow())
                            .append('\n');
                }
            }
        });
        y.append("    invoice:\n      currency: GBP\n");
        y.append("    mapping:\n      file: ").append(mappingFile).append('\n');
        return write("kommo-sync.yaml", y.toString());
    }

    /** The configuration for the demo account seeded on this fixture, with its fields and mapping. */
    Path writeDemoConfig(DemoAccount demo) {
        write("mapping.csv", demoMappingCsv());
        return writeConfig(demo.pipelineId(), demo.raiseStageId(), Optional.of(demo.fields()), "mapping.csv");
    }

    /**
     * Runs a command line.
     *
     * @param args the arguments
     * @return the exit code and what it printed
     */
    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = KommoSyncServer.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /**
     * What a command did.
     *
     * @param exit its exit code
     * @param out  its standard output
     * @param err  its standard error
     */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    @Override
    public void close() {
        ledger.close();
        kommo.close();
    }
}
