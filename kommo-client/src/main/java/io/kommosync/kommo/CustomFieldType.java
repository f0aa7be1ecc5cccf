package io.kommosync.kommo;

import java.util.Locale;
import java.util.Optional;

/**
 * Custom field types the client can create on leads ({@link NewCustomField}).
 */
public enum CustomFieldType {
    /** One line of text. */
    TEXT(false),
    /** Several lines of text. */
    TEXTAREA(false),
    /** A number. */
    NUMERIC(false),
    /** A yes/no flag. */
    CHECKBOX(false),
    /** One option out of a list. */
    SELECT(true),
    /** Several options out of a list. */
    MULTISELECT(true),
    /** One option out of a list, shown as radio buttons. */
    RADIOBUTTON(true),
    /** A date (Kommo stores a unix timestamp). */
    DATE(false),
    /** A date and time. */
    DATE_TIME(false),
    /** A link. */
    URL(false);

    private final boolean hasOptions;

    CustomFieldType(boolean hasOptions) {
        this.hasOptions = hasOptions;
    }

    /**
     * Returns the type name Kommo uses, such as {@code date_time}.
     *
     * @return the wire name
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Tells whether fields of this type are created with options ({@code enums}).
     *
     * @return true for select, multiselect and radiobutton
     */
    public boolean hasOptions() {
        return hasOptions;
    }

    /**
     * Finds the type of a Kommo type name.
     *
     * @param wireName a name such as {@code select}
     * @return the type; empty for types this enum does not list
     */
    public static Optional<CustomFieldType> fromWireName(String wireName) {
        for (CustomFieldType type : values()) {
            if (type.wireName().equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
