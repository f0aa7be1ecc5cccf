package io.kommosync.xero;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.tck.CanonicalLedger;
import io.kommosync.accounting.tck.LedgerFixture;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sandbox.xero.XeroApiSpec;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kit's fixture on WireMock: stub files for the connections, chart, tax rates and tracking categories
 * ({@code src/test/resources/wiremock/xero}), the stateful {@link XeroStubLedger} for contacts and invoices, and
 * one-shot scenario stubs for scripted failures. Closing it fails the test if any request in WireMock's serve log
 * breaks Xero's OpenAPI document, or matched no stub.
 */
final class XeroWireMockFixture implements LedgerFixture {

    static final String WEBHOOK_KEY = "wm-webhook-key-3a8d5c1f";
    static final int PAGE_SIZE = 2;

    /** One WireMock server for every fixture of the JVM (starting Jetty per test is slow); reset per fixture. */
    private static final LedgerSwitch LEDGER = new LedgerSwitch();
    private static WireMockServer shared;

    final MutableClock clock = MutableClock.at(XeroSimulatorFixture.START, ZoneOffset.UTC);
    final XeroStubLedger ledger = new XeroStubLedger(clock, URI.create("https://in.xero.com/"));
    final WireMockServer wireMock;
    private final AtomicInteger scenarios = new AtomicInteger();
    private final List<StubMapping> failureStubs = new ArrayList<>();

    XeroWireMockFixture() {
        wireMock = server();
        wireMock.resetRequests();
        wireMock.resetScenarios();
        LEDGER.current = ledger;
    }

    private static synchronized WireMockServer server() {
        if (shared == null) {
            shared = new WireMockServer(options().dynamicPort().usingFilesUnderClasspath("wiremock/xero")
                    .extensions(LEDGER));
            shared.start();
            shared.stubFor(any(urlPathMatching("/api\\.xro/2\\.0/(Contacts|Invoices)(/.*)?")).atPriority(5)
                    .willReturn(aResponse().withTransformers(XeroStubLedger.NAME)));
        }
        return shared;
    }

