package io.kommosync.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.jdbc.SyncDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The configuration on its own, without a web server or any remote call: how {@code kommo-sync.*} is validated,
 * that secrets stay hidden, and which store the engine gets.
 */
@DisplayName("KommoSyncConfiguration")
class KommoSyncConfigurationTest {

    private static final String KOMMO_TOKEN = "kommo-long-lived-token-do-not-show";
    private static final String WEBHOOK_TOKEN = "webhook-path-token-do-not-show";
    private static final String XERO_TOKEN = "xero-access-token-do-not-show";

    @TempDir
    Path dir;

    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        Path mapping = Files.writeString(dir.resolve("mapping.csv"),
                "key_type,key,field_name,ledger_account,tax_code\nsku,CONS-1,,200,OUTPUT2\n", StandardCharsets.UTF_8);
        // Nothing listens on port 9: the beans are built, but no test here makes a remote call.
        runner = new ApplicationContextRunner().withUserConfiguration(KommoSyncConfiguration.class)
                .withPropertyValues(
                        "kommo-sync.kommo.base-url=http://127.0.0.1:9",
                        "kommo-sync.kommo.account-id=31000001",
                        "kommo-sync.kommo.token=" + KOMMO_TOKEN,
                        "kommo-sync.webhook.token=" + WEBHOOK_TOKEN,
                        "kommo-sync.ledger.provider=xero",
                        "kommo-sync.ledger.config.baseUrl=http://127.0.0.1:9/api.xro/2.0",
                        "kommo-sync.ledger.config.tenantId=f4cb745f-1b5d-426b-985f-43c3534990a8",
                        "kommo-sync.ledger.config.accessToken=" + XERO_TOKEN,
                        "kommo-sync.trigger.pipeline-id=7200001",
                        "kommo-sync.trigger.stage-id=62000005",
                        "kommo-sync.fields.invoice-number=501",
                        "kommo-sync.fields.invoice-link=502",
                        "kommo-sync.mapping-file=" + mapping,
                        "kommo-sync.store.h2-file=" + dir.resolve("store/kommo-sync"));
    }

    private static String messages(Throwable failure) {
        List<String> all = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", all);
    }

    @Test
    @DisplayName("binds the defaults and hides the Kommo token, the webhook token and secret ledger keys")
    void bindsAndHidesSecrets() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            KommoSyncProperties properties = context.getBean(KommoSyncProperties.class);
            assertThat(properties.connectionId()).isEqualTo("default");
            assertThat(properties.currency().getCurrencyCode()).isEqualTo("GBP");
            assertThat(properties.engine().workers()).isEqualTo(2);
            assertThat(properties.engine().pollInterval()).hasMillis(200);
            assertThat(properties.ledger().config()).containsEntry("tenantId", "f4cb745f-1b5d-426b-985f-43c3534990a8");
            assertThat(properties.toString())
                    .contains("token=***", "accessToken=***", "tenantId=f4cb745f-1b5d-426b-985f-43c3534990a8")
                    .doesNotContain(KOMMO_TOKEN, WEBHOOK_TOKEN, XERO_TOKEN);
            assertThat(context.getBean(SyncEngine.class).connection("default").kommoAccountId()).isEqualTo(31000001L);
        });
    }

    @Test
    @DisplayName("refuses to start when values are missing, naming every one of them and showing no secret")
    void reportsEveryMissingValue() {
        runner.withPropertyValues("kommo-sync.kommo.base-url=", "kommo-sync.trigger.stage-id=0",
                        "kommo-sync.fields.invoice-link=-1", "kommo-sync.engine.workers=0",
                        "kommo-sync.webhook.token=")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure()))
                            .contains("kommo.baseUrl", "set it to the account's URL")
                            .contains("trigger.stageId", "set it to the Kommo stage (status) id")
                            .contains("fields.invoiceLink", "engine.workers")
                            .contains("webhook.token", "at least 16 characters")
                            .doesNotContain(KOMMO_TOKEN, XERO_TOKEN);
                });
    }

    @Test
    @DisplayName("keeps the store in the H2 file by default and in the application's DataSource when "
            + "spring.datasource.url is set")
    void choosesTheStore() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SyncDatabase.class).toString()).contains("pool=kommo-sync-h2");
            assertThat(dir.resolve("store/kommo-sync.mv.db")).exists();
        });
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:host-app;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SyncDatabase database = context.getBean(SyncDatabase.class);
                    assertThat(database.toString()).contains("host DataSource");
                    assertThat(database.schemaVersion()).isPresent();
                    assertThat(tables(context.getBean(DataSource.class))).contains("ks_schema_history");
                });
    }

    private static List<String> tables(DataSource dataSource) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, null, "ks_%", null)) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
