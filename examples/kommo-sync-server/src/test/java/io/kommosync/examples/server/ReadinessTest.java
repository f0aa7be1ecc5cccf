package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sync.SyncListener;
import io.kommosync.sync.WebhookResponse;
import io.kommosync.sync.store.ConnectionState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("/health and /ready")
class ReadinessTest {

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(WebhookHttpServer http, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(http.baseUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("/ready answers 200 while the store answers and no connection is paused, 503 with the reason "
            + "otherwise; /health stays 200; extra pages can be mounted")
    void readiness() throws Exception {
        try (CommandFixture fixture = CommandFixture.start(dir)) {
            DemoAccount demo = DemoAccount.seed(fixture.account);
            ServerConfig config = ServerConfig.load(fixture.writeDemoConfig(demo));
            EngineHost host = EngineHost.open(config, new SyncListener() { });
            try (WebhookHttpServer http = WebhookHttpServer.start(host.engine(),
                    new InetSocketAddress("127.0.0.1", 0))) {
                http.mount("/extra", (m, p, h, b) -> new WebhookResponse(200, "text/plain", "mounted " + p));

                assertThat(get(http, "/health").statusCode()).isEqualTo(200);
                HttpResponse<String> ready = get(http, "/ready");
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"connections\":{\"acme\":\"ACTIVE\"}}");
                assertThat(ready.headers().firstValue("Content-Type")).contains("application/json");
                assertThat(get(http, "/extra/page").body()).isEqualTo("mounted /extra/page");

                host.engine().store().saveConnectionState(new ConnectionState("acme",
                        ConnectionState.Status.NEEDS_REAUTHORISATION, Optional.of("the Kommo token was revoked"),
                        Instant.now()));
                HttpResponse<String> paused = get(http, "/ready");
                assertThat(paused.statusCode()).isEqualTo(503);
                assertThat(paused.body()).contains("\"status\":\"not ready\"")
                        .contains("connection acme is paused (NEEDS_REAUTHORISATION): the Kommo token was revoked");

                host.close();
                HttpResponse<String> noStore = get(http, "/ready");
                assertThat(noStore.statusCode()).isEqualTo(503);
                assertThat(noStore.body()).contains("the store does not answer");
                assertThat(get(http, "/health").statusCode()).isEqualTo(200);
            } finally {
                host.close();
            }
        }
    }
}
