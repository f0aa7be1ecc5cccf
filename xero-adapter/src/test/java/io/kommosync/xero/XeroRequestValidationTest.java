package io.kommosync.xero;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sandbox.xero.XeroApiSpec;
import io.kommosync.sandbox.xero.XeroSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The checks that make "every request validates against Xero's OpenAPI document" mean something: they reject
 * malformed requests, on the simulator and on WireMock's serve log.
 */
@DisplayName("Checking requests against Xero's OpenAPI document")
class XeroRequestValidationTest {

    private static final String MALFORMED_INVOICE = "{\"Invoices\":[{\"Type\":\"SALES\",\"Contact\":{\"ContactID\":"
            + "\"not-a-uuid\"},\"LineItems\":[{\"Description\":\"Consulting\",\"Quantity\":\"two\"}]}]}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @DisplayName("rejects a malformed invoice, a missing tenant header and an invoice id that is no UUID")
    void rejectsMalformedRequests() {
        XeroApiSpec spec = XeroApiSpec.load();
        List<String> body = spec.problems("PUT", "/api.xro/2.0/Invoices", "summarizeErrors=false",
                Map.of("Content-Type", List.of("application/json"), "xero-tenant-id", List.of("t")),
                MALFORMED_INVOICE.getBytes(StandardCharsets.UTF_8));
        assertThat(body).anySatisfy(p -> assertThat(p).contains("Type").contains("SALES"))
                .anySatisfy(p -> assertThat(p).contains("Quantity"));
        assertThat(spec.problems("GET", "/api.xro/2.0/Accounts", null, Map.of(), new byte[0]))
                .anySatisfy(p -> assertThat(p).contains("xero-tenant-id"));
        assertThat(spec.problems("GET", "/api.xro/2.0/Invoices/INV-0001", null,
                Map.of("xero-tenant-id", List.of("t")), new byte[0])).isNotEmpty();
        assertThat(spec.problems("GET", "/connections", "authEventId=nope", Map.of(), new byte[0])).isNotEmpty();
    }

    @Test
    @DisplayName("accepts what the adapter sends")
    void acceptsWellFormedRequests() {
        XeroApiSpec spec = XeroApiSpec.load();
        String invoice = "{\"Invoices\":[{\"Type\":\"ACCREC\",\"Contact\":{\"ContactID\":"
                + "\"6a9c8d2e-4b1f-4e7a-9c3d-2f1e0d9c8b7a\"},\"Date\":\"2025-03-10\",\"DueDate\":\"2025-04-09\","
                + "\"LineAmountTypes\":\"Exclusive\",\"Reference\":\"kommo-deal-42\",\"CurrencyCode\":\"GBP\","
                + "\"Status\":\"AUTHORISED\",\"LineItems\":[{\"Description\":\"Consulting\",\"Quantity\":2.5,"
                + "\"UnitAmount\":99.99,\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT2\",\"DiscountRate\":10,"
                + "\"Tracking\":[{\"TrackingCategoryID\":\"351953c4-8127-4009-88c3-f9cd8c9cbe9f\",\"Name\":\"Region\","
                + "\"TrackingOptionID\":\"ce205173-7387-4651-9726-2cf4c5405ba2\",\"Option\":\"North\"}]}]}]}";
        assertThat(spec.problems("PUT", "/api.xro/2.0/Invoices", "summarizeErrors=false&unitdp=4",
                Map.of("Content-Type", List.of("application/json"), "xero-tenant-id", List.of("t"),
                        "Idempotency-Key", List.of("5f0c2a9e7b1d4c3a8e6f0b2d4c6a8e0f")),
                invoice.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    @DisplayName("the simulator answers a malformed request 400 PostDataInvalidException and records it")
    void simulatorRejectsMalformedRequest() throws Exception {
        try (XeroSimulatorFixture fixture = new XeroSimulatorFixture()) {
            XeroSimulator xero = fixture.xero;
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(xero.accountingUri().resolve("Invoices"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + fixture.tokens.accessToken())
                    .header("xero-tenant-id", fixture.org.tenantId())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(MALFORMED_INVOICE)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).contains("PostDataInvalidException").contains("Quantity");
            assertThat(xero.specViolations()).hasSize(1);
            assertThat(fixture.org.invoices()).isEmpty();
            clearViolations(fixture);
        }
    }

    @Test
    @DisplayName("the WireMock fixture finds a malformed request in WireMock's serve log")
    void wireMockFixtureCatchesMalformedRequest() throws IOException, InterruptedException {
        XeroWireMockFixture fixture = new XeroWireMockFixture();
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(fixture.wireMock.baseUrl() + "/api.xro/2.0/Invoices"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + XeroStubLedger.ACCESS_TOKEN)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(MALFORMED_INVOICE)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(fixture.specProblems()).anySatisfy(p -> assertThat(p).contains("PUT /api.xro/2.0/Invoices"))
                    .anySatisfy(p -> assertThat(p).contains("xero-tenant-id"));
        } finally {
            fixture.wireMock.resetRequests();
            fixture.close();
        }
    }

    /** The violation was the point of the test; start the fixture's own check from a clean slate. */
    private static void clearViolations(XeroSimulatorFixture fixture) {
        fixture.xero.reset();
    }
}
