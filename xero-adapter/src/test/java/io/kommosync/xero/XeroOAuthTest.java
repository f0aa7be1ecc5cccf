package io.kommosync.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.client.Secret;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.InMemoryTokenStore;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sandbox.http.Fault;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.xero.XeroTokenSet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Xero OAuth2")
class XeroOAuthTest {

    private static final String CONNECTION = "xero-connection-1";
    private static final Set<String> SCOPES = new HashSet<>(XeroOAuth.SCOPES);

    private final XeroSimulatorFixture fixture = new XeroSimulatorFixture();
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final XeroTokenSet granted = fixture.xero.authorize(SCOPES, fixture.org);
    private final OAuth2TokenManager manager = OAuth2TokenManager.builder().tokenStore(store)
            .tokenEndpoint(XeroOAuth.tokenEndpoint(fixture.xero.tokenUri(), fixture.xero.app().clientId(),
                    Secret.of(fixture.xero.app().clientSecret()), HttpOptions.defaults(), fixture.clock))
            .clock(fixture.clock).build();
    private XeroAccountingPort port;

    XeroOAuthTest() {
        manager.seed(CONNECTION, OAuthTokens.of(Secret.of(granted.accessToken()), Secret.of(granted.refreshToken()),
                granted.accessTokenExpiresAt()));
    }

    @AfterEach
    void close() {
        if (port != null) {
            port.close();
        }
        fixture.close();
    }

    private AccountingConfig.Builder base() {
        return AccountingConfig.builder()
                .put(XeroConfigKeys.BASE_URL, fixture.xero.accountingUri().toString())
                .put(XeroConfigKeys.CONNECTIONS_URL, fixture.xero.connectionsUri().toString())
                .put(XeroConfigKeys.TENANT_ID, fixture.org.tenantId())
                .attach(Clock.class, fixture.clock)
                .attach(RetrySettings.class, RetrySettings.noBackoff(1));
    }

    private XeroAccountingPort withManager() {
        port = new XeroAccountingPortProvider().create(base().attach(OAuth2TokenManager.class, manager)
                .put(XeroConfigKeys.CONNECTION_ID, CONNECTION).build());
        return port;
    }

    private List<JournalEntry> tokenCalls() {
        return fixture.xero.journal().entries("POST", "/connect/token");
    }

    private String email() {
        return fixture.existing.email().orElseThrow();
    }

    @Test
    @DisplayName("asks for Xero's granular scopes, not accounting.transactions")
    void asksForGranularScopes() {
        assertThat(XeroOAuth.SCOPES).containsExactlyInAnyOrder("accounting.invoices", "accounting.contacts",
                "accounting.settings", "offline_access");
        URI consent = XeroOAuth.authorizationUri("client-1", URI.create("https://app.example/callback"), "s1");
        assertThat(consent.toString()).startsWith("https://login.xero.com/identity/connect/authorize?")
                .contains("scope=accounting.invoices%20accounting.contacts%20accounting.settings%20offline_access")
                .contains("redirect_uri=https%3A%2F%2Fapp.example%2Fcallback").doesNotContain("transactions");
    }

