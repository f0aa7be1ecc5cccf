package io.kommosync.client.internal;

import java.time.Duration;

/**
 * Argument checks used at the public API boundary, so bad input fails early with a message that names the
 * field and the fix instead of surfacing as a bare exception from deep inside.
 *
 * <p>Not part of the public API.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Returns {@code value} or throws when it is null.
     *
     * @param value the argument
     * @param name  the parameter or field name used in the message
     * @param fix   what the caller should do instead
     * @param <T>   argument type
     * @return {@code value}
     * @throws NullPointerException naming {@code name} and {@code fix} when {@code value} is null
     */
    public static <T> T notNull(T value, String name, String fix) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null: " + fix);
        }
        return value;
    }

    /**
     * Returns {@code value} or throws when it is null or blank.
     *
     * @param value the argument
     * @param name  the parameter or field name used in the message
     * @param fix   what the caller should do instead
     * @return {@code value}
     * @throws NullPointerException     when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is blank
     */
    public static String notBlank(String value, String name, String fix) {
        notNull(value, name, fix);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank: " + fix);
        }
        return value;
    }

    /**
     * Returns {@code value} or throws when it is null, zero or negative.
     *
     * @param value the argument
     * @param name  the parameter or field name used in the message
     * @param fix   what the caller should do instead
     * @return {@code value}
     * @throws NullPointerException     when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is zero or negative
     */
    public static Duration positive(Duration value, String name, String fix) {
        notNull(value, name, fix);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value + ": " + fix);
        }
        return value;
    }

    /**
     * Returns {@code value} or throws when it is null or negative.
     *
     * @param value the argument
     * @param name  the parameter or field name used in the message
     * @param fix   what the caller should do instead
     * @return {@code value}
     * @throws NullPointerException     when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public static Duration notNegative(Duration value, String name, String fix) {
        notNull(value, name, fix);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative but was " + value + ": " + fix);
        }
        return value;
    }

    /**
     * Returns {@code value} or throws when it is below {@code min}.
     *
     * @param value the argument
     * @param min   the smallest allowed value
     * @param name  the parameter or field name used in the message
     * @param fix   what the caller should do instead
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value < min}
     */
    public static int atLeast(int value, int min, String name, String fix) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + " but was " + value + ": " + fix);
        }
        return value;
    }
}
