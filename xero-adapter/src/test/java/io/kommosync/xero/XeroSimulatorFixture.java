package io.kommosync.xero;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.tck.CanonicalLedger;
import io.kommosync.accounting.tck.LedgerFixture;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sandbox.http.Fault;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.SimulatedResponse;
import io.kommosync.sandbox.xero.XeroApiSpec;
import io.kommosync.sandbox.xero.XeroContact;
import io.kommosync.sandbox.xero.XeroOrganisation;
import io.kommosync.sandbox.xero.XeroSimulator;
import io.kommosync.sandbox.xero.XeroTokenSet;
import io.kommosync.sandbox.xero.XeroTrackingCategory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The kit's fixture on the Xero simulator: a fresh simulator and organisation per test (the parsed OpenAPI document
 * is shared), the demo chart, one existing contact, a long-lived token, and faults scripted on the simulator's
 * fault plan. Closing it fails the test if any request broke Xero's OpenAPI document.
 */
final class XeroSimulatorFixture implements LedgerFixture {

    static final Instant START = Instant.parse("2025-03-10T09:30:00Z");
    static final String WEBHOOK_KEY = "kit-webhook-key-0f6c1d2e";
    static final int PAGE_SIZE = 2;

    final MutableClock clock = MutableClock.at(START, ZoneOffset.UTC);
    final XeroSimulator xero = XeroSimulator.builder().clock(clock).start();
    final XeroOrganisation org = xero.createOrganisation("Compatibility Kit Ltd").withDemoChart();
    final XeroContact existing = org.addContact("Existing Customer Ltd", "Existing.Customer@Example.com");
    final XeroTokenSet tokens = xero.authorizeLongLived(org);

    @Override
    public AccountingConfig validConfig() {
        return config().build();
    }

    /** The valid configuration as a builder, for tests that change a key or two. */
    AccountingConfig.Builder config() {
        return AccountingConfig.builder()
                .put(XeroConfigKeys.BASE_URL, xero.accountingUri().toString())
                .put(XeroConfigKeys.CONNECTIONS_URL, xero.connectionsUri().toString())
                .putSecret(XeroConfigKeys.ACCESS_TOKEN, tokens.accessToken())
                .putSecret(XeroConfigKeys.WEBHOOK_KEY, WEBHOOK_KEY)
                .put(XeroConfigKeys.PAGE_SIZE, Integer.toString(PAGE_SIZE))
                .put(XeroConfigKeys.READ_TIMEOUT, "PT5S")
                .attach(Clock.class, clock)
                .attach(RetrySettings.class, RetrySettings.noBackoff(1));
    }

    @Override
    public AccountingConfig invalidConfig() {
        return AccountingConfig.builder()
                .put(XeroConfigKeys.BASE_URL, "not a url")
                .put(XeroConfigKeys.PAGE_SIZE, "0")
                .putSecret(XeroConfigKeys.WEBHOOK_KEY, WEBHOOK_KEY)
                .build();
    }

    @Override
    public Set<String> expectedInvalidKeys() {
        return Set.of(XeroConfigKeys.BASE_URL, XeroConfigKeys.PAGE_SIZE, XeroConfigKeys.ACCESS_TOKEN);
    }

    @Override
    public CanonicalLedger ledger() {
        XeroTrackingCategory region = org.trackingCategory("Region");
        return CanonicalLedger.builder()
                .revenueAccounts("200", "260")
                .expenseAccount("400")
                .inactiveRevenueAccount("299")
                .taxCodes("OUTPUT2", "ZERORATEDOUTPUT")
                .unknownInvoiceId("00000000-0000-0000-0000-000000000000")
                .dimension(DimensionType.TRACKING_1, region.option("North").orElseThrow().optionId(),
                        region.option("South").orElseThrow().optionId())
                .build();
    }

