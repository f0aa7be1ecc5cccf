package io.kommosync.sandbox.sage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A tax rate of a simulated business. UK rates have fixed, readable ids such as {@code GB_STANDARD}.
 *
 * @param id         Sage's id, for example {@code GB_STANDARD}
 * @param name       the name, for example {@code "Standard"}
 * @param percentage the current percentage, for example {@code 20.00}
 * @param visible    whether the application offers it ({@code is_visible})
 * @param createdAt  when it was created
 * @param updatedAt  when it last changed
 */
public record SageTaxRate(String id, String name, BigDecimal percentage, boolean visible, Instant createdAt,
                          Instant updatedAt) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if the percentage is negative
     */
    public SageTaxRate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(percentage, "percentage");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (percentage.signum() < 0) {
            throw new IllegalArgumentException("tax rate " + id + " has a negative percentage " + percentage);
        }
    }

    /** @return what Sage shows, for example {@code "Standard 20.00%"} */
    public String displayedAs() {
        return name + " " + percentage.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
