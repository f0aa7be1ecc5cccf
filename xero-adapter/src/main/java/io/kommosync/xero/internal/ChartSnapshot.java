package io.kommosync.xero.internal;

import io.kommosync.accounting.spi.AccountType;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.DimensionValue;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.TaxRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One reading of a tenant's chart: accounts, sales tax rates ({@code CanApplyToRevenue}), and the (at most two)
 * tracking categories exposed as {@link DimensionType#TRACKING_1} and {@link DimensionType#TRACKING_2}, whose values
 * are tracking option ids. Immutable.
 */
public final class ChartSnapshot {

    /** A tracking option as a line carries it. */
    public record TrackingChoice(DimensionType type, String categoryId, String categoryName, String optionId,
                                 String optionName) {
    }

    private final ChartOfAccounts chart;
    private final Instant readAt;
    private final Map<DimensionType, XeroJson.TrackingCategory> categories;

    private ChartSnapshot(ChartOfAccounts chart, Instant readAt,
                          Map<DimensionType, XeroJson.TrackingCategory> categories) {
        this.chart = chart;
        this.readAt = readAt;
        this.categories = categories;
    }

    /**
     * Builds a snapshot from Xero's answers.
     *
     * @param accounts       {@code GET /Accounts}
     * @param taxRates       {@code GET /TaxRates}
     * @param tracking       {@code GET /TrackingCategories}
     * @param pinned         the categories to expose, by name or id, in order; empty for the first two active ones
     * @param readAt         when it was read
     * @return the snapshot
     */
    public static ChartSnapshot of(List<XeroJson.Account> accounts, List<XeroJson.TaxRate> taxRates,
                                   List<XeroJson.TrackingCategory> tracking, List<String> pinned, Instant readAt) {
        Map<String, LedgerAccount> ledger = new LinkedHashMap<>();
        for (XeroJson.Account a : accounts) {
            if (a.code() == null || a.code().isBlank() || "DELETED".equals(a.status())
                    || ledger.containsKey(a.code())) {
                continue;
            }
            ledger.put(a.code(), new LedgerAccount(a.accountId() == null ? a.code() : a.accountId(), a.code(),
                    a.name() == null ? a.code() : a.name(), type(a), "ACTIVE".equals(a.status()), Set.of()));
        }
        Map<String, TaxRate> rates = new LinkedHashMap<>();
        for (XeroJson.TaxRate t : taxRates) {
            if (t.taxType() == null || t.taxType().isBlank() || !Boolean.TRUE.equals(t.canApplyToRevenue())
                    || "DELETED".equals(t.status()) || rates.containsKey(t.taxType())) {
                continue;
            }
            BigDecimal percent = t.effectiveRate() != null ? t.effectiveRate()
                    : t.displayTaxRate() != null ? t.displayTaxRate() : BigDecimal.ZERO;
            rates.put(t.taxType(), new TaxRate(t.taxType(), t.taxType(), t.name() == null ? t.taxType() : t.name(),
                    percent.max(BigDecimal.ZERO), "ACTIVE".equals(t.status())));
        }
        Map<DimensionType, XeroJson.TrackingCategory> chosen = choose(tracking, pinned);
        Map<DimensionType, List<DimensionValue>> values = new EnumMap<>(DimensionType.class);
        chosen.forEach((type, category) -> {
            List<DimensionValue> list = new ArrayList<>();
            for (XeroJson.TrackingOption o : options(category)) {
                list.add(new DimensionValue(type, o.trackingOptionId(), category.name() + ": " + o.name(),
                        o.status() == null || "ACTIVE".equals(o.status())));
            }
            values.put(type, list);
        });
        return new ChartSnapshot(new ChartOfAccounts(List.copyOf(ledger.values()), List.copyOf(rates.values()), values),
                readAt, chosen);
    }

    private static Map<DimensionType, XeroJson.TrackingCategory> choose(List<XeroJson.TrackingCategory> tracking,
                                                                        List<String> pinned) {
        List<XeroJson.TrackingCategory> active = tracking.stream()
                .filter(c -> c.trackingCategoryId() != null && (c.status() == null || "ACTIVE".equals(c.status())))
                .toList();
        List<XeroJson.TrackingCategory> picked = new ArrayList<>();
        if (pinned.isEmpty()) {
            picked.addAll(active.subList(0, Math.min(2, active.size())));
        } else {
            for (String p : pinned) {
                active.stream().filter(c -> p.equalsIgnoreCase(c.name()) || p.equalsIgnoreCase(c.trackingCategoryId()))
                        .findFirst().ifPresent(picked::add);
            }
        }
        Map<DimensionType, XeroJson.TrackingCategory> chosen = new EnumMap<>(DimensionType.class);
        if (!picked.isEmpty()) {
            chosen.put(DimensionType.TRACKING_1, picked.get(0));
        }
        if (picked.size() > 1) {
            chosen.put(DimensionType.TRACKING_2, picked.get(1));
        }
        return chosen;
    }

    private static List<XeroJson.TrackingOption> options(XeroJson.TrackingCategory c) {
        return c.options() == null ? List.of() : c.options().stream()
                .filter(o -> o.trackingOptionId() != null && o.name() != null && !"DELETED".equals(o.status()))
                .toList();
    }

    private static AccountType type(XeroJson.Account a) {
        String type = a.type() == null ? "" : a.type().toUpperCase(Locale.ROOT);
        String cls = a.accountClass() == null ? "" : a.accountClass().toUpperCase(Locale.ROOT);
        if (type.equals("OTHERINCOME")) {
            return AccountType.OTHER_INCOME;
        }
        if (type.equals("BANK")) {
            return AccountType.BANK;
        }
        return switch (cls) {
            case "REVENUE" -> AccountType.REVENUE;
            case "EXPENSE" -> AccountType.EXPENSE;
            case "ASSET" -> AccountType.ASSET;
            case "LIABILITY" -> AccountType.LIABILITY;
            case "EQUITY" -> AccountType.EQUITY;
            default -> switch (type) {
                case "REVENUE", "SALES" -> AccountType.REVENUE;
                case "EXPENSE", "OVERHEADS", "DIRECTCOSTS", "DEPRECIATN" -> AccountType.EXPENSE;
                case "CURRLIAB", "LIABILITY", "TERMLIAB", "PAYG" -> AccountType.LIABILITY;
                case "EQUITY" -> AccountType.EQUITY;
                case "CURRENT", "FIXED", "INVENTORY", "NONCURRENT", "PREPAYMENT" -> AccountType.ASSET;
                default -> AccountType.OTHER;
            };
        };
    }

    /** @return the chart in the SPI's terms */
    public ChartOfAccounts chart() {
        return chart;
    }

    /** @return when it was read */
    public Instant readAt() {
        return readAt;
    }

    /**
     * The tracking option a dimension value names.
     *
     * @param type     {@code TRACKING_1} or {@code TRACKING_2}
     * @param optionId the option's id
     * @return the option with its category, or empty when the tenant has no such option
     */
    public Optional<TrackingChoice> choice(DimensionType type, String optionId) {
        XeroJson.TrackingCategory c = categories.get(type);
        if (c == null) {
            return Optional.empty();
        }
        return options(c).stream().filter(o -> o.trackingOptionId().equalsIgnoreCase(optionId)).findFirst()
                .map(o -> new TrackingChoice(type, c.trackingCategoryId(), c.name(), o.trackingOptionId(), o.name()));
    }

    /**
     * The dimension a line's tracking entry belongs to, and the option's id.
     *
     * @param tracking the entry
     * @return the dimension type and option id, or empty when the category is not exposed
     */
    public Optional<Map.Entry<DimensionType, String>> dimensionOf(XeroJson.Tracking tracking) {
        for (Map.Entry<DimensionType, XeroJson.TrackingCategory> e : categories.entrySet()) {
            XeroJson.TrackingCategory c = e.getValue();
            boolean same = tracking.trackingCategoryId() != null
                    ? tracking.trackingCategoryId().equalsIgnoreCase(c.trackingCategoryId())
                    : tracking.name() != null && tracking.name().equalsIgnoreCase(c.name());
            if (!same) {
                continue;
            }
            if (tracking.trackingOptionId() != null) {
                return Optional.of(Map.entry(e.getKey(), tracking.trackingOptionId()));
            }
            return options(c).stream().filter(o -> o.name().equalsIgnoreCase(tracking.option())).findFirst()
                    .map(o -> Map.entry(e.getKey(), o.trackingOptionId()));
        }
        return Optional.empty();
    }
}