    @Override
    public Customer existingCustomer() {
        return new Customer(existing.contactId(), existing.name(), existing.email(), Optional.empty());
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public void markPaid(String invoiceId) {
        org.markPaid(invoiceId);
    }

    @Override
    public void markPartlyPaid(String invoiceId, BigDecimal amount) {
        org.recordPayment(invoiceId, amount);
    }

    @Override
    public void voidInLedger(String invoiceId) {
        org.voidInvoice(invoiceId);
    }

    @Override
    public int countInvoicesWithReference(String reference) {
        return org.countInvoicesWithReference(reference);
    }

    @Override
    public int countCustomersWithEmail(String email) {
        return org.countContactsWithEmail(email);
    }

    @Override
    public void failNextCall(PortOperation operation, SimulatedFailure failure) {
        String[] target = endpoint(operation);
        xero.faultPlan().scriptNext(1, target[0], target[1], fault(failure));
    }

    static String[] endpoint(PortOperation operation) {
        String api = "/api.xro/2.0/";
        return switch (operation) {
            case CHART_OF_ACCOUNTS -> new String[] {"GET", api + "Accounts"};
            case FIND_CUSTOMER_BY_EMAIL, FIND_CUSTOMER_BY_ID -> new String[] {"GET", api + "Contacts"};
            case CREATE_CUSTOMER -> new String[] {"PUT", api + "Contacts"};
            case CREATE_INVOICE, CREATE_INVOICES -> new String[] {"PUT", api + "Invoices"};
            case FIND_INVOICE_BY_REFERENCE, INVOICE_CHANGES_SINCE -> new String[] {"GET", api + "Invoices"};
            case INVOICE -> new String[] {"GET", api + "Invoices/"};
            case VOID_INVOICE -> new String[] {"POST", api + "Invoices/"};
            case VERIFY_WEBHOOK -> throw new IllegalArgumentException("webhooks make no call to fail");
        };
    }

    private static Fault fault(SimulatedFailure failure) {
        if (failure instanceof SimulatedFailure.RateLimited r) {
            return Fault.respond(SimulatedResponse.empty(429)
                    .withHeader("Retry-After", Long.toString(r.retryAfter().toSeconds()))
                    .withHeader("X-Rate-Limit-Problem", "minute")
                    .withHeader("X-MinLimit-Remaining", "0"));
        }
        if (failure instanceof SimulatedFailure.ServerError s) {
            return Fault.respond(xeroJson(s.status(), error(500, "UnknownErrorException",
                    "An error occurred in Xero. Check the API Status page http://status.developer.xero.com")));
        }
        if (failure instanceof SimulatedFailure.Validation v) {
            ObjectNode body = error(10, "ValidationException", "A validation exception occurred");
            body.putArray("Elements").addObject().putArray("ValidationErrors").addObject().put("Message", v.message());
            return Fault.respond(xeroJson(v.status(), body));
        }
        if (failure instanceof SimulatedFailure.Unauthorized) {
            ObjectNode body = Json.object();
            body.putNull("Type");
            body.put("Title", "Unauthorized");
            body.put("Status", 401);
            body.put("Detail", "AuthenticationUnsuccessful");
            return Fault.respond(xeroJson(401, body));
        }
        return Fault.lostAnswer();
    }

    private static ObjectNode error(int number, String type, String message) {
        ObjectNode n = Json.object();
        n.put("ErrorNumber", number);
        n.put("Type", type);
        n.put("Message", message);
        return n;
    }

    private static SimulatedResponse xeroJson(int status, ObjectNode body) {
        return new SimulatedResponse(status, Map.of("Content-Type", "application/json; charset=utf-8",
                "Xero-Correlation-Id", "sim-fault-" + status), Json.write(body));
    }

    @Override
    public OptionalInt changesPageSize() {
        return OptionalInt.of(PAGE_SIZE);
    }

    @Override
    public Set<String> secretValues() {
        return Set.of(tokens.accessToken(), WEBHOOK_KEY);
    }

    /**
     * Every request the simulator received, checked against Xero's OpenAPI document again from the journal: this
     * also covers requests that never reached the simulator's own check (scripted faults, 401s, 429s).
     *
     * @return one line per problem, empty when every request is valid
     */
    List<String> specProblems() {
        List<String> problems = new ArrayList<>();
        xero.specViolations().forEach(v -> problems.add(v.method() + " " + v.path() + ": " + v.problems()));
        XeroApiSpec spec = XeroApiSpec.load();
        for (JournalEntry e : xero.journal().entries()) {
            if (e.path().startsWith(XeroApiSpec.ACCOUNTING_BASE_PATH + "/") || e.path().equals("/connections")) {
                spec.problems(e.method(), e.path(), e.rawQuery(), e.headers(), e.body())
                        .forEach(p -> problems.add(e.method() + " " + e.path() + ": " + p));
            }
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
        } finally {
            xero.close();
        }
    }
}
