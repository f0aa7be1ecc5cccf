package io.kommosync.sandbox.intacct;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Locale;

/** Compares field values as Intacct does: numbers as numbers, dates and date-times as such, text otherwise. */
final class FieldValues {

    static final DateTimeFormatter XML_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT);
    static final DateTimeFormatter XML_DATE_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);

    private FieldValues() {
    }

    static int compare(String a, String b, boolean caseInsensitive) {
        BigDecimal na = number(a);
        BigDecimal nb = number(b);
        if (na != null && nb != null) {
            return na.compareTo(nb);
        }
        LocalDateTime da = dateTime(a);
        LocalDateTime db = dateTime(b);
        if (da != null && db != null) {
            return da.compareTo(db);
        }
        return caseInsensitive ? a.compareToIgnoreCase(b) : a.compareTo(b);
    }

    static Comparator<String> comparator(boolean caseInsensitive) {
        return (a, b) -> compare(a, b, caseInsensitive);
    }

    private static BigDecimal number(String s) {
        if (s == null || s.isEmpty() || !s.matches("-?\\d+(\\.\\d+)?")) {
            return null;
        }
        return new BigDecimal(s);
    }

    private static LocalDateTime dateTime(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(s, XML_DATE_TIME);
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return LocalDate.parse(s, XML_DATE).atStartOfDay();
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return OffsetDateTime.parse(s).toLocalDateTime();
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return LocalDate.parse(s).atStartOfDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
