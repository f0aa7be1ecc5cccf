package io.kommosync.accounting.spi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Dimension values by type: each maps a {@link DimensionType} to the ledger's id of a dimension value (a
 * department id, a location id…). Used on an invoice and on each line.
 *
 * @param values the values by type; copied, blank values rejected
 */
public record Dimensions(Map<DimensionType, String> values) {

    private static final Dimensions NONE = new Dimensions(Map.of());

    /**
     * Validates and copies the values.
     *
     * @throws NullPointerException     if the map or a value is {@code null}
     * @throws IllegalArgumentException if a value is blank
     */
    public Dimensions {
        EnumMap<DimensionType, String> copy = new EnumMap<>(DimensionType.class);
        Objects.requireNonNull(values, "values").forEach((type, value) -> {
            Objects.requireNonNull(type, "dimension type");
            Objects.requireNonNull(value, "value of dimension " + type);
            if (value.isBlank()) {
                throw new IllegalArgumentException("dimension " + type + " has a blank value; leave it out instead");
            }
            copy.put(type, value);
        });
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * No dimensions.
     *
     * @return the empty instance
     */
    public static Dimensions none() {
        return NONE;
    }

    /**
     * One dimension.
     *
     * @param type  the type
     * @param value the value id
     * @return the dimensions
     */
    public static Dimensions of(DimensionType type, String value) {
        return new Dimensions(Map.of(type, value));
    }

    /**
     * A copy with one more (or a replaced) dimension.
     *
     * @param type  the type
     * @param value the value id
     * @return the new dimensions
     */
    public Dimensions with(DimensionType type, String value) {
        EnumMap<DimensionType, String> copy = new EnumMap<>(DimensionType.class);
        copy.putAll(values);
        copy.put(type, value);
        return new Dimensions(copy);
    }

    /**
     * These dimensions, with the given defaults filling each type not set here.
     *
     * @param defaults the dimensions to fall back on
     * @return the merged dimensions
     */
    public Dimensions orElse(Dimensions defaults) {
        EnumMap<DimensionType, String> copy = new EnumMap<>(DimensionType.class);
        copy.putAll(defaults.values);
        copy.putAll(values);
        return new Dimensions(copy);
    }

    /**
     * The value of one type.
     *
     * @param type the type
     * @return the value id, or empty
     */
    public Optional<String> get(DimensionType type) {
        return Optional.ofNullable(values.get(type));
    }

    /**
     * The types that have a value.
     *
     * @return an unmodifiable set
     */
    public Set<DimensionType> types() {
        return values.keySet();
    }

    /**
     * Whether no dimension is set.
     *
     * @return {@code true} if empty
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }
}
