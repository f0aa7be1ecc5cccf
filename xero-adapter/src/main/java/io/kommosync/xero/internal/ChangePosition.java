package io.kommosync.xero.internal;

import io.kommosync.accounting.spi.ChangeCursor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Where a reader of invoice changes stands: the {@code If-Modified-Since} instant (whole seconds, as the header
 * carries them) and the page under it. Encoded in a {@link ChangeCursor} as {@code xero:<epochSecond>:<page>}.
 *
 * <p>How pages advance keeps every change at least once even while invoices change under the reader: Xero orders by
 * {@code UpdatedDateUTC}; after each page the reader re-anchors at the last invoice's change time less one second
 * (page 1 again) when that moves the anchor forward, and only otherwise turns to the next page. An invoice changed
 * meanwhile moves to the end, where the reader still meets it; repeats are allowed by the SPI.
 *
 * @param since the anchor, truncated to seconds
 * @param page  the page, from 1
 */
public record ChangePosition(Instant since, int page) {

    private static final String PREFIX = "xero:";

    /** Truncates the anchor. */
    public ChangePosition {
        since = since.truncatedTo(ChronoUnit.SECONDS);
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1, was " + page);
        }
    }

    /**
     * Reads a cursor: one made by {@link #cursor()}, or a {@link ChangeCursor#since(Instant)} start.
     *
     * @param cursor the cursor
     * @return the position, or empty when the cursor is neither
     */
    public static Optional<ChangePosition> of(ChangeCursor cursor) {
        Optional<Instant> since = cursor.sinceInstant();
        if (since.isPresent()) {
            return Optional.of(new ChangePosition(since.get(), 1));
        }
        String v = cursor.value();
        if (!v.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = v.substring(PREFIX.length()).split(":");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ChangePosition(Instant.ofEpochSecond(Long.parseLong(parts[0])),
                    Integer.parseInt(parts[1])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The position after a page.
     *
     * @param size        how many invoices the page held
     * @param pageSize    the page size asked for
     * @param lastChanged the change time of the page's last invoice, when it had one
     * @return the next position
     */
    public ChangePosition after(int size, int pageSize, Optional<Instant> lastChanged) {
        Optional<Instant> anchor = lastChanged.map(t -> t.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS))
                .filter(t -> t.isAfter(since));
        if (size < pageSize) {
            return new ChangePosition(anchor.orElse(since), 1);
        }
        return anchor.map(t -> new ChangePosition(t, 1)).orElseGet(() -> new ChangePosition(since, page + 1));
    }

    /** @return the cursor */
    public ChangeCursor cursor() {
        return new ChangeCursor(PREFIX + since.getEpochSecond() + ":" + page);
    }
}
