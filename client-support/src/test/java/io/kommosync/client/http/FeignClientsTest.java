package io.kommosync.client.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.RetryableException;
import feign.codec.ErrorDecoder;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.AccessTokenProvider;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(20)
@DisplayName("Feign builder defaults")
class FeignClientsTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    record Amount(String id, BigDecimal total, BigDecimal tax) {
    }

    interface Ledger {
        @RequestLine("GET /amounts/{id}")
        Amount amount(@Param("id") String id);

        @RequestLine("GET /raw/{id}")
        Map<String, Object> raw(@Param("id") String id);

        @RequestLine("POST /amounts")
        @Headers("Content-Type: application/json")
        Amount create(Amount amount);
    }

    /** What a vendor error decoder produces. */
    static final class VendorException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final Optional<Duration> retryAfter;
        final String body;

        VendorException(int status, Optional<Duration> retryAfter, String body) {
            super("vendor answered " + status);
            this.status = status;
            this.retryAfter = retryAfter;
            this.body = body;
        }
    }

    private final List<Integer> decodedStatuses = new CopyOnWriteArrayList<>();

    private final ErrorDecoder errorDecoder = (methodKey, response) -> {
        decodedStatuses.add(response.status());
        return new VendorException(response.status(), HttpResponses.retryAfter(response, Clock.systemUTC()),
            HttpResponses.bodyText(response));
    };

    private Ledger ledger(HttpOptions options) {
        return FeignClients.builder(options, JsonMapper.create(), errorDecoder)
            .target(Ledger.class, server.baseUrl());
    }

    @Test
    @DisplayName("decodes money exactly, typed and untyped, and encodes it plainly")
    void exactDecimals() {
        server.stubFor(get("/amounts/1").willReturn(okJson("{\"id\":\"1\",\"total\":0.3,\"tax\":0.1,\"x\":1}")));
        server.stubFor(get("/raw/1").willReturn(okJson("{\"a\":0.1,\"b\":0.2}")));
        server.stubFor(post("/amounts").willReturn(okJson("{\"id\":\"2\",\"total\":1000.10}")));

        Ledger ledger = ledger(HttpOptions.defaults());
        Amount amount = ledger.amount("1");
        Map<String, Object> raw = ledger.raw("1");
        Amount created = ledger.create(new Amount(null, new BigDecimal("1.0E+3"), null));

        assertThat(amount.total().subtract(amount.tax())).isEqualTo(new BigDecimal("0.2"));
        assertThat(((BigDecimal) raw.get("a")).add((BigDecimal) raw.get("b"))).isEqualTo(new BigDecimal("0.3"));
        assertThat(created.total()).isEqualTo(new BigDecimal("1000.10"));
        server.verify(postRequestedFor(urlEqualTo("/amounts")).withRequestBody(equalToJson("{\"total\":1000}")));
    }

    @Test
    @DisplayName("sends the configured User-Agent")
    void userAgent() {
        server.stubFor(get("/amounts/1").willReturn(okJson("{\"id\":\"1\"}")));

        ledger(HttpOptions.defaults().withUserAgent("acme-sync/2.0")).amount("1");

        server.verify(getRequestedFor(urlEqualTo("/amounts/1")).withHeader("User-Agent", equalTo("acme-sync/2.0")));
    }

    @Test
    @DisplayName("hands every error status, 404 included, to the error decoder and sends the request once")
    void errorsGoThroughTheDecoderWithoutRetry() {
        server.stubFor(get("/amounts/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")
            .withBody("{\"message\":\"try later\"}")));
        server.stubFor(get("/amounts/gone").willReturn(aResponse().withStatus(404)));
        Ledger ledger = ledger(HttpOptions.defaults());

        assertThatThrownBy(() -> ledger.amount("busy"))
            .isInstanceOfSatisfying(VendorException.class, e -> {
                assertThat(e.status).isEqualTo(503);
                assertThat(e.retryAfter).contains(Duration.ofSeconds(7));
                assertThat(e.body).contains("try later");
            });
        assertThatThrownBy(() -> ledger.amount("gone"))
            .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.status).isEqualTo(404));

        assertThat(decodedStatuses).containsExactly(503, 404);
        server.verify(1, getRequestedFor(urlEqualTo("/amounts/busy")));
        server.verify(1, getRequestedFor(urlEqualTo("/amounts/gone")));
    }

    @Test
    @DisplayName("does not retry even when the error decoder returns a RetryableException")
    void feignNeverRetries() {
        server.stubFor(get("/amounts/flaky").willReturn(aResponse().withStatus(502)));
        Ledger ledger = FeignClients.builder(HttpOptions.defaults(), JsonMapper.create(),
                (methodKey, response) -> new RetryableException(response.status(), "bad gateway",
                    response.request().httpMethod(), (Long) null, response.request()))
            .target(Ledger.class, server.baseUrl());

        assertThatThrownBy(() -> ledger.amount("flaky")).isInstanceOf(RetryableException.class);

        server.verify(1, getRequestedFor(urlEqualTo("/amounts/flaky")));
    }

    @Test
    @DisplayName("applies the read timeout from the options")
    void readTimeout() {
        server.stubFor(get("/amounts/slow").willReturn(okJson("{}").withFixedDelay(1_000)));
        Ledger ledger = ledger(HttpOptions.defaults().withReadTimeout(Duration.ofMillis(150)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> ledger.amount("slow")).isInstanceOf(RetryableException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        server.verify(1, getRequestedFor(urlEqualTo("/amounts/slow")));
    }

    @Test
    @DisplayName("the bearer interceptor sends the provider's current token, which error decoders can read back")
    void bearerToken() {
        server.stubFor(get("/amounts/1").willReturn(okJson("{\"id\":\"1\"}")));
        server.stubFor(get("/amounts/denied").willReturn(aResponse().withStatus(401)));
        List<Optional<Secret>> rejected = new CopyOnWriteArrayList<>();
        Ledger ledger = FeignClients.builder(HttpOptions.defaults(), JsonMapper.create(), (methodKey, response) -> {
                rejected.add(BearerTokenInterceptor.bearerToken(response.request()));
                return new VendorException(response.status(), Optional.empty(), "");
            })
            .requestInterceptor(new BearerTokenInterceptor(AccessTokenProvider.fixed(Secret.of("tok-123"))))
            .target(Ledger.class, server.baseUrl());

        ledger.amount("1");
        assertThatThrownBy(() -> ledger.amount("denied")).isInstanceOf(VendorException.class);

        server.verify(getRequestedFor(urlEqualTo("/amounts/1")).withHeader("Authorization", equalTo("Bearer tok-123")));
        assertThat(rejected).containsExactly(Optional.of(Secret.of("tok-123")));
    }

    @Test
    @DisplayName("the overload over an existing OkHttp client keeps that client's timeouts")
    void existingClient() {
        okhttp3.OkHttpClient client = new okhttp3.OkHttpClient.Builder().readTimeout(Duration.ofMillis(150)).build();
        server.stubFor(get("/amounts/slow").willReturn(okJson("{}").withFixedDelay(1_000)));
        Ledger ledger = FeignClients.builder(client, "acme/1", JsonMapper.create(), errorDecoder)
            .target(Ledger.class, server.baseUrl());

        assertThatThrownBy(() -> ledger.amount("slow")).isInstanceOf(RetryableException.class);
        server.verify(getRequestedFor(urlEqualTo("/amounts/slow")).withHeader("User-Agent", equalTo("acme/1")));
    }
}
