package io.kommosync.sage.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.InMemoryTokenStore;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.TokenStore;
import io.kommosync.sandbox.sage.SageBusiness;
import io.kommosync.sandbox.sage.SageCloudSimulator;
import java.net.URI;
import java.time.Clock;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SageCloudOAuthTest {

    @Test
    void buildsSagesConsentUrlWithEveryParameterEncoded() {
        URI url = SageCloudOAuth.authorizationUrl("client 1", URI.create("https://app.example/sage/callback?x=1"),
                "s+t/ate", SageCloudOAuth.Scope.FULL_ACCESS, Optional.of("GB"));
        assertThat(url.toString()).startsWith("https://www.sageone.com/oauth2/auth/central?filter=apiv3.1&")
                .contains("response_type=code", "client_id=client%201",
                        "redirect_uri=https%3A%2F%2Fapp.example%2Fsage%2Fcallback%3Fx%3D1", "scope=full_access",
                        "state=s%2Bt%2Fate", "country=gb");
    }

    @Test
    void exchangesACodeForTokensThatThePortThenUses() {
        try (SageCloudSimulator sage = SageCloudSimulator.start()) {
            SageBusiness business = sage.createBusiness("Acme Ltd", Currency.getInstance("GBP")).seedStandardChart();
            var endpoint = SageCloudOAuth.tokenEndpoint(sage.tokenUri(), sage.oauthClient().clientId(),
                    Secret.of(sage.oauthClient().clientSecret()), Clock.systemUTC());
            OAuthTokens tokens = endpoint.exchangeAuthorizationCode(sage.authorizationCode(business),
                    sage.oauthClient().redirectUri());
            assertThat(tokens.refreshTokenExpiresAt()).isPresent();
            TokenStore store = new InMemoryTokenStore();
            OAuth2TokenManager manager = OAuth2TokenManager.builder().tokenStore(store).tokenEndpoint(endpoint).build();
            manager.seed("acme", tokens);
            try (SageCloudAccountingPort port = new SageCloudProvider().create(AccountingConfig.builder()
                    .put(SageCloudConfig.BASE_URL, sage.apiBaseUri().toString())
                    .put(SageCloudConfig.CONNECTION_ID, "acme").attach(OAuth2TokenManager.class, manager).build())) {
                assertThat(port.businesses()).extracting(SageCloudBusiness::id).containsExactly(business.id());
                assertThat(port.chartOfAccounts().account("4000")).isPresent();
            }
        }
    }
}
