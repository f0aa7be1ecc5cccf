package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeConfigTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("serve.properties");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static final String[] MINIMAL = {
        "kommo.baseUrl=https://acme.kommo.com", "kommo.token=kommo-secret-token", "kommo.accountId=31",
        "webhook.token=hook-secret-token", "trigger.pipelineId=7", "trigger.stageId=70", "fields.invoiceNumber=1",
        "fields.invoiceLink=2", "mapping.file=mapping.csv", "ledger.provider=sage-intacct",
        "ledger.config.companyId=ACME", "ledger.config.userPassword=pw", "store.h2File=data/kommo-sync"};

    @Test
    void aMinimalFileGetsTheDefaultsAndPathsRelativeToTheFile() throws IOException {
        ServeConfig c = ServeConfig.load(write(MINIMAL));

        assertThat(c.connectionId()).isEqualTo("default");
        assertThat(c.kommoRequestsPerSecond()).isEqualTo(7);
        assertThat(c.mappingFile()).isEqualTo(dir.toAbsolutePath().resolve("mapping.csv"));
        assertThat(c.h2File()).isEqualTo(dir.toAbsolutePath().resolve("data/kommo-sync"));
        assertThat(c.ledgerConfig()).isEqualTo(Map.of("companyId", "ACME", "userPassword", "pw"));
        assertThat(c.httpHost()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.publicUrl()).isEqualTo(Optional.empty());
        assertThat(c.lease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.reconcileEvery()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void secretsNeverAppearInToString() throws IOException {
        ServeConfig c = ServeConfig.load(write(MINIMAL));

        assertThat(c.toString()).doesNotContain("kommo-secret-token", "hook-secret-token", "pw");
    }

    @Test
    void everyMissingOrBadKeyIsNamedAtOnce() throws IOException {
        Path file = write("kommo.baseUrl=not a url", "kommo.acountId=31", "http.port=70000",
                "engine.lease=five minutes");

        assertThatThrownBy(() -> ServeConfig.load(file)).isInstanceOf(ServeConfigException.class)
                .hasMessageContaining("kommo.acountId: unknown key")
                .hasMessageContaining("kommo.accountId: missing")
                .hasMessageContaining("kommo.baseUrl: 'not a url'")
                .hasMessageContaining("http.port: must be 0")
                .hasMessageContaining("engine.lease: 'five minutes' is not an ISO-8601 duration")
                .hasMessageContaining("webhook.token: missing")
                .hasMessageContaining("ledger.provider: missing");
    }

    @Test
    void aMissingFileSaysWhichAndWhatToDo() {
        assertThatThrownBy(() -> ServeConfig.load(dir.resolve("nope.properties")))
                .isInstanceOf(ServeConfigException.class)
                .hasMessageContaining("nope.properties").hasMessageContaining("--config");
    }
}
