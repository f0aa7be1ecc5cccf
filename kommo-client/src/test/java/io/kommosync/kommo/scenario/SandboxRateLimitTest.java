package io.kommosync.kommo.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.http.RequestJournal;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.KommoSimulatorExtension;
import io.kommosync.sandbox.kommo.SandboxAccount;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The default limiter against the simulator, which enforces Kommo's 7 per rolling second on arrival times. */
@DisplayName("Rate limiting against the Kommo simulator")
class SandboxRateLimitTest {

    private static final int CALLS = 100;
    private static final int THREADS = 8;

    @RegisterExtension
    static KommoSimulatorExtension simulator = KommoSimulatorExtension.using(KommoSimulator::builder);

    @Test
    @Timeout(60)
    @DisplayName("100 calls from 8 threads through one client never put more than 7 arrivals in any rolling second,"
        + " and none is throttled")
    void hundredCallsFromEightThreads() throws Exception {
        KommoSimulator kommoSimulator = simulator.simulator();
        SandboxAccount acme = kommoSimulator.createAccount("acme");
        long leadId = acme.createLead("Rate limit probe", new BigDecimal("10")).id();
        KommoClient kommo = KommoClient.builder()
            .baseUrl(kommoSimulator.baseUri(acme))
            .credentials(KommoCredentials.longLived(Secret.of(acme.issueLongLivedToken())))
            .retry(RetrySettings.noBackoff(1))          // a 429 would surface instead of being retried away
            .build();
        AtomicInteger next = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    int done = 0;
                    for (int call = next.getAndIncrement(); call < CALLS; call = next.getAndIncrement()) {
                        if (call % 2 == 0) {
                            assertThat(kommo.leads().get(leadId)).isPresent();
                        } else {
                            assertThat(kommo.account().get().subdomain()).isEqualTo("acme");
                        }
                        done++;
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> worker : workers) {
                total += worker.get(50, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(CALLS);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            kommo.close();
        }

        RequestJournal journal = kommoSimulator.journal();
        assertThat(journal.count("GET", "/api/v4/")).isEqualTo(CALLS);
        assertThat(journal.maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(7);
        assertThat(journal.entries(entry -> entry.status() == 429)).isEmpty();
        assertThat(journal.entries()).extracting(JournalEntry::outcome).containsOnly(JournalEntry.Outcome.HANDLED);
    }
}
