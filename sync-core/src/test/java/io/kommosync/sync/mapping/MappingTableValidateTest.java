package io.kommosync.sync.mapping;

import static io.kommosync.sync.mapping.MappingProblem.Kind.CONFLICTING_ROWS;
import static io.kommosync.sync.mapping.MappingProblem.Kind.INACTIVE_ACCOUNT;
import static io.kommosync.sync.mapping.MappingProblem.Kind.INACTIVE_DIMENSION_VALUE;
import static io.kommosync.sync.mapping.MappingProblem.Kind.INACTIVE_TAX_CODE;
import static io.kommosync.sync.mapping.MappingProblem.Kind.MISSING_REQUIRED_DIMENSION;
import static io.kommosync.sync.mapping.MappingProblem.Kind.NOT_REVENUE_ACCOUNT;
import static io.kommosync.sync.mapping.MappingProblem.Kind.UNKNOWN_ACCOUNT;
import static io.kommosync.sync.mapping.MappingProblem.Kind.UNKNOWN_DIMENSION_VALUE;
import static io.kommosync.sync.mapping.MappingProblem.Kind.UNKNOWN_TAX_CODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MappingTableValidateTest {

    private final ChartOfAccounts chart = LedgerFixtures.chart();

    private static final ProductKey CONS_1 = new ProductKey.Sku("CONS-1");
    private static final ProductKey GHOST = new ProductKey.Sku("GHOST");
    private static final ProductKey E11 = new ProductKey.ElementId(11);
    private static final ProductKey E12 = new ProductKey.ElementId(12);
    private static final ProductKey E13 = new ProductKey.ElementId(13);
    private static final ProductKey CONSULTING = new ProductKey.FieldValue("Service type", "Consulting");
    private static final ProductKey TRAINING = new ProductKey.FieldValue("Service type", "Training");
    private static final ProductKey SUPPORT = new ProductKey.Sku("SUPPORT");

    private static MappingRow row(ProductKey key, String account, String tax, Dimensions dims, int line) {
        return new MappingRow(key, account, tax, dims, line);
    }

    /** One bad row per kind of problem, a harmless duplicate, and a bad fallback. */
    private static MappingTable tableWithEveryProblem() {
        Dimensions none = Dimensions.none();
        return MappingTable.builder()
                .addRow(row(CONS_1, "7000", "GB_STANDARD", none, 2))
                .addRow(row(GHOST, "9999", "GB_STANDARD", none, 3))
                .addRow(row(E11, "4900", "GB_ZERO", none, 4))
                .addRow(row(E12, "4000", "XX", none, 5))
                .addRow(row(E13, "4000", "GB_OLD", none, 6))
                .addRow(row(CONSULTING, "4100", "GB_STANDARD", none, 7))
                .addRow(row(TRAINING, "4100", "GB_STANDARD", Dimensions.of(DimensionType.DEPARTMENT, "D99"), 8))
                .addRow(row(SUPPORT, "4000", "GB_STANDARD", Dimensions.of(DimensionType.DEPARTMENT, "D30"), 9))
                .addRow(row(new ProductKey.Sku("cons-1"), "4000", "GB_STANDARD", none, 10))
                .addRow(row(new ProductKey.Sku("support"), "4000", "GB_STANDARD",
                        Dimensions.of(DimensionType.DEPARTMENT, "D30"), 11))
                // The chart lists no locations, so any location value passes.
                .addRow(row(new ProductKey.Sku("FINE"), "8000", "GB_ZERO",
                        Dimensions.of(DimensionType.LOCATION, "ANYWHERE"), 12))
                .withDealPriceFallback(new DealPriceFallback("Services", "7000", "gb_standard", none, 14))
                .build();
    }

    @Test
    @DisplayName("one validate call lists every problem of every row and of the fallback, in table order")
    void listsEveryProblem() {
        List<MappingProblem> problems = tableWithEveryProblem().validate(chart);

        assertThat(problems).extracting(MappingProblem::key, MappingProblem::sourceLine, MappingProblem::kind)
                .containsExactly(
                        tuple(Optional.of(CONS_1), 2, NOT_REVENUE_ACCOUNT),
                        tuple(Optional.of(GHOST), 3, UNKNOWN_ACCOUNT),
                        tuple(Optional.of(E11), 4, INACTIVE_ACCOUNT),
                        tuple(Optional.of(E12), 5, UNKNOWN_TAX_CODE),
                        tuple(Optional.of(E13), 6, INACTIVE_TAX_CODE),
                        tuple(Optional.of(CONSULTING), 7, MISSING_REQUIRED_DIMENSION),
                        tuple(Optional.of(TRAINING), 8, UNKNOWN_DIMENSION_VALUE),
                        tuple(Optional.of(SUPPORT), 9, INACTIVE_DIMENSION_VALUE),
                        tuple(Optional.of(CONS_1), 10, CONFLICTING_ROWS),
                        tuple(Optional.of(SUPPORT), 11, INACTIVE_DIMENSION_VALUE),
                        tuple(Optional.empty(), 14, NOT_REVENUE_ACCOUNT),
                        tuple(Optional.empty(), 14, UNKNOWN_TAX_CODE));
        assertThat(problems).extracting(MappingProblem::kind).containsAll(Arrays.asList(MappingProblem.Kind.values()));
    }

    @Test
    @DisplayName("messages and fixes are plain words an accountant can act on")
    void messagesInPlainWords() {
        List<String> shown = tableWithEveryProblem().validate(chart).stream().map(MappingProblem::toString).toList();

        assertThat(shown).containsExactly(
                "SKU 'CONS-1' (line 2): ledger account 7000 'Travel' is an expense account, not a revenue account."
                        + " Fix: Choose a revenue account such as 4000 'Sales', 4100 'Consulting', 8000 'Interest'.",
                "SKU 'GHOST' (line 3): ledger account 9999 does not exist in the ledger's chart of accounts."
                        + " Fix: Use the code of a revenue account such as 4000 'Sales', 4100 'Consulting',"
                        + " 8000 'Interest'.",
                "catalog element 11 (line 4): ledger account 4900 'Old sales' is inactive in the ledger."
                        + " Fix: Choose an active revenue account such as 4000 'Sales', 4100 'Consulting',"
                        + " 8000 'Interest'. Or reactivate 4900 in the ledger.",
                "catalog element 12 (line 5): tax code XX does not exist in the ledger."
                        + " Fix: Use an active tax code such as GB_STANDARD 'Standard 20%', GB_ZERO 'Zero rated'.",
                "catalog element 13 (line 6): tax code GB_OLD 'Old 17.5%' is inactive in the ledger."
                        + " Fix: Choose an active tax code such as GB_STANDARD 'Standard 20%', GB_ZERO 'Zero rated'."
                        + " Or reactivate GB_OLD in the ledger.",
                "field 'Service type' = 'Consulting' (line 7): ledger account 4100 'Consulting' requires a"
                        + " department, but the row has none. Fix: Add a department (dimension.department) to the"
                        + " row, for example D10 'Sales', D20 'Support'.",
                "field 'Service type' = 'Training' (line 8): department D99 is not a department in the ledger."
                        + " Fix: Use the id of an active department such as D10 'Sales', D20 'Support'.",
                "SKU 'SUPPORT' (line 9): department D30 'Closed' is inactive in the ledger."
                        + " Fix: Use an active department such as D10 'Sales', D20 'Support', or reactivate D30 in"
                        + " the ledger.",
                "SKU 'cons-1' (line 10): matches the same products as the row on line 2 but posts to account 4000,"
                        + " tax code GB_STANDARD without dimensions instead of account 7000, tax code GB_STANDARD"
                        + " without dimensions. Fix: Keep one of the two rows: delete the other or make them the"
                        + " same. Until then the first row wins and the table must not be used for invoicing.",
                "SKU 'support' (line 11): department D30 'Closed' is inactive in the ledger."
                        + " Fix: Use an active department such as D10 'Sales', D20 'Support', or reactivate D30 in"
                        + " the ledger.",
                "the deal-price fallback 'Services' (line 14): ledger account 7000 'Travel' is an expense account,"
                        + " not a revenue account. Fix: Choose a revenue account such as 4000 'Sales',"
                        + " 4100 'Consulting', 8000 'Interest'.",
                "the deal-price fallback 'Services' (line 14): tax code gb_standard does not exist in the ledger."
                        + " Fix: Codes are case-sensitive: did you mean GB_STANDARD? Use an active tax code such as"
                        + " GB_STANDARD 'Standard 20%', GB_ZERO 'Zero rated'.");
    }

    @Test
    @DisplayName("an account can be at fault several ways at once, and all of them are listed")
    void severalProblemsOnOneRow() {
        MappingTable table = MappingTable.builder()
                .addRow(new ProductKey.Sku("X"), "7000", "NOPE", Dimensions.of(DimensionType.DEPARTMENT, "D99"))
                .build();
        ChartOfAccounts chart = new ChartOfAccounts(
                List.of(new io.kommosync.accounting.spi.LedgerAccount("a", "7000", "Travel",
                        io.kommosync.accounting.spi.AccountType.EXPENSE, false,
                        java.util.Set.of(DimensionType.PROJECT))),
                this.chart.taxRates(), this.chart.dimensionValues());

        assertThat(table.validate(chart)).extracting(MappingProblem::kind).containsExactly(
                INACTIVE_ACCOUNT, NOT_REVENUE_ACCOUNT, MISSING_REQUIRED_DIMENSION, UNKNOWN_TAX_CODE,
                UNKNOWN_DIMENSION_VALUE);
        assertThat(table.validate(chart).get(0).toString()).contains("The ledger has no active revenue account");
        assertThat(table.validate(chart)).allSatisfy(p -> assertThat(p.message()).startsWith("SKU 'X': "));
    }

    @Test
    @DisplayName("a table that fits the ledger has no problems, and identical duplicates are harmless")
    void cleanTable() {
        MappingTable table = MappingTable.builder()
                .addRow(new ProductKey.Sku("CONS-1"), "4100", "GB_STANDARD", Dimensions.of(DimensionType.DEPARTMENT, "D10"))
                .addRow(new ProductKey.Sku("cons-1 "), "4100", "GB_STANDARD", Dimensions.of(DimensionType.DEPARTMENT, "D10"))
                .addRow(new ProductKey.ElementId(1), "8000", "GB_ZERO")
                .withDealPriceFallback(new DealPriceFallback("Services", "4000", "GB_STANDARD", Dimensions.none()))
                .build();

        assertThat(table.validate(chart)).isEmpty();
        assertThat(MappingTable.empty().validate(chart)).isEmpty();
    }

    @Test
    @DisplayName("the fallback is checked for required dimensions and dimension values too")
    void fallbackDimensions() {
        MappingTable table = MappingTable.builder()
                .withDealPriceFallback(new DealPriceFallback("Consulting", "4100", "GB_STANDARD", Dimensions.none()))
                .build();
        assertThat(table.validate(chart)).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MISSING_REQUIRED_DIMENSION);
            assertThat(p.concernsFallback()).isTrue();
            assertThat(p.sourceLine()).isZero();
            assertThat(p.message()).startsWith("the deal-price fallback 'Consulting': ");
        });
    }

    @Test
    @DisplayName("a conflict built in code names an earlier row instead of a line")
    void conflictBuiltInCode() {
        MappingTable table = MappingTable.builder()
                .addRow(new ProductKey.ElementId(1), "4000", "GB_STANDARD")
                .addRow(new ProductKey.ElementId(1), "4000", "GB_ZERO")
                .build();
        assertThat(table.validate(chart)).singleElement().extracting(MappingProblem::message).isEqualTo(
                "catalog element 1: matches the same products as an earlier row but posts to account 4000,"
                        + " tax code GB_ZERO without dimensions instead of account 4000, tax code GB_STANDARD"
                        + " without dimensions.");
    }
}
