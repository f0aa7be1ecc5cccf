package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sandbox.kommo.CatalogElement;
import io.kommosync.sandbox.kommo.Lead;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("jobs and replay")
class JobsCommandTest {

    @TempDir
    Path dir;

    private CommandFixture fixture;
    private DemoAccount demo;
    private Path config;
    private Lead deal;

    @BeforeEach
    void aDealWithAProductTheMappingLacks() {
        fixture = CommandFixture.start(dir);
        demo = DemoAccount.seed(fixture.account);
        CatalogElement travel = fixture.account.createCatalogElement(demo.consulting().catalogId(), "Travel",
                "TRAV-1", "120.00", Map.of());
        fixture.ledger.addProduct("TRAV-1", "Travel");
        deal = demo.deal("Site visit", Map.entry(demo.consulting(), "1"), Map.entry(travel, "2"));
        fixture.account.moveLead(deal.id(), demo.pipelineId(), demo.raiseStageId());
        config = fixture.writeDemoConfig(demo);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("jobs lists the parked job with its reason; once the mapping is fixed, replay raises the invoice")
    void parkedThenReplayed() {
        CommandFixture.Result backfill = fixture.run("backfill", "--config", config.toString(), "--connection", "acme",
                "--stage", Long.toString(demo.raiseStageId()), "--since", "2000-01-01");
        assertThat(backfill.exit()).as("%s", backfill).isEqualTo(1);
        assertThat(backfill.out()).contains("1 parked");

        CommandFixture.Result jobs = fixture.run("jobs", "--config", config.toString());

        assertThat(jobs.exit()).as("%s", jobs).isZero();
        assertThat(jobs.out()).containsPattern("JOB +CONNECTION +KIND +SUBJECT +STATE +FAILURES +UPDATED +REASON")
                .containsPattern("acme +raise_invoice +" + deal.id() + " +parked +0 +\\S+ +UNMAPPED_PRODUCT: .*TRAV-1");
        Matcher id = Pattern.compile("(?m)^(\\S+) +acme +raise_invoice").matcher(jobs.out());
        assertThat(id.find()).isTrue();
        String jobId = id.group(1);

        fixture.write("mapping.csv", fixture.demoMappingCsv() + "sku,TRAV-1,,4010,UK Sale Goods Standard Rate\n");
        CommandFixture.Result replay = fixture.run("replay", jobId, "--config", config.toString());

        assertThat(replay.exit()).as("%s", replay).isZero();
        assertThat(replay.out()).contains("job " + jobId + " (raise_invoice " + deal.id() + "): done");
        assertThat(fixture.ledger.countInvoicesWithReference("KOMMO-" + deal.id())).isEqualTo(1);
        assertThat(fixture.run("jobs", "--config", config.toString()).out())
                .contains("no jobs in state parked, dead, retrying");
        assertThat(fixture.run("jobs", "--config", config.toString(), "--state", "done").out())
                .containsPattern(jobId + " +acme +raise_invoice +" + deal.id() + " +done");

        CommandFixture.Result again = fixture.run("replay", "no-such-job", "--config", config.toString());
        assertThat(again.exit()).isEqualTo(KommoSyncServer.CANNOT_RUN);
        assertThat(again.err()).contains("there is no job no-such-job");
    }

    @Test
    @DisplayName("an unknown state is refused with the list of states")
    void unknownState() {
        CommandFixture.Result r = fixture.run("jobs", "--config", config.toString(), "--state", "parked,stuck");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("unknown state 'stuck'").contains("retrying");
    }
}
