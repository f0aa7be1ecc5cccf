package io.kommosync.sage.cloud.internal;

import io.kommosync.accounting.spi.AccountType;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.TaxRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chart of accounts of one business as read at one moment, indexed both ways: ledger accounts by code (the
 * nominal code, what the mapping table names) and by Sage id, tax rates by code (Sage's tax rate id) and id.
 */
final class ChartSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(ChartSnapshot.class);

    private final ChartOfAccounts chart;
    private final Map<String, LedgerAccount> accountsByCode = new LinkedHashMap<>();
    private final Map<String, LedgerAccount> accountsById = new LinkedHashMap<>();
    private final Map<String, TaxRate> ratesByCode = new LinkedHashMap<>();
    private final Instant loadedAt;

    ChartSnapshot(List<SageWire.LedgerAccount> accounts, List<SageWire.TaxRate> rates, Instant loadedAt) {
        this.loadedAt = loadedAt;
        for (SageWire.LedgerAccount a : accounts) {
            if (a.id() == null || a.id().isBlank()) {
                continue;
            }
            LedgerAccount account = new LedgerAccount(a.id(), codeOf(a), nameOf(a), typeOf(a.ledgerAccountType()),
                    !Boolean.FALSE.equals(a.includedInChart()), java.util.Set.of());
            if (accountsByCode.putIfAbsent(account.code(), account) != null) {
                LOG.warn("Sage lists two ledger accounts with the code {}; keeping the first ({})", account.code(),
                        accountsByCode.get(account.code()).id());
                continue;
            }
            accountsById.put(account.id(), account);
        }
        for (SageWire.TaxRate r : rates) {
            if (r.id() == null || r.id().isBlank()) {
                continue;
            }
            BigDecimal percent = r.percentage() == null ? BigDecimal.ZERO : r.percentage();
            String name = r.name() != null ? r.name() : r.displayedAs() != null ? r.displayedAs() : r.id();
            ratesByCode.putIfAbsent(r.id(), new TaxRate(r.id(), r.id(), name, percent.abs(),
                    !Boolean.FALSE.equals(r.visible())));
        }
        this.chart = ChartOfAccounts.of(new ArrayList<>(accountsByCode.values()), new ArrayList<>(ratesByCode.values()));
    }

    private static String codeOf(SageWire.LedgerAccount a) {
        return a.nominalCode() != null ? a.nominalCode().toString() : a.id();
    }

    private static String nameOf(SageWire.LedgerAccount a) {
        if (a.name() != null && !a.name().isBlank()) {
            return a.name();
        }
        return a.displayedAs() != null ? a.displayedAs() : codeOf(a);
    }

    /**
     * Sage's ledger account types onto the SPI's classes: {@code SALES} ⇒ revenue, {@code OTHER_INCOME} ⇒ other
     * income, expense types ⇒ expense, and so on; an unknown type ⇒ other.
     */
    static AccountType typeOf(SageWire.Ref type) {
        if (type == null || type.id() == null) {
            return AccountType.OTHER;
        }
        return switch (type.id().toUpperCase(Locale.ROOT)) {
            case "SALES" -> AccountType.REVENUE;
            case "OTHER_INCOME" -> AccountType.OTHER_INCOME;
            case "DIRECT_EXPENSES", "OVERHEADS", "DEPRECIATION", "EXPENSES", "COST_OF_SALES" -> AccountType.EXPENSE;
            case "BANK", "LINE_OF_CREDIT" -> AccountType.BANK;
            case "CURRENT_ASSETS", "FIXED_ASSETS", "FUTURE_ASSETS" -> AccountType.ASSET;
            case "CURRENT_LIABILITY", "FUTURE_LIABILITY", "LIABILITY" -> AccountType.LIABILITY;
            case "EQUITY" -> AccountType.EQUITY;
            default -> AccountType.OTHER;
        };
    }

    ChartOfAccounts chart() {
        return chart;
    }

    Instant loadedAt() {
        return loadedAt;
    }

    Optional<LedgerAccount> accountByCode(String code) {
        return Optional.ofNullable(accountsByCode.get(code));
    }

    Optional<LedgerAccount> accountById(String id) {
        return Optional.ofNullable(accountsById.get(id));
    }

    Optional<TaxRate> rateByCode(String code) {
        return Optional.ofNullable(ratesByCode.get(code));
    }
}
