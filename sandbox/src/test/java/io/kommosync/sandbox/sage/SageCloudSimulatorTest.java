package io.kommosync.sandbox.sage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kommosync.sandbox.AdjustableClock;
import io.kommosync.sandbox.SandboxException;
import io.kommosync.sandbox.TestHttp;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.RateLimitRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SageCloudSimulatorTest {

    private static final AdjustableClock CLOCK = AdjustableClock.at(Instant.parse("2025-03-10T09:30:00Z"));
    private static final Currency GBP = Currency.getInstance("GBP");

    @RegisterExtension
    static final SageCloudSimulatorExtension SAGE = SageCloudSimulatorExtension.using(() -> SageCloudSimulator.builder()
            .clock(CLOCK).rateLimit(RateLimitRule.perWindow(40, Duration.ofMinutes(1))
                    .withThrottledResponse(SageCloudSimulator.errorResponse(429, "TooManyRequests", "slow down", ""))
                    .withRetryAfter(Duration.ofSeconds(60)).build()));

    private SageCloudSimulator sage;
    private SageBusiness business;
    private SageContact customer;
    private String token;

    @BeforeEach
    void seed() {
        CLOCK.advance(Duration.ofDays(1));
        sage = SAGE.simulator();
        business = sage.createBusiness("Acme Ltd", GBP).seedStandardChart();
        customer = business.addCustomer("Cooper Trading", "Accounts@Cooper.example");
        token = sage.issueTokens(business).accessToken();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private HttpResponse<String> call(String method, String pathAndQuery, String body) {
        return call(method, pathAndQuery, body, token, business.id());
    }

    private HttpResponse<String> call(String method, String pathAndQuery, String body, String bearer,
            String businessId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sage.apiBaseUri() + pathAndQuery))
                .timeout(TestHttp.TIMEOUT).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (businessId != null) {
            b.header("X-Business", businessId);
        }
        try {
            return TestHttp.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> fetch(URI uri) {
        try {
            return TestHttp.client().send(HttpRequest.newBuilder(uri).timeout(TestHttp.TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String since(Instant instant) {
        return enc(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx")
                .format(instant.atOffset(java.time.ZoneOffset.UTC)));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body());
    }

    private String invoiceBody(String reference, String taxAmount, String extraHeader) {
        return "{\"sales_invoice\":{" + extraHeader + "\"contact_id\":\"" + customer.id() + "\",\"date\":\"2025-03-11\","
                + "\"reference\":\"" + reference + "\",\"invoice_lines\":[{\"description\":\"Design\","
                + "\"ledger_account_id\":\"" + business.ledgerAccount(4000).id() + "\",\"quantity\":2.5,"
                + "\"unit_price\":99.99,\"discount_amount\":25.00,\"tax_rate_id\":\"GB_STANDARD\",\"tax_amount\":"
                + taxAmount + "}]}}";
    }

    private JsonNode createInvoice(String reference) {
        HttpResponse<String> response = call("POST", "/sales_invoices", invoiceBody(reference, "45.00", ""));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Nested
    @DisplayName("the specification")
    class Specification {

        @Test
        void answers422InSagesErrorFormatToAPriceSentAsText() {
            HttpResponse<String> response = call("POST", "/sales_invoices",
                    invoiceBody("R-1", "45.00", "").replace("\"unit_price\":99.99", "\"unit_price\":\"99.99\""));
            assertThat(response.statusCode()).isEqualTo(422);
            JsonNode error = json(response).get(0);
            assertThat(error.path("$severity").asText()).isEqualTo("error");
            assertThat(error.path("$source").asText()).isEqualTo("/sales_invoice/invoice_lines/0/unit_price");
            assertThat(business.invoices()).isEmpty();
        }

        @Test
        void answers422ToAPropertyTheSchemaDoesNotDeclare() {
            HttpResponse<String> response = call("POST", "/sales_invoices",
                    invoiceBody("R-2", "45.00", "\"payment_terms\":30,"));
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.body()).contains("payment_terms");
        }

        @Test
        void answers422ToAQueryParameterTheOperationDoesNotDeclare() {
            HttpResponse<String> response = call("GET", "/sales_invoices?reference=R-1", null);
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.body()).contains("reference");
        }

        @Test
        void acceptsTheIdempotencyIdTheStrictCopyAdds() {
            HttpResponse<String> response = call("POST", "/sales_invoices", invoiceBody("R-3", "45.00",
                    "\"idempotency_id\":\"0f1e2d3c4b5a69788796a5b4c3d2e1f0\","));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    @Nested
    @DisplayName("authentication and businesses")
    class Authentication {

        @Test
        void answers401WithoutATokenAndOnceItExpired() {
            assertThat(call("GET", "/contacts", null, null, business.id()).statusCode()).isEqualTo(401);
            CLOCK.advance(Duration.ofSeconds(300));
            HttpResponse<String> expired = call("GET", "/contacts", null);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(json(expired).get(0).path("$dataCode").asText()).isEqualTo("AuthorizationFailure");
        }

        @Test
        void usesTheLeadBusinessWithoutXBusinessAndRefusesABusinessOutsideTheGrant() {
            SageBusiness other = sage.createBusiness("Other Ltd", GBP);
            String both = sage.issueTokens(other, business).accessToken();
            createInvoice("R-LEAD");
            assertThat(json(call("GET", "/sales_invoices", null, both, null)).path("$total").asInt())
                    .as("the lead business (Other Ltd) has no invoice").isZero();
            assertThat(json(call("GET", "/sales_invoices", null, both, business.id())).path("$total").asInt()).isOne();
            assertThat(call("GET", "/sales_invoices", null, token, other.id()).statusCode()).isEqualTo(403);
            JsonNode businesses = json(call("GET", "/businesses", null, both, null));
            assertThat(businesses.path("$items")).extracting(b -> b.path("id").asText())
                    .containsExactly(other.id(), business.id());
        }

        @Test
        void exchangesACodeOnceAndRotatesRefreshTokens() {
            SageOAuthClient client = sage.oauthClient();
            String code = sage.authorizationCode(business);
            String exchange = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri="
                    + enc(client.redirectUri()) + "&client_id=" + enc(client.clientId()) + "&client_secret="
                    + enc(client.clientSecret());
            HttpResponse<String> first = form(exchange);
            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode tokens = json(first);
            assertThat(tokens.path("expires_in").asLong()).isEqualTo(300);
            assertThat(tokens.path("refresh_token_expires_in").asLong()).isEqualTo(2_678_400);
            assertThat(form(exchange).statusCode()).as("a code is single use").isEqualTo(400);

            String refresh = "grant_type=refresh_token&refresh_token=" + enc(tokens.path("refresh_token").asText())
                    + "&client_id=" + enc(client.clientId()) + "&client_secret=" + enc(client.clientSecret());
            HttpResponse<String> rotated = form(refresh);
            assertThat(rotated.statusCode()).isEqualTo(200);
            assertThat(json(rotated).path("refresh_token").asText()).isNotEqualTo(tokens.path("refresh_token").asText());
            HttpResponse<String> reused = form(refresh);
            assertThat(reused.statusCode()).isEqualTo(400);
            assertThat(json(reused).path("error").asText()).isEqualTo("invalid_grant");
            assertThat(form(refresh.replace(enc(client.clientSecret()), "wrong")).statusCode()).isEqualTo(401);
        }

        private HttpResponse<String> form(String body) {
            HttpRequest request = HttpRequest.newBuilder(sage.tokenUri()).timeout(TestHttp.TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                return TestHttp.client().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    @DisplayName("sales invoices")
    class SalesInvoices {

        @Test
        void numbersInvoicesAndComputesLineAndInvoiceTotals() {
            JsonNode first = createInvoice("R-10");
            JsonNode second = createInvoice("R-11");
            assertThat(first.path("invoice_number").asText()).isEqualTo("SI-1");
            assertThat(second.path("invoice_number").asText()).isEqualTo("SI-2");
            assertThat(first.path("net_amount").decimalValue()).isEqualByComparingTo("224.98");
            assertThat(first.path("tax_amount").decimalValue()).isEqualByComparingTo("45.00");
            assertThat(first.path("total_amount").decimalValue()).isEqualByComparingTo("269.98");
            assertThat(first.path("outstanding_amount").decimalValue()).isEqualByComparingTo("269.98");
            assertThat(first.path("status").path("id").asText()).isEqualTo("UNPAID");
            assertThat(first.path("links").get(0).path("rel").asText()).isEqualTo("alternate");
            HttpResponse<String> page = fetch(URI.create(first.path("links").get(0).path("href").asText()));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("SI-1", "269.98");
        }

        @Test
        void checksTheTaxAmountAgainstTheRate() {
            HttpResponse<String> wrong = call("POST", "/sales_invoices", invoiceBody("R-12", "40.00", ""));
            assertThat(wrong.statusCode()).isEqualTo(422);
            assertThat(json(wrong).get(0).path("$source").asText()).isEqualTo("invoice_lines[0].tax_amount");
            HttpResponse<String> missing = call("POST", "/sales_invoices",
                    invoiceBody("R-13", "45.00", "").replace(",\"tax_amount\":45.00", ""));
            assertThat(missing.statusCode()).isEqualTo(422);
            assertThat(missing.body()).contains("required in v3.1");
        }

        @Test
        void refusesAnAccountOutsideTheChart() {
            HttpResponse<String> response = call("POST", "/sales_invoices", invoiceBody("R-14", "45.00", "")
                    .replace(business.ledgerAccount(4000).id(), business.ledgerAccount(4990).id()));
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(json(response).get(0).path("$source").asText()).isEqualTo("invoice_lines[0].ledger_account_id");
        }

        @Test
        void replaysTheAnswerOfAnIdempotencyIdItHasSeen() {
            String body = invoiceBody("R-15", "45.00", "\"idempotency_id\":\"aaaabbbbccccddddeeeeffff00001111\",");
            HttpResponse<String> first = call("POST", "/sales_invoices", body);
            HttpResponse<String> second = call("POST", "/sales_invoices", body);
            assertThat(second.statusCode()).isEqualTo(201);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(business.countInvoicesWithReference("R-15")).isOne();
        }

        @Test
        void movesThroughPaymentsToPaidAndRefusesToVoidAPaidInvoice() {
            String id = createInvoice("R-16").path("id").asText();
            business.recordPayment(id, new BigDecimal("69.98"));
            JsonNode partPaid = json(call("GET", "/sales_invoices/" + id, null));
            assertThat(partPaid.path("status").path("id").asText()).isEqualTo("PART_PAID");
            assertThat(partPaid.path("outstanding_amount").decimalValue()).isEqualByComparingTo("200.00");
            HttpResponse<String> receipt = call("POST", "/contact_payments", "{\"contact_payment\":{"
                    + "\"transaction_type_id\":\"CUSTOMER_RECEIPT\",\"contact_id\":\"" + customer.id() + "\","
                    + "\"bank_account_id\":\"" + business.bankAccountId() + "\",\"date\":\"2025-03-12\","
                    + "\"total_amount\":200.00,\"allocated_artefacts\":[{\"artefact_id\":\"" + id + "\","
                    + "\"amount\":200.00}]}}");
            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
            assertThat(business.invoice(id).status()).isEqualTo(SageInvoiceStatus.PAID);
            HttpResponse<String> voiding = call("DELETE", "/sales_invoices/" + id + "?void_reason=oops", null);
            assertThat(voiding.statusCode()).isEqualTo(422);
            assertThat(voiding.body()).contains("remove them first");
        }

        @Test
        void voidsWithAReasonAndDeletesADraft() {
            String unpaid = createInvoice("R-17").path("id").asText();
            assertThat(call("DELETE", "/sales_invoices/" + unpaid, null).statusCode()).as("no reason").isEqualTo(422);
            JsonNode voided = json(call("DELETE", "/sales_invoices/" + unpaid + "?void_reason=duplicate", null));
            assertThat(voided.path("status").path("id").asText()).isEqualTo("VOID");
            assertThat(voided.path("void_reason").asText()).isEqualTo("duplicate");
            assertThat(voided.path("outstanding_amount").decimalValue()).isEqualByComparingTo("0");

            HttpResponse<String> draft = call("POST", "/sales_invoices", invoiceBody("R-18", "45.00",
                    "\"status_id\":\"DRAFT\","));
            String draftId = json(draft).path("id").asText();
            assertThat(call("DELETE", "/sales_invoices/" + draftId, null).statusCode()).isEqualTo(204);
            assertThat(call("GET", "/sales_invoices/" + draftId, null).statusCode()).isEqualTo(404);
        }

        @Test
        void releasesADraft() {
            String id = json(call("POST", "/sales_invoices", invoiceBody("R-19", "45.00",
                    "\"status_id\":\"DRAFT\","))).path("id").asText();
            assertThatThrownBy(() -> business.recordPayment(id, BigDecimal.ONE)).isInstanceOf(SandboxException.class);
            JsonNode released = json(call("POST", "/sales_invoices/" + id + "/release", null));
            assertThat(released.path("status").path("id").asText()).isEqualTo("UNPAID");
        }
    }

    @Nested
    @DisplayName("lists")
    class Lists {

        @Test
        void givesOnlyIdDisplayedAsAndPathUnlessAttributesAreAsked() {
            createInvoice("R-20");
            JsonNode bare = json(call("GET", "/sales_invoices", null)).path("$items").get(0);
            assertThat(bare.size()).isEqualTo(3);
            JsonNode asked = json(call("GET", "/sales_invoices?attributes=reference,status", null)).path("$items").get(0);
            assertThat(asked.path("reference").asText()).isEqualTo("R-20");
            assertThat(asked.has("total_amount")).isFalse();
            assertThat(json(call("GET", "/sales_invoices?attributes=all", null)).path("$items").get(0)
                    .has("invoice_lines")).isTrue();
        }

        @Test
        void pagesWithNextKeepingTheQueryAndAnswersTheLastPageBeyondTheEnd() {
            for (int i = 0; i < 5; i++) {
                createInvoice("R-P" + i);
            }
            JsonNode first = json(call("GET", "/sales_invoices?items_per_page=2&search=R-P", null));
            assertThat(first.path("$total").asInt()).isEqualTo(5);
            assertThat(first.path("$next").asText()).startsWith("/sales_invoices?").contains("items_per_page=2",
                    "search=R-P", "page=2");
            JsonNode beyond = json(call("GET", "/sales_invoices?items_per_page=2&page=9", null));
            assertThat(beyond.path("$page").asInt()).isEqualTo(3);
            assertThat(beyond.path("$items")).hasSize(1);
            assertThat(beyond.path("$next").isNull()).isTrue();
            assertThat(call("GET", "/sales_invoices?items_per_page=201", null).statusCode()).isEqualTo(422);
        }

        @Test
        void findsChangesSinceAnInstantInclusiveAndSeesAPayment() {
            String id = createInvoice("R-21").path("id").asText();
            String since = since(CLOCK.instant());
            assertThat(json(call("GET", "/sales_invoices?updated_or_created_since=" + since, null)).path("$total")
                    .asInt()).as("inclusive").isOne();
            CLOCK.advance(Duration.ofMinutes(3));
            String later = since(CLOCK.instant());
            assertThat(json(call("GET", "/sales_invoices?updated_or_created_since=" + later, null)).path("$total")
                    .asInt()).isZero();
            business.recordPayment(id, BigDecimal.TEN);
            assertThat(json(call("GET", "/sales_invoices?updated_or_created_since=" + later, null)).path("$total")
                    .asInt()).as("a payment changes updated_at").isOne();
        }

        @Test
        void listsSalesAccountsWithTheirChartFlagAndFindsContactsByEmailIgnoringCase() {
            JsonNode accounts = json(call("GET", "/ledger_accounts?visible_in=sales&items_per_page=200"
                    + "&attributes=nominal_code,included_in_chart,ledger_account_type", null));
            assertThat(accounts.path("$items")).extracting(a -> a.path("nominal_code").asInt())
                    .containsExactly(4000, 4010, 4020, 4900, 4990, 5000);
            assertThat(accounts.path("$items").get(4).path("included_in_chart").asBoolean()).isFalse();
            JsonNode found = json(call("GET", "/contacts?email=" + enc("accounts@cooper.EXAMPLE")
                    + "&contact_type_id=CUSTOMER&attributes=email", null));
            assertThat(found.path("$items")).extracting(c -> c.path("id").asText()).containsExactly(customer.id());
        }
    }

    @Nested
    @DisplayName("contacts")
    class Contacts {

        @Test
        void storesTheMainContactPersonsEmailAndRefusesTwoTypesOrATakenReference() {
            String body = "{\"contact\":{\"name\":\"Jane\",\"contact_type_ids\":[\"CUSTOMER\"],\"reference\":\"K-1\","
                    + "\"main_contact_person\":{\"name\":\"Jane\",\"email\":\"jane@example.org\"}}}";
            HttpResponse<String> created = call("POST", "/contacts", body);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(json(created).path("email").asText()).isEqualTo("jane@example.org");
            assertThat(call("POST", "/contacts", body).statusCode()).as("reference taken").isEqualTo(422);
            assertThat(call("POST", "/contacts", body.replace("[\"CUSTOMER\"]", "[\"CUSTOMER\",\"VENDOR\"]")
                    .replace("K-1", "K-2")).statusCode()).isEqualTo(422);
            assertThat(business.countContactsWithEmail("JANE@example.org")).isOne();
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {

        @Test
        void throttlesABusinessInSagesErrorFormatAndTagsEveryAnswerWithARequestId() {
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> admitted = call("GET", "/tax_rates", null);
                assertThat(admitted.statusCode()).as("request %d", i).isEqualTo(200);
                assertThat(admitted.headers().firstValue("X-Request-Id")).as("request id of %d", i).isPresent();
            }
            HttpResponse<String> last = call("GET", "/tax_rates", null);
            assertThat(last.statusCode()).isEqualTo(429);
            assertThat(last.headers().firstValue("Retry-After")).contains("60");
            assertThat(json(last).get(0).path("$dataCode").asText()).isEqualTo("TooManyRequests");
            SageBusiness other = sage.createBusiness("Other Ltd", GBP);
            assertThat(call("GET", "/tax_rates", null, sage.issueTokens(other).accessToken(), other.id()).statusCode())
                    .as("another business has its own budget").isEqualTo(200);
        }

        @Test
        void scriptsAFaultOnTheNextMatchingCall() {
            sage.failNext("GET", "/contacts", SageCloudSimulator.errorResponse(503, "ServiceUnavailable", "down", ""));
            assertThat(call("GET", "/contacts", null).statusCode()).isEqualTo(503);
            assertThat(call("GET", "/contacts", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void resetsBetweenTests() {
        assertThat(sage.businesses()).extracting(SageBusiness::name).containsExactly("Acme Ltd");
        assertThat(sage.journal().size()).isZero();
        assertThat(business.invoices()).isEmpty();
        assertThat(List.of(business.ledgerAccount(4000).type())).containsExactly(SageLedgerAccountType.SALES);
    }
}
