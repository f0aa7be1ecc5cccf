package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sandbox.kommo.CustomField;
import io.kommosync.sandbox.kommo.WebhookSubscription;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("setup")
class SetupCommandTest {

    @TempDir
    Path dir;

    private CommandFixture fixture;
    private long pipelineId;
    private long stageId;

    @BeforeEach
    void freshAccountWithoutTheDealFields() {
        fixture = CommandFixture.start(dir);
        pipelineId = fixture.account.mainPipeline().id();
        stageId = fixture.account.addStage(pipelineId, "Raise Invoice").id();
        long catalog = fixture.account.createProductsCatalog().id();
        fixture.account.createCatalogElement(catalog, "Consulting day", "CONS-1", "800.00", Map.of());
        fixture.account.createCatalogElement(catalog, "Training kit", "KIT-1", "49.99", Map.of());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("creates the three deal fields and the webhook, prints their ids, and a second run creates nothing")
    void createsWhatIsMissingOnceOnly() {
        fixture.write("mapping.csv", fixture.demoMappingCsv());
        Path config = fixture.writeConfig(pipelineId, stageId, Optional.empty(), "mapping.csv");

        CommandFixture.Result first = fixture.run("setup", "--config", config.toString());

        assertThat(first.exit()).as("%s", first).isZero();
        List<CustomField> fields = fixture.account.leadCustomFields();
        assertThat(fields).extracting(f -> java.util.Objects.toString(f.code(), ""))
                .contains("INVOICE_NUMBER", "INVOICE_LINK", "PAYMENT_STATUS");
        CustomField number = fields.stream().filter(f -> java.util.Objects.toString(f.code(), "").equals("INVOICE_NUMBER")).findFirst()
                .orElseThrow();
        CustomField status = fields.stream().filter(f -> java.util.Objects.toString(f.code(), "").equals("PAYMENT_STATUS")).findFirst()
                .orElseThrow();
        assertThat(status.enums()).extracting(e -> e.value())
                .containsExactly("Draft", "Awaiting payment", "Partially paid", "Paid", "Overdue", "Void");
        List<WebhookSubscription> hooks = fixture.account.subscriptions();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).destination().toString())
                .isEqualTo(CommandFixture.PUBLIC_URL + "/kommo/acme/" + CommandFixture.WEBHOOK_TOKEN);
        assertThat(first.out())
                .contains("Kommo field 'Invoice number': created, id " + number.id())
                .contains("Kommo field 'Invoice link': created")
                .contains("Kommo field 'Payment status': created")
                .contains("invoiceNumber: " + number.id())
                .contains("fieldId: " + status.id())
                .contains("webhook " + CommandFixture.PUBLIC_URL + "/kommo/acme/<webhookToken>: subscribed")
                .contains("ledger: 3 accounts (2 active revenue), 2 tax rates")
                .contains("mapping: 2 row(s), 0 problem(s)")
                .contains("setup complete: no problems")
                .doesNotContain(CommandFixture.WEBHOOK_TOKEN);

        CommandFixture.Result second = fixture.run("setup", "--config", config.toString());

        assertThat(second.exit()).as("%s", second).isZero();
        assertThat(fixture.account.leadCustomFields()).hasSameSizeAs(fields);
        assertThat(fixture.account.subscriptions()).hasSize(1);
        assertThat(second.out()).doesNotContain("created").contains("Kommo field 'Invoice number': exists, id "
                + number.id()).contains("already subscribed");
    }

    @Test
    @DisplayName("lists every mapping problem and exits with 1")
    void reportsMappingProblems() {
        fixture.write("mapping.csv", "key_type,key,field_name,ledger_account,tax_code\n"
                + "sku,CONS-1,,9999," + fixture.ledger.standardTax() + "\n"
                + "sku,CONS-1,,9999," + fixture.ledger.standardTax() + "\n");
        Path config = fixture.writeConfig(pipelineId, stageId, Optional.empty(), "mapping.csv");

        CommandFixture.Result r = fixture.run("setup", "--config", config.toString());

        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.out()).contains("ledger account 9999").contains("duplicate key: SKU 'CONS-1'")
                .contains("product without a row: product 'Training kit'");
    }

    @Test
    @DisplayName("says how to create a missing mapping file")
    void missingMappingFile() {
        Path config = fixture.writeConfig(pipelineId, stageId, Optional.empty(), "mapping.csv");

        CommandFixture.Result r = fixture.run("setup", "--config", config.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("mapping.csv does not exist; run `mapping export");
    }
}
