package io.kommosync.accounting.spi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency.
 *
 * <p>The amount keeps the scale it was given; {@link #rounded()} rounds half-up to the currency's minor unit.
 * {@link #equals(Object)} is scale-sensitive, as {@link BigDecimal#equals(Object)} is; compare amounts with
 * {@link #isSameAmount(Money)}.
 *
 * @param amount   the amount
 * @param currency the currency
 */
public record Money(BigDecimal amount, Currency currency) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * An amount given as a decimal string, for example {@code Money.of("12.50", "GBP")}.
     *
     * @param amount       the amount as a plain decimal
     * @param currencyCode the ISO 4217 code
     * @return the money
     * @throws NumberFormatException    if {@code amount} is not a decimal
     * @throws IllegalArgumentException if {@code currencyCode} is not an ISO 4217 code
     */
    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    /**
     * Zero in a currency, at the currency's scale.
     *
     * @param currency the currency
     * @return zero
     */
    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO.setScale(minorDigits(currency)), currency);
    }

    /**
     * The sum of this and another amount in the same currency.
     *
     * @param other the other amount
     * @return the sum
     * @throws IllegalArgumentException if the currencies differ
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    /**
     * This amount less another amount in the same currency.
     *
     * @param other the other amount
     * @return the difference
     * @throws IllegalArgumentException if the currencies differ
     */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /**
     * This amount rounded half-up to the currency's minor unit (2 digits for GBP, 0 for JPY).
     *
     * @return the rounded amount
     */
    public Money rounded() {
        return new Money(amount.setScale(minorDigits(currency), RoundingMode.HALF_UP), currency);
    }

    /**
     * Whether both have the same currency and numerically equal amounts, whatever their scales.
     *
     * @param other the other amount
     * @return {@code true} if the same amount
     */
    public boolean isSameAmount(Money other) {
        return currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }

    /**
     * Whether the amount is greater than zero.
     *
     * @return {@code true} if positive
     */
    public boolean isPositive() {
        return amount.signum() > 0;
    }

    static int minorDigits(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        return digits < 0 ? 2 : digits;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
