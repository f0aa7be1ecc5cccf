package io.kommosync.sage.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.client.http.JsonMapper;
import io.kommosync.sandbox.sage.SpecViolation;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves the spec check is real: every request of a full round trip conforms to
 * {@code sage-accounting-v3.1.swagger.strict.json}, and the same requests, spoiled in the ways a client typically
 * goes wrong, do not.
 */
class SpecConformanceTest {

    private static final ObjectMapper JSON = JsonMapper.create();

    private SageWireMockFixture fixture;
    private SageCloudAccountingPort port;
    private LoggedRequest invoicePost;

    @BeforeEach
    void sendOneOfEveryRequest() {
        fixture = new SageWireMockFixture();
        port = new SageCloudProvider().create(fixture.validConfig());
        port.chartOfAccounts();
        port.createCustomer(CustomerDraft.of("Jane Cooper", "jane+billing@example.org"), IdempotencyKey.derive("jane"));
        LocalDate today = fixture.clock().today();
        Invoice invoice = port.createInvoice(new InvoiceDraft(fixture.existingCustomer().id(), SageWireMockFixture.GBP,
                today, today.plusDays(14), "kommo-deal-9", List.of(new InvoiceLine("Design", new BigDecimal("1.5"),
                        new BigDecimal("80.00"), Discount.percent(new BigDecimal("12.5")), "4000", "GB_STANDARD",
                        Dimensions.none(), Optional.empty())), Dimensions.none(), InvoiceDraft.Approval.APPROVED,
                Optional.empty()), IdempotencyKey.derive("deal-9"));
        port.invoice(invoice.id());
        port.findInvoiceByReference("kommo-deal-9");
        port.invoiceChangesSince(ChangeCursor.since(fixture.clock().instant().minusSeconds(3600)));
        port.voidInvoice(invoice.id(), "raised twice; see SI-1");
        invoicePost = fixture.requests().stream().filter(r -> r.getMethod().getName().equals("POST")
                && r.getUrl().equals("/v3.1/sales_invoices")).findFirst().orElseThrow();
    }

    @AfterEach
    void close() {
        port.close();
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void everyRequestOfARoundTripConformsToSagesSpecification() {
        List<LoggedRequest> checked = fixture.requests().stream().filter(SpecConformance::inAccountsSpec).toList();
        assertThat(checked).extracting(r -> r.getMethod().getName() + " " + r.getUrl().split("\\?")[0]
                .replaceAll("/[0-9a-f]{32}$", "/{key}")).contains("GET /v3.1/ledger_accounts", "GET /v3.1/tax_rates",
                "GET /v3.1/contacts", "POST /v3.1/contacts", "POST /v3.1/sales_invoices",
                "GET /v3.1/sales_invoices/{key}", "GET /v3.1/sales_invoices", "DELETE /v3.1/sales_invoices/{key}");
        assertThat(SpecConformance.violations(checked)).isEmpty();
    }

    @Test
    void aPriceSentAsTextWouldBreakTheSpecification() throws Exception {
        ObjectNode body = body();
        ((ObjectNode) body.path("sales_invoice").path("invoice_lines").get(0)).put("unit_price", "80.00");
        assertThat(violationsOf(body)).anySatisfy(v -> {
            assertThat(v.source()).isEqualTo("/sales_invoice/invoice_lines/0/unit_price");
            assertThat(v.key()).isEqualTo("validation.request.body.schema.type");
        });
    }

    @Test
    void aPropertyTheSchemaDoesNotDeclareWouldBreakTheSpecification() throws Exception {
        ObjectNode body = body();
        ((ObjectNode) body.path("sales_invoice")).put("payment_terms", 30);
        assertThat(violationsOf(body)).anySatisfy(v -> assertThat(v.message()).contains("payment_terms"));
    }

    @Test
    void aMissingRequiredFieldWouldBreakTheSpecification() throws Exception {
        ObjectNode body = body();
        ((ObjectNode) body.path("sales_invoice")).remove("contact_id");
        assertThat(violationsOf(body)).anySatisfy(v -> assertThat(v.message()).contains("contact_id"));
    }

    @Test
    void anIdempotencyIdThatIsNotA32CharacterGuidWouldBreakTheSpecification() throws Exception {
        ObjectNode body = body();
        ((ObjectNode) body.path("sales_invoice")).put("idempotency_id", "deal-9");
        assertThat(violationsOf(body)).anySatisfy(v -> assertThat(v.source()).isEqualTo("/sales_invoice/idempotency_id"));
    }

    @Test
    void aQueryParameterTheOperationDoesNotDeclareWouldBreakTheSpecification() {
        assertThat(SpecConformance.violations("GET", "/v3.1/sales_invoices?reference=kommo-deal-9",
                Map.of("Accept", List.of("application/json")), new byte[0]))
                .anySatisfy(v -> assertThat(v.key()).isEqualTo("validation.request.parameter.query.unexpected"));
        assertThat(SpecConformance.violations("GET", "/v3.1/sales_invoices?updated_or_created_since=yesterday",
                Map.of(), new byte[0])).as("a date-time that is not one").isNotEmpty();
    }

    @Test
    void theWireMockFixtureFailsATestWhoseClientSentAMalformedRequest() throws Exception {
        ObjectNode body = body();
        ((ObjectNode) body.path("sales_invoice").path("invoice_lines").get(0)).put("unit_price", "80.00");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.wireMock().baseUrl()
                + "/v3.1/sales_invoices")).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        SpecConformance.headers(invoicePost).forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Host")
                    && !name.equalsIgnoreCase("Connection")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("the stub itself accepts it").isEqualTo(201);
        SageWireMockFixture spoiled = fixture;
        fixture = null;
        assertThatThrownBy(spoiled::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("/sales_invoice/invoice_lines/0/unit_price");
    }

    private ObjectNode body() throws Exception {
        List<SpecViolation> asSent = SpecConformance.violations(invoicePost);
        assertThat(asSent).as("the request as the port sent it").isEmpty();
        return (ObjectNode) JSON.readTree(invoicePost.getBodyAsString());
    }

    private List<SpecViolation> violationsOf(ObjectNode body) {
        return SpecConformance.violations("POST", "/v3.1/sales_invoices", SpecConformance.headers(invoicePost),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
