package io.kommosync.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestJournalTest {

    private static final long MS = 1_000_000L;

    private static JournalEntry entry(long seq, long nanos, String method, String path, int status) {
        return new JournalEntry(seq, Instant.EPOCH, nanos, method, path, null, Map.of(), new byte[0], status,
                JournalEntry.Outcome.HANDLED);
    }

    private static RequestJournal journalAt(long... millis) {
        RequestJournal journal = new RequestJournal();
        for (int i = 0; i < millis.length; i++) {
            journal.record(entry(i + 1, millis[i] * MS, "GET", "/x", 200));
        }
        return journal;
    }

    @Test
    @DisplayName("maxInAnyWindow finds the densest half-open window, wherever it starts")
    void densestWindow() {
        RequestJournal journal = journalAt(0, 200, 400, 1000, 1100, 1150, 1190, 2500);

        assertThat(journal.maxInAnyWindow(Duration.ofSeconds(1))).isEqualTo(6); // [200, 1200)
        assertThat(journal.maxInAnyWindow(Duration.ofMillis(100))).isEqualTo(3); // [1100, 1200)
        assertThat(journal.maxInAnyWindow(Duration.ofSeconds(10))).isEqualTo(8);
    }

    @Test
    @DisplayName("a request exactly one window after another falls in the next window")
    void windowIsHalfOpen() {
        assertThat(journalAt(0, 1000).maxInAnyWindow(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(journalAt(0, 999).maxInAnyWindow(Duration.ofSeconds(1))).isEqualTo(2);
    }

    @Test
    @DisplayName("maxInAnyWindow agrees with a brute-force count on random arrivals, in any recording order")
    void agreesWithBruteForce() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            long[] times = random.longs(40, 0, 3000).toArray();
            RequestJournal journal = journalAt(times);
            long windowMs = 1 + random.nextInt(800);
            int brute = 0;
            for (long start : times) {
                int count = (int) Arrays.stream(times).filter(t -> t >= start && t < start + windowMs).count();
                brute = Math.max(brute, count);
            }
            assertThat(journal.maxInAnyWindow(Duration.ofMillis(windowMs))).as("round %d", round).isEqualTo(brute);
        }
    }

    @Test
    @DisplayName("maxInAnyWindow can count only the entries that match a filter")
    void filteredWindow() {
        RequestJournal journal = new RequestJournal();
        journal.record(entry(1, 0, "GET", "/a", 200));
        journal.record(entry(2, 10 * MS, "GET", "/a", 429));
        journal.record(entry(3, 20 * MS, "GET", "/a", 200));

        assertThat(journal.maxInAnyWindow(Duration.ofSeconds(1), e -> e.status() == 200)).isEqualTo(2);
        assertThat(journal.maxInAnyWindow(Duration.ofSeconds(1), e -> e.status() == 500)).isZero();
        assertThatThrownBy(() -> journal.maxInAnyWindow(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window");
    }

    @Test
    @DisplayName("count matches method (any case) and path prefix; entries come back in admission order")
    void countsAndOrder() {
        RequestJournal journal = new RequestJournal();
        journal.record(entry(3, 3, "PATCH", "/api/v4/leads", 200));
        journal.record(entry(1, 1, "GET", "/api/v4/leads/5", 200));
        journal.record(entry(2, 2, "GET", "/api/v4/contacts/9", 204));

        assertThat(journal.count("get", "/api/v4/leads")).isEqualTo(1);
        assertThat(journal.count(null, "/api/v4/")).isEqualTo(3);
        assertThat(journal.entries()).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(journal.last()).get().extracting(JournalEntry::method).isEqualTo("PATCH");
    }

    @Test
    @DisplayName("a full journal drops its oldest entries and counts them; clear forgets everything")
    void capacity() {
        RequestJournal journal = new RequestJournal(2);
        for (int i = 1; i <= 5; i++) {
            journal.record(entry(i, i, "GET", "/x", 200));
        }
        assertThat(journal.entries()).extracting(JournalEntry::sequence).containsExactly(4L, 5L);
        assertThat(journal.dropped()).isEqualTo(3);

        journal.clear();
        assertThat(journal.size()).isZero();
        assertThat(journal.dropped()).isZero();
    }

    @Test
    @DisplayName("an entry's toString leaves out headers and body, which may carry credentials")
    void toStringHidesSecrets() {
        JournalEntry e = new JournalEntry(1, Instant.EPOCH, 0, "GET", "/api", null,
                Map.of("Authorization", List.of("Bearer s3cr3t")), "password=s3cr3t".getBytes(), 200,
                JournalEntry.Outcome.HANDLED);
        assertThat(e.toString()).doesNotContain("s3cr3t");
        assertThat(e.header("authorization")).contains("Bearer s3cr3t");
    }
}
