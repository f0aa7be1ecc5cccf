package io.kommosync.sandbox.kommo;

import static io.kommosync.sandbox.TestHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.http.RateLimitRule;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KommoRateLimitTest {

    @Test
    @DisplayName("past 7 requests per second an integration gets 429 with an HTML body; admitted calls stay within 7/s")
    void throttlesAtSevenPerSecond() {
        try (KommoSimulator kommo = KommoSimulator.start()) {
            SandboxAccount acme = kommo.createAccount("acme");
            String token = acme.issueLongLivedToken();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (int i = 0; i < 200 && responses.stream().noneMatch(r -> r.statusCode() == 429); i++) {
                responses.add(get(kommo.baseUri(acme), "/api/v4/account", token)); // as fast as we can
            }

            assertThat(responses.subList(0, 7)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
            HttpResponse<String> throttled = responses.stream().filter(r -> r.statusCode() == 429).findFirst()
                    .orElseThrow(() -> new AssertionError("no 429 among " + responses));
            assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/html"));
            assertThat(throttled.body()).contains("429 Too Many Requests");
            assertThat(throttled.headers().firstValue("Retry-After")).isEmpty();
            assertThat(responses).noneMatch(r -> r.statusCode() == 403);
            assertThat(kommo.journal().maxInAnyWindow(Duration.ofSeconds(1), e -> e.status() == 200))
                    .isLessThanOrEqualTo(7);

            SandboxAccount other = kommo.createAccount("other");
            assertThat(get(kommo.baseUri(other), "/api/v4/account", other.issueLongLivedToken()).statusCode())
                    .as("another integration has its own budget").isEqualTo(200);
        }
    }

    @Test
    @DisplayName("persistent abuse blocks the integration with an nginx 403 on every call until unblocked")
    void persistentAbuseIsBlocked() {
        // A 5 s window keeps the streak of 429s unbroken even when the machine is slow to answer.
        try (KommoSimulator kommo = KommoSimulator.builder().rateLimit(RateLimitRule.perWindow(7,
                Duration.ofSeconds(5)).withAbuseBlocking(10, Duration.ofMinutes(1)).build()).start()) {
            SandboxAccount acme = kommo.createAccount("acme");
            String token = acme.issueLongLivedToken();
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 30; i++) {
                last = get(kommo.baseUri(acme), "/api/v4/leads", token);
                statuses.add(last.statusCode());
            }

            assertThat(statuses).contains(429);
            int firstBlocked = statuses.indexOf(403);
            assertThat(firstBlocked).as("blocked after the streak of 429s: %s", statuses).isPositive();
            assertThat(statuses.subList(firstBlocked, statuses.size())).containsOnly(403);
            assertThat(last.body()).contains("<h1>403 Forbidden</h1>", "nginx");
            assertThat(kommo.rateLimit().orElseThrow().blockedKeys()).containsExactly(kommo.rateLimitKey(acme));
            assertThat(kommo.journal().entries(e -> e.status() == 403))
                    .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(JournalEntry.Outcome.BLOCKED));

            assertThat(kommo.unblock(acme)).isTrue();
            assertThat(get(kommo.baseUri(acme), "/api/v4/leads", token).statusCode()).isNotEqualTo(403);
        }
    }
}
