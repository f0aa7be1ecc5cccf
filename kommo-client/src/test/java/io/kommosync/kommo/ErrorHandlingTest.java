package io.kommosync.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.kommosync.kommo.KommoStubs.hal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kommosync.client.retry.RetrySettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Errors and retries")
class ErrorHandlingTest {

    @RegisterExtension
    static WireMockExtension server = KommoStubs.server();

    private final KommoClient kommo = KommoStubs.client(server).build();

    @AfterEach
    void close() {
        kommo.close();
    }

    private static List<LeadPatch> onePatch() {
        return List.of(LeadPatch.of(152464).withField(FieldValueWrite.choice(184994, 5)));
    }

    @Test
    @DisplayName("a validation-errors 400 is a KommoValidationException with request_id, path, code, detail and"
        + " X-Request-Id, not retried")
    void validationErrors() {
        server.stubFor(patch(urlPathEqualTo("/api/v4/leads")).willReturn(aResponse().withStatus(400)
            .withHeader("Content-Type", KommoStubs.PROBLEM).withHeader("X-Request-Id", "req-7f3a")
            .withBodyFile("validation-error-400.json")));

        assertThatThrownBy(() -> kommo.leads().update(onePatch()))
            .isInstanceOfSatisfying(KommoValidationException.class, e -> {
                assertThat(e.errors()).containsExactly(new ValidationError("0", "custom_fields_values.0.field_id",
                    "NotSupportedChoice", "The value you selected is not a valid choice."));
                assertThat(e.httpStatus()).hasValue(400);
                assertThat(e.requestId()).contains("req-7f3a");
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("PATCH /api/v4/leads", "custom_fields_values.0.field_id",
                    "NotSupportedChoice", "item 0", "req-7f3a");
            });
        assertThat(server.findAll(patchRequestedFor(urlPathEqualTo("/api/v4/leads")))).hasSize(1);
    }

    @Test
    @DisplayName("a 422 with only a detail is a KommoValidationException without items")
    void unprocessable() {
        server.stubFor(post(urlPathEqualTo("/api/v4/leads/custom_fields")).willReturn(aResponse().withStatus(422)
            .withHeader("Content-Type", KommoStubs.PROBLEM)
            .withBody("{\"title\":\"Unprocessable Entity\",\"status\":422,\"detail\":\"Field code already exists\"}")));

        assertThatThrownBy(() -> kommo.leadCustomFields().create(List.of(NewCustomField.of(CustomFieldType.TEXT, "X"))))
            .isInstanceOfSatisfying(KommoValidationException.class, e -> {
                assertThat(e.errors()).isEmpty();
                assertThat(e.httpStatus()).hasValue(422);
                assertThat(e.getMessage()).contains("Field code already exists");
            });
    }

