package io.kommosync.sage.intacct.internal;

import io.kommosync.accounting.spi.Dimensions;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One AR invoice line in Intacct's terms, as sent or read back.
 *
 * @param accountNo   the GL account number
 * @param amount      the tax-exclusive amount
 * @param memo        the memo (our line description)
 * @param dimensions  the dimension values
 * @param quantity    the quantity, kept in a line custom field when one is configured
 * @param unitPrice   the unit price, kept in a line custom field when one is configured
 * @param taxDetailId the tax detail of the line's tax entry, {@code ""} when none
 * @param tax         the tax amount of that entry
 */
public record LedgerLine(String accountNo, BigDecimal amount, String memo, Dimensions dimensions,
                         Optional<BigDecimal> quantity, Optional<BigDecimal> unitPrice, String taxDetailId,
                         BigDecimal tax) {

    /** Validates. */
    public LedgerLine {
        Objects.requireNonNull(accountNo, "accountNo");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(memo, "memo");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(taxDetailId, "taxDetailId");
        Objects.requireNonNull(tax, "tax");
    }
}
