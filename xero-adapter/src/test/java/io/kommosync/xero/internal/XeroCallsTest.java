package io.kommosync.xero.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.client.Secret;
import io.kommosync.client.http.JsonMapper;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.retry.RetrySettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Running calls to Xero")
class XeroCallsTest {

    private final XeroCalls calls = new XeroCalls(new XeroFailures(JsonMapper.create()), RetrySettings.noBackoff(3),
            AccessTokenProvider.fixed(Secret.of("token")), true);
    private final AtomicInteger attempts = new AtomicInteger();

    private Object failWith(RuntimeException failure) {
        attempts.incrementAndGet();
        throw failure;
    }

    @Test
    @DisplayName("retries a 5xx and a minute 429 up to the attempts allowed")
    void retriesTransientFailures() {
        assertThatThrownBy(() -> calls.call("invoice", () -> failWith(new XeroHttpException(503, "", null, null,
                null, null)))).isInstanceOf(TransientAccountingException.class);
        assertThat(attempts).hasValue(3);
        attempts.set(0);
        assertThatThrownBy(() -> calls.call("invoice", () -> failWith(new XeroHttpException(429, "", null, "minute",
                Duration.ofSeconds(1), null)))).isInstanceOf(RateLimitedException.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    @DisplayName("never retries an exhausted day, a call our own limiter refused, or a validation error")
    void doesNotRetryTheRest() {
        assertThatThrownBy(() -> calls.call("invoice", () -> failWith(new XeroHttpException(429, "", null, "day",
                Duration.ofHours(3), null)))).isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> calls.call("invoice", () -> failWith(new ClientThrottledException(
                RateLimitedException.Window.SHORT, Duration.ofSeconds(40), "minute limit"))))
                .isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> calls.call("invoice", () -> failWith(new XeroHttpException(400, "{}", null, null,
                null, null)))).isInstanceOf(ValidationException.class);
        assertThat(attempts).hasValue(3);
    }
}