    @Test
    @DisplayName("an HTML 429 without Retry-After is retried and the call succeeds")
    void html429RetriedThenSucceeds() {
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/4821")).inScenario("throttle").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "text/html")
                .withBodyFile("nginx-429.html")).willSetStateTo("calm"));
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/4821")).inScenario("throttle").whenScenarioStateIs("calm")
            .willReturn(hal("lead-4821.json")));

        assertThat(kommo.leads().get(4821)).isPresent();
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/leads/4821")))).hasSize(2);
    }

    @Test
    @DisplayName("429s that never stop become a retryable KommoRateLimitedException after the last attempt,"
        + " with Retry-After read")
    void persistent429() {
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).willReturn(aResponse().withStatus(429)
            .withHeader("Retry-After", "3").withHeader("Content-Type", "text/html").withBodyFile("nginx-429.html")));

        assertThatThrownBy(() -> kommo.account().get())
            .isInstanceOfSatisfying(KommoRateLimitedException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                assertThat(e.httpStatus()).hasValue(429);
                assertThat(e.getMessage()).contains("HTML page '429 Too Many Requests'").doesNotContain("<html>");
            });
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/account")))).hasSize(3);
    }

    @Test
    @DisplayName("a 429 creating tasks is retried too: a throttled request was not processed")
    void throttledCreateIsRetried() {
        server.stubFor(post(urlPathEqualTo("/api/v4/tasks")).inScenario("t").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        server.stubFor(post(urlPathEqualTo("/api/v4/tasks")).inScenario("t").whenScenarioStateIs("ok")
            .willReturn(KommoStubs.halBody("{\"_embedded\":{\"tasks\":[{\"id\":1,\"request_id\":\"0\"}]}}")));

        assertThat(kommo.tasks().create(List.of(NewTask.forLead(5, "x", Instant.ofEpochSecond(1))))).containsExactly(1L);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/api/v4/tasks")))).hasSize(2);
    }

    @Test
    @DisplayName("an HTML 403 is a KommoAccessBlockedException, sent once and never retried")
    void html403NotRetried() {
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/4821")).willReturn(aResponse().withStatus(403)
            .withHeader("Content-Type", "text/html").withBodyFile("nginx-403.html")));

        assertThatThrownBy(() -> kommo.leads().get(4821))
            .isInstanceOfSatisfying(KommoAccessBlockedException.class, e -> {
                assertThat(e.htmlBody()).isTrue();
                assertThat(e.retryable()).isFalse();
                assertThat(e.httpStatus()).hasValue(403);
                assertThat(e.getMessage()).contains("blocked", "Kommo support");
            });
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/leads/4821")))).hasSize(1);
    }

    @Test
    @DisplayName("a JSON 403 names missing rights")
    void json403() {
        server.stubFor(get(urlPathEqualTo("/api/v4/webhooks")).willReturn(aResponse().withStatus(403)
            .withHeader("Content-Type", KommoStubs.PROBLEM)
            .withBody("{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"Only administrators\"}")));

        assertThatThrownBy(() -> kommo.webhooks().list())
            .isInstanceOfSatisfying(KommoAccessBlockedException.class, e -> {
                assertThat(e.htmlBody()).isFalse();
                assertThat(e.getMessage()).contains("Only administrators", "lacks the rights");
            });
    }

    @Test
    @DisplayName("a 402 is a KommoPaymentRequiredException, sent once and never retried")
    void paymentRequired() {
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/4821")).willReturn(aResponse().withStatus(402)
            .withHeader("Content-Type", KommoStubs.PROBLEM).withBodyFile("problem-402.json")));

        assertThatThrownBy(() -> kommo.leads().get(4821))
            .isInstanceOfSatisfying(KommoPaymentRequiredException.class, e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.httpStatus()).hasValue(402);
                assertThat(e.getMessage()).contains("Account is not paid", "renew");
            });
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/leads/4821")))).hasSize(1);
    }

    @Test
    @DisplayName("a 401 with a long-lived token is a KommoAuthenticationException at once, without the token")
    void longLivedUnauthorized() {
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).willReturn(aResponse().withStatus(401)
            .withHeader("Content-Type", KommoStubs.PROBLEM).withBodyFile("problem-401.json")));

        assertThatThrownBy(() -> kommo.account().get())
            .isInstanceOfSatisfying(KommoAuthenticationException.class, e -> {
                assertThat(e.httpStatus()).hasValue(401);
                assertThat(e.getMessage()).contains("long-lived token", "Keys and scopes")
                    .doesNotContain(KommoStubs.TOKEN);
                assertThat(e.getClass()).isEqualTo(KommoAuthenticationException.class);
            });
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/account")))).hasSize(1);
    }

    @Test
    @DisplayName("a 404 where an entity was expected is a KommoNotFoundException")
    void notFound() {
        server.stubFor(get(urlPathEqualTo("/api/v4/catalogs/999/elements")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> kommo.catalogs().elements(999, List.of(1L)))
            .isInstanceOf(KommoNotFoundException.class).hasMessageContaining("/api/v4/catalogs/999/elements");
    }

    @Test
    @DisplayName("a 502 on a read is retried; after the last attempt it is a retryable KommoUnavailableException")
    void serverErrorsOnReads() {
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).inScenario("5xx").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(502).withBody("<html><title>502 Bad Gateway</title></html>"))
            .willSetStateTo("up"));
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).inScenario("5xx").whenScenarioStateIs("up")
            .willReturn(hal("account.json")));

        assertThat(kommo.account().get().subdomain()).isEqualTo("example");

        server.stubFor(get(urlPathEqualTo("/api/v4/leads/1")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> kommo.leads().get(1))
            .isInstanceOfSatisfying(KommoUnavailableException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.httpStatus()).hasValue(503);
            });
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/leads/1")))).hasSize(3);
    }

    @Test
    @DisplayName("a 500 creating a task is not retried in-call: Kommo may have created it")
    void serverErrorOnCreateNotRetried() {
        server.stubFor(post(urlPathEqualTo("/api/v4/tasks")).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> kommo.tasks().create(List.of(NewTask.forLead(5, "x", Instant.ofEpochSecond(1)))))
            .isInstanceOfSatisfying(KommoUnavailableException.class,
                e -> assertThat(e.mayHaveBeenProcessed()).isTrue());
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/api/v4/tasks")))).hasSize(1);
    }

    @Test
    @DisplayName("a reset connection on a read is retried")
    void connectionResetRetried() {
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).inScenario("reset").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).inScenario("reset").whenScenarioStateIs("up")
            .willReturn(hal("account.json")));

        assertThat(kommo.account().get().id()).isEqualTo(30739638);
    }

    @Test
    @DisplayName("an HTML page with status 200 is a retryable KommoUnavailableException, not a parse error")
    void htmlWithSuccessStatus() {
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/html").withBody("<html><body>Maintenance</body></html>")));

        assertThatThrownBy(() -> kommo.account().get()).isInstanceOf(KommoUnavailableException.class)
            .hasMessageContaining("not the JSON");
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/account")))).hasSize(3);
    }

    @Test
    @DisplayName("a refused connection is a KommoUnavailableException that was certainly not processed, and a"
        + " create is retried then")
    void refusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KommoClient offline = KommoStubs.client(server).baseUrl(URI.create("http://127.0.0.1:" + closedPort))
            .retry(RetrySettings.noBackoff(2)).build();

        assertThatThrownBy(() -> offline.tasks().create(List.of(NewTask.forLead(5, "x", Instant.ofEpochSecond(1)))))
            .isInstanceOfSatisfying(KommoUnavailableException.class, e -> {
                assertThat(e.mayHaveBeenProcessed()).isFalse();
                assertThat(e.httpStatus()).isEmpty();
                assertThat(e.getMessage()).contains("POST /api/v4/tasks");
            });
    }

    @Test
    @DisplayName("an unexpected status is a plain, non-retryable KommoException with the status")
    void unexpectedStatus() {
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).willReturn(aResponse().withStatus(418)
            .withBody("teapot")));

        assertThatThrownBy(() -> kommo.account().get())
            .isInstanceOfSatisfying(KommoException.class, e -> {
                assertThat(e.getClass()).isEqualTo(KommoException.class);
                assertThat(e.httpStatus()).hasValue(418);
                assertThat(e.retryable()).isFalse();
            });
    }

    @Test
    @DisplayName("a closed client refuses further calls")
    void closedClient() {
        kommo.close();

        assertThatThrownBy(() -> kommo.account().get()).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
    }
}
