package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sandbox.kommo.CatalogElement;
import io.kommosync.sync.mapping.ProductKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("mapping export and mapping validate")
class MappingCommandTest {

    @TempDir
    Path dir;

    private CommandFixture fixture;
    private DemoAccount demo;
    private CatalogElement travel;
    private Path config;

    @BeforeEach
    void demoAccountWithAProductWithoutSku() {
        fixture = CommandFixture.start(dir);
        demo = DemoAccount.seed(fixture.account);
        travel = fixture.account.createCatalogElement(demo.consulting().catalogId(), "Travel, per day", "", "120.50",
                Map.of());
        config = fixture.writeConfig(demo.pipelineId(), demo.raiseStageId(), Optional.of(demo.fields()),
                "mapping.csv");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("export lists every catalog product with a suggested key, then the revenue accounts and tax codes")
    void exportsTheSheet() throws IOException {
        CommandFixture.Result r = fixture.run("mapping", "export", "--config", config.toString(), "--out",
                dir.resolve("sheet.csv").toString());

        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("3 product(s), 2 revenue account(s), 2 tax code(s)");
        String sheet = Files.readString(dir.resolve("sheet.csv"), StandardCharsets.UTF_8);
        assertThat(sheet).startsWith(MappingSheet.BOM);
        assertThat(sheet.substring(1).split("\n")).containsExactly(
                "key_type,key,field_name,ledger_account,tax_code,product_id,product_name,product_sku,product_price",
                "sku,CONS-1,,,," + demo.consulting().id() + ",Consulting day,CONS-1,800.00",
                "sku,KIT-1,,,," + demo.kit().id() + ",Training kit,KIT-1,49.99",
                "element_id," + travel.id() + ",,,," + travel.id() + ",\"Travel, per day\",,120.50",
                "",
                "list,code,name,detail",
                "revenue_account,4000,Product sales,revenue",
                "revenue_account,4010,Services revenue,revenue",
                "tax_code,UK Sale Goods Standard Rate,UK Sale Goods Standard Rate,20%",
                "tax_code,UK Sale Goods Zero Rate,UK Sale Goods Zero Rate,0%");
    }

    @Test
    @DisplayName("validate reads the exported sheet back: unfilled, then filled in by the accountant")
    void validatesTheSheetRoundTrip() throws IOException {
        Path sheet = dir.resolve("sheet.csv");
        fixture.run("mapping", "export", "--config", config.toString(), "--out", sheet.toString());

        CommandFixture.Result untouched = fixture.run("mapping", "validate", sheet.toString(), "--config",
                config.toString());

        assertThat(untouched.exit()).as("%s", untouched).isEqualTo(1);
        assertThat(untouched.out()).contains("3 problem(s)")
                .contains("product 'Consulting day' (id " + demo.consulting().id() + ", SKU CONS-1) has no "
                        + "ledger_account and tax_code yet (line 2)")
                .contains("product 'Travel, per day' (id " + travel.id() + ") has no ledger_account and tax_code "
                        + "yet (line 4)");

        List<String> lines = new ArrayList<>(Files.readAllLines(sheet, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("CONS-1,,,,", "CONS-1,,4010,UK Sale Goods Standard Rate,"));
        lines.set(2, lines.get(2).replace("KIT-1,,,,", "KIT-1,,4000,UK Sale Goods Zero Rate,"));
        lines.set(3, lines.get(3).replace(",,,,", ",,4010,UK Sale Goods Standard Rate,"));
        Files.write(sheet, lines, StandardCharsets.UTF_8);

        CommandFixture.Result filled = fixture.run("mapping", "validate", sheet.toString(), "--config",
                config.toString());

        assertThat(filled.exit()).as("%s", filled).isZero();
        assertThat(filled.out()).contains("no problems; 3 row(s) cover all 3 catalog product(s)");
        assertThat(MappingSheet.load(sheet).table().row(new ProductKey.ElementId(travel.id())).orElseThrow()
                .ledgerAccountCode()).isEqualTo("4010");
    }

    @Test
    @DisplayName("validate lists unknown and non-revenue accounts, unknown tax codes, duplicate keys and unmapped "
            + "products, and exits with 1")
    void listsEveryProblem() {
        Path file = fixture.write("mapping.csv", "key_type,key,field_name,ledger_account,tax_code\n"
                + "sku,CONS-1,,9999,UK Sale Goods Standard Rate\n"
                + "sku,KIT-1,,6000,NO_SUCH_TAX\n"
                + "sku,kit-1,,6000,NO_SUCH_TAX\n");

        CommandFixture.Result r = fixture.run("mapping", "validate", file.toString(), "--config", config.toString());

        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.out()).contains("ledger account 9999").contains("6000").contains("NO_SUCH_TAX")
                .contains("duplicate key: SKU 'KIT-1' is on 2 rows (lines [3, 4])")
                .contains("product without a row: product 'Travel, per day' (id " + travel.id() + ") is in the Kommo "
                        + "catalog but not in the table");
    }

    @Test
    @DisplayName("a file that is not a mapping table is reported row by row, not as a stack trace")
    void badFile() {
        Path file = fixture.write("mapping.csv", "key_type;key;ledger_account;tax_code\nsku;CONS-1;4000;X\n");

        CommandFixture.Result r = fixture.run("mapping", "validate", file.toString(), "--config", config.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("semicolons");
        assertThat(r.err()).doesNotContain("Exception");
    }
}
