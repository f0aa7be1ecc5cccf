package io.kommosync.sage.cloud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Request;
import feign.Response;
import io.kommosync.client.http.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SageErrorDecoderTest {

    private final SageErrorDecoder decoder = new SageErrorDecoder(JsonMapper.create(), Clock.systemUTC());

    @Test
    void readsEveryEntryOfSagesErrorArray() {
        List<SageWire.Error> errors = decoder.parse("[{\"$severity\":\"error\",\"$dataCode\":\"RecordInvalid\","
                + "\"$message\":\"can't be blank\",\"$source\":\"contact_id\"},{\"$severity\":\"error\","
                + "\"$dataCode\":\"AuthorizationFailure\",\"$message\":\"No active subscription. (MSE)\",\"$source\":\"\"}]");
        assertThat(errors).extracting(SageWire.Error::dataCode, SageWire.Error::message, SageWire.Error::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("RecordInvalid", "can't be blank", "contact_id"),
                        org.assertj.core.groups.Tuple.tuple("AuthorizationFailure", "No active subscription. (MSE)", ""));
    }

    @Test
    void readsASingleErrorObjectAndAnOAuthError() {
        assertThat(decoder.parse("{\"$dataCode\":\"RecordNotFound\",\"$message\":\"gone\"}"))
                .extracting(SageWire.Error::dataCode).containsExactly("RecordNotFound");
        assertThat(decoder.parse("{\"error\":\"invalid_grant\"}")).extracting(SageWire.Error::dataCode)
                .containsExactly("invalid_grant");
    }

    @Test
    void leavesTheListEmptyForAnHtmlPageOrNoBody() {
        assertThat(decoder.parse("<html><body>502 Bad Gateway</body></html>")).isEmpty();
        assertThat(decoder.parse("")).isEmpty();
    }

    @Test
    void keepsStatusRetryAfterAndRequestIdButNeverShowsTheToken() {
        Request request = Request.create(Request.HttpMethod.GET, "https://api.accounting.sage.com/v3.1/contacts",
                Map.of("Authorization", List.of("Bearer secret-token-123")), null, StandardCharsets.UTF_8, null);
        Map<String, Collection<String>> headers = Map.of("Retry-After", List.of("7"), "X-Request-Id", List.of("req-9"));
        Response response = Response.builder().status(429).request(request).headers(headers)
                .body("[{\"$severity\":\"error\",\"$dataCode\":\"TooManyRequests\",\"$message\":\"slow down\","
                        + "\"$source\":\"\"}]", StandardCharsets.UTF_8).build();
        SageHttpFailure failure = (SageHttpFailure) decoder.decode("SageApi#contacts", response);
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.requestId()).contains("req-9");
        assertThat(failure.rejectedToken()).map(t -> t.reveal()).contains("secret-token-123");
        assertThat(failure.getMessage()).contains("slow down").doesNotContain("secret-token-123");
        assertThat(failure.toString()).doesNotContain("secret-token-123");
    }
}
