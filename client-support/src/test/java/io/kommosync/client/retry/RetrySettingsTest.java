package io.kommosync.client.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retry settings")
class RetrySettingsTest {

    @Test
    @DisplayName("defaults: 3 attempts, 200 ms doubling to 5 s, jitter 0.2, Retry-After up to 2 minutes")
    void defaults() {
        RetrySettings settings = RetrySettings.defaults();

        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.initialDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.maxDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.jitterFactor()).isEqualTo(0.2);
        assertThat(settings.maxRetryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.zeroDelays()).isFalse();
    }

    @Test
    @DisplayName("noBackoff keeps the attempts and zeroes every delay")
    void noBackoff() {
        RetrySettings settings = RetrySettings.noBackoff(4);

        assertThat(settings.maxAttempts()).isEqualTo(4);
        assertThat(settings.initialDelay()).isZero();
        assertThat(settings.zeroDelays()).isTrue();
    }

    @Test
    @DisplayName("rejects out-of-range values naming the field and the fix")
    void validation() {
        assertThatThrownBy(() -> RetrySettings.defaults().withMaxAttempts(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts")
            .hasMessageContaining("use 1");
        assertThatThrownBy(() -> RetrySettings.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay")
            .hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> RetrySettings.defaults().withJitterFactor(1.5))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitterFactor");
        assertThatThrownBy(() -> RetrySettings.defaults().withJitterFactor(Double.NaN))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitterFactor");
        assertThatThrownBy(() -> RetrySettings.defaults().withMaxRetryAfter(Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetryAfter");
        assertThatThrownBy(() -> new RetrySettings(3, null, Duration.ZERO, 0, Duration.ZERO))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("initialDelay");
    }
}
