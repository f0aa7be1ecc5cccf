package io.kommosync.xero.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds Xero {@code where} filters that a value cannot break. Xero's filter language has no reliable escape for a
 * double quote inside a string literal (a quote ends the literal: {@code QueryParseException}, Xero-Java #347), so a
 * value holding a quote, a backslash or a control character is never put into a filter: the caller searches with
 * {@code searchTerm} instead and compares on its side.
 */
public final class WhereClause {

    private static final Pattern SAFE = Pattern.compile("[^\"\\\\\\p{Cntrl}]{1,500}");

    private WhereClause() {
    }

    /**
     * Whether a value can go into a string literal of a filter.
     *
     * @param value the value
     * @return true when it has no quote, backslash or control character and at most 500 characters
     */
    public static boolean isSafe(String value) {
        return value != null && SAFE.matcher(value).matches();
    }

    /**
     * {@code Field=="value"}, guarded with {@code Field!=null} as Xero needs for optional fields.
     *
     * @param field the property, for example {@code EmailAddress}
     * @param value the value
     * @return the filter, or empty when the value is not {@link #isSafe safe}
     */
    public static Optional<String> equalsOptional(String field, String value) {
        return isSafe(value) ? Optional.of(field + "!=null&&" + field + "==\"" + value + "\"") : Optional.empty();
    }

    /**
     * {@code Field=="value"}.
     *
     * @param field the property
     * @param value the value
     * @return the filter, or empty when the value is not {@link #isSafe safe}
     */
    public static Optional<String> equalsRequired(String field, String value) {
        return isSafe(value) ? Optional.of(field + "==\"" + value + "\"") : Optional.empty();
    }
}
