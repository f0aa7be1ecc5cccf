package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sandbox.kommo.CatalogElement;
import io.kommosync.sandbox.kommo.Lead;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands and a running {@code serve} in another JVM share one H2 file: H2's automatic mixed mode lets the
 * second process in through the first one.
 */
@DisplayName("commands next to a running serve")
class SharedStoreTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("jobs reads the H2 store while serve, in another process, holds it open and stays ready")
    void jobsWhileServing() throws Exception {
        try (CommandFixture fixture = CommandFixture.start(dir)) {
            DemoAccount demo = DemoAccount.seed(fixture.account);
            CatalogElement travel = fixture.account.createCatalogElement(demo.consulting().catalogId(), "Travel",
                    "TRAV-1", "120.00", Map.of());
            Lead deal = demo.deal("Site visit", Map.entry(travel, "1"));
            fixture.account.moveLead(deal.id(), demo.pipelineId(), demo.raiseStageId());
            Path config = fixture.writeDemoConfig(demo);

            ServerProcess server = ServerProcess.start(config, dir.resolve("server.log"), Duration.ofSeconds(60));
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                CommandFixture.Result jobs = fixture.run("jobs", "--config", config.toString());
                while (!jobs.out().contains("UNMAPPED_PRODUCT") && System.nanoTime() < deadline) {
                    assertThat(server.endsWithin(Duration.ofMillis(100))).as("the server died:%n%s", server.logTail())
                            .isFalse();
                    jobs = fixture.run("jobs", "--config", config.toString());
                }

                assertThat(jobs.exit()).as("%s", jobs).isZero();
                assertThat(jobs.out()).containsPattern("acme +raise_invoice +" + deal.id() + " +parked");
                assertThat(Files.exists(dir.resolve("store/kommo-sync.lock.db"))).as("H2's server lock file").isTrue();
                HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUri() + "/ready")).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).contains("\"acme\":\"ACTIVE\"");
            } finally {
                server.stop();
            }
        }
    }
}
