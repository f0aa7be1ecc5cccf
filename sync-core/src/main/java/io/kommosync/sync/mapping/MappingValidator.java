package io.kommosync.sync.mapping;

import io.kommosync.accounting.spi.AccountType;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.DimensionValue;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.TaxRate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Checks a {@link MappingTable} against a {@link ChartOfAccounts}; see {@link MappingTable#validate}. */
final class MappingValidator {

    private static final int SUGGESTIONS = 3;

    private final ChartOfAccounts chart;
    private final List<MappingProblem> problems = new ArrayList<>();

    MappingValidator(ChartOfAccounts chart) {
        this.chart = chart;
    }

    List<MappingProblem> validate(MappingTable table) {
        Map<ProductKey, MappingRow> first = new HashMap<>();
        for (MappingRow row : table.rows()) {
            Subject subject = new Subject(Optional.of(row.key()), row.sourceLine(),
                    row.key().describe() + at(row.sourceLine()));
            checkTarget(subject, row.ledgerAccountCode(), row.taxCode(), row.dimensions());
            MappingRow earlier = first.putIfAbsent(row.key(), row);
            if (earlier != null && !earlier.sameTarget(row)) {
                String where = earlier.sourceLine() > 0 ? "the row on line " + earlier.sourceLine() : "an earlier row";
                subject.report(MappingProblem.Kind.CONFLICTING_ROWS,
                        "matches the same products as " + where + " but posts to " + target(row)
                                + " instead of " + target(earlier) + ".",
                        "Keep one of the two rows: delete the other or make them the same. Until then the first row"
                                + " wins and the table must not be used for invoicing.");
            }
        }
        table.dealPriceFallback().ifPresent(f -> checkTarget(
                new Subject(Optional.empty(), f.sourceLine(),
                        "the deal-price fallback '" + f.description() + "'" + at(f.sourceLine())),
                f.ledgerAccountCode(), f.taxCode(), f.dimensions()));
        return List.copyOf(problems);
    }

    private void checkTarget(Subject subject, String accountCode, String taxCode, Dimensions dimensions) {
        Optional<LedgerAccount> account = chart.account(accountCode);
        if (account.isEmpty()) {
            subject.report(MappingProblem.Kind.UNKNOWN_ACCOUNT,
                    "ledger account " + accountCode + " does not exist in the ledger's chart of accounts.",
                    didYouMean(accountCode, chart.accounts().stream().map(LedgerAccount::code))
                            + incomeAccountAdvice("Use the code of a revenue account"));
        } else {
            LedgerAccount a = account.get();
            if (!a.active()) {
                subject.report(MappingProblem.Kind.INACTIVE_ACCOUNT,
                        "ledger account " + name(a) + " is inactive in the ledger.",
                        incomeAccountAdvice("Choose an active revenue account") + " Or reactivate " + a.code()
                                + " in the ledger.");
            }
            if (!a.type().isIncome()) {
                subject.report(MappingProblem.Kind.NOT_REVENUE_ACCOUNT,
                        "ledger account " + name(a) + " is " + typeWords(a.type()) + ", not a revenue account.",
                        incomeAccountAdvice("Choose a revenue account"));
            }
            for (DimensionType required : a.requiredDimensions()) {
                if (dimensions.get(required).isEmpty()) {
                    subject.report(MappingProblem.Kind.MISSING_REQUIRED_DIMENSION,
                            "ledger account " + name(a) + " requires " + DimensionNames.withArticle(required)
                                    + ", but the row has none.",
                            "Add " + DimensionNames.withArticle(required) + " (dimension."
                                    + DimensionNames.fileName(required) + ") to the row"
                                    + examples(", for example ", activeValues(required)) + ".");
                }
            }
        }
        Optional<TaxRate> rate = chart.taxRate(taxCode);
        if (rate.isEmpty()) {
            subject.report(MappingProblem.Kind.UNKNOWN_TAX_CODE,
                    "tax code " + taxCode + " does not exist in the ledger.",
                    didYouMean(taxCode, chart.taxRates().stream().map(TaxRate::code)) + taxAdvice("Use"));
        } else if (!rate.get().active()) {
            subject.report(MappingProblem.Kind.INACTIVE_TAX_CODE,
                    "tax code " + rate.get().code() + " '" + rate.get().name() + "' is inactive in the ledger.",
                    taxAdvice("Choose") + " Or reactivate " + rate.get().code() + " in the ledger.");
        }
        dimensions.values().forEach((type, valueId) -> checkDimensionValue(subject, type, valueId));
    }

    private void checkDimensionValue(Subject subject, DimensionType type, String valueId) {
        List<DimensionValue> known = chart.dimensionValues(type);
        if (known.isEmpty()) {
            return;
        }
        Optional<DimensionValue> value = known.stream().filter(v -> v.id().equals(valueId)).findFirst();
        String plain = DimensionNames.plain(type);
        List<String> active = activeValues(type);
        if (value.isEmpty()) {
            subject.report(MappingProblem.Kind.UNKNOWN_DIMENSION_VALUE,
                    plain + " " + valueId + " is not " + DimensionNames.withArticle(type) + " in the ledger.",
                    didYouMean(valueId, known.stream().map(DimensionValue::id)) + (active.isEmpty()
                            ? "The ledger has no active " + plain + ": add one there, or remove the " + plain
                                    + " from the row."
                            : examples("Use the id of an active " + plain + " such as ", active) + "."));
        } else if (!value.get().active()) {
            subject.report(MappingProblem.Kind.INACTIVE_DIMENSION_VALUE,
                    plain + " " + valueId + " '" + value.get().name() + "' is inactive in the ledger.",
                    active.isEmpty()
                            ? "Reactivate " + valueId + " in the ledger."
                            : examples("Use an active " + plain + " such as ", active) + ", or reactivate "
                                    + valueId + " in the ledger.");
        }
    }

    private List<String> activeValues(DimensionType type) {
        return chart.dimensionValues(type).stream().filter(DimensionValue::active)
                .map(v -> v.id() + " '" + v.name() + "'").toList();
    }

    private String incomeAccountAdvice(String verbPhrase) {
        List<String> income = chart.accounts().stream().filter(a -> a.active() && a.type().isIncome())
                .map(MappingValidator::name).toList();
        return income.isEmpty()
                ? "The ledger has no active revenue account: create one there, then map the row to it."
                : examples(verbPhrase + " such as ", income) + ".";
    }

    private String taxAdvice(String verb) {
        List<String> active = chart.taxRates().stream().filter(TaxRate::active)
                .map(t -> t.code() + " '" + t.name() + "'").toList();
        return active.isEmpty()
                ? "The ledger has no active tax rate for sales: set one up there first."
                : examples(verb + " an active tax code such as ", active) + ".";
    }

    /** A case-insensitive match, which is the usual slip: "gb_standard" for "GB_STANDARD". */
    private static String didYouMean(String given, Stream<String> codes) {
        String folded = KeyFolding.fold(given);
        return codes.filter(c -> KeyFolding.fold(c).equals(folded)).findFirst()
                .map(c -> "Codes are case-sensitive: did you mean " + c + "? ").orElse("");
    }

    private static String examples(String lead, List<String> candidates) {
        if (candidates.isEmpty()) {
            return "";
        }
        String shown = candidates.stream().limit(SUGGESTIONS).collect(Collectors.joining(", "));
        return lead + shown + (candidates.size() > SUGGESTIONS ? " (" + candidates.size() + " in all)" : "");
    }

    private static String name(LedgerAccount account) {
        return account.code() + " '" + account.name() + "'";
    }

    private static String typeWords(AccountType type) {
        return switch (type) {
            case EXPENSE -> "an expense account";
            case ASSET -> "an asset account";
            case BANK -> "a bank account";
            case LIABILITY -> "a liability account";
            case EQUITY -> "an equity account";
            case OTHER -> "an account of no recognised class";
            case REVENUE -> "a revenue account";
            case OTHER_INCOME -> "an other-income account";
        };
    }

    private static String target(MappingRow row) {
        String dims = row.dimensions().values().entrySet().stream()
                .map(e -> DimensionNames.plain(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "));
        return "account " + row.ledgerAccountCode() + ", tax code " + row.taxCode()
                + (dims.isEmpty() ? " without dimensions" : ", " + dims);
    }

    private static String at(int line) {
        return line > 0 ? " (line " + line + ")" : "";
    }

    /** The row or fallback under check, which prefixes every message. */
    private final class Subject {
        private final Optional<ProductKey> key;
        private final int line;
        private final String description;

        Subject(Optional<ProductKey> key, int line, String description) {
            this.key = key;
            this.line = line;
            this.description = description;
        }

        void report(MappingProblem.Kind kind, String what, String fix) {
            problems.add(new MappingProblem(key, line, kind, description + ": " + what, fix));
        }
    }
}
