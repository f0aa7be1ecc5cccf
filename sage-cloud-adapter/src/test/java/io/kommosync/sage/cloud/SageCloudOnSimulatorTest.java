package io.kommosync.sage.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.InvalidConfigurationException;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.HttpTokenEndpoint;
import io.kommosync.client.oauth.InMemoryTokenStore;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.TokenStore;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sandbox.sage.SageAccountingSpec;
import io.kommosync.sandbox.sage.SageBusiness;
import io.kommosync.sandbox.sage.SageCloudSimulator;
import io.kommosync.sandbox.sage.SageContact;
import io.kommosync.sandbox.sage.SageLineDraft;
import io.kommosync.sandbox.sage.SageSalesInvoice;
import io.kommosync.sandbox.sage.SageTokens;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The port against the simulator where the simulator's realism matters: Sage's short-lived access tokens and rotating
 * refresh tokens, several businesses behind one grant, and invoices raised by hand.
 */
class SageCloudOnSimulatorTest {

    static {
        SageAccountingSpec.shared();
    }

    private final MutableClock clock = MutableClock.at(Instant.parse("2025-03-10T09:30:00Z"), ZoneOffset.UTC);
    private final SageCloudSimulator sage = SageCloudSimulator.builder().clock(clock).start();
    private final SageBusiness acme = sage.createBusiness("Acme Ltd", Currency.getInstance("GBP")).seedStandardChart();
    private final SageBusiness holdings = sage.createBusiness("Acme Holdings", Currency.getInstance("GBP"))
            .seedStandardChart();
    private final SageContact customer = holdings.addCustomer("Cooper Trading", "accounts@cooper.example");
    private final TokenStore store = new InMemoryTokenStore();

    @AfterEach
    void everyRequestConformedToTheSpecification() {
        try {
            assertThat(SpecConformance.violations(sage.journal())).isEmpty();
        } finally {
            sage.close();
        }
    }

    private void seed(SageTokens tokens) {
        store.save("acme", new OAuthTokens(Secret.of(tokens.accessToken()), Optional.of(Secret.of(tokens.refreshToken())),
                tokens.accessTokenExpiresAt(), Optional.of(tokens.refreshTokenExpiresAt())));
    }

    private AccountingConfig.Builder config() {
        return AccountingConfig.builder()
                .put(SageCloudConfig.BASE_URL, sage.apiBaseUri().toString())
                .put(SageCloudConfig.TOKEN_URL, sage.tokenUri().toString())
                .put(SageCloudConfig.CONNECTION_ID, "acme")
                .put(SageCloudConfig.CLIENT_ID, sage.oauthClient().clientId())
                .putSecret(SageCloudConfig.CLIENT_SECRET, sage.oauthClient().clientSecret())
                .attach(TokenStore.class, store)
                .attach(Clock.class, clock)
                .attach(RetrySettings.class, RetrySettings.noBackoff(1));
    }

    @Test
    void refreshesTheFiveMinuteAccessTokenAndKeepsTheRotatedRefreshToken() {
        SageTokens first = sage.issueTokens(holdings);
        seed(first);
        try (SageCloudAccountingPort port = new SageCloudProvider().create(config().build())) {
            assertThat(port.findCustomerByEmail("accounts@cooper.example")).isPresent();
            clock.advance(Duration.ofMinutes(5));
            assertThat(port.findCustomerByEmail("ACCOUNTS@cooper.example")).isPresent();
        }
        OAuthTokens saved = store.load("acme").orElseThrow();
        assertThat(saved.accessToken().reveal()).isNotEqualTo(first.accessToken());
        assertThat(saved.refreshToken().orElseThrow().reveal()).isNotEqualTo(first.refreshToken());
        assertThat(saved.accessTokenExpiresAt()).as("300 s from expires_in").isEqualTo(clock.instant().plusSeconds(300));
        assertThat(saved.refreshTokenExpiresAt()).as("from refresh_token_expires_in")
                .contains(clock.instant().plusSeconds(2_678_400));
    }

    @Test
    void refreshesAndRetriesOnceWhenSageRejectsAnAccessTokenEarly() {
        seed(sage.issueTokens(holdings));
        try (SageCloudAccountingPort port = new SageCloudProvider().create(config().build())) {
            port.chartOfAccounts();
            sage.revokeAccessTokens();
            assertThat(port.findCustomerByEmail("accounts@cooper.example")).isPresent();
        }
        assertThat(sage.journal().entries("POST", "/token")).hasSize(1);
    }

