package io.kommosync.sync.mapping;

import io.kommosync.accounting.spi.DimensionType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How dimension types are spelled in mapping files ({@code department}) and in messages ({@code a department}). */
final class DimensionNames {

    private DimensionNames() {
    }

    /** The name in files: the enum constant in lower case, for example {@code tracking_1}. */
    static String fileName(DimensionType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** The type a file name stands for, ignoring case and surrounding whitespace. */
    static Optional<DimensionType> parse(String name) {
        String wanted = name.strip();
        return Arrays.stream(DimensionType.values()).filter(t -> fileName(t).equalsIgnoreCase(wanted)).findFirst();
    }

    /** Every file name, for fixes: {@code department, location, ...}. */
    static String allFileNames(String prefix) {
        return Arrays.stream(DimensionType.values()).map(t -> prefix + fileName(t)).collect(Collectors.joining(", "));
    }

    /** The name in plain words, for example {@code department} or {@code tracking category 1}. */
    static String plain(DimensionType type) {
        return switch (type) {
            case TRACKING_1 -> "tracking category 1";
            case TRACKING_2 -> "tracking category 2";
            default -> fileName(type);
        };
    }

    /** The plain name with its article, for example {@code a department} or {@code an item}. */
    static String withArticle(DimensionType type) {
        String plain = plain(type);
        return ("aeiou".indexOf(plain.charAt(0)) >= 0 ? "an " : "a ") + plain;
    }
}
