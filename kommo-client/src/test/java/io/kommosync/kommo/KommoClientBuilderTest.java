package io.kommosync.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.kommosync.kommo.KommoStubs.hal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kommosync.client.Secret;
import io.kommosync.client.ratelimit.RateLimiter;
import io.kommosync.client.retry.RetrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("KommoClient builder and rate limiting")
class KommoClientBuilderTest {

    @RegisterExtension
    static WireMockExtension server = KommoStubs.server();

    private static final KommoCredentials TOKEN = KommoCredentials.longLived(Secret.of("t-123"));

    @ParameterizedTest
    @ValueSource(strings = {"https://acme.kommo.com", "https://acme.amocrm.com/", "https://ACME.amocrm.ru",
        "http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:8080"})
    @DisplayName("accepts https account domains, stored whole, and plain http only on loopback")
    void acceptedBaseUrls(String url) {
        KommoClient client = KommoClient.builder().baseUrl(url).credentials(TOKEN).build();

        assertThat(client.baseUrl().toString()).doesNotEndWith("/").isEqualToIgnoringCase(url.replaceAll("/$", ""));
        assertThat(client.baseUrl().getHost()).isLowerCase();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://acme.kommo.com", "acme.kommo.com", "https://acme.kommo.com/api/v4",
        "https://acme.kommo.com?x=1", "https://user:pw@acme.kommo.com", "ftp://acme.kommo.com"})
    @DisplayName("rejects URLs that are not a bare https domain, naming the fix")
    void rejectedBaseUrls(String url) {
        assertThatThrownBy(() -> KommoClient.builder().baseUrl(url)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("baseUrl");
    }

    @Test
    @DisplayName("missing base URL or credentials are named at build time")
    void requiredSettings() {
        assertThatThrownBy(() -> KommoClient.builder().credentials(TOKEN).build())
            .isInstanceOf(NullPointerException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> KommoClient.builder().baseUrl("https://acme.kommo.com").build())
            .isInstanceOf(NullPointerException.class).hasMessageContaining("credentials");
        assertThatThrownBy(() -> KommoClient.builder().rateLimit(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("requestsPerSecond");
    }

    @Test
    @DisplayName("the token appears in no toString")
    void noSecretsInToString() {
        KommoClient client = KommoClient.builder().baseUrl("https://acme.kommo.com").credentials(TOKEN).build();

        assertThat(client.toString()).isEqualTo("KommoClient[https://acme.kommo.com, long-lived token]");
        assertThat(TOKEN.toString()).doesNotContain("t-123");
    }

    @Test
    @DisplayName("the rate limiter is acquired before every HTTP attempt, retries included, under the shared key")
    void limiterBeforeEveryAttempt() {
        RecordingLimiter limiter = new RecordingLimiter();
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).inScenario("429").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).inScenario("429").whenScenarioStateIs("ok")
            .willReturn(hal("account.json")));
        KommoClient first = KommoStubs.client(server).rateLimiter(limiter, "integration-42").build();
        KommoClient second = KommoStubs.client(server).rateLimiter(limiter, "integration-42").build();

        first.account().get();
        second.account().get();

        assertThat(limiter.keys).containsExactly("integration-42", "integration-42", "integration-42");
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/account")))).hasSize(3);
    }

    @Test
    @DisplayName("with the default limiter, 15 calls from 8 threads on a cold client never put more than 7 arrivals in"
        + " any second")
    void defaultLimiterHoldsUnderConcurrency() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).willReturn(hal("account.json")));
        KommoClient kommo = KommoClient.builder().baseUrl(URI.create(server.baseUrl())).credentials(TOKEN)
            .retry(RetrySettings.noBackoff(1)).build();
        int calls = 15;
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = calls / threads + (t < calls % threads ? 1 : 0);
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < share; i++) {
                        kommo.account().get();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        List<Long> arrivals = new ArrayList<>(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/account")))
            .stream().map(LoggedRequest::getLoggedDate).map(date -> date.getTime()).toList());
        Collections.sort(arrivals);
        assertThat(arrivals).hasSize(calls);
        assertThat(maxInAnyWindow(arrivals, Duration.ofSeconds(1))).isLessThanOrEqualTo(7);
        assertThat(arrivals.get(calls - 1) - arrivals.get(0)).isGreaterThanOrEqualTo(2 * 1000);
    }

    private static int maxInAnyWindow(List<Long> sortedMillis, Duration window) {
        int max = 0;
        int from = 0;
        for (int to = 0; to < sortedMillis.size(); to++) {
            while (sortedMillis.get(to) - sortedMillis.get(from) >= window.toMillis()) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    /** Records every acquire; never blocks. */
    private static final class RecordingLimiter implements RateLimiter {
        final List<String> keys = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void acquire(String key) {
            keys.add(key);
        }

        @Override
        public boolean tryAcquire(String key) {
            keys.add(key);
            return true;
        }

        @Override
        public Duration timeUntilNextPermit(String key) {
            return Duration.ZERO;
        }
    }
}
