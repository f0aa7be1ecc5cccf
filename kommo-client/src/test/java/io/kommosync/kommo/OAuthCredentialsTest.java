package io.kommosync.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.kommosync.kommo.KommoStubs.hal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.InMemoryTokenStore;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.ReauthorizationRequiredException;
import io.kommosync.client.retry.RetrySettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real OAuth2TokenManager and Kommo token endpoint against WireMock's token stub. */
@DisplayName("OAuth credentials")
class OAuthCredentialsTest {

    private static final String CONNECTION = "acme";
    private static final String REDIRECT = "https://sync.example.com/kommo/oauth";

    @RegisterExtension
    static WireMockExtension server = KommoStubs.server();

    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private OAuth2TokenManager tokens;
    private KommoClient kommo;

    @BeforeEach
    void connect() {
        tokens = OAuth2TokenManager.builder()
            .tokenStore(store)
            .tokenEndpoint(KommoCredentials.tokenEndpoint(URI.create(server.baseUrl()), "integration-id",
                Secret.of("integration-secret"), REDIRECT))
            .build();
        kommo = KommoClient.builder()
            .baseUrl(URI.create(server.baseUrl()))
            .credentials(KommoCredentials.oauth(tokens, CONNECTION))
            .rateLimit(100)
            .retry(RetrySettings.noBackoff(3))
            .build();
    }

    @AfterEach
    void close() {
        kommo.close();
    }

    private void seed(Duration validFor) {
        tokens.seed(CONNECTION, OAuthTokens.of(Secret.of("kommo-access-1"), Secret.of("kommo-refresh-1"),
            Instant.now().plus(validFor)));
    }

    private static void tokenEndpointAnswers() {
        server.stubFor(post(urlPathEqualTo("/oauth2/access_token")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBodyFile("oauth-token.json")));
    }

    private static void accountAnswers401To(String token) {
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).withHeader("Authorization", equalTo("Bearer " + token))
            .willReturn(aResponse().withStatus(401).withHeader("Content-Type", KommoStubs.PROBLEM)
                .withBodyFile("problem-401.json")));
    }

    @Test
    @DisplayName("a 401 refreshes the token once (JSON body with redirect_uri) and retries once with the new token")
    void refreshOnceRetryOnce() {
        seed(Duration.ofHours(2));
        tokenEndpointAnswers();
        accountAnswers401To("kommo-access-1");
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).withHeader("Authorization",
            equalTo("Bearer kommo-access-2")).willReturn(hal("account.json")));

        Account account = kommo.account().get();

        assertThat(account.subdomain()).isEqualTo("example");
        server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/access_token"))
            .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/json"))
            .withRequestBody(equalToJson("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"kommo-refresh-1\","
                + "\"redirect_uri\":\"" + REDIRECT + "\",\"client_id\":\"integration-id\","
                + "\"client_secret\":\"integration-secret\"}")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/account"))
            .withHeader("Authorization", equalTo("Bearer kommo-access-1")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/account"))
            .withHeader("Authorization", equalTo("Bearer kommo-access-2")));
        assertThat(store.load(CONNECTION).orElseThrow().refreshToken()).contains(Secret.of("kommo-refresh-2"));
    }

    @Test
    @DisplayName("a second 401 after the refresh is a KommoAuthenticationException: one refresh, two requests")
    void secondUnauthorizedGivesUp() {
        seed(Duration.ofHours(2));
        tokenEndpointAnswers();
        accountAnswers401To("kommo-access-1");
        accountAnswers401To("kommo-access-2");

        assertThatThrownBy(() -> kommo.account().get())
            .isInstanceOfSatisfying(KommoAuthenticationException.class, e -> {
                assertThat(e.httpStatus()).hasValue(401);
                assertThat(e.getMessage()).contains("OAuth connection 'acme'", "after refreshing")
                    .doesNotContain("kommo-access", "kommo-refresh", "integration-secret");
            });
        server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/access_token")));
        server.verify(2, getRequestedFor(urlPathEqualTo("/api/v4/account")));
    }

    @Test
    @DisplayName("a revoked refresh token surfaces as ReauthorizationRequiredException, unwrapped")
    void revokedGrantPassesThrough() {
        seed(Duration.ofHours(2));
        server.stubFor(post(urlPathEqualTo("/oauth2/access_token")).willReturn(aResponse().withStatus(401)
            .withHeader("Content-Type", KommoStubs.PROBLEM).withBodyFile("oauth-revoked.json")));
        accountAnswers401To("kommo-access-1");

        assertThatThrownBy(() -> kommo.account().get())
            .isExactlyInstanceOf(ReauthorizationRequiredException.class)
            .hasMessageContaining("acme");
        server.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/account")));
        assertThat(tokens.needsReauthorization(CONNECTION)).isTrue();
    }

    @Test
    @DisplayName("an expired access token is refreshed before the call, so Kommo never sees it")
    void expiredTokenRefreshedAhead() {
        seed(Duration.ofSeconds(-5));
        tokenEndpointAnswers();
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).willReturn(hal("account.json")));

        kommo.account().get();

        server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/access_token")));
        server.verify(0, getRequestedFor(urlPathEqualTo("/api/v4/account"))
            .withHeader("Authorization", equalTo("Bearer kommo-access-1")));
    }

    @Test
    @DisplayName("many threads hitting 401 together cause a single refresh (single-use refresh tokens survive)")
    void concurrentUnauthorizedRefreshesOnce() throws Exception {
        seed(Duration.ofHours(2));
        tokenEndpointAnswers();
        accountAnswers401To("kommo-access-1");
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).withHeader("Authorization",
            equalTo("Bearer kommo-access-2")).willReturn(hal("account.json")));
        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Account>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return kommo.account().get();
                }));
            }
            for (Future<Account> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).id()).isEqualTo(30739638);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/access_token")));
    }

    @Test
    @DisplayName("credentials never show a token in toString")
    void toStringsRedact() {
        assertThat(KommoCredentials.oauth(tokens, CONNECTION).toString()).isEqualTo("KommoCredentials.OAuth[connection=acme]");
        assertThat(KommoCredentials.longLived(Secret.of("very-secret")).toString()).doesNotContain("very-secret");
        assertThat(kommo.toString()).contains("OAuth connection 'acme'").doesNotContain("kommo-access");
    }
}