    @Test
    void asksForReauthorisationWhenTheRefreshTokenWasAlreadyUsed() {
        SageTokens tokens = sage.issueTokens(holdings);
        seed(tokens);
        // Someone else (another instance without a shared store) used the refresh token first.
        HttpTokenEndpoint.builder().tokenUrl(sage.tokenUri()).clientId(sage.oauthClient().clientId())
                .clientSecret(Secret.of(sage.oauthClient().clientSecret())).clock(clock).build()
                .refresh("elsewhere", Secret.of(tokens.refreshToken()));
        clock.advance(Duration.ofMinutes(6));
        try (SageCloudAccountingPort port = new SageCloudProvider().create(config().build())) {
            AuthenticationException e = SageCloudPortTest.thrown(AuthenticationException.class,
                    () -> port.findCustomerByEmail("accounts@cooper.example"));
            assertThat(e).hasMessageContaining("authorised again");
        }
    }

    @Test
    void worksOnTheConfiguredBusinessNotOnTheLeadOne() {
        seed(sage.issueTokens(acme, holdings));
        try (SageCloudAccountingPort port = new SageCloudProvider().create(config()
                .put(SageCloudConfig.BUSINESS_ID, holdings.id()).build())) {
            Invoice invoice = port.createInvoice(new InvoiceDraft(customer.id(), Currency.getInstance("GBP"),
                    clock.today(), clock.today().plusDays(30), "kommo-deal-1",
                    List.of(InvoiceLine.of("Hosting", BigDecimal.ONE, new BigDecimal("49.90"), "4000", "GB_STANDARD")),
                    Dimensions.none(), InvoiceDraft.Approval.APPROVED, Optional.empty()), IdempotencyKey.derive("h"));
            assertThat(holdings.countInvoicesWithReference("kommo-deal-1")).isEqualTo(1);
            assertThat(acme.invoices()).isEmpty();
            assertThat(invoice.total().amount()).isEqualByComparingTo("59.88");
            assertThat(port.businesses()).extracting(SageCloudBusiness::id).containsExactly(acme.id(), holdings.id());
        }
    }

    @Test
    void neverFallsBackOnTheLeadBusinessWhenSeveralAreReachable() {
        seed(sage.issueTokens(acme, holdings));
        try (SageCloudAccountingPort port = new SageCloudProvider().create(config().build())) {
            InvalidConfigurationException e = SageCloudPortTest.thrown(InvalidConfigurationException.class,
                    port::chartOfAccounts);
            assertThat(e.problems()).extracting(p -> p.key()).containsExactly("businessId");
        }
        assertThat(sage.journal().entries("GET", "/v3.1/ledger_accounts")).isEmpty();
    }

    @Test
    void seesAnInvoiceRaisedByHandAndItsPaymentWhenPolling() {
        seed(sage.issueTokens(holdings));
        Instant start = clock.instant();
        SageSalesInvoice byHand = holdings.raiseInvoiceByHand(customer.id(), clock.today().plusDays(14), List.of(
                new SageLineDraft("Support hour", new BigDecimal("3"), new BigDecimal("80.00"),
                        holdings.ledgerAccount(4000).id(), "GB_STANDARD")));
        try (SageCloudAccountingPort port = new SageCloudProvider().create(config().build())) {
            var changes = port.invoiceChangesSince(ChangeCursor.since(start));
            assertThat(changes.invoices()).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo(byHand.id());
                assertThat(i.reference()).isEmpty();
                assertThat(i.status()).isEqualTo(InvoiceStatus.AWAITING_PAYMENT);
                assertThat(i.total().amount()).isEqualByComparingTo("288.00");
                assertThat(i.link()).hasValueSatisfying(l -> assertThat(l.toString()).startsWith(sage.baseUri().toString()));
            });
            clock.advance(Duration.ofMinutes(2));
            holdings.recordPayment(byHand.id(), new BigDecimal("88.00"));
            var later = port.invoiceChangesSince(changes.next());
            assertThat(later.invoices()).singleElement().satisfies(i -> {
                assertThat(i.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
                assertThat(i.amountDue().amount()).isEqualByComparingTo("200.00");
            });
        }
    }

    @Test
    void worksWithASharedTokenManager() {
        seed(sage.issueTokens(holdings));
        OAuth2TokenManager shared = OAuth2TokenManager.builder().tokenStore(store).clock(clock)
                .tokenEndpoint(HttpTokenEndpoint.builder().tokenUrl(sage.tokenUri())
                        .clientId(sage.oauthClient().clientId())
                        .clientSecret(Secret.of(sage.oauthClient().clientSecret())).clock(clock).build())
                .build();
        AccountingConfig config = AccountingConfig.builder()
                .put(SageCloudConfig.BASE_URL, sage.apiBaseUri().toString())
                .put(SageCloudConfig.CONNECTION_ID, "acme")
                .attach(OAuth2TokenManager.class, shared).attach(Clock.class, clock).build();
        try (SageCloudAccountingPort port = new SageCloudProvider().create(config)) {
            assertThat(port.businessId()).isEqualTo(holdings.id());
            assertThat(port.chartOfAccounts().accounts()).isNotEmpty();
        }
    }
}
