package io.kommosync.accounting.spi;

import java.util.Objects;

/**
 * One bad or missing configuration key.
 *
 * @param key     the configuration key, for example {@code "clientId"}
 * @param problem what is wrong with it
 * @param fix     what to do about it
 */
public record ConfigProblem(String key, String problem, String fix) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
        return key + ": " + problem + " (" + fix + ")";
    }
}
