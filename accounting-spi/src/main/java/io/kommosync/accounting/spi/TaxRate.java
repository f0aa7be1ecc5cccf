package io.kommosync.accounting.spi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tax rate (tax code) the ledger offers for sales.
 *
 * @param id      the ledger's internal id (Sage Cloud's {@code tax_rate_id}); equal to {@code code} where the
 *                ledger has no separate id
 * @param code    the code the mapping table refers to, for example {@code "GB_STANDARD"} or Xero's
 *                {@code "OUTPUT2"}
 * @param name    the display name
 * @param percent the rate in percent, for example {@code 20} for 20 %; never negative
 * @param active  whether new postings may use it
 */
public record TaxRate(String id, String code, String name, BigDecimal percent, boolean active) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if {@code percent} is negative or {@code code} blank
     */
    public TaxRate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(percent, "percent");
        if (percent.signum() < 0) {
            throw new IllegalArgumentException("tax rate " + code + " has a negative percent " + percent);
        }
        if (code.isBlank()) {
            throw new IllegalArgumentException("a tax rate needs a code");
        }
    }
}
