package io.kommosync.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.accounting.spi.Capability;
import io.kommosync.accounting.spi.ConfigProblem;
import io.kommosync.accounting.spi.InvalidConfigurationException;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.InMemoryTokenStore;
import io.kommosync.client.oauth.TokenStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Xero configuration")
class XeroConfigurationTest {

    private final XeroAccountingPortProvider provider = new XeroAccountingPortProvider();

    private InvalidConfigurationException invalid(AccountingConfig config) {
        return (InvalidConfigurationException) org.assertj.core.api.Assertions.catchThrowable(() ->
                provider.create(config));
    }

    @Test
    @DisplayName("is found by ServiceLoader as 'xero'")
    void isDiscovered() {
        assertThat(AccountingPorts.discover(getClass().getClassLoader()).provider("xero"))
                .isInstanceOf(XeroAccountingPortProvider.class);
    }

    @Test
    @DisplayName("reports every bad key at once, each with a fix")
    void reportsEveryBadKey() {
        InvalidConfigurationException e = invalid(AccountingConfig.builder()
                .put(XeroConfigKeys.TENANT_ID, "my-org")
                .put(XeroConfigKeys.PAGE_SIZE, "5000")
                .put(XeroConfigKeys.BATCH_SIZE, "51")
                .put(XeroConfigKeys.MINUTE_LIMIT, "61")
                .put(XeroConfigKeys.DAILY_LIMIT, "9000")
                .put(XeroConfigKeys.CONCURRENT_LIMIT, "6")
                .put(XeroConfigKeys.TIME_ZONE, "Middle/Earth")
                .put(XeroConfigKeys.TRACKING_CATEGORIES, "Region, Channel, Team")
                .put(XeroConfigKeys.READ_TIMEOUT, "soon")
                .put(XeroConfigKeys.ONLINE_INVOICE_LINKS, "maybe")
                .put(XeroConfigKeys.CONNECTIONS_URL, "mailto:x@example.com")
                .build());
        assertThat(e.problems()).extracting(ConfigProblem::key).contains(XeroConfigKeys.TENANT_ID,
                XeroConfigKeys.PAGE_SIZE, XeroConfigKeys.BATCH_SIZE, XeroConfigKeys.MINUTE_LIMIT,
                XeroConfigKeys.DAILY_LIMIT, XeroConfigKeys.CONCURRENT_LIMIT, XeroConfigKeys.TIME_ZONE,
                XeroConfigKeys.TRACKING_CATEGORIES, XeroConfigKeys.READ_TIMEOUT, XeroConfigKeys.ONLINE_INVOICE_LINKS,
                XeroConfigKeys.CONNECTIONS_URL, XeroConfigKeys.ACCESS_TOKEN);
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        assertThat(e.providerId()).isEqualTo("xero");
    }

    @Test
    @DisplayName("wants exactly one kind of credentials")
    void wantsOneKindOfCredentials() {
        InvalidConfigurationException twice = invalid(AccountingConfig.builder()
                .putSecret(XeroConfigKeys.ACCESS_TOKEN, "token-one")
                .attach(AccessTokenProvider.class, AccessTokenProvider.fixed(Secret.of("token-two")))
                .build());
        assertThat(twice.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(XeroConfigKeys.ACCESS_TOKEN);
            assertThat(p.problem()).contains("2 ways");
        });
        assertThat(twice.getMessage()).doesNotContain("token-one").doesNotContain("token-two");
    }

    @Test
    @DisplayName("needs the client id, client secret and connection id with a TokenStore")
    void tokenStoreNeedsClientCredentials() {
        InvalidConfigurationException e = invalid(AccountingConfig.builder()
                .attach(TokenStore.class, new InMemoryTokenStore()).build());
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                XeroConfigKeys.CONNECTION_ID, XeroConfigKeys.CLIENT_ID, XeroConfigKeys.CLIENT_SECRET);
    }

    @Test
    @DisplayName("refuses limit keys next to an attached XeroRateLimits")
    void refusesLimitKeysNextToSharedLimits() {
        InvalidConfigurationException e = invalid(AccountingConfig.builder()
                .putSecret(XeroConfigKeys.ACCESS_TOKEN, "token-one")
                .put(XeroConfigKeys.DAILY_LIMIT, "1000")
                .attach(XeroRateLimits.class, XeroRateLimits.xeroDefaults()).build());
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly(XeroConfigKeys.DAILY_LIMIT);
    }

    @Test
    @DisplayName("builds a port without any remote call and declares its capabilities")
    void buildsWithoutRemoteCalls() {
        try (XeroAccountingPort port = provider.create(AccountingConfig.builder()
                .put(XeroConfigKeys.BASE_URL, "http://127.0.0.1:9/api.xro/2.0/")
                .putSecret(XeroConfigKeys.ACCESS_TOKEN, "token-never-sent")
                .build())) {
            assertThat(port.capabilities()).containsExactlyInAnyOrder(Capability.DIMENSIONS,
                    Capability.BATCH_INVOICES, Capability.IDEMPOTENCY_KEYS, Capability.INVOICE_LINKS,
                    Capability.VOID_INVOICES);
            assertThat(port.tenantId()).isEmpty();
            assertThat(port.toString()).doesNotContain("token-never-sent");
            assertThat(port.rateLimits().dailyLimit()).isEqualTo(XeroRateLimits.XERO_DAILY_LIMIT);
        }
    }

    @Test
    @DisplayName("rejects out-of-range limits on the XeroRateLimits builder, naming the limit")
    void rateLimitsBuilderChecksRanges() {
        assertThatThrownBy(() -> XeroRateLimits.builder().concurrentLimit(6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrentLimit");
        assertThatThrownBy(() -> XeroRateLimits.builder().dailyLimit(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dailyLimit");
    }
}
