package io.kommosync.sage.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kommosync.accounting.spi.AccountType;
import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.ConflictException;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.InvalidConfigurationException;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceChanges;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.client.http.JsonMapper;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.TokenStore;
import io.kommosync.client.ratelimit.RateLimiter;
import io.kommosync.client.retry.RetrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the Sage Cloud port sends and how it reads Sage's answers, on the WireMock stubs. */
class SageCloudPortTest {

    private final SageWireMockFixture fixture = new SageWireMockFixture();
    private final List<SageCloudAccountingPort> ports = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        ports.forEach(SageCloudAccountingPort::close);
        fixture.close();
    }

    private SageCloudAccountingPort port() {
        return port(fixture.validConfig());
    }

    private SageCloudAccountingPort port(AccountingConfig config) {
        SageCloudAccountingPort port = new SageCloudProvider().create(config);
        ports.add(port);
        return port;
    }

    private AccountingConfig.Builder config() {
        return fixture.validConfig().toBuilder();
    }

    private List<LoggedRequest> requests(String method, String pathPrefix) {
        return fixture.requests().stream().filter(r -> r.getMethod().getName().equals(method)
                && r.getUrl().startsWith(pathPrefix)).toList();
    }

    static <T extends Throwable> T thrown(Class<T> type, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("what the port threw").isInstanceOf(type);
        return type.cast(t);
    }

    private static JsonNode json(LoggedRequest request) {
        try {
            return JsonMapper.create().readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InvoiceDraft draft(String reference, InvoiceDraft.Approval approval) {
        LocalDate today = fixture.clock().today();
        return new InvoiceDraft(fixture.existingCustomer().id(), SageWireMockFixture.GBP, today, today.plusDays(30),
                reference, List.of(
                        new InvoiceLine("Consulting days", new BigDecimal("2.5"), new BigDecimal("99.99"),
                                Discount.percent(new BigDecimal("10")), "4000", "GB_STANDARD", Dimensions.none(),
                                Optional.empty()),
                        new InvoiceLine("Annual licence", new BigDecimal("3"), new BigDecimal("33.33"),
                                Discount.amount(new BigDecimal("5.00")), "4010", "GB_STANDARD", Dimensions.none(),
                                Optional.empty()),
                        InvoiceLine.of("Printed manual", BigDecimal.ONE, new BigDecimal("19.99"), "4000", "GB_ZERO")),
                Dimensions.none(), approval, Optional.of("Thank you for your business"));
    }

    @Nested
    @DisplayName("requests")
    class Requests {

        @Test
        void sendsTheBusinessTheBearerTokenAndJsonAcceptOnEveryAccountingCall() {
            SageCloudAccountingPort port = port();
            port.chartOfAccounts();
            port.findCustomerByEmail("Existing.Customer@Example.com");
            List<LoggedRequest> calls = requests("GET", "/v3.1/");
            assertThat(calls).hasSizeGreaterThanOrEqualTo(6).allSatisfy(r -> {
                assertThat(r.getHeader("X-Business")).isEqualTo(SageWireMockFixture.BUSINESS);
                assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + SageWireMockFixture.ACCESS_TOKEN);
                assertThat(r.getHeader("Accept")).isEqualTo("application/json");
            });
            assertThat(requests("GET", "/v3.1/businesses")).as("a configured business needs no listing").isEmpty();
        }

        @Test
        void readsTheChartFromAccountsVisibleOnSalesFollowingNextAcrossPages() {
            ChartOfAccounts chart = port().chartOfAccounts();
            List<LoggedRequest> pages = requests("GET", "/v3.1/ledger_accounts");
            assertThat(pages).hasSize(3);
            assertThat(pages.get(0).queryParameter("visible_in").firstValue()).isEqualTo("sales");
            assertThat(pages.get(0).queryParameter("items_per_page").firstValue()).isEqualTo("2");
            assertThat(pages.get(0).queryParameter("attributes").firstValue()).contains("nominal_code",
                    "ledger_account_type", "included_in_chart");
            assertThat(pages).extracting(r -> r.queryParameter("page").isPresent()
                    ? r.queryParameter("page").firstValue() : "first").containsExactly("first", "2", "3");
            assertThat(requests("GET", "/v3.1/tax_rates")).hasSize(2)
                    .allSatisfy(r -> assertThat(r.queryParameter("usage").firstValue()).isEqualTo("sales"));

            assertThat(chart.accounts()).extracting(a -> a.code()).containsExactly("4000", "4010", "4900", "4990", "5000");
            assertThat(chart.account("4000").orElseThrow().id()).isEqualTo("8f3e0a2b9c1d4e5f8a7b6c5d4e3f4000");
            assertThat(chart.account("4000").orElseThrow().type()).isEqualTo(AccountType.REVENUE);
            assertThat(chart.account("4900").orElseThrow().type()).isEqualTo(AccountType.OTHER_INCOME);
            assertThat(chart.account("5000").orElseThrow().type()).isEqualTo(AccountType.EXPENSE);
            assertThat(chart.account("4990").orElseThrow().active()).isFalse();
            assertThat(chart.taxRate("GB_STANDARD").orElseThrow().percent()).isEqualByComparingTo("20");
            assertThat(chart.taxRate("GB_LOWER").orElseThrow().id()).isEqualTo("GB_LOWER");
        }

        @Test
        void cachesTheChartUntilRefreshedOrUntilItsLifetimeEnds() {
            SageCloudAccountingPort port = port();
            port.chartOfAccounts();
            port.chartOfAccounts();
            assertThat(requests("GET", "/v3.1/ledger_accounts")).as("after two reads").hasSize(3);
            port.refreshChartOfAccounts();
            assertThat(requests("GET", "/v3.1/ledger_accounts")).as("after a refresh").hasSize(6);
            fixture.clock().advance(Duration.ofMinutes(61));
            port.chartOfAccounts();
            assertThat(requests("GET", "/v3.1/ledger_accounts")).as("after the hour").hasSize(9);
        }

        @Test
        void postsAnInvoiceWithExactNumbersPerLineTaxAndTheIdempotencyId() {
            IdempotencyKey key = IdempotencyKey.derive("connection-1", "deal-42", "won");
            port().createInvoice(draft("kommo-deal-42", InvoiceDraft.Approval.APPROVED), key);
            JsonNode invoice = json(requests("POST", "/v3.1/sales_invoices").get(0)).path("sales_invoice");
            assertThat(invoice.path("idempotency_id").asText()).isEqualTo(key.value());
            assertThat(invoice.path("contact_id").asText()).isEqualTo(fixture.existingCustomer().id());
            assertThat(invoice.path("reference").asText()).isEqualTo("kommo-deal-42");
            assertThat(invoice.path("currency_id").asText()).isEqualTo("GBP");
            assertThat(invoice.path("date").asText()).isEqualTo("2025-03-10");
            assertThat(invoice.path("due_date").asText()).isEqualTo("2025-04-09");
            assertThat(invoice.path("notes").asText()).isEqualTo("Thank you for your business");
            assertThat(invoice.has("status_id")).as("approved invoices take Sage's default status").isFalse();
            JsonNode first = invoice.path("invoice_lines").get(0);
            assertThat(first.path("ledger_account_id").asText()).isEqualTo("8f3e0a2b9c1d4e5f8a7b6c5d4e3f4000");
            assertThat(first.path("tax_rate_id").asText()).isEqualTo("GB_STANDARD");
            assertThat(first.path("quantity").isNumber()).isTrue();
            assertThat(first.path("unit_price").isNumber()).as("unit_price is a JSON number").isTrue();
            assertThat(first.path("quantity").decimalValue()).isEqualByComparingTo("2.5");
            assertThat(first.path("unit_price").decimalValue()).isEqualByComparingTo("99.99");
            assertThat(first.path("discount_amount").decimalValue()).as("249.98 gross less the 224.98 net")
                    .isEqualByComparingTo("25.00");
            assertThat(first.path("tax_amount").decimalValue()).isEqualByComparingTo("45.00");
            JsonNode second = invoice.path("invoice_lines").get(1);
            assertThat(second.path("discount_amount").decimalValue()).isEqualByComparingTo("5.00");
            assertThat(second.path("tax_amount").decimalValue()).isEqualByComparingTo("19.00");
            JsonNode third = invoice.path("invoice_lines").get(2);
            assertThat(third.has("discount_amount")).isFalse();
            assertThat(third.path("tax_rate_id").asText()).isEqualTo("GB_ZERO");
            assertThat(third.path("tax_amount").decimalValue()).isEqualByComparingTo("0.00");
            assertThat(requests("POST", "/v3.1/sales_invoices").get(0).getBodyAsString())
                    .as("amounts are written as numbers, never as strings").contains("\"unit_price\":99.99")
                    .doesNotContain("\"99.99\"");
        }

        @Test
        void asksForADraftWithStatusDraft() {
            Invoice invoice = port().createInvoice(draft("kommo-deal-43", InvoiceDraft.Approval.DRAFT),
                    IdempotencyKey.derive("draft"));
            assertThat(json(requests("POST", "/v3.1/sales_invoices").get(0)).path("sales_invoice").path("status_id")
                    .asText()).isEqualTo("DRAFT");
            assertThat(invoice.status()).isEqualTo(InvoiceStatus.DRAFT);
        }

        @Test
        void readsTheWebLinkFromSagesLinksAndNeverBuildsOne() {
            Invoice invoice = port().createInvoice(draft("kommo-deal-44", InvoiceDraft.Approval.APPROVED),
                    IdempotencyKey.derive("link"));
            assertThat(invoice.link()).contains(URI.create(StubSalesLedger.WEB + invoice.id()));
            assertThat(invoice.number()).startsWith("SI-");

            ObjectNode noLink = invoiceJson("UNPAID", "2025-04-09", "100.00");
            noLink.putArray("links").addObject().put("href", "/sales_invoices/x").put("rel", "self");
            stubInvoice(noLink);
            assertThat(port().invoice(STUBBED_ID).link()).as("no alternate text/html link").isEmpty();
        }
    }

    @Nested
    @DisplayName("customers")
    class Customers {

        @Test
        void looksTheEmailUpFirstThenPostsItInTheMainContactPersonAsACustomer() {
            IdempotencyKey key = IdempotencyKey.derive("customer", "jane");
            Customer created = port().createCustomer(new CustomerDraft("Jane Cooper", "Jane.Cooper@Example.org",
                    Optional.empty(), Optional.of("+44 20 7946 0000"), Optional.of("kommo-contact-7")), key);
            assertThat(requests("GET", "/v3.1/contacts")).hasSize(1);
            JsonNode contact = json(requests("POST", "/v3.1/contacts").get(0)).path("contact");
            assertThat(contact.path("name").asText()).isEqualTo("Jane Cooper");
            assertThat(contact.path("contact_type_ids")).hasSize(1);
            assertThat(contact.path("contact_type_ids").get(0).asText()).isEqualTo("CUSTOMER");
            assertThat(contact.path("main_contact_person").path("email").asText()).isEqualTo("Jane.Cooper@Example.org");
            assertThat(contact.path("main_contact_person").path("telephone").asText()).isEqualTo("+44 20 7946 0000");
            assertThat(contact.has("email")).as("Sage has no top-level email on create").isFalse();
            assertThat(contact.path("reference").asText()).isEqualTo("kommo-contact-7");
            assertThat(contact.path("idempotency_id").asText()).isEqualTo(key.value());
            assertThat(created.email()).contains("Jane.Cooper@Example.org");
        }

        @Test
        void createsNothingWhenACustomerAlreadyHasTheEmail() {
            Customer found = port().createCustomer(CustomerDraft.of("Someone Else", "EXISTING.customer@example.com"),
                    IdempotencyKey.derive("again"));
            assertThat(found.id()).isEqualTo(fixture.existingCustomer().id());
            assertThat(requests("POST", "/v3.1/contacts")).isEmpty();
        }

        @Test
        void percentEncodesTheEmailItLooksUp() {
            port().findCustomerByEmail(" jane+sales@example.com ");
            assertThat(requests("GET", "/v3.1/contacts").get(0).getUrl()).contains("email=jane%2Bsales%40example.com")
                    .contains("contact_type_id=CUSTOMER");
        }

        @Test
        void refusesSomethingThatIsNotAnEmailWithoutCallingSage() {
            ValidationException e = thrown(ValidationException.class, () -> port().findCustomerByEmail("  "));
            assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("email");
            assertThat(fixture.requests()).isEmpty();
        }
    }

    static final String STUBBED_ID = "0123456789abcdef0123456789abcdef";

    private ObjectNode invoiceJson(String status, String dueDate, String outstanding) {
        ObjectNode node = JsonMapper.create().createObjectNode();
        node.put("id", STUBBED_ID);
        node.put("displayed_as", "SI-77");
        node.put("invoice_number", "SI-77");
        node.putObject("contact").put("id", fixture.existingCustomer().id());
        node.put("reference", "kommo-deal-77");
        node.put("date", "2025-03-01");
        node.put("due_date", dueDate);
        node.putObject("currency").put("id", "GBP");
        node.put("net_amount", new BigDecimal("100.00"));
        node.put("tax_amount", new BigDecimal("20.00"));
        node.put("total_amount", new BigDecimal("120.00"));
        node.put("total_paid", new BigDecimal("120.00").subtract(new BigDecimal(outstanding)));
        node.put("outstanding_amount", new BigDecimal(outstanding));
        node.putObject("status").put("id", status);
        node.putArray("links").addObject().put("href", "https://accounting.sageone.co.uk/invoicing/sales_invoices/"
                + STUBBED_ID).put("rel", "alternate").put("type", "text/html");
        node.putArray("invoice_lines").addObject().put("description", "Hosting")
                .put("quantity", BigDecimal.ONE).put("unit_price", new BigDecimal("100.00"))
                .put("net_amount", new BigDecimal("100.00")).put("tax_amount", new BigDecimal("20.00"))
                .set("ledger_account", JsonMapper.create().createObjectNode().put("id", "8f3e0a2b9c1d4e5f8a7b6c5d4e3f4010"));
        ((ObjectNode) node.path("invoice_lines").get(0)).putObject("tax_rate").put("id", "GB_STANDARD");
        node.put("updated_at", "2025-03-01T10:00:00Z");
        node.put("created_at", "2025-03-01T10:00:00Z");
        return node;
    }

    private void stubInvoice(ObjectNode invoice) {
        fixture.wireMock().stubFor(get(urlPathEqualTo("/v3.1/sales_invoices/" + STUBBED_ID)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(invoice.toString())));
    }

    @Nested
    @DisplayName("status")
    class Status {

        @ParameterizedTest(name = "Sage {0}, due {1}, outstanding {2} reads as {3}")
        @CsvSource({
            "UNPAID,    2025-03-11, 120.00, AWAITING_PAYMENT",
            "UNPAID,    2025-03-10, 120.00, AWAITING_PAYMENT",
            "UNPAID,    2025-03-09, 120.00, OVERDUE",
            "PART_PAID, 2025-03-11, 20.00,  PARTIALLY_PAID",
            "PART_PAID, 2025-03-09, 20.00,  OVERDUE",
            "PAID,      2025-03-09, 0.00,   PAID",
            "VOID,      2025-03-09, 0.00,   VOID",
            "DRAFT,     2025-03-09, 120.00, DRAFT",
            "PRO_FORMA, 2025-03-09, 120.00, DRAFT",
            "DISPUTED,  2025-03-11, 120.00, AWAITING_PAYMENT"
        })
        void normalisesSagesStatusesAndDerivesOverdue(String sage, String due, String outstanding, String expected) {
            stubInvoice(invoiceJson(sage, due, outstanding));
            Invoice invoice = port().invoice(STUBBED_ID);
            assertThat(invoice.status()).isEqualTo(InvoiceStatus.valueOf(expected));
            assertThat(invoice.amountDue().amount()).isEqualByComparingTo(outstanding);
        }

        @Test
        void readsADeletedInvoiceAsVoid() {
            ObjectNode deleted = invoiceJson("UNPAID", "2025-04-01", "120.00");
            deleted.put("deleted_at", "2025-03-05T08:00:00Z");
            stubInvoice(deleted);
            assertThat(port().invoice(STUBBED_ID).status()).isEqualTo(InvoiceStatus.VOID);
        }

        @Test
        void readsLinesBackWithTheirCodes() {
            stubInvoice(invoiceJson("UNPAID", "2025-04-01", "120.00"));
            Invoice invoice = port().invoice(STUBBED_ID);
            assertThat(invoice.lines()).singleElement().satisfies(line -> {
                assertThat(line.ledgerAccountCode()).isEqualTo("4010");
                assertThat(line.taxCode()).isEqualTo("GB_STANDARD");
                assertThat(line.unitPrice()).isEqualByComparingTo("100.00");
            });
            assertThat(invoice.number()).isEqualTo("SI-77");
            assertThat(invoice.reference()).contains("kommo-deal-77");
            assertThat(invoice.updatedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        }
    }

    @Nested
    @DisplayName("errors")
    class Errors {

        private static final String ERROR_422 = "[{\"$severity\":\"error\",\"$dataCode\":\"RecordInvalid\","
                + "\"$message\":\"The date must be after the accounts start date\",\"$source\":\"date\"}]";

        @Test
        void turnsSagesErrorArrayIntoFieldErrorsWithTheRequestId() {
            fixture.wireMock().stubFor(post(urlEqualTo("/v3.1/sales_invoices")).atPriority(1)
                    .willReturn(aResponse().withStatus(422).withHeader("X-Request-Id", "req-422").withBody(ERROR_422)));
            ValidationException e = thrown(ValidationException.class, () -> port().createInvoice(
                    draft("kommo-deal-1", InvoiceDraft.Approval.APPROVED), IdempotencyKey.derive("e")));
            assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
                assertThat(f.field()).isEqualTo("date");
                assertThat(f.code()).isEqualTo("RecordInvalid");
                assertThat(f.message()).contains("accounts start date");
            });
            assertThat(e.vendorRequestId()).contains("req-422");
            assertThat(e.httpStatus()).hasValue(422);
            assertThat(e.operation()).isEqualTo("createInvoice");
        }

        @Test
        void retriesAServerErrorAndSucceeds() {
            fixture.wireMock().stubFor(post(urlEqualTo("/v3.1/sales_invoices")).atPriority(1)
                    .inScenario("503 once").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
                    .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));
            Invoice invoice = port(config().attach(RetrySettings.class, RetrySettings.noBackoff(3)).build())
                    .createInvoice(draft("kommo-deal-2", InvoiceDraft.Approval.APPROVED), IdempotencyKey.derive("r"));
            assertThat(invoice.reference()).contains("kommo-deal-2");
            List<LoggedRequest> posts = requests("POST", "/v3.1/sales_invoices");
            assertThat(posts).hasSize(2);
            assertThat(json(posts.get(1)).path("sales_invoice").path("idempotency_id").asText())
                    .as("the retry carries the same idempotency id")
                    .isEqualTo(json(posts.get(0)).path("sales_invoice").path("idempotency_id").asText());
        }

        @Test
        void neverRetriesAValidationError() {
            fixture.wireMock().stubFor(post(urlEqualTo("/v3.1/sales_invoices")).atPriority(1)
                    .willReturn(aResponse().withStatus(422).withBody(ERROR_422)));
            SageCloudAccountingPort port = port(config().attach(RetrySettings.class, RetrySettings.noBackoff(3)).build());
            thrown(ValidationException.class, () -> port.createInvoice(draft("kommo-deal-3", InvoiceDraft.Approval.APPROVED),
                    IdempotencyKey.derive("v")));
            assertThat(requests("POST", "/v3.1/sales_invoices")).hasSize(1);
        }

        @Test
        void givesUpAtOnceWhenSageAsksToWaitLongerThanTheInCallLimit() {
            fixture.wireMock().stubFor(get(urlPathEqualTo("/v3.1/contacts")).atPriority(1)
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600").withBody("[]")));
            SageCloudAccountingPort port = port(config().attach(RetrySettings.class, RetrySettings.noBackoff(3)).build());
            RateLimitedException e = thrown(RateLimitedException.class, () -> port.findCustomerByEmail("a@example.com"));
            assertThat(e.retryAfter()).contains(Duration.ofMinutes(10));
            assertThat(requests("GET", "/v3.1/contacts")).as("no retry inside the call").hasSize(1);
        }

        @Test
        void refreshesTheTokenOnceAfterA401AndRetriesWithTheNewOne() {
            fixture.wireMock().stubFor(get(urlPathEqualTo("/v3.1/contacts")).atPriority(1)
                    .withHeader("Authorization", equalTo("Bearer " + SageWireMockFixture.ACCESS_TOKEN))
                    .willReturn(aResponse().withStatus(401).withBody("[{\"$severity\":\"error\",\"$dataCode\":"
                            + "\"AuthorizationFailure\",\"$message\":\"expired\",\"$source\":\"\"}]")));
            TokenStore store = fixture.validConfig().attachment(TokenStore.class).orElseThrow();
            SageCloudAccountingPort port = port(config().put(SageCloudConfig.REFRESH_TOKEN_ON_UNAUTHORIZED, "true")
                    .build());
            assertThat(port.findCustomerByEmail("Existing.Customer@Example.com")).isPresent();
            List<LoggedRequest> lookups = requests("GET", "/v3.1/contacts");
            assertThat(lookups).extracting(r -> r.getHeader("Authorization")).containsExactly(
                    "Bearer " + SageWireMockFixture.ACCESS_TOKEN, "Bearer stub-access-token-rotated");
            List<LoggedRequest> refreshes = requests("POST", "/token");
            assertThat(refreshes).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                    .contains("grant_type=refresh_token", "refresh_token=" + SageWireMockFixture.REFRESH_TOKEN));
            OAuthTokens saved = store.load(SageWireMockFixture.CONNECTION).orElseThrow();
            assertThat(saved.refreshToken()).map(t -> t.reveal()).as("the rotated refresh token is kept")
                    .contains("stub-refresh-token-rotated");
            assertThat(saved.accessTokenExpiresAt()).as("lifetime read from expires_in")
                    .isEqualTo(fixture.clock().instant().plusSeconds(300));
        }

        @Test
        void reportsAuthenticationWhenTheRefreshedTokenIsRejectedToo() {
            fixture.wireMock().stubFor(get(urlPathEqualTo("/v3.1/contacts")).atPriority(1)
                    .willReturn(aResponse().withStatus(401).withBody("[]")));
            SageCloudAccountingPort port = port(config().put(SageCloudConfig.REFRESH_TOKEN_ON_UNAUTHORIZED, "true")
                    .build());
            AuthenticationException e = thrown(AuthenticationException.class, () -> port.findCustomerByEmail("a@example.com"));
            assertThat(e.httpStatus()).hasValue(401);
            assertThat(requests("GET", "/v3.1/contacts")).hasSize(2);
            assertThat(requests("POST", "/token")).hasSize(1);
        }

        @Test
        void reportsAuthenticationWhenSageRefusesTheGrant() {
            fixture.wireMock().stubFor(post(urlEqualTo("/token")).atPriority(1)
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"invalid_grant\"}")));
            fixture.wireMock().stubFor(get(urlPathEqualTo("/v3.1/contacts")).atPriority(1)
                    .willReturn(aResponse().withStatus(401).withBody("[]")));
            SageCloudAccountingPort port = port(config().put(SageCloudConfig.REFRESH_TOKEN_ON_UNAUTHORIZED, "true")
                    .build());
            AuthenticationException e = thrown(AuthenticationException.class, () -> port.findCustomerByEmail("a@example.com"));
            assertThat(e).hasMessageContaining("authorised again");
            assertThat(e.getMessage()).doesNotContain(SageWireMockFixture.REFRESH_TOKEN, SageWireMockFixture.CLIENT_SECRET);
        }

        @Test
        void readsAMaintenancePageInsteadOfJsonAsTransient() {
            fixture.wireMock().stubFor(get(urlPathEqualTo("/v3.1/contacts")).atPriority(1)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                            .withBody("<!DOCTYPE html><html><body>We will be back soon</body></html>")));
            TransientAccountingException e = thrown(TransientAccountingException.class, () -> port().findCustomerByEmail("a@example.com"));
            assertThat(e.retryable()).isTrue();
        }

        @Test
        void refusesToFollowANextLinkToAnotherHost() {
            fixture.wireMock().stubFor(get(urlPathEqualTo("/v3.1/contacts")).atPriority(1)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"$total\":3,\"$page\":1,\"$next\":\"https://elsewhere.example/v3.1/contacts?page=2\","
                                    + "\"$items\":[{\"id\":\"c1\",\"name\":\"A\",\"email\":\"a@example.com\"}]}")));
            TransientAccountingException e = thrown(TransientAccountingException.class, () -> port().findCustomerByEmail("a@example.com"));
            assertThat(e).hasMessageContaining("another host");
            assertThat(requests("GET", "/v3.1/contacts")).hasSize(1);
        }
    }

    @Nested
    @DisplayName("the business")
    class Business {

        @Test
        void usesTheUsersOnlyBusinessWhenNoneIsConfigured() {
            SageCloudAccountingPort port = port(config().put(SageCloudConfig.BUSINESS_ID, " ").build());
            port.chartOfAccounts();
            port.findCustomerByEmail("a@example.com");
            assertThat(requests("GET", "/v3.1/businesses")).singleElement()
                    .satisfies(r -> assertThat(r.containsHeader("X-Business")).isFalse());
            assertThat(port.businessId()).isEqualTo(SageWireMockFixture.BUSINESS);
        }

        @Test
        void refusesToGuessBetweenSeveralBusinesses() {
            fixture.wireMock().stubFor(get(urlPathEqualTo("/v3.1/businesses")).atPriority(1)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"$total\":2,\"$page\":1,\"$next\":null,\"$items\":["
                                    + "{\"id\":\"aaaa\",\"displayed_as\":\"Acme Ltd\"},"
                                    + "{\"id\":\"bbbb\",\"displayed_as\":\"Acme Holdings\"}]}")));
            SageCloudAccountingPort port = port(config().put(SageCloudConfig.BUSINESS_ID, "").build());
            assertThat(port.businesses()).extracting(SageCloudBusiness::name)
                    .containsExactly("Acme Ltd", "Acme Holdings");
            InvalidConfigurationException e = thrown(InvalidConfigurationException.class, port::chartOfAccounts);
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("businessId");
                assertThat(p.problem()).contains("Acme Ltd (aaaa)", "Acme Holdings (bbbb)");
                assertThat(p.fix()).contains("lead business");
            });
            assertThat(requests("GET", "/v3.1/ledger_accounts")).isEmpty();
        }
    }

    @Nested
    @DisplayName("voiding")
    class Voiding {

        @Test
        void sendsTheReasonAsVoidReason() {
            SageCloudAccountingPort port = port();
            Invoice invoice = port.createInvoice(draft("kommo-deal-5", InvoiceDraft.Approval.APPROVED),
                    IdempotencyKey.derive("void"));
            Invoice voided = port.voidInvoice(invoice.id(), "raised by mistake");
            assertThat(voided.status()).isEqualTo(InvoiceStatus.VOID);
            assertThat(requests("DELETE", "/v3.1/sales_invoices/" + invoice.id())).singleElement()
                    .satisfies(r -> assertThat(r.getUrl()).endsWith("?void_reason=raised%20by%20mistake"));
        }

        @Test
        void refusesABlankReasonWithoutCallingSage() {
            ValidationException e = thrown(ValidationException.class, () -> port().voidInvoice(STUBBED_ID, " "));
            assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("reason");
            assertThat(fixture.requests()).isEmpty();
        }

        @Test
        void answersAnAlreadyVoidInvoiceWithoutDeletingIt() {
            stubInvoice(invoiceJson("VOID", "2025-04-01", "0.00"));
            assertThat(port().voidInvoice(STUBBED_ID, "again").status()).isEqualTo(InvoiceStatus.VOID);
            assertThat(requests("DELETE", "/v3.1/")).isEmpty();
        }

        @Test
        void refusesToVoidAPartPaidInvoiceWithoutAskingSage() {
            stubInvoice(invoiceJson("PART_PAID", "2025-04-01", "20.00"));
            ConflictException e = thrown(ConflictException.class, () -> port().voidInvoice(STUBBED_ID, "mistake"));
            assertThat(e).hasMessageContaining("SI-77");
            assertThat(requests("DELETE", "/v3.1/")).isEmpty();
        }
    }

    @Nested
    @DisplayName("changes")
    class Changes {

        @Test
        void asksForChangesSinceTheCursorInclusiveOldestFirstWithAnOffset() {
            port().invoiceChangesSince(ChangeCursor.since(Instant.parse("2025-03-10T09:30:00.750Z")));
            LoggedRequest request = requests("GET", "/v3.1/sales_invoices").get(0);
            assertThat(request.queryParameter("updated_or_created_since").firstValue())
                    .as("seconds, rounded down so the bound stays inclusive").isEqualTo("2025-03-10T09:30:00+00:00");
            assertThat(request.queryParameter("sort").firstValue()).isEqualTo("updated_at");
            assertThat(request.queryParameter("items_per_page").firstValue()).isEqualTo("2");
        }

        @Test
        void movesTheCursorToTheNewestChangeSeenAndBackByTheOverlapAtTheEnd() {
            SageCloudAccountingPort port = port();
            Instant start = fixture.clock().instant();
            for (int i = 1; i <= 3; i++) {
                port.createInvoice(draft("kommo-deal-c" + i, InvoiceDraft.Approval.APPROVED),
                        IdempotencyKey.derive("c", Integer.toString(i)));
                fixture.clock().advance(Duration.ofMinutes(1));
            }
            InvoiceChanges first = port.invoiceChangesSince(ChangeCursor.since(start));
            assertThat(first.invoices()).hasSize(2);
            assertThat(first.hasMore()).isTrue();
            assertThat(first.next().value()).isEqualTo("sage-cloud;since=2025-03-10T09:31:00Z;page=1");
            InvoiceChanges second = port.invoiceChangesSince(first.next());
            assertThat(second.invoices()).extracting(i -> i.reference().orElseThrow())
                    .containsExactly("kommo-deal-c2", "kommo-deal-c3");
            assertThat(second.hasMore()).isFalse();
            assertThat(second.next().value()).as("newest change 09:32, less 60 s of overlap")
                    .isEqualTo("sage-cloud;since=2025-03-10T09:31:00Z;page=1");
        }

        @Test
        void refusesACursorItDidNotMake() {
            ValidationException e = thrown(ValidationException.class, () -> port().invoiceChangesSince(
                    new ChangeCursor("xero:2025")));
            assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("cursor");
        }
    }

    @Nested
    @DisplayName("rate limiting")
    class RateLimiting {

        @Test
        void takesAPermitFromTheBusinesssBudgetForEveryCall() {
            List<String> keys = Collections.synchronizedList(new ArrayList<>());
            RateLimiter counting = new RateLimiter() {
                @Override
                public void acquire(String key) {
                    keys.add(key);
                }

                @Override
                public boolean tryAcquire(String key) {
                    keys.add(key);
                    return true;
                }

                @Override
                public Duration timeUntilNextPermit(String key) {
                    return Duration.ZERO;
                }
            };
            SageCloudAccountingPort port = port(config().attach(RateLimiter.class, counting).build());
            port.chartOfAccounts();
            port.findCustomerByEmail("a@example.com");
            assertThat(keys).hasSize(requests("GET", "/v3.1/").size()).containsOnly(SageWireMockFixture.BUSINESS);
        }

        @Test
        void waitsForTheWindowWhenTheBudgetIsSpent() {
            AtomicLong nanos = new AtomicLong();
            List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
            RateLimiter twoPerMinute = RateLimiter.slidingWindow(2, Duration.ofMinutes(1), nanos::get, d -> {
                waits.add(d);
                nanos.addAndGet(d.toNanos());
            });
            port(config().attach(RateLimiter.class, twoPerMinute).build()).chartOfAccounts();
            assertThat(requests("GET", "/v3.1/")).hasSize(5);
            assertThat(waits).as("5 calls at 2 per minute wait twice").isNotEmpty();
            assertThat(Duration.ofNanos(nanos.get())).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
        }
    }
}
