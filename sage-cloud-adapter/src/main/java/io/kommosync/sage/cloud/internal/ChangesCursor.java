package io.kommosync.sage.cloud.internal;

import io.kommosync.accounting.spi.ChangeCursor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The position of a reader of invoice changes: {@code updated_or_created_since} (inclusive) and the page of that
 * query. Encoded as {@code sage-cloud;since=2025-03-10T09:30:00Z;page=2}; {@link ChangeCursor#since(Instant)} cursors
 * are read as page 1.
 *
 * @param since the inclusive lower bound of {@code updated_at}
 * @param page  the page of the query, 1 or more
 */
record ChangesCursor(Instant since, int page) {

    private static final String PREFIX = "sage-cloud;since=";
    private static final String PAGE = ";page=";

    ChangesCursor {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, was " + page);
        }
    }

    static Optional<ChangesCursor> decode(ChangeCursor cursor) {
        Optional<Instant> since = cursor.sinceInstant();
        if (since.isPresent()) {
            return Optional.of(new ChangesCursor(since.get(), 1));
        }
        String value = cursor.value();
        int pageAt = value.indexOf(PAGE);
        if (!value.startsWith(PREFIX) || pageAt < 0) {
            return Optional.empty();
        }
        try {
            Instant at = Instant.parse(value.substring(PREFIX.length(), pageAt));
            int page = Integer.parseInt(value.substring(pageAt + PAGE.length()));
            return page < 1 ? Optional.empty() : Optional.of(new ChangesCursor(at, page));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    ChangeCursor encode() {
        return new ChangeCursor(PREFIX + since + PAGE + page);
    }
}
