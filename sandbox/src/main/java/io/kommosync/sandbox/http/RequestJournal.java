package io.kommosync.sandbox.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every request a simulator received, for assertions: how many calls of a kind, what was sent, and how dense the
 * traffic was ({@link #maxInAnyWindow(Duration)}).
 *
 * <p>Thread-safe. Holds at most {@link #capacity()} entries; beyond that the oldest are dropped and counted in
 * {@link #dropped()}, so long benchmark runs do not exhaust memory.
 */
public final class RequestJournal {

    /** Capacity of a journal created with {@link #RequestJournal()}. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
    private long dropped;

    /** Creates a journal holding up to {@link #DEFAULT_CAPACITY} entries. */
    public RequestJournal() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Creates a journal.
     *
     * @param capacity how many entries to keep before dropping the oldest; at least 1
     * @throws IllegalArgumentException if capacity is below 1
     */
    public RequestJournal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Appends an entry. Servers call this; tests may too, to check the query helpers on synthetic data.
     *
     * @param entry the entry
     */
    public synchronized void record(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entries.size() == capacity) {
            entries.removeFirst();
            dropped++;
        }
        entries.addLast(entry);
    }

    /** @return every entry held, in admission order */
    public List<JournalEntry> entries() {
        List<JournalEntry> copy;
        synchronized (this) {
            copy = new ArrayList<>(entries);
        }
        copy.sort(Comparator.comparingLong(JournalEntry::sequence));
        return List.copyOf(copy);
    }

    /**
     * The entries that satisfy a condition, in admission order.
     *
     * @param filter the condition
     * @return the matching entries
     */
    public List<JournalEntry> entries(Predicate<? super JournalEntry> filter) {
        Objects.requireNonNull(filter, "filter");
        return entries().stream().filter(filter).toList();
    }

    /**
     * The entries for one method and path prefix, in admission order.
     *
     * @param method HTTP method, any case, or {@code null} for any
     * @param pathPrefix path prefix, for example {@code /api/v4/leads}
     * @return the matching entries
     */
    public List<JournalEntry> entries(String method, String pathPrefix) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        return entries(e -> e.matches(method, pathPrefix));
    }

    /**
     * How many requests were for a method and a path prefix.
     *
     * @param method HTTP method, any case, or {@code null} for any
     * @param pathPrefix path prefix, for example {@code /api/v4/leads}
     * @return the count
     */
    public int count(String method, String pathPrefix) {
        return entries(method, pathPrefix).size();
    }

    /** @return how many entries are held */
    public synchronized int size() {
        return entries.size();
    }

    /** @return the latest entry, or empty when the journal is empty */
    public Optional<JournalEntry> last() {
        List<JournalEntry> all = entries();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** @return the configured capacity */
    public int capacity() {
        return capacity;
    }

    /** @return how many entries were dropped because the journal was full */
    public synchronized long dropped() {
        return dropped;
    }

    /** Forgets every entry and resets {@link #dropped()}. */
    public synchronized void clear() {
        entries.clear();
        dropped = 0;
    }

    /**
     * The largest number of requests whose monotonic arrival times fall in one half-open window
     * {@code [t, t + window)}, over every placement of the window. A rate limit of N per window holds exactly when
     * this is at most N for the requests it let through.
     *
     * @param window the window length, positive
     * @return the maximum count, 0 for an empty journal
     * @throws IllegalArgumentException if the window is not positive
     */
    public int maxInAnyWindow(Duration window) {
        return maxInAnyWindow(window, e -> true);
    }

    /**
     * {@link #maxInAnyWindow(Duration)} over the entries that satisfy a condition, for example only those answered
     * 200.
     *
     * @param window the window length, positive
     * @param filter which entries count
     * @return the maximum count, 0 when no entry matches
     * @throws IllegalArgumentException if the window is not positive
     */
    public int maxInAnyWindow(Duration window, Predicate<? super JournalEntry> filter) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        long windowNanos = window.toNanos();
        long[] times = entries(filter).stream().mapToLong(JournalEntry::arrivalNanos).sorted().toArray();
        int best = 0;
        int start = 0;
        for (int end = 0; end < times.length; end++) {
            while (times[end] - times[start] >= windowNanos) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }
}
