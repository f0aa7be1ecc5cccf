package io.kommosync.sync.mapping;

import io.kommosync.accounting.spi.AccountType;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.DimensionValue;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.TaxRate;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small UK ledger: what the tests validate mapping tables against. */
final class LedgerFixtures {

    private LedgerFixtures() {
    }

    static ChartOfAccounts chart() {
        return new ChartOfAccounts(
                List.of(
                        LedgerAccount.of("a1", "4000", "Sales", AccountType.REVENUE),
                        new LedgerAccount("a2", "4100", "Consulting", AccountType.REVENUE, true,
                                Set.of(DimensionType.DEPARTMENT)),
                        new LedgerAccount("a3", "4900", "Old sales", AccountType.REVENUE, false, Set.of()),
                        LedgerAccount.of("a4", "7000", "Travel", AccountType.EXPENSE),
                        LedgerAccount.of("a5", "8000", "Interest", AccountType.OTHER_INCOME)),
                List.of(
                        new TaxRate("t1", "GB_STANDARD", "Standard 20%", new BigDecimal("20"), true),
                        new TaxRate("t2", "GB_ZERO", "Zero rated", BigDecimal.ZERO, true),
                        new TaxRate("t3", "GB_OLD", "Old 17.5%", new BigDecimal("17.5"), false)),
                Map.of(DimensionType.DEPARTMENT, List.of(
                        new DimensionValue(DimensionType.DEPARTMENT, "D10", "Sales", true),
                        new DimensionValue(DimensionType.DEPARTMENT, "D20", "Support", true),
                        new DimensionValue(DimensionType.DEPARTMENT, "D30", "Closed", false))));
    }
}
