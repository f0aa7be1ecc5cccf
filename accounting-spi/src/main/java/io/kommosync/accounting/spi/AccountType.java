package io.kommosync.accounting.spi;

/** The normalised class of a ledger account. */
public enum AccountType {
    /** Sales and other operating revenue: the only class an invoice line should post to by default. */
    REVENUE,
    /** Non-operating income (interest, other income). */
    OTHER_INCOME,
    /** Expenses and cost of sales. */
    EXPENSE,
    /** Assets other than bank accounts. */
    ASSET,
    /** Bank and cash accounts. */
    BANK,
    /** Liabilities. */
    LIABILITY,
    /** Equity. */
    EQUITY,
    /** Anything the adapter cannot classify. */
    OTHER;

    /**
     * Whether an invoice line may post to accounts of this class.
     *
     * @return {@code true} for {@link #REVENUE} and {@link #OTHER_INCOME}
     */
    public boolean isIncome() {
        return this == REVENUE || this == OTHER_INCOME;
    }
}
