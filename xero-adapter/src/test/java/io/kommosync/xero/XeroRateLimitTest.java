package io.kommosync.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.client.ratelimit.Sleeper;
import io.kommosync.client.ratelimit.Ticker;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sandbox.http.Fault;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.xero.XeroLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Xero rate limits")
class XeroRateLimitTest {

    private final XeroSimulatorFixture fixture = new XeroSimulatorFixture();
    private final List<XeroAccountingPort> ports = new ArrayList<>();

    @AfterEach
    void close() {
        ports.forEach(XeroAccountingPort::close);
        fixture.close();
    }

    private XeroAccountingPort port(XeroRateLimits limits) {
        XeroAccountingPort port = new XeroAccountingPortProvider().create(fixture.config()
                .put(XeroConfigKeys.TENANT_ID, fixture.org.tenantId()).attach(XeroRateLimits.class, limits).build());
        ports.add(port);
        return port;
    }

    private XeroAccountingPort port(XeroRateLimits limits, RetrySettings retries) {
        XeroAccountingPort port = new XeroAccountingPortProvider().create(fixture.config()
                .put(XeroConfigKeys.TENANT_ID, fixture.org.tenantId()).attach(XeroRateLimits.class, limits)
                .attach(RetrySettings.class, retries).build());
        ports.add(port);
        return port;
    }

    private int calls() {
        return fixture.xero.journal().count(null, "/api.xro/2.0/");
    }

    private String email() {
        return fixture.existing.email().orElseThrow();
    }

