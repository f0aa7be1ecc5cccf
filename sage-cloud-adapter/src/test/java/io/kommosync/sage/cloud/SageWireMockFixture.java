package io.kommosync.sage.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.tck.CanonicalLedger;
import io.kommosync.accounting.tck.LedgerFixture;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.InMemoryTokenStore;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.TokenStore;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sandbox.sage.SageAccountingSpec;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The kit's fixture on WireMock: the stub mappings and files under {@code wiremock/sage-cloud} (chart of accounts,
 * tax rates, businesses, token endpoint, and the request shapes each endpoint accepts), with
 * {@link StubSalesLedger} answering the stateful endpoints. Closing the fixture fails the test when any request
 * reached no stub, or breaks Sage's published specification.
 */
final class SageWireMockFixture implements LedgerFixture {

    static final String BUSINESS = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    static final String ACCESS_TOKEN = "stub-access-token-7d1e";
    static final String REFRESH_TOKEN = "stub-refresh-token-2c9a";
    static final String CLIENT_SECRET = "stub-client-secret-51ab";
    static final String CONNECTION = "tck-wiremock";
    static final int PAGE_SIZE = 2;
    static final Currency GBP = Currency.getInstance("GBP");

    static {
        SageAccountingSpec.shared();
    }

    private final MutableClock clock = MutableClock.at(Instant.parse("2025-03-10T09:30:00Z"), ZoneOffset.UTC);
    private final StubSalesLedger ledger = new StubSalesLedger(clock);
    private final WireMockServer wireMock = new WireMockServer(options().dynamicPort()
            .usingFilesUnderClasspath("wiremock/sage-cloud").extensions(ledger));
    private final String existingId;
    private final TokenStore store = new InMemoryTokenStore();
    private final AtomicInteger scripted = new AtomicInteger();

    SageWireMockFixture() {
        wireMock.start();
        existingId = ledger.seedCustomer("Existing Customer Ltd", "Existing.Customer@Example.com");
        store.save(CONNECTION, new OAuthTokens(Secret.of(ACCESS_TOKEN), Optional.of(Secret.of(REFRESH_TOKEN)),
                clock.instant().plus(Duration.ofDays(400)), Optional.empty()));
    }

    WireMockServer wireMock() {
        return wireMock;
    }

    StubSalesLedger stubLedger() {
        return ledger;
    }

    @Override
    public AccountingConfig validConfig() {
        return AccountingConfig.builder()
                .put(SageCloudConfig.BASE_URL, wireMock.baseUrl() + "/v3.1")
                .put(SageCloudConfig.TOKEN_URL, wireMock.baseUrl() + "/token")
                .put(SageCloudConfig.CONNECTION_ID, CONNECTION)
                .put(SageCloudConfig.BUSINESS_ID, BUSINESS)
                .put(SageCloudConfig.CLIENT_ID, "stub-client")
                .putSecret(SageCloudConfig.CLIENT_SECRET, CLIENT_SECRET)
                .put(SageCloudConfig.PAGE_SIZE, Integer.toString(PAGE_SIZE))
                .put(SageCloudConfig.REQUESTS_PER_MINUTE, "200")
                .put(SageCloudConfig.REFRESH_TOKEN_ON_UNAUTHORIZED, "false")
                .put(SageCloudConfig.READ_TIMEOUT, "PT2S")
                .attach(TokenStore.class, store)
                .attach(Clock.class, clock)
                .attach(RetrySettings.class, RetrySettings.noBackoff(1))
                .build();
    }

    @Override
    public AccountingConfig invalidConfig() {
        return AccountingConfig.builder()
                .put(SageCloudConfig.BASE_URL, "ftp://" + wireMock.baseUrl())
                .put(SageCloudConfig.BUSINESS_ID, "not a business id!")
                .putSecret(SageCloudConfig.CLIENT_SECRET, CLIENT_SECRET)
                .attach(TokenStore.class, store)
                .build();
    }

