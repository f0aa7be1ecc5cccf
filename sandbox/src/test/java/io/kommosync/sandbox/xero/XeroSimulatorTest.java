package io.kommosync.sandbox.xero;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kommosync.sandbox.AdjustableClock;
import io.kommosync.sandbox.TestHttp;
import io.kommosync.sandbox.http.Json;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The Xero simulator")
class XeroSimulatorTest {

    static final AdjustableClock CLOCK = AdjustableClock.at(Instant.parse("2025-03-10T09:30:00Z"));

    @RegisterExtension
    static final XeroSimulatorExtension XERO = XeroSimulatorExtension.using(() -> XeroSimulator.builder().clock(CLOCK));

    XeroSimulator xero;
    XeroOrganisation org;
    XeroContact acme;
    XeroTokenSet tokens;

    @BeforeEach
    void seed(XeroSimulator simulator) {
        CLOCK.set(Instant.parse("2025-03-10T09:30:00Z"));
        xero = simulator;
        org = xero.createOrganisation("Demo Ltd").withDemoChart();
        acme = org.addContact("Acme Ltd", "Accounts@Acme.example", "kommo-7");
        tokens = xero.authorize(Set.of("accounting.invoices", "accounting.contacts", "accounting.settings",
                "accounting.payments", "offline_access"), org);
    }

    HttpResponse<String> call(String method, String pathAndQuery, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(xero.baseUri().resolve(pathAndQuery)).timeout(TestHttp.TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.header("Accept", "application/json");
        headers.forEach(b::header);
        try {
            return TestHttp.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> api(String method, String pathAndQuery, String body) {
        return call(method, "api.xro/2.0/" + pathAndQuery, body, Map.of("Authorization", "Bearer "
                + tokens.accessToken(), "xero-tenant-id", org.tenantId()));
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonNode json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    String invoice(String reference, String status, String account) {
        return "{\"Type\":\"ACCREC\",\"Contact\":{\"ContactID\":\"" + acme.contactId() + "\"},\"Date\":\"2025-03-10\","
                + "\"DueDate\":\"2025-04-09\",\"Reference\":\"" + reference + "\",\"Status\":\"" + status + "\","
                + "\"LineItems\":[{\"Description\":\"Consulting days\",\"Quantity\":2.5,\"UnitAmount\":99.99,"
                + "\"DiscountRate\":10,\"AccountCode\":\"" + account + "\",\"TaxType\":\"OUTPUT2\"},"
                + "{\"Description\":\"Manual\",\"Quantity\":1,\"UnitAmount\":19.99,\"AccountCode\":\"200\","
                + "\"TaxType\":\"ZERORATEDOUTPUT\",\"Tracking\":[{\"Name\":\"Region\",\"Option\":\"North\"}]}]}";
    }

    @Nested
    @DisplayName("access")
    class Access {

        @Test
        @DisplayName("answers 401 without a valid token and 403 for another tenant or a missing scope")
        void guardsAccess() {
            assertThat(call("GET", "api.xro/2.0/Accounts", null, Map.of("xero-tenant-id", org.tenantId()))
                    .statusCode()).isEqualTo(401);
            XeroOrganisation other = xero.createOrganisation("Other Ltd");
            assertThat(call("GET", "api.xro/2.0/Accounts", null, Map.of("Authorization", "Bearer "
                    + tokens.accessToken(), "xero-tenant-id", other.tenantId())).statusCode()).isEqualTo(403);
            XeroTokenSet narrow = xero.authorize(Set.of("accounting.invoices"), org);
            HttpResponse<String> noScope = call("GET", "api.xro/2.0/Accounts", null, Map.of("Authorization",
                    "Bearer " + narrow.accessToken(), "xero-tenant-id", org.tenantId()));
            assertThat(noScope.statusCode()).isEqualTo(403);
            assertThat(noScope.body()).contains("accounting.settings");
            CLOCK.advance(Duration.ofMinutes(31));
            HttpResponse<String> expired = api("GET", "Accounts", null);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.body()).contains("TokenExpired");
        }

        @Test
        @DisplayName("lists the tenants a token reaches at /connections")
        void listsConnections() {
            HttpResponse<String> r = call("GET", "connections", null, Map.of("Authorization", "Bearer "
                    + tokens.accessToken()));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).get(0).path("tenantId").asText()).isEqualTo(org.tenantId());
            assertThat(json(r).get(0).path("tenantType").asText()).isEqualTo("ORGANISATION");
        }

        @Test
        @DisplayName("rejects a request that breaks the OpenAPI document with 400 and records it")
        void rejectsBySpec() {
            HttpResponse<String> r = api("GET", "Invoices/INV-0001", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).path("Type").asText()).isEqualTo("PostDataInvalidException");
            assertThat(xero.specViolations()).singleElement()
                    .satisfies(v -> assertThat(v.path()).isEqualTo("/api.xro/2.0/Invoices/INV-0001"));
        }
    }

