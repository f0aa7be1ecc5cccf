package io.kommosync.sandbox.kommo;

import static io.kommosync.sandbox.TestHttp.get;
import static io.kommosync.sandbox.TestHttp.json;
import static io.kommosync.sandbox.TestHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kommosync.sandbox.AdjustableClock;
import io.kommosync.sandbox.SandboxException;
import io.kommosync.sandbox.http.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KommoOAuthTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final AdjustableClock CLOCK = AdjustableClock.at(START);

    @RegisterExtension
    static final KommoSimulatorExtension KOMMO =
            KommoSimulatorExtension.using(() -> KommoSimulator.builder().clock(CLOCK).withoutRateLimit());

    private KommoSimulator kommo;
    private SandboxAccount acme;

    @BeforeEach
    void seed(KommoSimulator kommo) {
        CLOCK.set(START);
        this.kommo = kommo;
        acme = kommo.createAccount("acme");
    }

    private HttpResponse<String> token(String grantType, String key, String value) {
        OAuthIntegration app = acme.integration();
        return send("POST", kommo.baseUri(acme), "/oauth2/access_token", null, "{\"client_id\":\"" + app.clientId()
                + "\",\"client_secret\":\"" + app.clientSecret() + "\",\"grant_type\":\"" + grantType + "\",\""
                + key + "\":\"" + value + "\",\"redirect_uri\":\"" + app.redirectUri() + "\"}");
    }

    @Test
    @DisplayName("an authorization code buys a token pair once; the access token works until its expiry")
    void authorizationCode() {
        String code = acme.issueAuthorizationCode();
        HttpResponse<String> r = token("authorization_code", "code", code);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode pair = json(r);
        assertThat(pair.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(pair.get("expires_in").asLong()).isEqualTo(86400);
        assertThat(pair.get("server_time").asLong()).isEqualTo(START.getEpochSecond());
        String access = pair.get("access_token").asText();
        assertThat(pair.get("refresh_token").asText()).isNotBlank();
        JsonNode claims = Json.parse(new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]),
                StandardCharsets.UTF_8));
        assertThat(claims.get("account_id").asLong()).isEqualTo(acme.id());
        assertThat(claims.get("api_domain").asText()).isEqualTo("127.0.0.1:" + kommo.port());

        assertThat(get(kommo.baseUri(acme), "/api/v4/account", access).statusCode()).isEqualTo(200);
        assertThat(token("authorization_code", "code", code).statusCode()).as("codes are single-use").isEqualTo(400);

        CLOCK.advance(Duration.ofDays(1));
        assertThat(get(kommo.baseUri(acme), "/api/v4/account", access).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("refresh tokens rotate and are single-use: reusing one answers 401 Token has been revoked")
    void refreshRotation() {
        JsonNode first = json(token("authorization_code", "code", acme.issueAuthorizationCode()));
        String refresh1 = first.get("refresh_token").asText();
        CLOCK.advance(Duration.ofDays(2));

        HttpResponse<String> rotated = token("refresh_token", "refresh_token", refresh1);
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode second = json(rotated);
        String refresh2 = second.get("refresh_token").asText();
        assertThat(refresh2).isNotEqualTo(refresh1);
        assertThat(second.get("access_token").asText()).isNotEqualTo(first.get("access_token").asText());
        assertThat(get(kommo.baseUri(acme), "/api/v4/account", second.get("access_token").asText()).statusCode())
                .isEqualTo(200);

        HttpResponse<String> reused = token("refresh_token", "refresh_token", refresh1);
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(json(reused).get("hint").asText()).isEqualTo("Token has been revoked");
        assertThat(json(reused).get("status").asInt()).isEqualTo(401);

        assertThat(token("refresh_token", "refresh_token", refresh2).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a wrong client secret or redirect URI is refused")
    void clientChecks() {
        String code = acme.issueAuthorizationCode();
        OAuthIntegration app = acme.integration();
        HttpResponse<String> badSecret = send("POST", kommo.baseUri(acme), "/oauth2/access_token", null,
                "{\"client_id\":\"" + app.clientId() + "\",\"client_secret\":\"wrong\",\"grant_type\":"
                        + "\"authorization_code\",\"code\":\"" + code + "\",\"redirect_uri\":\"" + app.redirectUri()
                        + "\"}");
        assertThat(badSecret.statusCode()).isEqualTo(401);
        HttpResponse<String> badRedirect = send("POST", kommo.baseUri(acme), "/oauth2/access_token", null,
                "{\"client_id\":\"" + app.clientId() + "\",\"client_secret\":\"" + app.clientSecret()
                        + "\",\"grant_type\":\"authorization_code\",\"code\":\"" + code
                        + "\",\"redirect_uri\":\"https://evil.example/cb\"}");
        assertThat(badRedirect.statusCode()).isEqualTo(400);
        assertThat(app.toString()).doesNotContain(app.clientSecret());
    }

    @Test
    @DisplayName("long-lived tokens honour their lifetime and the 1 day to 5 years range")
    void longLivedTokens() {
        String token = acme.issueLongLivedToken(Duration.ofDays(2));
        assertThat(get(kommo.baseUri(acme), "/api/v4/account", token).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofDays(2));
        assertThat(get(kommo.baseUri(acme), "/api/v4/account", token).statusCode()).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> acme.issueLongLivedToken(Duration.ofHours(1)))
                .isInstanceOf(SandboxException.class).hasMessageContaining("1 day");
    }
}
