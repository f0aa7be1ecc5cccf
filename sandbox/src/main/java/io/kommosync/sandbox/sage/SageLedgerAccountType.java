package io.kommosync.sandbox.sage;

/**
 * The ledger account types of a UK chart of accounts, as Sage's {@code ledger_account_type.id} names them, with the
 * ledger account group each belongs to.
 */
public enum SageLedgerAccountType {
    /** Sales income. */
    SALES("Sales", "INCOME"),
    /** Other income (interest, miscellaneous). */
    OTHER_INCOME("Other Income", "INCOME"),
    /** Cost of sales. */
    DIRECT_EXPENSES("Direct Expenses", "EXPENDITURE"),
    /** Overheads. */
    OVERHEADS("Overheads", "EXPENDITURE"),
    /** Depreciation. */
    DEPRECIATION("Depreciation", "EXPENDITURE"),
    /** Current assets. */
    CURRENT_ASSETS("Current Assets", "ASSETS"),
    /** Fixed assets. */
    FIXED_ASSETS("Fixed Assets", "ASSETS"),
    /** Bank accounts. */
    BANK("Bank", "ASSETS"),
    /** Current liabilities. */
    CURRENT_LIABILITY("Current Liability", "LIABILITIES"),
    /** Future liabilities. */
    FUTURE_LIABILITY("Future Liability", "LIABILITIES"),
    /** Equity. */
    EQUITY("Equity", "LIABILITIES");

    private final String displayedAs;
    private final String group;

    SageLedgerAccountType(String displayedAs, String group) {
        this.displayedAs = displayedAs;
        this.group = group;
    }

    /** @return the name Sage shows, for example {@code "Other Income"} */
    public String displayedAs() {
        return displayedAs;
    }

    /** @return the id of the ledger account group, for example {@code "INCOME"} */
    public String group() {
        return group;
    }
}
