package io.kommosync.sage.intacct;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.HttpTokenEndpoint;
import io.kommosync.client.oauth.InMemoryTokenStore;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.TokenStore;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.intacct.IntacctSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the REST transport")
class IntacctRestBehaviourTest {

    private static final String REDIRECT = "https://sync.example/oauth/intacct";

    private final IntacctSimulatorFixture fixture = new IntacctSimulatorFixture(IntacctTransport.REST);

    @AfterEach
    void close() {
        fixture.close();
    }

    private AccountingPort port(AccountingConfig config) {
        return AccountingPorts.discover(getClass().getClassLoader()).create("sage-intacct", config);
    }

    @Test
    @DisplayName("client credentials ask for user@company|entity and every call names the entity")
    void clientCredentialsWithEntity() {
        try (AccountingPort port = port(fixture.validConfig().toBuilder().put("entityId", "UK").build())) {
            port.findCustomerByEmail(IntacctSimulatorFixture.EXISTING_EMAIL);
        }
        JournalEntry token = fixture.sim.journal().entries().get(0);
        assertThat(token.path()).isEqualTo("/ia/api/v1/oauth2/token");
        assertThat(token.bodyText()).contains("grant_type=client_credentials")
                .contains("username=" + IntacctSimulator.USER_ID + "%40" + IntacctSimulator.COMPANY_ID + "%7CUK");
        assertThat(fixture.sim.journal().entries().get(1).header("X-IA-API-Param-Entity")).hasValue("UK");
    }

    @Test
    @DisplayName("with the authorization-code grant, refreshes once on a 401 and stores the rotated refresh token")
    void rotatingRefreshOnUnauthorized() {
        HttpTokenEndpoint endpoint = HttpTokenEndpoint.builder()
                .tokenUrl(fixture.sim.restBaseUri().resolve("oauth2/token")).clientId(IntacctSimulator.CLIENT_ID)
                .clientSecret(Secret.of(IntacctSimulator.CLIENT_SECRET)).clock(fixture.clock).build();
        OAuthTokens first = endpoint.exchangeAuthorizationCode(fixture.sim.issueAuthorizationCode(REDIRECT), REDIRECT);
        InMemoryTokenStore store = new InMemoryTokenStore();
        store.save("conn-1", first);
        AccountingConfig config = fixture.validConfig().toBuilder().put("grant", "authorization_code")
                .put("connectionId", "conn-1").put("refreshOnUnauthorized", "true")
                .attach(TokenStore.class, store).build();
        try (AccountingPort port = port(config)) {
            assertThat(port.findCustomerByEmail(IntacctSimulatorFixture.EXISTING_EMAIL)).isPresent();
            fixture.sim.expireSessions();
            assertThat(port.findCustomerByEmail(IntacctSimulatorFixture.EXISTING_EMAIL)).isPresent();
        }
        OAuthTokens now = store.load("conn-1").orElseThrow();
        assertThat(now.refreshToken()).isPresent().isNotEqualTo(first.refreshToken());
        assertThat(fixture.sim.journal().entries()).filteredOn(e -> e.bodyText().contains("grant_type=refresh_token"))
                .hasSize(1);
    }

    @Test
    @DisplayName("sends each line's dimensions as references and its amount as a decimal string")
    void sendsDimensions() {
        try (AccountingPort port = port(fixture.validConfig())) {
            Invoice invoice = port.createInvoice(IntacctXmlBehaviourTest.draft("REF-REST-DIM", "4300",
                    Dimensions.of(DimensionType.DEPARTMENT, "D100")), IdempotencyKey.derive("rest-dim"));
            assertThat(invoice.lines().get(0).dimensions().get(DimensionType.DEPARTMENT)).hasValue("D100");
        }
        assertThat(fixture.sim.journal().entries()).filteredOn(e -> e.path().endsWith("/accounts-receivable/invoice"))
                .singleElement().satisfies(e -> assertThat(e.bodyText())
                        .contains("\"dimensions\":{\"department\":{\"id\":\"D100\"}}")
                        .contains("\"txnAmount\":\"100.00\"").contains("\"referenceNumber\":\"REF-REST-DIM\""));
    }
}
