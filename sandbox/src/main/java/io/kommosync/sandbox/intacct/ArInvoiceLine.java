package io.kommosync.sandbox.intacct;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line (ARINVOICEITEM) of an AR invoice.
 *
 * @param accountNo    the GL account number
 * @param amount       the line amount, tax-exclusive
 * @param memo         the memo, {@code ""} when none
 * @param dimensions   the dimension value ids by dimension
 * @param customFields custom field values by field name
 * @param taxDetailId  the tax detail of the line's tax entry, {@code ""} when none
 * @param tax          the tax amount of the line's tax entry
 */
public record ArInvoiceLine(String accountNo, BigDecimal amount, String memo, Map<IntacctDimension, String> dimensions,
                            Map<String, String> customFields, String taxDetailId, BigDecimal tax) {

    /** Validates and copies. */
    public ArInvoiceLine {
        Objects.requireNonNull(accountNo, "accountNo");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(memo, "memo");
        Objects.requireNonNull(taxDetailId, "taxDetailId");
        Objects.requireNonNull(tax, "tax");
        EnumMap<IntacctDimension, String> dims = new EnumMap<>(IntacctDimension.class);
        dims.putAll(dimensions);
        dimensions = Collections.unmodifiableMap(dims);
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }
}
