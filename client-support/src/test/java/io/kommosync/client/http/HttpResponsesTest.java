package io.kommosync.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Request;
import feign.Response;
import io.kommosync.client.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Response helpers for error decoders")
class HttpResponsesTest {

    private final FakeClock clock = FakeClock.at("2015-10-21T07:27:00Z");

    private static Response response(Map<String, Collection<String>> headers, byte[] body) {
        Request request = Request.create(Request.HttpMethod.GET, "http://localhost/x", Map.of(), null,
            StandardCharsets.UTF_8, null);
        Response.Builder builder = Response.builder().status(429).reason("Too Many Requests").request(request)
            .headers(headers);
        if (body != null) {
            builder.body(body);
        }
        return builder.build();
    }

    @Test
    @DisplayName("Retry-After in delta-seconds")
    void retryAfterSeconds() {
        Response response = response(Map.of("retry-after", List.of("120")), null);

        assertThat(HttpResponses.retryAfter(response, clock)).contains(Duration.ofSeconds(120));
    }

    @Test
    @DisplayName("Retry-After as an HTTP-date, measured from the injected clock")
    void retryAfterDate() {
        Response response = response(Map.of("Retry-After", List.of("Wed, 21 Oct 2015 07:28:00 GMT")), null);

        assertThat(HttpResponses.retryAfter(response, clock)).contains(Duration.ofSeconds(60));
    }

    @Test
    @DisplayName("Retry-After that is negative, garbage, overflowing, blank, absent or in the past is empty")
    void retryAfterGarbage() {
        for (String value : new String[] {"-5", "soon", "1.5", "99999999999999999999", " ", "",
            "Wed, 21 Oct 2015 07:00:00 GMT"}) {
            assertThat(HttpResponses.parseRetryAfter(value, clock)).as("'%s'", value).isEmpty();
        }
        assertThat(HttpResponses.parseRetryAfter(null, clock)).isEmpty();
        assertThat(HttpResponses.retryAfter(response(Map.of(), null), clock)).isEmpty();
    }

    @Test
    @DisplayName("finds the first header value whatever the name's case")
    void headersCaseInsensitive() {
        Response response = response(Map.of("X-Request-Id", List.of("abc", "def")), null);

        assertThat(HttpResponses.firstHeader(response, "x-request-id")).contains("abc");
        assertThat(HttpResponses.firstHeader(response, "X-Missing")).isEmpty();
    }

    @Test
    @DisplayName("reads a body up to the cap and never fails on a missing one")
    void bodyReading() {
        byte[] big = new byte[HttpResponses.DEFAULT_BODY_LIMIT + 10_000];
        java.util.Arrays.fill(big, (byte) 'x');

        assertThat(HttpResponses.bodyBytes(response(Map.of(), big))).hasSize(HttpResponses.DEFAULT_BODY_LIMIT);
        assertThat(HttpResponses.bodyBytes(response(Map.of(), big), 10)).hasSize(10);
        assertThat(HttpResponses.bodyText(response(Map.of(), "{\"error\":\"ü\"}".getBytes(StandardCharsets.UTF_8))))
            .isEqualTo("{\"error\":\"ü\"}");
        assertThat(HttpResponses.bodyBytes(response(Map.of(), null))).isEmpty();
        assertThat(HttpResponses.bodyText(response(Map.of(), null))).isEmpty();
    }
}
