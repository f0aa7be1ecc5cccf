package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sandbox.kommo.Lead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("backfill")
class BackfillCommandTest {

    @TempDir
    Path dir;

    private CommandFixture fixture;
    private DemoAccount demo;
    private Path config;
    private final List<Lead> inStage = new ArrayList<>();
    private Lead elsewhere;

    @BeforeEach
    void dealsAlreadyInTheStageBeforeKommoSyncExisted() {
        fixture = CommandFixture.start(dir);
        demo = DemoAccount.seed(fixture.account);
        for (int i = 0; i < 12; i++) {
            Lead deal = demo.deal("Deal " + i, Map.entry(demo.consulting(), "1.5"), Map.entry(demo.kit(), "2"));
            fixture.account.moveLead(deal.id(), demo.pipelineId(), demo.raiseStageId());
            inStage.add(deal);
        }
        elsewhere = demo.deal("Still negotiating", Map.entry(demo.kit(), "1"));
        config = fixture.writeDemoConfig(demo);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private CommandFixture.Result backfill(String progress) {
        return fixture.run("backfill", "--config", config.toString(), "--connection", "acme", "--stage",
                Long.toString(demo.raiseStageId()), "--since", "2000-01-01", "--progress", progress);
    }

    @Test
    @DisplayName("invoices every deal in the stage once, with progress lines; a second run invoices nothing again")
    void invoicesOnceOnly() {
        CommandFixture.Result first = backfill("lines");

        assertThat(first.exit()).as("%s", first).isZero();
        for (Lead deal : inStage) {
            assertThat(fixture.ledger.countInvoicesWithReference("KOMMO-" + deal.id())).isEqualTo(1);
            assertThat(demo.field(deal.id(), demo.fields().invoiceNumberFieldId())).isNotEmpty();
        }
        assertThat(fixture.ledger.countInvoicesWithReference("KOMMO-" + elsewhere.id())).isZero();
        assertThat(first.out()).contains("12 deal(s) in stage " + demo.raiseStageId())
                .contains("invoicing 10% (2/12)").contains("invoicing 50% (6/12)")
                .contains("invoicing 100% (12/12)").contains("done: 12 invoiced now").doesNotContain("\r");

        CommandFixture.Result second = backfill("bar");

        assertThat(second.exit()).as("%s", second).isZero();
        for (Lead deal : inStage) {
            assertThat(fixture.ledger.countInvoicesWithReference("KOMMO-" + deal.id())).isEqualTo(1);
        }
        assertThat(second.out()).contains("done: 12 already invoiced (the engine never invoices a deal twice)")
                .contains("\rinvoicing [##############################] 12/12");
    }

    @Test
    @DisplayName("a --since that is neither a date nor an instant is refused")
    void badSince() {
        CommandFixture.Result r = fixture.run("backfill", "--config", config.toString(), "--connection", "acme",
                "--stage", Long.toString(demo.raiseStageId()), "--since", "last week");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--since: 'last week' is neither a date like 2026-11-01");
    }

    @Test
    @DisplayName("a stage no trigger watches is refused with the triggers there are")
    void unknownStage() {
        CommandFixture.Result r = fixture.run("backfill", "--config", config.toString(), "--connection", "acme",
                "--stage", "424242", "--since", "2026-01-01");

        assertThat(r.exit()).isEqualTo(KommoSyncServer.CANNOT_RUN);
        assertThat(r.err()).contains("no trigger of connection acme has stage 424242");
    }
}