    @Nested
    @DisplayName("invoices")
    class Invoices {

        @Test
        @DisplayName("creates an invoice with Xero's arithmetic, a number and MS-JSON dates")
        void createsInvoices() {
            HttpResponse<String> r = api("PUT", "Invoices?summarizeErrors=false&unitdp=4",
                    "{\"Invoices\":[" + invoice("kommo-1", "AUTHORISED", "200") + "]}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Xero-Correlation-Id")).isPresent();
            JsonNode i = json(r).path("Invoices").get(0);
            assertThat(i.path("InvoiceNumber").asText()).isEqualTo("INV-0001");
            assertThat(i.path("SubTotal").decimalValue()).isEqualByComparingTo("244.97");
            assertThat(i.path("TotalTax").decimalValue()).isEqualByComparingTo("45.00");
            assertThat(i.path("Total").decimalValue()).isEqualByComparingTo("289.97");
            assertThat(i.path("Date").asText()).isEqualTo("/Date(1741564800000+0000)/");
            assertThat(i.path("DateString").asText()).isEqualTo("2025-03-10T00:00:00");
            assertThat(i.path("LineItems").get(0).path("UnitAmount").decimalValue()).isEqualByComparingTo("99.99");
            assertThat(i.path("LineItems").get(1).path("Tracking").get(0).path("TrackingOptionID").asText())
                    .isEqualTo(org.trackingCategory("Region").option("North").orElseThrow().optionId());
            assertThat(org.countInvoicesWithReference("kommo-1")).isEqualTo(1);
        }

