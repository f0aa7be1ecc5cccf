package io.kommosync.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.sandbox.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimulatorServerTest {

    private final List<SimulatorServer> servers = new ArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();

    @AfterEach
    void closeServers() {
        servers.forEach(SimulatorServer::close);
    }

    private SimulatorServer start(SimulatorServer.Builder builder) {
        SimulatorServer server = builder.build();
        servers.add(server);
        server.route("GET", "/items/{id}", r -> SimulatedResponse.json(200, "application/json",
                java.util.Map.of("id", r.pathVariable("id"))));
        server.route("GET", "/items/special", r -> SimulatedResponse.json(200, "application/json",
                java.util.Map.of("special", true)));
        server.route("POST", "/work", r -> {
            handled.incrementAndGet();
            return SimulatedResponse.json(200, "application/json", java.util.Map.of("ok", true));
        });
        return server.start();
    }

    private static HttpResponse<String> post(URI uri, Duration timeout) throws IOException, InterruptedException {
        return TestHttp.client().send(HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("routes bind path variables, prefer literal segments, and answer 404/405 as problem+json")
    void routing() {
        SimulatorServer server = start(SimulatorServer.builder("test"));
        URI base = server.baseUri();
        assertThat(base.toString()).startsWith("http://127.0.0.1:").endsWith("/");

        assertThat(TestHttp.get(base, "/items/42", null).body()).isEqualTo("{\"id\":\"42\"}");
        assertThat(TestHttp.get(base, "/items/42/", null).body()).as("trailing slash").isEqualTo("{\"id\":\"42\"}");
        assertThat(TestHttp.get(base, "/items/special", null).body()).isEqualTo("{\"special\":true}");

        HttpResponse<String> missing = TestHttp.get(base, "/nothing", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains(SimulatedResponse.PROBLEM_JSON);

        HttpResponse<String> wrongMethod = TestHttp.send("DELETE", base, "/items/1", null, null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET");
        assertThat(server.journal().entries()).extracting(JournalEntry::outcome)
                .containsExactly(JournalEntry.Outcome.HANDLED, JournalEntry.Outcome.HANDLED,
                        JournalEntry.Outcome.HANDLED, JournalEntry.Outcome.NOT_ROUTED,
                        JournalEntry.Outcome.NOT_ROUTED);
    }

    @Test
    @DisplayName("the journal records method, path, raw query, headers, body and status of every request")
    void journal() throws Exception {
        SimulatorServer server = start(SimulatorServer.builder("test"));
        TestHttp.get(server.baseUri(), "/items/7?filter%5Bid%5D%5B%5D=7&with=contacts", "tok");
        post(server.baseUri().resolve("/work"), TestHttp.TIMEOUT);

        List<JournalEntry> entries = server.journal().entries();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).rawQuery()).isEqualTo("filter%5Bid%5D%5B%5D=7&with=contacts");
        assertThat(entries.get(0).header("authorization")).contains("Bearer tok");
        assertThat(entries.get(0).status()).isEqualTo(200);
        assertThat(entries.get(1).method()).isEqualTo("POST");
        assertThat(entries.get(1).bodyText()).isEqualTo("{}");
        assertThat(entries.get(1).arrivalNanos()).isGreaterThan(entries.get(0).arrivalNanos());
        assertThat(server.journal().count("POST", "/work")).isEqualTo(1);
    }

    @Test
    @DisplayName("a seeded fault plan injects resets, JSON 5xx, HTML 5xx and HTML bodies at its rates, reproducibly")
    void seededFaults() throws Exception {
        FaultPlan.Builder plan = FaultPlan.builder().seed(42).connectionResets(0.1).serverErrors(0.1)
                .htmlServerErrors(0.1).htmlErrorBodies(0.1);
        SimulatorServer server = start(SimulatorServer.builder("test").faultPlan(plan.build()));
        FaultPlan replay = plan.build();

        int requests = 200;
        int resets = 0;
        int json5xx = 0;
        int html5xx = 0;
        int htmlBodies = 0;
        for (int i = 0; i < requests; i++) {
            Optional<Fault> expected = replay.next("POST", "/work");
            try {
                HttpResponse<String> r = post(server.baseUri().resolve("/work"), TestHttp.TIMEOUT);
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (r.statusCode() == 500) {
                    json5xx++;
                    assertThat(type).isEqualTo(SimulatedResponse.PROBLEM_JSON);
                } else if (r.statusCode() >= 502) {
                    html5xx++;
                    assertThat(type).startsWith("text/html");
                    assertThat(r.body()).contains("nginx");
                } else if (type.startsWith("text/html")) {
                    htmlBodies++;
                    assertThat(r.statusCode()).isEqualTo(200);
                } else {
                    assertThat(r.body()).isEqualTo("{\"ok\":true}");
                }
                assertThat(expected).as("request %d", i).isNotEqualTo(Optional.of(Fault.reset()));
            } catch (IOException e) {
                resets++;
                assertThat(expected).as("request %d", i).contains(Fault.reset());
            }
        }
        List<JournalEntry> entries = server.journal().entries();
        assertThat(entries).hasSize(requests);
        assertThat(entries).filteredOn(e -> e.outcome() == JournalEntry.Outcome.RESET).hasSize(resets)
                .allSatisfy(e -> assertThat(e.status()).isZero());
        assertThat(entries).filteredOn(e -> e.outcome() == JournalEntry.Outcome.FAULT)
                .hasSize(json5xx + html5xx + htmlBodies);
        assertThat(handled.get()).isEqualTo(requests - resets - json5xx - html5xx - htmlBodies);
        for (int count : new int[] {resets, json5xx, html5xx, htmlBodies}) {
            assertThat(count).isBetween(8, 35); // 10% of 200 = 20
        }
    }

    @Test
    @DisplayName("scripted faults answer the next N matching requests, then the route answers again")
    void scriptedFaults() throws Exception {
        SimulatorServer server = start(SimulatorServer.builder("test"));
        server.faultPlan().scriptNext(2, "/work", 503);
        server.faultPlan().scriptNext(1, "GET", "/items", Fault.htmlError(504));

        assertThat(post(server.baseUri().resolve("/work"), TestHttp.TIMEOUT).statusCode()).isEqualTo(503);
        HttpResponse<String> html = TestHttp.get(server.baseUri(), "/items/1", null);
        assertThat(html.statusCode()).isEqualTo(504);
        assertThat(html.body()).contains("504 Gateway Time-out");
        assertThat(post(server.baseUri().resolve("/work"), TestHttp.TIMEOUT).statusCode()).isEqualTo(503);
        assertThat(post(server.baseUri().resolve("/work"), TestHttp.TIMEOUT).statusCode()).isEqualTo(200);
        assertThat(server.faultPlan().pendingScripted()).isZero();
        assertThat(handled.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("a slow answer outlasts the client's timeout although the handler did its work")
    void slowAnswer() {
        SimulatorServer server = start(SimulatorServer.builder("test"));
        server.faultPlan().scriptNext(1, "/work", Fault.slow(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> post(server.baseUri().resolve("/work"), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(handled.get()).isEqualTo(1);
        assertThat(server.journal().entries()).singleElement()
                .extracting(JournalEntry::outcome).isEqualTo(JournalEntry.Outcome.DELAYED);
    }

    @Test
    @DisplayName("fixed latency delays every answer")
    void latency() {
        SimulatorServer server = start(SimulatorServer.builder("test").latency(Latency.fixed(Duration.ofMillis(120))));
        long start = System.nanoTime();
        assertThat(TestHttp.get(server.baseUri(), "/items/1", null).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    }

    @Test
    @DisplayName("the rate limit answers 429 HTML past its budget and admitted traffic never exceeds it")
    void rateLimited() {
        SimulatorServer server = start(SimulatorServer.builder("test")
                .rateLimit(RateLimitRule.perWindow(5, Duration.ofSeconds(10)).build(), r -> "one-key"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(TestHttp.get(server.baseUri(), "/items/1", null).statusCode());
        }
        assertThat(statuses).contains(429);
        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(server.journal().maxInAnyWindow(Duration.ofSeconds(10), e -> e.status() == 200))
                .isLessThanOrEqualTo(5);
        assertThat(server.journal().entries(e -> e.status() == 429))
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(JournalEntry.Outcome.THROTTLED));
    }

    @Test
    @DisplayName("uniform latency stays within its bounds and a seed repeats the same delays")
    void uniformLatency() {
        Latency a = Latency.uniform(Duration.ofMillis(10), Duration.ofMillis(20), 3);
        Latency b = Latency.uniform(Duration.ofMillis(10), Duration.ofMillis(20), 3);
        for (int i = 0; i < 100; i++) {
            Duration next = a.next();
            assertThat(next).isBetween(Duration.ofMillis(10), Duration.ofMillis(20)).isEqualTo(b.next());
        }
        assertThatThrownBy(() -> Latency.uniform(Duration.ofMillis(20), Duration.ofMillis(10), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
    }

    @Test
    @DisplayName("fault rates must be probabilities that sum to at most one")
    void faultPlanValidation() {
        assertThatThrownBy(() -> FaultPlan.builder().serverErrors(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serverErrors");
        assertThatThrownBy(() -> FaultPlan.builder().serverErrors(0.6).connectionResets(0.6).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum");
    }
}
