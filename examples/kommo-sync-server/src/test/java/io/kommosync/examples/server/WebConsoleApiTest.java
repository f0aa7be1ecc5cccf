package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.tck.memory.InMemoryLedger;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sync.mapping.MappingTables;
import io.kommosync.sync.mapping.ProductKey;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.SyncJob;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console's JSON API over real HTTP, without a browser: the token, the mapping view, live validation,
 * saving, and the jobs list with replay. The engine runs on a fake clock; jobs run when the test says so.
 */
class WebConsoleApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "Bearer " + ConsoleWorld.CONSOLE_TOKEN;

    @TempDir
    Path dir;

    ConsoleWorld world;
    HttpClient http;
    Lead deal;
    long kitId;

    @BeforeEach
    void setUp() {
        world = ConsoleWorld.onFakeClock(dir.resolve("mapping.csv"));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        kitId = world.demo.kit().id();
        deal = world.kitDealAtTriggerStage("Two training kits");
        world.engine.runDueJobs();
        assertThat(world.job(JobState.PARKED)).as("the deal's job is parked for the unmapped kit").isPresent();
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    @DisplayName("the API answers 401 without the console token, with a wrong one or with another scheme")
    void tokenRequired() throws Exception {
        assertThat(send("GET", "api/connections", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = send("GET", "api/connections", "Bearer " + ConsoleWorld.CONSOLE_TOKEN + "x", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(wrong.body()).doesNotContain(ConsoleWorld.CONSOLE_TOKEN);
        assertThat(send("GET", "api/connections", "Basic " + ConsoleWorld.CONSOLE_TOKEN, null).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "api/jobs/" + world.job(JobState.PARKED).orElseThrow().id() + "/replay", null, "{}")
                .statusCode()).isEqualTo(401);
        assertThat(world.job(JobState.PARKED)).as("an unauthorised replay did nothing").isPresent();

        HttpResponse<String> ok = send("GET", "api/connections", BEARER, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode connections = JSON.readTree(ok.body());
        assertThat(connections).hasSize(1);
        assertThat(connections.get(0).get("id").asText()).isEqualTo(ConsoleWorld.CONNECTION);
        assertThat(connections.get(0).get("ledger").asText()).isEqualTo(world.ledger.port().providerId());
    }

    @Test
    @DisplayName("the page is served without the token, holds no data, and forbids any script but its own")
    void staticPage() throws Exception {
        HttpResponse<String> page = send("GET", "", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("kommo-sync console").doesNotContain("CONS-1");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").contains("script-src 'self'")
                        .contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(send("GET", "app.js", null, null).body()).contains("textContent").doesNotContain("innerHTML");
        assertThat(send("GET", "secret.txt", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a state-changing call that is not JSON is refused, so a cross-site form cannot make one")
    void stateChangesMustBeJson() throws Exception {
        SyncJob parked = world.job(JobState.PARKED).orElseThrow();
        HttpRequest form = HttpRequest.newBuilder(world.console().resolve("api/jobs/" + parked.id() + "/replay"))
                .header("Authorization", BEARER).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build();
        assertThat(http.send(form, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
        assertThat(world.job(JobState.PARKED)).isPresent();
    }

    @Test
    @DisplayName("the mapping view lists the catalog's products with their rows and every account, inactive ones marked")
    void mappingView() throws Exception {
        JsonNode view = ok(send("GET", "api/connections/shop/mapping", BEARER, null));

        assertThat(view.get("fingerprint").asText()).isEqualTo(world.engine.connection("shop").mapping().fingerprint());
        assertThat(view.get("parkedForMapping").asInt()).isEqualTo(1);
        JsonNode consulting = product(view, world.demo.consulting().id());
        assertThat(consulting.get("sku").asText()).isEqualTo("CONS-1");
        assertThat(consulting.get("mapping").get("account").asText()).isEqualTo(InMemoryLedger.SERVICES_ACCOUNT);
        assertThat(consulting.get("mapping").get("matchedBy").asText()).isEqualTo("SKU 'CONS-1'");
        assertThat(product(view, kitId).get("mapping").isNull()).isTrue();
        JsonNode retired = find(view.get("accounts"), "code", InMemoryLedger.RETIRED_SALES_ACCOUNT);
        assertThat(retired.get("active").asBoolean()).isFalse();
        assertThat(find(view.get("accounts"), "code", InMemoryLedger.SALES_ACCOUNT).get("active").asBoolean()).isTrue();
        assertThat(find(view.get("taxRates"), "code", InMemoryLedger.STANDARD_TAX).get("active").asBoolean()).isTrue();
        assertThat(view.get("problems")).isEmpty();
    }

    @Test
    @DisplayName("validation puts the rejection of an inactive account next to the product, and asks for a missing tax code")
    void validationMessages() throws Exception {
        JsonNode inactive = ok(send("POST", "api/connections/shop/mapping/validate", BEARER,
                edit(kitId, InMemoryLedger.RETIRED_SALES_ACCOUNT, InMemoryLedger.STANDARD_TAX, null)));
        assertThat(inactive.get("valid").asBoolean()).isFalse();
        assertThat(inactive.get("problems")).singleElement().satisfies(p -> {
            assertThat(p.get("elementId").asLong()).isEqualTo(kitId);
            assertThat(p.get("kind").asText()).isEqualTo("INACTIVE_ACCOUNT");
            assertThat(p.get("message").asText()).isEqualTo(
                    "SKU 'KIT-1': ledger account 4990 'Old sales' is inactive in the ledger.");
            assertThat(p.get("fix").asText()).contains("Choose an active revenue account such as 4000 'Sales'");
        });

        JsonNode incomplete = ok(send("POST", "api/connections/shop/mapping/validate", BEARER,
                edit(kitId, InMemoryLedger.SALES_ACCOUNT, "", null)));
        assertThat(incomplete.get("problems")).singleElement().satisfies(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("INCOMPLETE_ROW");
            assertThat(p.get("message").asText()).contains("Training kit").contains("choose a tax code");
        });

        JsonNode fine = ok(send("POST", "api/connections/shop/mapping/validate", BEARER,
                edit(kitId, InMemoryLedger.SALES_ACCOUNT, InMemoryLedger.ZERO_TAX, null)));
        assertThat(fine.get("valid").asBoolean()).isTrue();
        assertThat(fine.get("problems")).isEmpty();
        assertThat(world.engine.connection("shop").mapping().row(new ProductKey.Sku("KIT-1")))
                .as("validating changes nothing").isEmpty();
    }

    @Test
    @DisplayName("an invalid table is not saved: 422 with the problems, the engine's table and the file untouched")
    void invalidNotSaved() throws Exception {
        String before = world.engine.connection("shop").mapping().fingerprint();
        HttpResponse<String> refused = send("POST", "api/connections/shop/mapping", BEARER,
                edit(kitId, InMemoryLedger.RETIRED_SALES_ACCOUNT, InMemoryLedger.STANDARD_TAX, before));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("problems").get(0).get("kind").asText()).isEqualTo("INACTIVE_ACCOUNT");
        assertThat(world.engine.connection("shop").mapping().fingerprint()).isEqualTo(before);
        assertThat(Files.exists(world.mappingFile)).isFalse();
        assertThat(world.job(JobState.PARKED)).isPresent();
    }

    @Test
    @DisplayName("a valid save writes the file, applies the table and resumes the parked deal, which is invoiced")
    void validSaveResumes() throws Exception {
        String before = world.engine.connection("shop").mapping().fingerprint();
        JsonNode saved = ok(send("POST", "api/connections/shop/mapping", BEARER,
                edit(kitId, InMemoryLedger.SALES_ACCOUNT, InMemoryLedger.ZERO_TAX, before)));

        assertThat(saved.get("resumed").asInt()).isEqualTo(1);
        assertThat(saved.get("fingerprint").asText()).isEqualTo(world.engine.connection("shop").mapping().fingerprint());
        assertThat(MappingTables.load(world.mappingFile)).isEqualTo(world.engine.connection("shop").mapping());
        assertThat(world.engine.connection("shop").mapping().row(new ProductKey.Sku("KIT-1")))
                .hasValueSatisfying(r -> assertThat(r.ledgerAccountCode()).isEqualTo(InMemoryLedger.SALES_ACCOUNT));
        world.engine.runDueJobs();
        Invoice invoice = world.ledger.port().findInvoiceByReference("KOMMO-" + deal.id()).orElseThrow();
        assertThat(world.invoiceNumberOnDeal(deal)).isEqualTo(invoice.number());

        HttpResponse<String> stale = send("POST", "api/connections/shop/mapping", BEARER,
                edit(kitId, InMemoryLedger.SERVICES_ACCOUNT, InMemoryLedger.ZERO_TAX, before));
        assertThat(stale.statusCode()).as("a save based on the old table").isEqualTo(409);
        assertThat(JSON.readTree(stale.body()).get("error").asText()).contains("reload the page");
    }

    @Test
    @DisplayName("saved without resuming, the deal stays parked; the jobs list shows why, and Replay invoices it once")
    void replay() throws Exception {
        String before = world.engine.connection("shop").mapping().fingerprint();
        ObjectMapper m = JSON;
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(
                edit(kitId, InMemoryLedger.SALES_ACCOUNT, InMemoryLedger.ZERO_TAX, before));
        body.put("resumeParked", false);
        assertThat(ok(send("POST", "api/connections/shop/mapping", BEARER, body.toString())).get("resumed").asInt())
                .isZero();
        world.engine.runDueJobs();
        SyncJob parked = world.job(JobState.PARKED).orElseThrow();

        JsonNode jobs = ok(send("GET", "api/jobs?connection=shop", BEARER, null));
        assertThat(jobs).singleElement().satisfies(j -> {
            assertThat(j.get("id").asText()).isEqualTo(parked.id().value());
            assertThat(j.get("subject").asText()).isEqualTo(Long.toString(deal.id()));
            assertThat(j.get("state").asText()).isEqualTo("PARKED");
            assertThat(j.get("parkReason").asText()).isEqualTo("UNMAPPED_PRODUCT");
            assertThat(j.get("reason").asText()).contains("Training kit");
            assertThat(j.get("replayable").asBoolean()).isTrue();
        });

        JsonNode replayed = ok(send("POST", "api/jobs/" + parked.id() + "/replay", BEARER, "{}"));
        assertThat(replayed.get("replayed").asBoolean()).isTrue();
        HttpResponse<String> again = send("POST", "api/jobs/" + parked.id() + "/replay", BEARER, "{}");
        assertThat(again.statusCode()).as("already waiting to run").isEqualTo(409);
        assertThat(send("POST", "api/jobs/no-such-job/replay", BEARER, "{}").statusCode()).isEqualTo(404);

        world.engine.runDueJobs();
        Invoice invoice = world.ledger.port().findInvoiceByReference("KOMMO-" + deal.id()).orElseThrow();
        assertThat(world.ledger.countInvoicesWithReference("KOMMO-" + deal.id())).isEqualTo(1);
        assertThat(world.invoiceNumberOnDeal(deal)).isEqualTo(invoice.number());
        assertThat(ok(send("GET", "api/jobs?connection=shop", BEARER, null))).isEmpty();
    }

    @Test
    @DisplayName("a job retrying after a ledger outage is listed with its next try and no Replay button")
    void retryingListed() throws Exception {
        Lead consulting = world.demo.deal("One consulting day", java.util.Map.entry(world.demo.consulting(), "1"));
        world.ledger.failNextInvoiceCreations(5);
        world.demo.account().moveLead(consulting.id(), world.demo.pipelineId(), world.demo.raiseStageId());
        world.engine.runDueJobs();

        JsonNode jobs = ok(send("GET", "api/jobs", BEARER, null));
        List<String> states = new ArrayList<>();
        jobs.forEach(j -> states.add(j.get("state").asText()));
        assertThat(states).containsExactlyInAnyOrder("PARKED", "RETRYING");
        JsonNode retrying = find(jobs, "state", "RETRYING");
        assertThat(retrying.get("subject").asText()).isEqualTo(Long.toString(consulting.id()));
        assertThat(retrying.get("failures").asInt()).isEqualTo(1);
        assertThat(retrying.get("nextTry").asText()).isNotBlank();
        assertThat(retrying.get("reason").asText()).isNotBlank();
        assertThat(retrying.get("replayable").asBoolean()).isFalse();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private HttpResponse<String> send(String method, String path, String authorization, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(world.console() + path)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String edit(long elementId, String account, String tax, String baseFingerprint) throws IOException {
        var root = JSON.createObjectNode();
        root.put("baseFingerprint", baseFingerprint);
        var row = root.putArray("rows").addObject();
        row.put("elementId", elementId);
        row.put("account", account);
        row.put("tax", tax);
        row.putObject("dimensions");
        return JSON.writeValueAsString(root);
    }

    private static JsonNode product(JsonNode view, long elementId) {
        for (JsonNode p : view.get("products")) {
            if (p.get("elementId").asLong() == elementId) {
                return p;
            }
        }
        throw new AssertionError("no product " + elementId + " in " + view.get("products"));
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.get(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("nothing with " + field + "=" + value + " in " + array);
    }
}
