package io.kommosync.accounting.spi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A discount on one invoice line: a percentage of the line's gross amount, or a fixed amount in the invoice's
 * currency.
 *
 * @param kind  percentage or amount
 * @param value the percentage (0 to 100) or the amount (not negative)
 */
public record Discount(Kind kind, BigDecimal value) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Discount NONE = new Discount(Kind.AMOUNT, BigDecimal.ZERO);

    /** How {@link #value()} is read. */
    public enum Kind {
        /** A percentage of quantity × unit price. */
        PERCENT,
        /** A fixed amount off the line. */
        AMOUNT
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if the value is negative, or a percentage above 100
     */
    public Discount {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a discount cannot be negative, got " + value);
        }
        if (kind == Kind.PERCENT && value.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("a percentage discount cannot exceed 100, got " + value);
        }
    }

    /**
     * No discount.
     *
     * @return the zero discount
     */
    public static Discount none() {
        return NONE;
    }

    /**
     * A percentage discount.
     *
     * @param percent the percentage, 0 to 100
     * @return the discount
     */
    public static Discount percent(BigDecimal percent) {
        return new Discount(Kind.PERCENT, percent);
    }

    /**
     * A fixed-amount discount.
     *
     * @param amount the amount off the line
     * @return the discount
     */
    public static Discount amount(BigDecimal amount) {
        return new Discount(Kind.AMOUNT, amount);
    }

    /**
     * Whether this discount takes nothing off.
     *
     * @return {@code true} when the value is zero
     */
    public boolean isNone() {
        return value.signum() == 0;
    }

    /**
     * The amount this discount takes off a gross line amount, unrounded.
     *
     * @param gross quantity × unit price
     * @return the amount off, never more than {@code gross}
     */
    public BigDecimal amountOff(BigDecimal gross) {
        BigDecimal off = kind == Kind.AMOUNT ? value : gross.multiply(value).divide(HUNDRED);
        return off.compareTo(gross) > 0 ? gross : off;
    }
}
