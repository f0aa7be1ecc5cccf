package io.kommosync.client.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kommosync.client.Secret;
import io.kommosync.client.testing.FakeClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(20)
@DisplayName("HTTP token endpoint")
class HttpTokenEndpointTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("wiremock/oauth"))
        .build();

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private final Instant now = clock.instant();

    private HttpTokenEndpoint.Builder sage() {
        return HttpTokenEndpoint.builder()
            .tokenUrl(server.baseUrl() + "/token")
            .clientId("sage-client")
            .clientSecret(Secret.of("sage-client-secret"))
            .clock(clock);
    }

    @Test
    @DisplayName("FORM style (Sage): posts the RFC 6749 refresh request and reads both lifetimes")
    void formRefresh() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBodyFile("sage-token.json")));

        OAuthTokens tokens = sage().build().refresh("sage-acme", Secret.of("sage-refresh-1"));

        assertThat(tokens.accessToken()).isEqualTo(Secret.of("sage-access-2"));
        assertThat(tokens.refreshToken()).contains(Secret.of("sage-refresh-2"));
        assertThat(tokens.accessTokenExpiresAt()).isEqualTo(now.plusSeconds(300));
        assertThat(tokens.refreshTokenExpiresAt()).contains(now.plusSeconds(2_678_400));
        server.verify(postRequestedFor(urlEqualTo("/token"))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withHeader("Accept", equalTo("application/json"))
            .withFormParam("grant_type", equalTo("refresh_token"))
            .withFormParam("refresh_token", equalTo("sage-refresh-1"))
            .withFormParam("client_id", equalTo("sage-client"))
            .withFormParam("client_secret", equalTo("sage-client-secret")));
    }

    @Test
    @DisplayName("JSON style (Kommo): posts the five fields as JSON to the account's own URL")
    void jsonRefresh() {
        server.stubFor(post("/acme/oauth2/access_token").willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBodyFile("kommo-token.json")));
        HttpTokenEndpoint endpoint = HttpTokenEndpoint.builder()
            .tokenUrlPerConnection(connectionId -> URI.create(server.baseUrl() + "/" + connectionId
                + "/oauth2/access_token"))
            .clientId("kommo-client")
            .clientSecret(Secret.of("kommo-client-secret"))
            .bodyStyle(HttpTokenEndpoint.BodyStyle.JSON)
            .redirectUri("https://sync.example.com/oauth/kommo")
            .clock(clock)
            .build();

        OAuthTokens tokens = endpoint.refresh("acme", Secret.of("kommo-refresh-1"));

        assertThat(tokens.accessToken()).isEqualTo(Secret.of("kommo-access-2"));
        assertThat(tokens.refreshToken()).contains(Secret.of("kommo-refresh-2"));
        assertThat(tokens.accessTokenExpiresAt()).isEqualTo(now.plus(Duration.ofHours(24)));
        assertThat(tokens.refreshTokenExpiresAt()).isEmpty();
        server.verify(postRequestedFor(urlEqualTo("/acme/oauth2/access_token"))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(equalToJson("{\"client_id\":\"kommo-client\",\"client_secret\":\"kommo-client-secret\","
                + "\"grant_type\":\"refresh_token\",\"refresh_token\":\"kommo-refresh-1\","
                + "\"redirect_uri\":\"https://sync.example.com/oauth/kommo\"}")));
    }

    @Test
    @DisplayName("HTTP Basic client authentication (Xero); an answer without refresh_token keeps the old one")
    void basicAuthAndNoRotation() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBodyFile("xero-token-no-refresh.json")));
        HttpTokenEndpoint endpoint = HttpTokenEndpoint.builder()
            .tokenUrl(URI.create(server.baseUrl() + "/token"))
            .clientId("xero-client")
            .clientSecret(Secret.of("xero-secret"))
            .clientAuthentication(HttpTokenEndpoint.ClientAuthentication.BASIC)
            .clock(clock)
            .build();

        OAuthTokens tokens = endpoint.refresh("xero-acme", Secret.of("xero-refresh-1"));

        assertThat(tokens.accessToken()).isEqualTo(Secret.of("xero-access-2"));
        assertThat(tokens.refreshToken()).contains(Secret.of("xero-refresh-1"));
        assertThat(tokens.accessTokenExpiresAt()).isEqualTo(now.plusSeconds(1800));
        String basic = "Basic " + Base64.getEncoder()
            .encodeToString("xero-client:xero-secret".getBytes(StandardCharsets.UTF_8));
        server.verify(postRequestedFor(urlEqualTo("/token"))
            .withHeader("Authorization", equalTo(basic))
            .withRequestBody(containing("grant_type=refresh_token"))
            .withRequestBody(containing("refresh_token=xero-refresh-1"))
            .withRequestBody(absentClientSecret()));
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern absentClientSecret() {
        return com.github.tomakehurst.wiremock.client.WireMock.notContaining("client_secret");
    }

    @Test
    @DisplayName("invalid_grant means re-authorisation; the message names the error but no token")
    void invalidGrant() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(400)
            .withHeader("Content-Type", "application/json").withBodyFile("invalid-grant.json")));

        assertThatThrownBy(() -> sage().build().refresh("sage-acme", Secret.of("sage-refresh-1")))
            .isInstanceOfSatisfying(ReauthorizationRequiredException.class, e -> {
                assertThat(e.connectionId()).isEqualTo("sage-acme");
                assertThat(e.getMessage()).contains("invalid_grant").contains("HTTP 400")
                    .doesNotContain("sage-refresh-1").doesNotContain("sage-client-secret");
            });
    }

    @Test
    @DisplayName("Kommo's 401 'Token has been revoked' means re-authorisation")
    void kommoRevoked() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(401)
            .withHeader("Content-Type", "application/problem+json").withBodyFile("kommo-revoked.json")));

        assertThatThrownBy(() -> sage().bodyStyle(HttpTokenEndpoint.BodyStyle.JSON).build()
            .refresh("kommo-acme", Secret.of("kommo-refresh-1")))
            .isInstanceOf(ReauthorizationRequiredException.class)
            .hasMessageContaining("Token has been revoked");
    }

    @Test
    @DisplayName("5xx and I/O failures are retryable TokenRefreshExceptions")
    void transientFailures() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(503).withBody("<html>busy</html>")));
        server.stubFor(post("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> sage().build().refresh("sage-acme", Secret.of("sage-refresh-1")))
            .isInstanceOfSatisfying(TokenRefreshException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.httpStatus()).hasValue(503);
            });
        assertThatThrownBy(() -> sage().tokenUrl(server.baseUrl() + "/reset").build()
            .refresh("sage-acme", Secret.of("sage-refresh-1")))
            .isInstanceOfSatisfying(TokenRefreshException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.httpStatus()).isEmpty();
            });
    }

    @Test
    @DisplayName("429 is retryable and carries Retry-After")
    void tooManyRequests() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        assertThatThrownBy(() -> sage().build().refresh("sage-acme", Secret.of("sage-refresh-1")))
            .isInstanceOfSatisfying(TokenRefreshException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
            });
    }

    @Test
    @DisplayName("invalid_client is a configuration error: not retryable, and says what to check")
    void invalidClient() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(401)
            .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));

        assertThatThrownBy(() -> sage().build().refresh("sage-acme", Secret.of("sage-refresh-1")))
            .isInstanceOfSatisfying(TokenRefreshException.class, e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("invalid_client").contains("client secret")
                    .doesNotContain("sage-client-secret");
            });
    }

    @Test
    @DisplayName("a 200 without access_token is an error, not empty tokens")
    void missingAccessToken() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody("{\"expires_in\":300}")));

        assertThatThrownBy(() -> sage().build().refresh("sage-acme", Secret.of("sage-refresh-1")))
            .isInstanceOf(TokenRefreshException.class).hasMessageContaining("access_token");
    }

    @Test
    @DisplayName("exchanges an authorisation code")
    void authorizationCode() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBodyFile("sage-token.json")));

        OAuthTokens tokens = sage().extraParameter("scope", "full_access").build()
            .exchangeAuthorizationCode("code-123", "https://sync.example.com/oauth/sage");

        assertThat(tokens.refreshToken()).contains(Secret.of("sage-refresh-2"));
        server.verify(postRequestedFor(urlEqualTo("/token"))
            .withFormParam("grant_type", equalTo("authorization_code"))
            .withFormParam("code", equalTo("code-123"))
            .withFormParam("redirect_uri", equalTo("https://sync.example.com/oauth/sage"))
            .withFormParam("scope", equalTo("full_access"))
            .withFormParam("refresh_token", absent()));
    }

    @Test
    @DisplayName("drives the token manager end to end: the rotated pair lands in the store")
    void withTokenManager() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBodyFile("sage-token.json")));
        InMemoryTokenStore store = new InMemoryTokenStore();
        OAuth2TokenManager manager = OAuth2TokenManager.builder().tokenStore(store).tokenEndpoint(sage().build())
            .clock(clock).build();
        manager.seed("sage-acme", new OAuthTokens(Secret.of("sage-access-1"), Optional.of(Secret.of("sage-refresh-1")),
            now, Optional.empty()));

        assertThat(manager.accessToken("sage-acme")).isEqualTo(Secret.of("sage-access-2"));
        assertThat(store.load("sage-acme").orElseThrow().refreshToken()).contains(Secret.of("sage-refresh-2"));
    }

    @Test
    @DisplayName("the builder names what is missing")
    void builderValidation() {
        assertThatThrownBy(() -> HttpTokenEndpoint.builder().clientId("x").clientSecret(Secret.of("y")).build())
            .isInstanceOf(NullPointerException.class).hasMessageContaining("tokenUrl");
        assertThatThrownBy(() -> HttpTokenEndpoint.builder().tokenUrl("https://a/token").clientSecret(Secret.of("y"))
            .build()).isInstanceOf(NullPointerException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> HttpTokenEndpoint.builder().tokenUrl("relative/token"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThat(sage().build().toString()).doesNotContain("sage-client-secret");
    }
}
