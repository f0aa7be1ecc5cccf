package io.kommosync.accounting.spi;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a reader of invoice changes stands. Opaque to the engine: a port encodes in it whatever it needs to
 * resume (a timestamp, a page link, a vendor token). The engine stores the cursor a port returned and hands it
 * back on the next call.
 *
 * <p>Every port accepts the cursors made by {@link #since(Instant)} as a starting point.
 *
 * @param value the encoded position; not blank
 */
public record ChangeCursor(String value) {

    private static final String SINCE = "since:";

    /**
     * Validates the value.
     *
     * @throws NullPointerException     if {@code value} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public ChangeCursor {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a change cursor cannot be blank; start with ChangeCursor.since(instant)");
        }
    }

    /**
     * A starting cursor: every change made at or after {@code instant}.
     *
     * @param instant the start, inclusive
     * @return the cursor
     */
    public static ChangeCursor since(Instant instant) {
        return new ChangeCursor(SINCE + instant);
    }

    /**
     * The instant of a cursor made by {@link #since(Instant)}.
     *
     * @return the start instant, or empty for a port-specific cursor
     */
    public Optional<Instant> sinceInstant() {
        if (!value.startsWith(SINCE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.substring(SINCE.length())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
