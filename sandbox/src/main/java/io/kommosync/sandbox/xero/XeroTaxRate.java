package io.kommosync.sandbox.xero;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tax rate of a simulated organisation, as {@code GET /TaxRates} shows it.
 *
 * @param taxType           the code lines carry, for example {@code OUTPUT2}
 * @param name              the display name, for example {@code "20% (VAT on Income)"}
 * @param rate              the effective rate in percent
 * @param canApplyToRevenue whether sales lines may use it
 * @param status            {@code ACTIVE}, {@code ARCHIVED} or {@code DELETED}
 */
public record XeroTaxRate(String taxType, String name, BigDecimal rate, boolean canApplyToRevenue, String status) {

    /** Validates the components. */
    public XeroTaxRate {
        Objects.requireNonNull(taxType, "taxType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(status, "status");
    }

    /** @return whether lines may use it */
    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
