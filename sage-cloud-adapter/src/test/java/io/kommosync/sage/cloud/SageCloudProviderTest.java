package io.kommosync.sage.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.accounting.spi.Capability;
import io.kommosync.accounting.spi.ConfigProblem;
import io.kommosync.accounting.spi.InvalidConfigurationException;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.InMemoryTokenStore;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SageCloudProviderTest {

    private static final String SECRET = "client-secret-do-not-show";

    @Test
    void isFoundThroughServiceLoaderByItsId() {
        AccountingPorts ports = AccountingPorts.discover(getClass().getClassLoader());
        assertThat(ports.ids()).contains("sage-cloud");
        assertThat(ports.provider("sage-cloud")).isInstanceOf(SageCloudProvider.class);
    }

    @Test
    void buildsASagePortThatDeclaresLinksVoidingAndVendorIdempotencyButNoWebhooks() {
        try (AccountingPort port = AccountingPorts.discover(getClass().getClassLoader()).create("sage-cloud",
                AccountingConfig.builder().put(SageCloudConfig.CONNECTION_ID, "acme")
                        .put(SageCloudConfig.CLIENT_ID, "client").putSecret(SageCloudConfig.CLIENT_SECRET, SECRET)
                        .attach(TokenStore.class, new InMemoryTokenStore()).build())) {
            assertThat(port).isInstanceOf(SageCloudAccountingPort.class);
            assertThat(port.capabilities()).containsExactlyInAnyOrder(Capability.IDEMPOTENCY_KEYS,
                    Capability.INVOICE_LINKS, Capability.VOID_INVOICES);
            assertThat(port.toString()).contains("https://api.accounting.sage.com/v3.1", "acme")
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void reportsEveryBadKeyInOneException() {
        AccountingConfig config = AccountingConfig.builder()
                .put(SageCloudConfig.BASE_URL, "not a url")
                .put(SageCloudConfig.TOKEN_URL, "mailto:tokens@example.com")
                .put(SageCloudConfig.BUSINESS_ID, "no/slashes")
                .put(SageCloudConfig.PAGE_SIZE, "500")
                .put(SageCloudConfig.REQUESTS_PER_MINUTE, "0")
                .put(SageCloudConfig.REFRESH_TOKEN_ON_UNAUTHORIZED, "sometimes")
                .put(SageCloudConfig.CHART_CACHE_TTL, "an hour")
                .put(SageCloudConfig.CHANGES_OVERLAP_SECONDS, "-1")
                .put(SageCloudConfig.CURRENCY, "POUNDS")
                .putSecret(SageCloudConfig.CLIENT_SECRET, SECRET)
                .attach(TokenStore.class, new InMemoryTokenStore())
                .build();
        InvalidConfigurationException e = thrown(config);
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "baseUrl", "tokenUrl", "connectionId", "businessId", "pageSize", "requestsPerMinute",
                "refreshTokenOnUnauthorized", "chartCacheTtl", "changesOverlapSeconds", "currency", "clientId");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        assertThat(e.getMessage()).doesNotContain(SECRET);
        assertThat(config.toString()).doesNotContain(SECRET);
    }

    @Test
    void needsATokenSource() {
        InvalidConfigurationException e = thrown(AccountingConfig.of(Map.of(SageCloudConfig.CONNECTION_ID, "acme")));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("OAuth2TokenManager");
            assertThat(p.fix()).contains("attach");
        });
    }

    @Test
    void refusesTwoTokenSources() {
        InvalidConfigurationException e = thrown(AccountingConfig.builder().put(SageCloudConfig.CONNECTION_ID, "acme")
                .attach(TokenStore.class, new InMemoryTokenStore()).attach(OAuth2TokenManager.class, manager())
                .build());
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly("TokenStore");
    }

    @Test
    void needsNoClientCredentialsWithASharedTokenManager() {
        try (AccountingPort port = new SageCloudProvider().create(AccountingConfig.builder()
                .put(SageCloudConfig.CONNECTION_ID, "acme").attach(OAuth2TokenManager.class, manager()).build())) {
            assertThat(port.providerId()).isEqualTo("sage-cloud");
        }
    }

    @Test
    void makesNoRemoteCallWhenItBuildsAPort() {
        SageWireMockFixture fixture = new SageWireMockFixture();
        try (AccountingPort port = new SageCloudProvider().create(fixture.validConfig().toBuilder()
                .put(SageCloudConfig.BUSINESS_ID, "").build())) {
            assertThat(port).isNotNull();
            assertThat(fixture.requests()).isEmpty();
        } finally {
            fixture.close();
        }
    }

    private static OAuth2TokenManager manager() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-10T09:30:00Z"), ZoneOffset.UTC);
        TokenStore store = new InMemoryTokenStore();
        store.save("acme", OAuthTokens.of(Secret.of("access"), Secret.of("refresh"),
                clock.instant().plus(1, ChronoUnit.HOURS)));
        return OAuth2TokenManager.builder().tokenStore(store).clock(clock)
                .tokenEndpoint((connection, refresh) -> {
                    throw new AssertionError("no refresh expected");
                }).build();
    }

    private static InvalidConfigurationException thrown(AccountingConfig config) {
        return SageCloudPortTest.thrown(InvalidConfigurationException.class, () -> new SageCloudProvider().create(config));
    }
}
