package io.kommosync.accounting.spi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the ledger offers an invoice line: its accounts, its sales tax rates, and the values of each dimension.
 * The mapping table is validated against it before any invoice is raised.
 *
 * @param accounts        the ledger accounts (adapters may limit this to accounts usable on sales)
 * @param taxRates        the tax rates usable on sales
 * @param dimensionValues the values of each dimension the ledger has; empty for ledgers without dimensions
 */
public record ChartOfAccounts(List<LedgerAccount> accounts, List<TaxRate> taxRates,
                              Map<DimensionType, List<DimensionValue>> dimensionValues) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if any component or element is {@code null}
     * @throws IllegalArgumentException if two accounts share a code or two tax rates share a code
     */
    public ChartOfAccounts {
        accounts = List.copyOf(accounts);
        taxRates = List.copyOf(taxRates);
        EnumMap<DimensionType, List<DimensionValue>> dims = new EnumMap<>(DimensionType.class);
        Objects.requireNonNull(dimensionValues, "dimensionValues").forEach((k, v) -> dims.put(k, List.copyOf(v)));
        dimensionValues = Collections.unmodifiableMap(dims);
        Map<String, LedgerAccount> seen = new LinkedHashMap<>();
        for (LedgerAccount a : accounts) {
            if (seen.put(a.code(), a) != null) {
                throw new IllegalArgumentException("two ledger accounts have the code " + a.code());
            }
        }
        Map<String, TaxRate> seenRates = new LinkedHashMap<>();
        for (TaxRate t : taxRates) {
            if (seenRates.put(t.code(), t) != null) {
                throw new IllegalArgumentException("two tax rates have the code " + t.code());
            }
        }
    }

    /**
     * A chart without dimensions.
     *
     * @param accounts the ledger accounts
     * @param taxRates the tax rates
     * @return the chart
     */
    public static ChartOfAccounts of(List<LedgerAccount> accounts, List<TaxRate> taxRates) {
        return new ChartOfAccounts(accounts, taxRates, Map.of());
    }

    /**
     * The account with a code.
     *
     * @param code the account code
     * @return the account, or empty
     */
    public Optional<LedgerAccount> account(String code) {
        return accounts.stream().filter(a -> a.code().equals(code)).findFirst();
    }

    /**
     * The tax rate with a code.
     *
     * @param code the tax code
     * @return the tax rate, or empty
     */
    public Optional<TaxRate> taxRate(String code) {
        return taxRates.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    /**
     * The values of one dimension.
     *
     * @param type the dimension type
     * @return the values, empty when the ledger has none of that type
     */
    public List<DimensionValue> dimensionValues(DimensionType type) {
        return dimensionValues.getOrDefault(type, List.of());
    }
}