    @Override
    public Set<String> expectedInvalidKeys() {
        return Set.of(SageCloudConfig.BASE_URL, SageCloudConfig.BUSINESS_ID, SageCloudConfig.CONNECTION_ID,
                SageCloudConfig.CLIENT_ID);
    }

    @Override
    public CanonicalLedger ledger() {
        return CanonicalLedger.builder().revenueAccounts("4000", "4010").expenseAccount("5000")
                .inactiveRevenueAccount("4990").taxCodes("GB_STANDARD", "GB_ZERO").currency(GBP)
                .unknownInvoiceId("00000000000000000000000000000000").build();
    }

    @Override
    public Customer existingCustomer() {
        return new Customer(existingId, "Existing Customer Ltd", Optional.of("Existing.Customer@Example.com"),
                Optional.empty());
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public void markPaid(String invoiceId) {
        ledger.markPaid(invoiceId);
    }

    @Override
    public void markPartlyPaid(String invoiceId, BigDecimal amount) {
        ledger.recordPayment(invoiceId, amount);
    }

    @Override
    public void voidInLedger(String invoiceId) {
        ledger.voidByHand(invoiceId);
    }

    @Override
    public int countInvoicesWithReference(String reference) {
        return ledger.countInvoicesWithReference(reference);
    }

    @Override
    public int countCustomersWithEmail(String email) {
        return ledger.countContactsWithEmail(email);
    }

    @Override
    public void failNextCall(PortOperation operation, SimulatedFailure failure) {
        String method = switch (operation) {
            case CREATE_CUSTOMER, CREATE_INVOICE, CREATE_INVOICES -> "POST";
            case VOID_INVOICE -> "DELETE";
            default -> "GET";
        };
        String path = switch (operation) {
            case CHART_OF_ACCOUNTS -> "/v3.1/ledger_accounts";
            case FIND_CUSTOMER_BY_EMAIL, CREATE_CUSTOMER -> "/v3.1/contacts";
            case VERIFY_WEBHOOK -> throw Assumptions.<RuntimeException>abort("Sage Cloud has no webhooks");
            default -> "/v3.1/sales_invoices";
        };
        ResponseDefinitionBuilder answer;
        if (failure instanceof SimulatedFailure.LostResponse) {
            answer = aResponse().withTransformers(StubSalesLedger.NAME).withFixedDelay(6_000);
        } else {
            var canned = SageSimulatorFixture.response(failure);
            answer = aResponse().withStatus(canned.status()).withBody(canned.body());
            canned.headers().forEach(answer::withHeader);
        }
        String scenario = "fail-next-" + scripted.incrementAndGet();
        wireMock.stubFor(request(method, urlPathMatching(path + "(/.*)?")).atPriority(1)
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("used")
                .willReturn(answer));
    }

    @Override
    public OptionalInt changesPageSize() {
        return OptionalInt.of(PAGE_SIZE);
    }

    @Override
    public Set<String> secretValues() {
        return Set.of(ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET);
    }

    /** Every request WireMock received, oldest first. */
    List<LoggedRequest> requests() {
        List<LoggedRequest> requests = new ArrayList<>(wireMock.getAllServeEvents().stream()
                .map(ServeEvent::getRequest).toList());
        java.util.Collections.reverse(requests);
        return requests;
    }

    /** Stops WireMock; fails when a request matched no stub or breaks Sage's specification. */
    @Override
    public void close() {
        try {
            List<String> problems = new ArrayList<>();
            wireMock.findAllUnmatchedRequests().forEach(r -> problems.add("no stub matched " + r.getMethod() + " "
                    + r.getUrl() + " headers " + SpecConformance.headers(r).keySet()));
            problems.addAll(SpecConformance.violations(requests()));
            if (!problems.isEmpty()) {
                throw new AssertionError("the port sent requests Sage's stubs or specification reject:\n  "
                        + String.join("\n  ", problems));
            }
        } finally {
            wireMock.stop();
        }
    }
}
