package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.jdbc.LeaderLease;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("serve")
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("catches up a deal moved while it was down, then the payment status pass brings the payment to the deal")
    void backgroundPasses() throws Exception {
        try (CommandFixture fixture = CommandFixture.start(dir)) {
            DemoAccount demo = DemoAccount.seed(fixture.account);
            Lead deal = demo.deal("Moved while down", Map.entry(demo.consulting(), "1"), Map.entry(demo.kit(), "2"));
            fixture.account.moveLead(deal.id(), demo.pipelineId(), demo.raiseStageId());
            ServerConfig config = ServerConfig.load(fixture.writeDemoConfig(demo));
            CountDownLatch raised = new CountDownLatch(1);
            CountDownLatch paid = new CountDownLatch(1);
            AtomicReference<Invoice> invoice = new AtomicReference<>();
            SyncListener listener = new SyncListener() {
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

            try (ServeCommand.Running running = ServeCommand.start(config, listener)) {
                assertThat(running.http().baseUri().getPort()).as("listening on a free port").isPositive();
                assertThat(raised.await(30, TimeUnit.SECONDS)).as("invoice raised").isTrue();
                assertThat(fixture.account.subscriptions()).extracting(s -> s.destination().toString())
                        .containsExactly(CommandFixture.PUBLIC_URL + "/kommo/acme/" + CommandFixture.WEBHOOK_TOKEN);

                fixture.ledger.markPaid(invoice.get().id());

                assertThat(paid.await(30, TimeUnit.SECONDS)).as("payment status followed").isTrue();
                assertThat(demo.field(deal.id(), demo.fields().paymentStatusFieldId().getAsLong()))
                        .isEqualTo("Paid");

                // The background passes hold their leases in the store, in this instance's name.
                for (String task : List.of("reconciler:acme", "payment-status:acme", "overdue-sweep:acme", "prune")) {
                    assertThat(running.host().database().leaderLease(task, "someone-else", Duration.ofSeconds(30))
                            .holder(Instant.now())).as("lease of %s", task)
                            .map(LeaderLease.Holder::owner).contains(ServeCommand.instanceId());
                }
                assertThat(running.background().names()).containsExactly("reconciler:acme", "payment-status:acme",
                        "overdue-sweep:acme", "prune");

                // The web console is served because the configuration gives it a token.
                HttpClient http = HttpClient.newHttpClient();
                URI connections = URI.create(running.http().baseUri() + "/console/api/connections");
                HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(connections)
                        .header("Authorization", "Bearer " + CommandFixture.CONSOLE_TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(withToken.statusCode()).isEqualTo(200);
                assertThat(withToken.body()).contains("acme");
                assertThat(http.send(HttpRequest.newBuilder(connections).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode()).as("no token").isEqualTo(401);
            }
        }
    }
}
