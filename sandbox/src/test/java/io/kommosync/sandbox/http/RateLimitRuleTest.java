package io.kommosync.sandbox.http;

import static io.kommosync.sandbox.http.RateLimitRule.Decision.ADMIT;
import static io.kommosync.sandbox.http.RateLimitRule.Decision.BLOCK;
import static io.kommosync.sandbox.http.RateLimitRule.Decision.THROTTLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateLimitRuleTest {

    private static final long MS = 1_000_000L;

    @Test
    @DisplayName("admits N per rolling window, throttles the rest, and admits again once the window slides")
    void rollingWindow() {
        RateLimitRule rule = RateLimitRule.perWindow(7, Duration.ofSeconds(1)).build();
        List<RateLimitRule.Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            decisions.add(rule.evaluate("k", i * 10 * MS));
        }
        assertThat(decisions).containsExactly(ADMIT, ADMIT, ADMIT, ADMIT, ADMIT, ADMIT, ADMIT, THROTTLE, THROTTLE);
        assertThat(rule.evaluate("k", 999 * MS)).isEqualTo(THROTTLE);
        assertThat(rule.evaluate("k", 1000 * MS)).as("the first admission left the window").isEqualTo(ADMIT);
        assertThat(rule.evaluate("k", 1001 * MS)).isEqualTo(THROTTLE);
        assertThat(rule.evaluate("k", 1010 * MS)).isEqualTo(ADMIT);
    }

    @Test
    @DisplayName("keys have separate budgets")
    void separateKeys() {
        RateLimitRule rule = RateLimitRule.perWindow(1, Duration.ofSeconds(1)).build();
        assertThat(rule.evaluate("a", 0)).isEqualTo(ADMIT);
        assertThat(rule.evaluate("b", 0)).isEqualTo(ADMIT);
        assertThat(rule.evaluate("a", 1)).isEqualTo(THROTTLE);
    }

    @Test
    @DisplayName("K consecutive throttled requests block the key until unblocked, whatever time passes")
    void abuseBlocks() {
        RateLimitRule rule = RateLimitRule.perWindow(2, Duration.ofSeconds(1))
                .withAbuseBlocking(3, Duration.ofSeconds(10)).build();
        assertThat(rule.evaluate("k", 0)).isEqualTo(ADMIT);
        assertThat(rule.evaluate("k", 1)).isEqualTo(ADMIT);
        assertThat(rule.evaluate("k", 2)).isEqualTo(THROTTLE);
        assertThat(rule.evaluate("k", 3)).isEqualTo(THROTTLE);
        assertThat(rule.evaluate("k", 4)).isEqualTo(BLOCK);
        assertThat(rule.evaluate("k", 60_000 * MS)).isEqualTo(BLOCK);
        assertThat(rule.blockedKeys()).containsExactly("k");

        assertThat(rule.unblock("k")).isTrue();
        assertThat(rule.evaluate("k", 60_001 * MS)).isEqualTo(ADMIT);
    }

    @Test
    @DisplayName("an admitted request breaks the abusive streak, and so does the streak outlasting its period")
    void streakResets() {
        RateLimitRule rule = RateLimitRule.perWindow(1, Duration.ofMillis(100))
                .withAbuseBlocking(3, Duration.ofMillis(50)).build();
        assertThat(rule.evaluate("k", 0)).isEqualTo(ADMIT);
        assertThat(rule.evaluate("k", 10 * MS)).isEqualTo(THROTTLE);
        assertThat(rule.evaluate("k", 20 * MS)).isEqualTo(THROTTLE);
        assertThat(rule.evaluate("k", 100 * MS)).isEqualTo(ADMIT); // streak broken
        assertThat(rule.evaluate("k", 110 * MS)).isEqualTo(THROTTLE);
        assertThat(rule.evaluate("k", 120 * MS)).isEqualTo(THROTTLE);
        assertThat(rule.evaluate("k", 175 * MS)).as("110 and 120 are older than 50 ms: the streak restarts")
                .isEqualTo(THROTTLE);
        assertThat(rule.evaluate("k", 180 * MS)).isEqualTo(THROTTLE);
        assertThat(rule.evaluate("k", 185 * MS)).isEqualTo(BLOCK);
    }

    @Test
    @DisplayName("429 and 403 answers are nginx HTML pages; Retry-After only when configured")
    void responses() {
        RateLimitRule plain = RateLimitRule.perWindow(7, Duration.ofSeconds(1)).build();
        assertThat(plain.throttledResponse().status()).isEqualTo(429);
        assertThat(plain.throttledResponse().headers()).containsEntry("Content-Type", SimulatedResponse.TEXT_HTML)
                .doesNotContainKey("Retry-After");
        assertThat(plain.throttledResponse().bodyText()).contains("429 Too Many Requests", "nginx");
        assertThat(plain.blockedResponse().bodyText()).contains("<h1>403 Forbidden</h1>", "nginx");

        RateLimitRule polite = RateLimitRule.perWindow(7, Duration.ofSeconds(1))
                .withRetryAfter(Duration.ofSeconds(2)).build();
        assertThat(polite.throttledResponse().headers()).containsEntry("Retry-After", "2");
    }

    @Test
    @DisplayName("a limit below one or a non-positive window is refused with the field named")
    void validation() {
        assertThatThrownBy(() -> RateLimitRule.perWindow(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> RateLimitRule.perWindow(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }
}