        @Test
        @DisplayName("answers one element per invoice with summarizeErrors=false, and 400 by default")
        void summarizesErrors() {
            String batch = "{\"Invoices\":[" + invoice("ok-1", "AUTHORISED", "200") + ","
                    + invoice("bad", "AUTHORISED", "299") + "]}";
            HttpResponse<String> each = api("PUT", "Invoices?summarizeErrors=false", batch);
            assertThat(each.statusCode()).isEqualTo(200);
            JsonNode second = json(each).path("Invoices").get(1);
            assertThat(second.path("HasErrors").asBoolean()).isTrue();
            assertThat(second.path("ValidationErrors").get(0).path("Message").asText()).contains("archived");

            HttpResponse<String> summarized = api("PUT", "Invoices", batch.replace("ok-1", "ok-2"));
            assertThat(summarized.statusCode()).isEqualTo(400);
            assertThat(json(summarized).path("Type").asText()).isEqualTo("ValidationException");
            assertThat(org.countInvoicesWithReference("ok-2")).as("Xero creates the valid elements anyway")
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("answers a repeated Idempotency-Key with the first answer")
        void replaysIdempotencyKeys() {
            String body = "{\"Invoices\":[" + invoice("kommo-2", "AUTHORISED", "200") + "]}";
            Map<String, String> headers = Map.of("Authorization", "Bearer " + tokens.accessToken(), "xero-tenant-id",
                    org.tenantId(), "Idempotency-Key", "key-1");
            HttpResponse<String> first = call("PUT", "api.xro/2.0/Invoices?summarizeErrors=false", body, headers);
            HttpResponse<String> second = call("PUT", "api.xro/2.0/Invoices?summarizeErrors=false", body, headers);
            assertThat(json(second).path("Invoices").get(0).path("InvoiceID").asText())
                    .isEqualTo(json(first).path("Invoices").get(0).path("InvoiceID").asText());
            assertThat(org.countInvoicesWithReference("kommo-2")).isEqualTo(1);
        }

        @Test
        @DisplayName("filters with where like Xero: case-insensitive, no quote inside a literal, 500 on a null target")
        void filtersWithWhere() {
            api("PUT", "Invoices?summarizeErrors=false", "{\"Invoices\":[" + invoice("Kommo-3", "AUTHORISED", "200")
                    + "]}");
            HttpResponse<String> found = api("GET", "Invoices?where=" + q("Type==\"ACCREC\"&&Reference==\"kommo-3\""),
                    null);
            assertThat(json(found).path("Invoices")).hasSize(1);
            HttpResponse<String> quote = api("GET", "Contacts?where=" + q("EmailAddress==\"o\"brien@x.com\""), null);
            assertThat(quote.statusCode()).isEqualTo(400);
            assertThat(json(quote).path("Type").asText()).isEqualTo("QueryParseException");
            org.addContact("No Mail Ltd", null);
            HttpResponse<String> unguarded = api("GET", "Contacts?where=" + q("EmailAddress.StartsWith(\"acc\")"),
                    null);
            assertThat(unguarded.statusCode()).isEqualTo(500);
            HttpResponse<String> guarded = api("GET", "Contacts?where="
                    + q("EmailAddress!=null&&EmailAddress.StartsWith(\"acc\")"), null);
            assertThat(json(guarded).path("Contacts")).hasSize(1);
        }

        @Test
        @DisplayName("pages changes since If-Modified-Since, oldest first, with line items only when paging")
        void pagesChanges() {
            for (int i = 1; i <= 3; i++) {
                api("PUT", "Invoices?summarizeErrors=false", "{\"Invoices\":[" + invoice("c-" + i, "AUTHORISED", "200")
                        + "]}");
                CLOCK.advance(Duration.ofMinutes(1));
            }
            String first = json(api("GET", "Invoices?order=UpdatedDateUTC%20ASC", null)).path("Invoices").get(0)
                    .path("InvoiceID").asText();
            org.markPaid(first);
            HttpResponse<String> page = call("GET", "api.xro/2.0/Invoices?order=UpdatedDateUTC%20ASC&page=1&pageSize=2",
                    null, Map.of("Authorization", "Bearer " + tokens.accessToken(), "xero-tenant-id", org.tenantId(),
                            "If-Modified-Since", "2025-03-10T09:31:00Z"));
            JsonNode body = json(page);
            assertThat(body.path("Invoices")).extracting(n -> n.path("Reference").asText()).containsExactly("c-2",
                    "c-3");
            assertThat(body.path("pagination").path("itemCount").asInt()).isEqualTo(3);
            assertThat(body.path("Invoices").get(0).path("LineItems")).isNotEmpty();
            assertThat(json(api("GET", "Invoices", null)).path("Invoices").get(0).path("LineItems")).isEmpty();
        }

        @Test
        @DisplayName("voids, refuses to void a paid invoice, deletes drafts and takes payments")
        void changesStatus() {
            String id = json(api("PUT", "Invoices?summarizeErrors=false", "{\"Invoices\":["
                    + invoice("v-1", "AUTHORISED", "200") + "]}")).path("Invoices").get(0).path("InvoiceID").asText();
            HttpResponse<String> payment = api("PUT", "Payments", "{\"Payments\":[{\"Invoice\":{\"InvoiceID\":\"" + id
                    + "\"},\"Account\":{\"Code\":\"090\"},\"Date\":\"2025-03-11\",\"Amount\":100.00}]}");
            assertThat(payment.statusCode()).isEqualTo(200);
            assertThat(org.invoice(id).orElseThrow().amountDue()).isEqualByComparingTo("189.97");
            HttpResponse<String> refused = api("POST", "Invoices/" + id, "{\"Invoices\":[{\"InvoiceID\":\"" + id
                    + "\",\"Status\":\"VOIDED\"}]}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("payment");

            String draft = json(api("PUT", "Invoices?summarizeErrors=false", "{\"Invoices\":["
                    + invoice("v-2", "DRAFT", "200") + "]}")).path("Invoices").get(0).path("InvoiceID").asText();
            assertThat(api("GET", "Invoices/" + draft + "/OnlineInvoice", null).statusCode()).isEqualTo(400);
            assertThat(json(api("POST", "Invoices/" + draft, "{\"Invoices\":[{\"Status\":\"DELETED\"}]}"))
                    .path("Invoices").get(0).path("Status").asText()).isEqualTo("DELETED");
        }

        @Test
        @DisplayName("serves the online invoice of an approved invoice")
        void servesOnlineInvoices() {
            XeroInvoice byHand = org.raiseInvoiceByHand(acme.contactId(), "GBP", CLOCK.instant()
                    .atZone(org.zone()).toLocalDate().plusDays(7), List.of(XeroNewLine.of("Design", "2", "75", "200",
                    "OUTPUT2")));
            assertThat(byHand.total()).isEqualByComparingTo(new BigDecimal("180.00"));
            String url = json(api("GET", "Invoices/" + byHand.invoiceId() + "/OnlineInvoice", null))
                    .path("OnlineInvoices").get(0).path("OnlineInvoiceUrl").asText();
            assertThat(url).isEqualTo(byHand.onlineInvoiceUrl().orElseThrow().toString());
            HttpResponse<String> page = call("GET", URI.create(url).getPath().substring(1), null, Map.of());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(byHand.number()).contains("Acme Ltd");
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {

        @Test
        @DisplayName("answers 429 minute with Retry-After and counts down X-MinLimit-Remaining")
        void minuteLimit() {
            xero.limits(XeroLimits.xero().withPerMinute(2));
            HttpResponse<String> first = api("GET", "Accounts", null);
            assertThat(first.headers().firstValue("X-MinLimit-Remaining")).hasValue("1");
            assertThat(first.headers().firstValue("X-DayLimit-Remaining")).hasValue("4999");
            api("GET", "Accounts", null);
            HttpResponse<String> third = api("GET", "Accounts", null);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("X-Rate-Limit-Problem")).hasValue("minute");
            assertThat(third.headers().firstValue("Retry-After").map(Integer::parseInt).orElseThrow())
                    .isBetween(1, 60);
        }

        @Test
        @DisplayName("answers 429 day until the clock moves a day on")
        void dayLimit() {
            xero.limits(XeroLimits.starterTier().withPerDay(1));
            api("GET", "Accounts", null);
            HttpResponse<String> second = api("GET", "Accounts", null);
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("X-Rate-Limit-Problem")).hasValue("day");
            assertThat(second.headers().firstValue("Retry-After")).hasValue("86400");
            CLOCK.advance(Duration.ofDays(1));
            tokens = xero.authorizeLongLived(org);
            assertThat(api("GET", "Accounts", null).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("the identity service")
    class Identity {

        HttpResponse<String> refresh(String refreshToken, String secret) {
            String basic = Base64.getEncoder().encodeToString((xero.app().clientId() + ":" + secret)
                    .getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(xero.tokenUri()).timeout(TestHttp.TIMEOUT)
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                            + q(refreshToken))).build();
            try {
                return TestHttp.client().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Test
        @DisplayName("rotates refresh tokens, repeats the answer within 30 minutes, then answers invalid_grant")
        void rotatesWithGrace() {
            HttpResponse<String> first = refresh(tokens.refreshToken(), xero.app().clientSecret());
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(json(first).path("expires_in").asInt()).isEqualTo(1800);
            String next = json(first).path("refresh_token").asText();
            assertThat(next).isNotEqualTo(tokens.refreshToken());
            CLOCK.advance(Duration.ofMinutes(29));
            HttpResponse<String> retried = refresh(tokens.refreshToken(), xero.app().clientSecret());
            assertThat(json(retried).path("refresh_token").asText()).isEqualTo(next);
            CLOCK.advance(Duration.ofMinutes(2));
            HttpResponse<String> late = refresh(tokens.refreshToken(), xero.app().clientSecret());
            assertThat(late.statusCode()).isEqualTo(400);
            assertThat(json(late).path("error").asText()).isEqualTo("invalid_grant");
            assertThat(refresh(next, xero.app().clientSecret()).statusCode()).isEqualTo(200);
        }

        @Test
        @DisplayName("answers invalid_client to a wrong secret and invalid_grant after 60 unused days")
        void refusesBadRefreshes() {
            assertThat(json(refresh(tokens.refreshToken(), "wrong")).path("error").asText())
                    .isEqualTo("invalid_client");
            CLOCK.advance(Duration.ofDays(60));
            assertThat(json(refresh(tokens.refreshToken(), xero.app().clientSecret())).path("error").asText())
                    .isEqualTo("invalid_grant");
        }
    }

    @Nested
    @DisplayName("webhooks")
    class Webhooks {

        @Test
        @DisplayName("runs the intent-to-receive check and fails a receiver that accepts every signature")
        void intentToReceive() {
            try (io.kommosync.sandbox.RecordingReceiver lenient = new io.kommosync.sandbox.RecordingReceiver();
                 SigningReceiver strict = new SigningReceiver("key-1")) {
                xero.subscribeWebhook(lenient.uri("/xero"), "key-1");
                IntentToReceiveResult failed = xero.intentToReceive();
                assertThat(failed.passed()).isFalse();
                assertThat(failed.deliveries()).extracting(XeroWebhookDelivery::correctlySigned)
                        .containsExactly(true, false, true, false);
                assertThat(lenient.received()).allSatisfy(r -> assertThat(r.body()).contains("\"events\":[]"));
                org.raiseInvoiceByHand(acme.contactId(), "GBP", CLOCK.instant().atZone(org.zone()).toLocalDate(),
                        List.of(XeroNewLine.of("Design", "1", "10", "200", "OUTPUT2")));
                assertThat(lenient.received()).as("no events before the check passed").hasSize(4);

                xero.subscribeWebhook(strict.uri(), "key-1");
                assertThat(xero.intentToReceive().passed()).isTrue();
                XeroInvoice invoice = org.raiseInvoiceByHand(acme.contactId(), "GBP", CLOCK.instant()
                        .atZone(org.zone()).toLocalDate(), List.of(XeroNewLine.of("Design", "1", "10", "200",
                        "OUTPUT2")));
                assertThat(strict.bodies).isNotEmpty();
                JsonNode delivered = Json.parse(strict.bodies.get(strict.bodies.size() - 1));
                JsonNode event = delivered.path("events").get(0);
                assertThat(event.path("resourceId").asText()).isEqualTo(invoice.invoiceId());
                assertThat(event.path("eventCategory").asText()).isEqualTo("INVOICE");
                assertThat(event.path("eventType").asText()).isEqualTo("CREATE");
                assertThat(event.path("tenantId").asText()).isEqualTo(org.tenantId());
                assertThat(delivered.path("firstEventSequence").asInt()).isEqualTo(1);
                assertThat(xero.webhookDeliveries()).last().satisfies(d -> assertThat(d.answeredCorrectly()).isTrue());
            }
        }
    }

    /** A webhook receiver that checks x-xero-signature as a correct one would. */
    static final class SigningReceiver implements AutoCloseable {
        final List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final com.sun.net.httpserver.HttpServer server;
        private final java.util.concurrent.ExecutorService executor =
                java.util.concurrent.Executors.newCachedThreadPool();

        SigningReceiver(String key) {
            try {
                server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(executor);
            server.createContext("/", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String signature = ex.getRequestHeaders().getFirst("x-xero-signature");
                boolean good = XeroSimulator.sign(body, key).equals(signature);
                if (good) {
                    bodies.add(body);
                }
                ex.sendResponseHeaders(good ? 200 : 401, -1);
                ex.close();
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/xero");
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
