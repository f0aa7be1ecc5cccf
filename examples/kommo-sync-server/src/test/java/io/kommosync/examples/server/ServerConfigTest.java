package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.sync.TriggerRule;
import io.kommosync.sync.jdbc.Retention;
import io.kommosync.sync.mapping.ProductKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The YAML configuration")
class ServerConfigTest {

    private static final Map<String, String> ENV = Map.of("KOMMO_TOKEN", "kommo-secret-token",
            "PG_PASSWORD", "pg-secret-password");

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("kommo-sync.yaml");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static final String[] MINIMAL = {
        "connections:",
        "  - kommo:",
        "      baseUrl: https://acme.kommo.com",
        "      accountId: 31",
        "      token: ${env:KOMMO_TOKEN}",
        "    webhookToken: ${file:secrets/hook}",
        "    ledger:",
        "      provider: sage-intacct",
        "      config:",
        "        companyId: ACME",
        "        userPassword: ${file:/ABSOLUTE/secrets/pw}",
        "    triggers:",
        "      - pipelineId: 7",
        "        stageId: 70",
        "    mapping:",
        "      file: mapping.csv"};

    private Path minimal() throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/hook"), "hook-secret-token\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("secrets/pw"), "intacct-secret-pw", StandardCharsets.UTF_8);
        return write(java.util.Arrays.stream(MINIMAL)
                .map(l -> l.replace("/ABSOLUTE", dir.toAbsolutePath().toString())).toArray(String[]::new));
    }

    @Test
    @DisplayName("a minimal file gets the defaults, paths relative to the file and resolved references")
    void minimalFile() throws IOException {
        ServerConfig c = ServerConfig.load(minimal(), ENV);

        ServerConfig.ConnectionConfig acme = c.connections().get(0);
        assertThat(acme.id()).isEqualTo("default");
        assertThat(acme.kommo().baseUrl()).isEqualTo(URI.create("https://acme.kommo.com"));
        assertThat(acme.kommo().token().reveal()).isEqualTo("kommo-secret-token");
        assertThat(acme.kommo().requestsPerSecond()).isEqualTo(7);
        assertThat(acme.webhookToken().reveal()).isEqualTo("hook-secret-token");
        assertThat(acme.ledger().values()).isEqualTo(Map.of("companyId", "ACME", "userPassword", "intacct-secret-pw"));
        assertThat(acme.ledger().secretKeys()).containsExactly("userPassword");
        assertThat(acme.triggers()).containsExactly(new TriggerRule("raise-invoice", 7, 70));
        assertThat(acme.fields()).isEmpty();
        assertThat(acme.invoice().currency().getCurrencyCode()).isEqualTo("GBP");
        assertThat(acme.invoice().dueDays()).isEqualTo(30);
        assertThat(acme.mapping().file()).contains(dir.toAbsolutePath().resolve("mapping.csv"));
        assertThat(acme.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.store().h2File()).contains(dir.toAbsolutePath().resolve("data/kommo-sync"));
        assertThat(c.http()).isEqualTo(new ServerConfig.HttpConfig("127.0.0.1", 8080, Optional.empty()));
        assertThat(c.engine()).isEqualTo(new ServerConfig.EngineConfig(2, Duration.ofMillis(200), Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofSeconds(30), Duration.ofHours(24), Retention.defaults()));
        assertThat(c.console().token()).as("the console is off unless a token is configured").isEmpty();
    }

    @Test
    @DisplayName("secrets never appear in toString")
    void secretsStayHidden() throws IOException {
        String text = ServerConfig.load(minimal(), ENV).toString();

        assertThat(text).contains("https://acme.kommo.com").contains("sage-intacct")
                .doesNotContain("kommo-secret-token", "hook-secret-token", "intacct-secret-pw");
    }

    @Test
    @DisplayName("reads several connections with fields, payment status options, inline rows and PostgreSQL")
    void fullFile() throws IOException {
        Path file = write(
                "store:",
                "  postgres: {url: 'jdbc:postgresql://db:5432/kommo', user: kommo, password: '${env:PG_PASSWORD}'}",
                "http: {host: 0.0.0.0, port: 9090, publicUrl: 'https://sync.acme.example'}",
                "engine: {workers: 4, paymentPollInterval: PT5M}",
                "connections:",
                "  - id: uk",
                "    kommo: {baseUrl: 'https://acme.kommo.com', accountId: 31, token: '${env:KOMMO_TOKEN}'}",
                "    webhookToken: '${env:KOMMO_TOKEN}'",
                "    ledger: {provider: xero, config: {tenantId: T-1}}",
                "    triggers: [{pipelineId: 7, stageId: 70}, {id: again, pipelineId: 7, stageId: 71}]",
                "    fields:",
                "      invoiceNumber: 1",
                "      invoiceLink: 2",
                "      paymentStatus:",
                "        fieldId: 3",
                "        options: {DRAFT: 11, AWAITING_PAYMENT: 12, PARTIALLY_PAID: 13, PAID: 14, OVERDUE: 15, VOID: 16}",
                "    invoice: {currency: eur, dueDays: 14, approval: draft}",
                "    zone: Europe/London",
                "    paidStage: {pipelineId: 7, stageId: 72}",
                "    mapping:",
                "      rows:",
                "        - sku: CONS-1",
                "          account: '0400'",
                "          tax: OUTPUT2",
                "  - id: es",
                "    kommo: {baseUrl: 'https://acme-es.kommo.com', accountId: 32, token: '${env:KOMMO_TOKEN}'}",
                "    webhookToken: '${env:KOMMO_TOKEN}'",
                "    ledger: {provider: sage-cloud}",
                "    triggers: [{pipelineId: 8, stageId: 80}]",
                "    mapping: {file: es/mapping.yaml}");

        ServerConfig c = ServerConfig.load(file, ENV);

        assertThat(c.connections()).extracting(ServerConfig.ConnectionConfig::id).containsExactly("uk", "es");
        ServerConfig.ConnectionConfig uk = c.connection("uk");
        assertThat(uk.triggers()).containsExactly(new TriggerRule("raise-invoice", 7, 70), new TriggerRule("again", 7, 71));
        assertThat(uk.fields().orElseThrow().paymentStatusOption(InvoiceStatus.PAID)).contains(14L);
        assertThat(uk.invoice().currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(uk.invoice().approval()).isEqualTo(InvoiceDraft.Approval.DRAFT);
        assertThat(uk.zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(uk.paidStage().orElseThrow().statusId()).isEqualTo(72);
        assertThat(uk.mapping().load().row(new ProductKey.Sku("CONS-1")).orElseThrow().ledgerAccountCode())
                .isEqualTo("0400");
        assertThat(c.store().postgresPassword().orElseThrow().reveal()).isEqualTo("pg-secret-password");
        assertThat(c.store().h2File()).isEmpty();
        assertThat(c.publicBase()).isEqualTo("https://sync.acme.example");
        assertThat(c.engine().workers()).isEqualTo(4);
        assertThat(c.engine().paymentPollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.selected(Optional.of("es"))).extracting(ServerConfig.ConnectionConfig::id).containsExactly("es");
    }

    @Test
    @DisplayName("every bad or missing key is named at once with its YAML path and the fix, without secret values")
    void everyProblemAtOnce() throws IOException {
        Path file = write(
                "http: {port: 70000}",
                "engine: {lease: five minutes}",
                "connections:",
                "  - id: uk",
                "    kommo: {baseUrl: not a url, acountId: 31, token: plain-text-kommo-token}",
                "    webhookToken: '${env:MISSING_VARIABLE}'",
                "    ledger: {provider: xero, config: {clientSecret: plain-text-client-secret}}",
                "    triggers: []",
                "    fields: {invoiceNumber: 1, invoiceLink: 2, paymentStatus: {fieldId: 3, options: {PAID: 14}}}",
                "    invoice: {currency: pounds}",
                "    mapping: {file: a.csv, rows: []}",
                "  - id: uk",
                "    kommo: {baseUrl: 'https://x.kommo.com', accountId: 1, token: '${file:nowhere/token}'}",
                "    webhookToken: '${env:KOMMO_TOKEN}'",
                "    ledger: {provider: xero}",
                "    triggers: [{pipelineId: 1, stageId: 2}]",
                "    mapping: {file: b.csv}");

        assertThatThrownBy(() -> ServerConfig.load(file, ENV)).isInstanceOfSatisfying(ServerConfigException.class,
                e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("http.port: 70000 is out of range"))
                        .anySatisfy(p -> assertThat(p).startsWith("engine.lease: 'five minutes' is not an ISO-8601"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[0].kommo.acountId: unknown key"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[0].kommo.accountId: missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[0].kommo.baseUrl: 'not a url'"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[0].kommo.token: a secret written in "
                                + "plain text; write a reference instead, ${env:NAME} or ${file:/path}"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[0].webhookToken: the environment "
                                + "variable MISSING_VARIABLE is not set"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[0].ledger.config.clientSecret: a secret "
                                + "written in plain text"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[0].triggers: missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[0].fields.paymentStatus.options.DRAFT: "
                                + "missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[0].invoice.currency: 'pounds'"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[0].mapping: give either file"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[1].kommo.token: cannot read the file"))
                        .anySatisfy(p -> assertThat(p).startsWith("connections[1].id: 'uk' is used twice"))
                        .allSatisfy(p -> assertThat(p).doesNotContain("plain-text-kommo-token",
                                "plain-text-client-secret", "kommo-secret-token")));
    }

    @Test
    @DisplayName("a missing file says which and what to do")
    void missingFile() {
        assertThatThrownBy(() -> ServerConfig.load(dir.resolve("nope.yaml"), ENV))
                .isInstanceOf(ServerConfigException.class)
                .hasMessageContaining("nope.yaml").hasMessageContaining("no such file").hasMessageContaining("--config");
    }

    @Test
    @DisplayName("a file that is not YAML is reported by position, without quoting its lines")
    void notYaml() throws IOException {
        Path file = write("connections:", "  - kommo:", "      token: \"plain-secret-value", "    ledger: [");

        assertThatThrownBy(() -> ServerConfig.load(file, ENV)).isInstanceOf(ServerConfigException.class)
                .hasMessageContaining("not valid YAML at line").hasMessageNotContaining("plain-secret-value");
    }

    @Test
    @DisplayName("a file without connections is refused")
    void noConnections() throws IOException {
        Path file = write("store: {h2File: data/x}");

        assertThatThrownBy(() -> ServerConfig.load(file, ENV)).isInstanceOfSatisfying(ServerConfigException.class,
                e -> assertThat(e.problems()).containsExactly("connections: missing; give a list with at least one "
                        + "connection (id, kommo, ledger, triggers, ...)"));
    }

    @Test
    @DisplayName("commands name an unknown connection with the ones there are")
    void unknownConnection() throws IOException {
        ServerConfig c = ServerConfig.load(minimal(), ENV);

        assertThatThrownBy(() -> c.connection("fr")).isInstanceOf(ServerConfigException.class)
                .hasMessageContaining("no connection with id 'fr'").hasMessageContaining(List.of("default").toString());
    }
}
