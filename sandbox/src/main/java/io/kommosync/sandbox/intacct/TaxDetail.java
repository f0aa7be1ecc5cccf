package io.kommosync.sandbox.intacct;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A TAXDETAIL (VAT companies: GB, AU, ZA) of the simulated company.
 *
 * @param recordNo    the system key
 * @param detailId    the tax detail id lines refer to, for example {@code UK Sale Goods Standard Rate}
 * @param description the description
 * @param sale        {@code true} for {@code TAXTYPE Sale}, {@code false} for {@code Purchase}
 * @param percent     the rate in percent ({@code VALUE})
 * @param active      {@code STATUS active}
 */
public record TaxDetail(long recordNo, String detailId, String description, boolean sale, BigDecimal percent,
                        boolean active) {

    /** Validates. */
    public TaxDetail {
        Objects.requireNonNull(detailId, "detailId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(percent, "percent");
    }
}