    @Test
    @DisplayName("refreshes an expired 30-minute token with the rotating refresh token, saving the new one")
    void refreshesWithRotation() {
        XeroAccountingPort port = new XeroAccountingPortProvider().create(base()
                .attach(io.kommosync.client.oauth.TokenStore.class, store)
                .put(XeroConfigKeys.CLIENT_ID, fixture.xero.app().clientId())
                .putSecret(XeroConfigKeys.CLIENT_SECRET, fixture.xero.app().clientSecret())
                .put(XeroConfigKeys.TOKEN_URL, fixture.xero.tokenUri().toString())
                .put(XeroConfigKeys.CONNECTION_ID, CONNECTION).build());
        this.port = port;
        assertThat(port.findCustomerByEmail(email())).isPresent();
        assertThat(tokenCalls()).isEmpty();

        fixture.clock.advance(Duration.ofMinutes(31));
        assertThat(port.findCustomerByEmail(email())).isPresent();
        assertThat(tokenCalls()).hasSize(1);
        JournalEntry refresh = tokenCalls().get(0);
        assertThat(refresh.header("Authorization")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic "));
        assertThat(SimulatedRequest.decodeForm(refresh.bodyText()))
                .containsEntry("grant_type", List.of("refresh_token"))
                .containsEntry("refresh_token", List.of(granted.refreshToken()));
        OAuthTokens saved = store.load(CONNECTION).orElseThrow();
        assertThat(saved.refreshToken()).isPresent()
                .isNotEqualTo(java.util.Optional.of(Secret.of(granted.refreshToken())));
    }

    @Test
    @DisplayName("recovers from a lost refresh answer by retrying the old refresh token within its grace period")
    void recoversFromALostRefreshAnswer() {
        XeroAccountingPort port = withManager();
        fixture.clock.advance(Duration.ofMinutes(31));
        fixture.xero.faultPlan().scriptNext(1, "POST", "/connect/token", Fault.lostAnswer());
        assertThatThrownBy(() -> port.findCustomerByEmail(email())).isInstanceOfSatisfying(
                TransientAccountingException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.operation()).isEqualTo("findCustomerByEmail");
                });
        fixture.clock.advance(Duration.ofMinutes(20));
        assertThat(port.findCustomerByEmail(email())).isPresent();
        assertThat(tokenCalls()).hasSize(2).allSatisfy(call -> assertThat(SimulatedRequest.decodeForm(call.bodyText())
                .get("refresh_token")).containsExactly(granted.refreshToken()));
        assertThat(manager.needsReauthorization(CONNECTION)).isFalse();
    }

    @Test
    @DisplayName("needs re-authorisation when the old refresh token comes back after its grace period")
    void invalidGrantAfterTheGracePeriod() {
        XeroAccountingPort port = withManager();
        fixture.clock.advance(Duration.ofMinutes(31));
        fixture.xero.faultPlan().scriptNext(1, "POST", "/connect/token", Fault.lostAnswer());
        assertThatThrownBy(() -> port.findCustomerByEmail(email())).isInstanceOf(TransientAccountingException.class);
        fixture.clock.advance(Duration.ofMinutes(31));
        assertThatThrownBy(() -> port.findCustomerByEmail(email())).isInstanceOfSatisfying(
                AuthenticationException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("re-authorisation").doesNotContain(granted.refreshToken());
                });
        assertThat(manager.needsReauthorization(CONNECTION)).isTrue();
        assertThat(tokenCalls()).extracting(JournalEntry::status).last().isEqualTo(400);
    }

    @Test
    @DisplayName("refreshes once after a 401 and repeats the call")
    void refreshesAfterUnauthorized() {
        XeroAccountingPort port = withManager();
        fixture.xero.faultPlan().scriptNext(1, "GET", "/api.xro/2.0/Contacts", Fault.respond(
                io.kommosync.sandbox.http.SimulatedResponse.empty(401)));
        assertThat(port.findCustomerByEmail(email())).isPresent();
        assertThat(tokenCalls()).hasSize(1);
        assertThat(fixture.xero.journal().entries("GET", "/api.xro/2.0/Contacts")).extracting(JournalEntry::status)
                .containsExactly(401, 200);
    }

    @Test
    @DisplayName("reports a token without accounting.settings as an AuthenticationException naming the scopes")
    void reportsMissingScope() {
        XeroTokenSet narrow = fixture.xero.authorize(Set.of("accounting.invoices", "accounting.contacts",
                "offline_access"), fixture.org);
        port = new XeroAccountingPortProvider().create(base()
                .putSecret(XeroConfigKeys.ACCESS_TOKEN, narrow.accessToken()).build());
        assertThatThrownBy(port::chartOfAccounts).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.httpStatus()).hasValue(403);
            assertThat(e.getMessage()).contains("accounting.settings");
            assertThat(e.operation()).isEqualTo("chartOfAccounts");
        });
        assertThat(port.findCustomerByEmail(email())).isPresent();
    }
}