    /** A ticker and sleeper on one fake clock: sleeping moves it; every wait is recorded. */
    private static final class FakeTime implements Ticker, Sleeper {
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public long nanos() {
            return nanos.get();
        }

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
            nanos.addAndGet(duration.toNanos());
        }
    }

    @Test
    @DisplayName("keeps at most five calls per tenant in progress, so Xero never answers 429 for concurrency")
    void boundsConcurrency() throws Exception {
        fixture.xero.limits(XeroLimits.xero().withProcessingTime(Duration.ofMillis(120)));
        XeroAccountingPort port = port(XeroRateLimits.xeroDefaults());
        int threads = 12;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return port.findCustomerByEmail(email()).isPresent();
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(20, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixture.xero.journal().entries(e -> e.status() == 429)).isEmpty();
        assertThat(fixture.xero.journal().entries("GET", "/api.xro/2.0/Contacts")).hasSize(threads);
    }

    @Test
    @DisplayName("maps Xero's concurrency 429 to Window.CONCURRENCY")
    void mapsConcurrency429() throws Exception {
        fixture.xero.limits(XeroLimits.xero().withConcurrent(1).withProcessingTime(Duration.ofMillis(500)));
        XeroAccountingPort port = port(XeroRateLimits.xeroDefaults());
        CyclicBarrier start = new CyclicBarrier(3);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        port.findCustomerByEmail(email());
                    } catch (RateLimitedException e) {
                        failures.add(e);
                    }
                    return null;
                }));
            }
            for (Future<?> r : results) {
                r.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isNotEmpty().allSatisfy(f -> {
            RateLimitedException e = (RateLimitedException) f;
            assertThat(e.window()).isEqualTo(RateLimitedException.Window.CONCURRENCY);
            assertThat(e.httpStatus()).hasValue(429);
            assertThat(e.operation()).isEqualTo("findCustomerByEmail");
        });
    }

    @Test
    @DisplayName("waits for the minute window on our side instead of earning a 429")
    void waitsForTheMinuteWindow() {
        FakeTime time = new FakeTime();
        XeroAccountingPort port = port(XeroRateLimits.builder().minuteLimit(3).maxWait(Duration.ofMinutes(2))
                .ticker(time).sleeper(time).build());
        for (int i = 0; i < 4; i++) {
            assertThat(port.findCustomerByEmail(email())).isPresent();
        }
        Duration waited = time.waits.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(waited).as("the fourth call waited for the first to leave the window")
                .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));
        assertThat(fixture.xero.journal().entries(e -> e.status() == 429)).isEmpty();
    }

    @Test
    @DisplayName("fails with a SHORT RateLimitedException, without calling Xero, when the wait is too long")
    void failsWhenTheWaitIsTooLong() {
        FakeTime time = new FakeTime();
        XeroAccountingPort port = port(XeroRateLimits.builder().minuteLimit(2).maxWait(Duration.ofSeconds(5))
                .ticker(time).sleeper(time).build());
        port.findCustomerByEmail(email());
        port.findCustomerByEmail(email());
        int before = calls();
        assertThatThrownBy(() -> port.findCustomerByEmail(email())).isInstanceOfSatisfying(RateLimitedException.class,
                e -> {
                    assertThat(e.window()).isEqualTo(RateLimitedException.Window.SHORT);
                    assertThat(e.retryAfter())
                            .hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(5)));
                    assertThat(e.httpStatus()).isEmpty();
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(calls()).isEqualTo(before);
    }

    @Test
    @DisplayName("maps Xero's minute 429 to Window.SHORT with its Retry-After")
    void mapsMinute429() {
        fixture.xero.limits(XeroLimits.xero().withPerMinute(1));
        XeroAccountingPort port = port(XeroRateLimits.xeroDefaults());
        port.findCustomerByEmail(email());
        assertThatThrownBy(() -> port.findCustomerByEmail(email())).isInstanceOfSatisfying(RateLimitedException.class,
                e -> {
                    assertThat(e.window()).isEqualTo(RateLimitedException.Window.SHORT);
                    assertThat(e.httpStatus()).hasValue(429);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(1),
                            Duration.ofSeconds(60)));
                });
    }

    @Test
    @DisplayName("parks the tenant after a daily-limit 429 until the window resets, without calling Xero meanwhile")
    void parksAfterTheDailyLimit() {
        fixture.xero.limits(XeroLimits.xero().withPerDay(2));
        XeroAccountingPort port = port(XeroRateLimits.xeroDefaults(), RetrySettings.noBackoff(3));
        port.findCustomerByEmail(email());
        port.findCustomerByEmail(email());
        assertThatThrownBy(() -> port.findCustomerByEmail(email())).isInstanceOfSatisfying(RateLimitedException.class,
                e -> {
                    assertThat(e.window()).isEqualTo(RateLimitedException.Window.DAILY);
                    assertThat(e.httpStatus()).hasValue(429);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d)
                            .isBetween(Duration.ofHours(23), Duration.ofHours(24)));
                });
        assertThat(fixture.xero.journal().entries(e -> e.status() == 429)).as("the daily 429 is not retried")
                .hasSize(1);
        int before = calls();
        assertThatThrownBy(() -> port.findCustomerByEmail(email())).isInstanceOfSatisfying(RateLimitedException.class,
                e -> {
                    assertThat(e.window()).isEqualTo(RateLimitedException.Window.DAILY);
                    assertThat(e.httpStatus()).as("stopped on our side").isEmpty();
                });
        assertThat(calls()).isEqualTo(before);
        assertThat(port.rateLimits().parkedUntil(fixture.org.tenantId(), fixture.clock)).isPresent();

        fixture.clock.advance(Duration.ofDays(1));
        assertThat(port.findCustomerByEmail(email())).isPresent();
    }

    @Test
    @DisplayName("keeps the configured daily allowance (1,000 on Xero's smallest tier) on our side")
    void keepsTheDailyAllowance() {
        XeroAccountingPort port = new XeroAccountingPortProvider().create(fixture.config()
                .put(XeroConfigKeys.TENANT_ID, fixture.org.tenantId()).put(XeroConfigKeys.DAILY_LIMIT, "2").build());
        ports.add(port);
        assertThat(port.rateLimits().dailyLimit()).isEqualTo(2);
        port.findCustomerByEmail(email());
        port.findCustomerByEmail(email());
        int before = calls();
        assertThatThrownBy(() -> port.findCustomerByEmail(email())).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.window()).isEqualTo(RateLimitedException.Window.DAILY));
        assertThat(calls()).isEqualTo(before);
        assertThat(XeroRateLimits.STARTER_TIER_DAILY_LIMIT).isEqualTo(1000);
    }

    @Test
    @DisplayName("reads X-MinLimit-Remaining and X-DayLimit-Remaining from Xero's answers")
    void readsQuotaHeaders() {
        XeroAccountingPort port = port(XeroRateLimits.xeroDefaults());
        assertThat(port.quota()).isEmpty();
        port.findCustomerByEmail(email());
        port.findCustomerByEmail(email());
        assertThat(port.quota()).hasValueSatisfying(q -> {
            assertThat(q.minuteRemaining()).hasValue(58);
            assertThat(q.dayRemaining()).hasValue(4998);
            assertThat(q.appMinuteRemaining()).hasValue(9998);
            assertThat(q.observedAt()).isEqualTo(fixture.clock.instant());
        });
    }

    @Test
    @DisplayName("retries a 503 and a minute 429 in-call, honouring Retry-After, with the same idempotency key")
    void retriesTransientFailures() {
        XeroAccountingPort port = port(XeroRateLimits.xeroDefaults(), RetrySettings.noBackoff(3));
        fixture.xero.faultPlan().scriptNext(1, "GET", "/api.xro/2.0/Contacts", Fault.htmlError(503));
        fixture.xero.faultPlan().scriptNext(1, "GET", "/api.xro/2.0/Contacts", Fault.respond(
                io.kommosync.sandbox.http.SimulatedResponse.empty(429).withHeader("Retry-After", "1")
                        .withHeader("X-Rate-Limit-Problem", "minute")));
        assertThat(port.findCustomerByEmail(email())).isPresent();
        assertThat(fixture.xero.journal().entries("GET", "/api.xro/2.0/Contacts"))
                .extracting(JournalEntry::status).containsExactly(503, 429, 200);
        Optional<XeroQuota> quota = port.quota();
        assertThat(quota).isPresent();
    }

    @Test
    @DisplayName("shares one budget between two ports given the same XeroRateLimits")
    void sharesABudget() {
        FakeTime time = new FakeTime();
        XeroRateLimits shared = XeroRateLimits.builder().minuteLimit(2).maxWait(Duration.ZERO).ticker(time)
                .sleeper(time).build();
        XeroAccountingPort a = port(shared);
        XeroAccountingPort b = port(shared);
        a.findCustomerByEmail(email());
        b.findCustomerByEmail(email());
        assertThatThrownBy(() -> a.findCustomerByEmail(email())).isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> b.findCustomerByEmail(email())).isInstanceOf(RateLimitedException.class);
    }
}
