package io.kommosync.sage.cloud;

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
import io.kommosync.sandbox.http.SimulatedResponse;
import io.kommosync.sandbox.sage.SageAccountingSpec;
import io.kommosync.sandbox.sage.SageBusiness;
import io.kommosync.sandbox.sage.SageCloudSimulator;
import io.kommosync.sandbox.sage.SageContact;
import io.kommosync.sandbox.sage.SageTokens;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * The kit's fixture on the Sage Cloud simulator: a fresh simulator per test with one business holding the UK
 * standard chart and the existing customer; the port gets its tokens from a {@link TokenStore} seeded with tokens
 * the simulator issued, and refreshes them at the simulator's token endpoint.
 */
final class SageSimulatorFixture implements LedgerFixture {

    static final int PAGE_SIZE = 2;
    static final Currency GBP = Currency.getInstance("GBP");
    static final String CONNECTION = "tck-sage";
    static final Duration LOST_ANSWER_HOLD = Duration.ofSeconds(6);

    static {
        // Loading Sage's 1 MB specification takes a second or two; do it before any request has a read timeout.
        SageAccountingSpec.shared();
    }

    private final MutableClock clock = MutableClock.at(Instant.parse("2025-03-10T09:30:00Z"), ZoneOffset.UTC);
    private final SageCloudSimulator sage = SageCloudSimulator.builder().clock(clock)
            // The kit lets 31 days pass; keep its grant alive (token expiry is tested on its own).
            .accessTokenLifetime(Duration.ofDays(400)).refreshTokenLifetime(Duration.ofDays(800)).start();
    private final SageBusiness business = sage.createBusiness("Kit Trading Ltd", GBP).seedStandardChart();
    private final SageContact existing = business.addCustomer("Existing Customer Ltd", "Existing.Customer@Example.com");
    private final SageTokens tokens = sage.issueTokens(business);
    private final TokenStore store = new InMemoryTokenStore();

    SageSimulatorFixture() {
        store.save(CONNECTION, new OAuthTokens(Secret.of(tokens.accessToken()), Optional.of(Secret.of(tokens.refreshToken())),
                tokens.accessTokenExpiresAt(), Optional.of(tokens.refreshTokenExpiresAt())));
    }

    SageCloudSimulator simulator() {
        return sage;
    }

    SageBusiness business() {
        return business;
    }

    @Override
    public AccountingConfig validConfig() {
        return AccountingConfig.builder()
                .put(SageCloudConfig.BASE_URL, sage.apiBaseUri().toString())
                .put(SageCloudConfig.TOKEN_URL, sage.tokenUri().toString())
                .put(SageCloudConfig.CONNECTION_ID, CONNECTION)
                .put(SageCloudConfig.BUSINESS_ID, business.id())
                .put(SageCloudConfig.CLIENT_ID, sage.oauthClient().clientId())
                .putSecret(SageCloudConfig.CLIENT_SECRET, sage.oauthClient().clientSecret())
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
                .put(SageCloudConfig.BASE_URL, "api.accounting.sage.com without a scheme")
                .putSecret(SageCloudConfig.CLIENT_SECRET, sage.oauthClient().clientSecret())
                .put(SageCloudConfig.PAGE_SIZE, "500")
                .attach(TokenStore.class, store)
                .build();
    }

    @Override
    public Set<String> expectedInvalidKeys() {
        return Set.of(SageCloudConfig.BASE_URL, SageCloudConfig.CONNECTION_ID, SageCloudConfig.PAGE_SIZE,
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
        return new Customer(existing.id(), existing.name(), existing.email(), existing.reference());
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public void markPaid(String invoiceId) {
        business.markPaid(invoiceId);
    }

    @Override
    public void markPartlyPaid(String invoiceId, BigDecimal amount) {
        business.recordPayment(invoiceId, amount);
    }

    @Override
    public void voidInLedger(String invoiceId) {
        business.voidInvoice(invoiceId, "Voided in Sage by hand");
    }

    @Override
    public int countInvoicesWithReference(String reference) {
        return business.countInvoicesWithReference(reference);
    }

    @Override
    public int countCustomersWithEmail(String email) {
        return business.countContactsWithEmail(email);
    }

    @Override
    public void failNextCall(PortOperation operation, SimulatedFailure failure) {
        String method = switch (operation) {
            case CREATE_CUSTOMER, CREATE_INVOICE, CREATE_INVOICES -> "POST";
            case VOID_INVOICE -> "DELETE";
            default -> "GET";
        };
        String path = switch (operation) {
            case CHART_OF_ACCOUNTS -> "/ledger_accounts";
            case FIND_CUSTOMER_BY_EMAIL, CREATE_CUSTOMER -> "/contacts";
            case VERIFY_WEBHOOK -> throw Assumptions.<RuntimeException>abort("Sage Cloud has no webhooks");
            default -> "/sales_invoices";
        };
        if (failure instanceof SimulatedFailure.LostResponse) {
            sage.loseNextResponse(method, path, LOST_ANSWER_HOLD);
        } else {
            sage.failNext(method, path, response(failure));
        }
    }

    /** The answer Sage gives for a failure, in its own error format. */
    static SimulatedResponse response(SimulatedFailure failure) {
        if (failure instanceof SimulatedFailure.RateLimited limited) {
            return SageCloudSimulator.errorResponse(429, "TooManyRequests", "Rate limit exceeded", "")
                    .withHeader("Retry-After", Long.toString(limited.retryAfter().toSeconds()));
        }
        if (failure instanceof SimulatedFailure.ServerError server) {
            return SageCloudSimulator.errorResponse(server.status(), "InternalServerError",
                    "Something went wrong on our side", "");
        }
        if (failure instanceof SimulatedFailure.Validation validation) {
            return SageCloudSimulator.errorResponse(validation.status(), "RecordInvalid", validation.message(),
                    validation.field());
        }
        if (failure instanceof SimulatedFailure.Unauthorized) {
            return SageCloudSimulator.errorResponse(401, "AuthorizationFailure", "The access token is not valid", "");
        }
        throw new IllegalArgumentException("no canned answer for " + failure);
    }

    @Override
    public OptionalInt changesPageSize() {
        return OptionalInt.of(PAGE_SIZE);
    }

    @Override
    public Set<String> secretValues() {
        return Set.of(sage.oauthClient().clientSecret(), tokens.accessToken(), tokens.refreshToken());
    }

    /** Stops the simulator; fails when a request broke Sage's specification (the simulator answered it 422). */
    @Override
    public void close() {
        try {
            List<String> problems = SpecConformance.violations(sage.journal());
            if (!problems.isEmpty()) {
                throw new AssertionError("the port sent requests Sage's specification rejects:\n  "
                        + String.join("\n  ", problems));
            }
        } finally {
            sage.close();
        }
    }
}