    /** The WireMock extension of the shared server: hands each request to the current fixture's ledger. */
    private static final class LedgerSwitch implements ResponseDefinitionTransformerV2 {
        volatile XeroStubLedger current;

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            return current.transform(event);
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return XeroStubLedger.NAME;
        }
    }

    @Override
    public AccountingConfig validConfig() {
        return AccountingConfig.builder()
                .put(XeroConfigKeys.BASE_URL, wireMock.baseUrl() + "/api.xro/2.0/")
                .put(XeroConfigKeys.CONNECTIONS_URL, wireMock.baseUrl() + "/connections")
                .putSecret(XeroConfigKeys.ACCESS_TOKEN, XeroStubLedger.ACCESS_TOKEN)
                .putSecret(XeroConfigKeys.WEBHOOK_KEY, WEBHOOK_KEY)
                .put(XeroConfigKeys.PAGE_SIZE, Integer.toString(PAGE_SIZE))
                .attach(Clock.class, clock)
                .attach(RetrySettings.class, RetrySettings.noBackoff(1))
                .build();
    }

    @Override
    public AccountingConfig invalidConfig() {
        return AccountingConfig.builder()
                .put(XeroConfigKeys.BASE_URL, "ftp://xero.example/")
                .put(XeroConfigKeys.PAGE_SIZE, "lots")
                .putSecret(XeroConfigKeys.CLIENT_SECRET, "wm-client-secret-value-91")
                .build();
    }

    @Override
    public Set<String> expectedInvalidKeys() {
        return Set.of(XeroConfigKeys.BASE_URL, XeroConfigKeys.PAGE_SIZE, XeroConfigKeys.ACCESS_TOKEN);
    }

    @Override
    public CanonicalLedger ledger() {
        return CanonicalLedger.builder()
                .revenueAccounts("200", "260")
                .expenseAccount("400")
                .inactiveRevenueAccount("299")
                .taxCodes("OUTPUT2", "ZERORATEDOUTPUT")
                .unknownInvoiceId("00000000-0000-0000-0000-000000000000")
                .dimension(DimensionType.TRACKING_1, XeroStubLedger.NORTH, XeroStubLedger.SOUTH)
                .build();
    }

    @Override
    public Customer existingCustomer() {
        return new Customer(XeroStubLedger.EXISTING_CONTACT, "Existing Customer Ltd",
                Optional.of("Existing.Customer@Example.com"), Optional.empty());
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public void markPaid(String invoiceId) {
        ledger.pay(invoiceId, ledger.amountDue(invoiceId));
    }

    @Override
    public void markPartlyPaid(String invoiceId, BigDecimal amount) {
        ledger.pay(invoiceId, amount);
    }

    @Override
    public void voidInLedger(String invoiceId) {
        ledger.voidInvoice(invoiceId);
    }

    @Override
    public int countInvoicesWithReference(String reference) {
        return ledger.countWithReference(reference);
    }

    @Override
    public int countCustomersWithEmail(String email) {
        return ledger.countWithEmail(email);
    }

    @Override
    public void failNextCall(PortOperation operation, SimulatedFailure failure) {
        String[] target = switch (operation) {
            case CHART_OF_ACCOUNTS -> new String[] {"GET", "/api\\.xro/2\\.0/Accounts"};
            case FIND_CUSTOMER_BY_EMAIL, FIND_CUSTOMER_BY_ID -> new String[] {"GET", "/api\\.xro/2\\.0/Contacts"};
            case CREATE_CUSTOMER -> new String[] {"PUT", "/api\\.xro/2\\.0/Contacts"};
            case CREATE_INVOICE, CREATE_INVOICES -> new String[] {"PUT", "/api\\.xro/2\\.0/Invoices"};
            case FIND_INVOICE_BY_REFERENCE, INVOICE_CHANGES_SINCE -> new String[] {"GET", "/api\\.xro/2\\.0/Invoices"};
            case INVOICE -> new String[] {"GET", "/api\\.xro/2\\.0/Invoices/[^/]+"};
            case VOID_INVOICE -> new String[] {"POST", "/api\\.xro/2\\.0/Invoices/[^/]+"};
            case VERIFY_WEBHOOK -> throw new IllegalArgumentException("webhooks make no call to fail");
        };
        String scenario = "failure-" + scenarios.incrementAndGet();
        failureStubs.add(wireMock.stubFor(request(target[0], urlPathMatching(target[1])).atPriority(1)
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("spent")
                .willReturn(response(failure))));
    }

    private static ResponseDefinitionBuilder response(SimulatedFailure failure) {
        if (failure instanceof SimulatedFailure.RateLimited r) {
            return aResponse().withStatus(429).withHeader("Retry-After", Long.toString(r.retryAfter().toSeconds()))
                    .withHeader("X-Rate-Limit-Problem", "minute").withHeader("X-MinLimit-Remaining", "0");
        }
        if (failure instanceof SimulatedFailure.ServerError s) {
            return xero(s.status(), "{\"ErrorNumber\":500,\"Type\":\"UnknownErrorException\",\"Message\":\"An error "
                    + "occurred in Xero. Check the API Status page http://status.developer.xero.com for current "
                    + "service status.\"}");
        }
        if (failure instanceof SimulatedFailure.Validation v) {
            return xero(v.status(), "{\"ErrorNumber\":10,\"Type\":\"ValidationException\",\"Message\":\"A validation "
                    + "exception occurred\",\"Elements\":[{\"ValidationErrors\":[{\"Message\":\"" + v.message()
                    + "\"}]}]}");
        }
        if (failure instanceof SimulatedFailure.Unauthorized) {
            return xero(401, "{\"Type\":null,\"Title\":\"Unauthorized\",\"Status\":401,\"Detail\":\"TokenExpired: "
                    + "token expired at 03/10/2025 09:00:00\",\"Instance\":\"f5a6b7c8\",\"Extensions\":{}}");
        }
        return aResponse().withTransformers(XeroStubLedger.NAME).withTransformerParameter("loseAnswer", true);
    }

    private static ResponseDefinitionBuilder xero(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Xero-Correlation-Id", "wm-failure-" + status).withBody(body);
    }

    @Override
    public OptionalInt changesPageSize() {
        return OptionalInt.of(PAGE_SIZE);
    }

    @Override
    public Set<String> secretValues() {
        return Set.of(XeroStubLedger.ACCESS_TOKEN, WEBHOOK_KEY, "wm-client-secret-value-91");
    }

    /**
     * Every request WireMock received, checked against Xero's OpenAPI document.
     *
     * @return one line per problem, empty when every request is valid
     */
    List<String> specProblems() {
        List<String> problems = new ArrayList<>();
        XeroApiSpec spec = XeroApiSpec.load();
        for (ServeEvent event : wireMock.getAllServeEvents()) {
            LoggedRequest r = event.getRequest();
            String url = r.getUrl();
            int q = url.indexOf('?');
            String path = q < 0 ? url : url.substring(0, q);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpHeader h : r.getHeaders().all()) {
                headers.put(h.key(), h.values());
            }
            spec.problems(r.getMethod().getName(), path, q < 0 ? null : url.substring(q + 1), headers, r.getBody())
                    .forEach(p -> problems.add(r.getMethod().getName() + " " + url + ": " + p));
        }
        return problems;
    }

    @Override
    public void close() {
        try {
            List<String> problems = specProblems();
            if (!problems.isEmpty()) {
                throw new AssertionError("requests broke Xero's OpenAPI document: " + problems);
            }
            List<LoggedRequest> unmatched = wireMock.findAllUnmatchedRequests();
            if (!unmatched.isEmpty()) {
                throw new AssertionError("requests matched no stub: " + unmatched.stream()
                        .map(u -> u.getMethod() + " " + u.getUrl()).toList());
            }
        } finally {
            failureStubs.forEach(wireMock::removeStubMapping);
            LEDGER.current = null;
        }
    }
}
