package io.kommosync.xero.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xero's date formats: MS-JSON ({@code /Date(1539993600000+0000)/}), {@code DateString}s
 * ({@code 2018-10-20T00:00:00}), plain ISO dates, and ISO date-times with or without an offset (UTC when without).
 */
public final class XeroDates {

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{2})?(\\d{2})?\\)/");

    private XeroDates() {
    }

    /**
     * Reads an instant.
     *
     * @param text the value, may be {@code null}
     * @return the instant, or empty when absent or unreadable
     */
    public static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        Matcher ms = MS_DATE.matcher(t);
        if (ms.matches()) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(ms.group(1))));
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads a date. Xero sends dates as midnight UTC of the organisation's calendar date, so the UTC date is the
     * date.
     *
     * @param text the value, may be {@code null}
     * @return the date, or empty when absent or unreadable
     */
    public static Optional<LocalDate> date(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.length() == 10) {
            try {
                return Optional.of(LocalDate.parse(t));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return instant(t).map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC));
    }
}
