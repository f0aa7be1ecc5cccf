package io.kommosync.kommo.webhook;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Argument checks shared by the value records of this package; messages name the component and the rule. */
final class Preconditions {

    private Preconditions() {
    }

    static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be a positive Kommo id, got " + value);
        }
        return value;
    }

    static long nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    static OptionalLong nonNegative(OptionalLong value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isPresent()) {
            nonNegative(value.getAsLong(), name);
        }
        return value;
    }

    static OptionalLong positive(OptionalLong value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isPresent()) {
            positive(value.getAsLong(), name);
        }
        return value;
    }

    static Optional<BigDecimal> nonNegativeAmount(Optional<BigDecimal> value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && value.get().signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value.get().toPlainString());
        }
        return value;
    }

    static <T> List<T> copy(List<T> list, String name) {
        Objects.requireNonNull(list, name);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(name + "[" + i + "] is null; " + name + " must not contain nulls");
            }
        }
        return List.copyOf(list);
    }
}
