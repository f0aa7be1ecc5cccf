package io.kommosync.sync;

import io.kommosync.accounting.spi.InvoiceDraft;
import java.util.Currency;
import java.util.Objects;

/**
 * Defaults of the invoices a connection raises.
 *
 * @param currency       the invoice currency (Kommo deals carry none; the account's currency)
 * @param dueDays        days from the issue date to the due date; 0 to 365
 * @param approval       create invoices as drafts or approved
 * @param discountSource where line discounts come from
 */
public record InvoiceDefaults(Currency currency, int dueDays, InvoiceDraft.Approval approval,
                              DiscountSource discountSource) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if {@code dueDays} is out of range
     */
    public InvoiceDefaults {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(discountSource, "discountSource");
        if (dueDays < 0 || dueDays > 365) {
            throw new IllegalArgumentException("dueDays must be 0 to 365, got " + dueDays);
        }
    }

    /**
     * Approved invoices due in 30 days, no discounts.
     *
     * @param currency the currency
     * @return the defaults
     */
    public static InvoiceDefaults of(Currency currency) {
        return new InvoiceDefaults(currency, 30, InvoiceDraft.Approval.APPROVED, DiscountSource.none());
    }
}
