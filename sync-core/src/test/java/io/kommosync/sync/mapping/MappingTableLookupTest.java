package io.kommosync.sync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MappingTableLookupTest {

    private static final ProductKey.FieldValue CONSULTING = new ProductKey.FieldValue("Service type", "Consulting");
    private static final ProductKey.FieldValue PREMIUM = new ProductKey.FieldValue("Tier", "Premium");

    /** Rows deliberately listed with the weakest key first, so precedence cannot come from table order. */
    private final MappingTable table = MappingTable.builder()
            .addRow(CONSULTING, "4100", "GB_STANDARD")
            .addRow(PREMIUM, "4200", "GB_STANDARD")
            .addRow(new ProductKey.Sku("CONS-1"), "4000", "GB_STANDARD")
            .addRow(new ProductKey.ElementId(1126319), "4300", "GB_ZERO")
            .build();

    private static ProductFacts product(long id, String sku, Map<String, String> fields) {
        return new ProductFacts(id, "Product " + id, Optional.ofNullable(sku), fields);
    }

    @Test
    @DisplayName("an element id row beats a SKU row and field rows that also match")
    void elementIdWins() {
        ProductFacts p = product(1126319, "CONS-1", Map.of("Service type", "Consulting"));
        assertThat(table.lookup(p)).map(MappingRow::ledgerAccountCode).contains("4300");
    }

    @Test
    @DisplayName("a SKU row beats field rows that also match")
    void skuBeatsFields() {
        ProductFacts p = product(5, "CONS-1", Map.of("Service type", "Consulting"));
        assertThat(table.lookup(p)).map(MappingRow::ledgerAccountCode).contains("4000");
    }

    @Test
    @DisplayName("when several field rows match, the first in table order wins, whatever the product's field order")
    void firstFieldRowWins() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Tier", "Premium");
        fields.put("Service type", "Consulting");
        assertThat(table.lookup(product(5, null, fields))).map(MappingRow::key).contains(CONSULTING);

        MappingTable reordered = MappingTable.builder().addRow(PREMIUM, "4200", "GB_STANDARD")
                .addRow(CONSULTING, "4100", "GB_STANDARD").build();
        assertThat(reordered.lookup(product(5, null, fields))).map(MappingRow::key).contains(PREMIUM);
    }

    @Test
    @DisplayName("SKU and field matching ignore case and surrounding whitespace on both sides")
    void caseAndWhitespaceInsensitive() {
        assertThat(table.lookup(product(5, "  cons-1\t", Map.of()))).map(MappingRow::ledgerAccountCode)
                .contains("4000");
        assertThat(table.lookup(product(5, null, Map.of(" SERVICE TYPE ", "consulting "))))
                .map(MappingRow::ledgerAccountCode).contains("4100");
    }

    @Test
    @DisplayName("a product nothing matches is unmapped, even when its SKU or field value is close")
    void unmappedIsEmpty() {
        assertThat(table.lookup(product(5, null, Map.of()))).isEmpty();
        assertThat(table.lookup(product(5, "CONS-2", Map.of("Service type", "Consultancy")))).isEmpty();
        assertThat(table.lookup(product(5, "CONS 1", Map.of("Service", "Consulting")))).isEmpty();
        assertThat(table.lookup(product(5, "", Map.of("Service type", "")))).isEmpty();
        assertThat(MappingTable.empty().lookup(product(1126319, "CONS-1", Map.of()))).isEmpty();
    }

    @Test
    @DisplayName("a SKU that equals a field value does not match the field row, and vice versa")
    void keyKindsDoNotCross() {
        assertThat(table.lookup(product(5, "Consulting", Map.of()))).isEmpty();
        assertThat(table.lookup(product(5, null, Map.of("SKU", "CONS-1")))).isEmpty();
    }

    @Test
    @DisplayName("with duplicate keys the first row in table order answers")
    void duplicatesFirstWins() {
        MappingTable duplicated = MappingTable.builder()
                .addRow(new ProductKey.Sku("CONS-1"), "4000", "GB_STANDARD")
                .addRow(new ProductKey.Sku("cons-1"), "4100", "GB_ZERO")
                .build();
        assertThat(duplicated.rows()).hasSize(2);
        assertThat(duplicated.lookup(product(5, "CONS-1", Map.of()))).map(MappingRow::ledgerAccountCode)
                .contains("4000");
        assertThat(duplicated.row(new ProductKey.Sku("Cons-1"))).map(MappingRow::ledgerAccountCode).contains("4000");
    }

    @Test
    @DisplayName("withRow replaces every row with the key in place of the first, or appends a new key")
    void withRowReplacesOrAppends() {
        MappingTable duplicated = table.withRow(MappingRow.of(new ProductKey.Sku("x"), "1", "T"))
                .withRow(MappingRow.of(PREMIUM, "4200", "GB_STANDARD"));
        MappingTable edited = MappingTable.builder().addRows(duplicated.rows())
                .addRow(new ProductKey.Sku("cons-1"), "4999", "GB_ZERO").build()
                .withRow(MappingRow.of(new ProductKey.Sku("CONS-1"), "4050", "GB_STANDARD",
                        Dimensions.of(DimensionType.DEPARTMENT, "D10")));

        assertThat(edited.rows()).extracting(r -> r.key().describe(), MappingRow::ledgerAccountCode).containsExactly(
                tuple("field 'Service type' = 'Consulting'", "4100"),
                tuple("field 'Tier' = 'Premium'", "4200"),
                tuple("SKU 'CONS-1'", "4050"),
                tuple("catalog element 1126319", "4300"),
                tuple("SKU 'x'", "1"));
        assertThat(table.rows()).hasSize(4);
    }

    @Test
    @DisplayName("withoutKey removes every row with the key and leaves the original table unchanged")
    void withoutKeyRemoves() {
        MappingTable smaller = table.withoutKey(new ProductKey.Sku("cons-1"));
        assertThat(smaller.rows()).extracting(MappingRow::key).doesNotContain(new ProductKey.Sku("CONS-1"));
        assertThat(smaller.lookup(product(5, "CONS-1", Map.of()))).isEmpty();
        assertThat(table.lookup(product(5, "CONS-1", Map.of()))).isPresent();
        assertThat(table.withoutKey(new ProductKey.Sku("unknown"))).isEqualTo(table);
    }

    @Test
    @DisplayName("the deal-price fallback can be set and removed")
    void fallbackEdits() {
        DealPriceFallback fallback = new DealPriceFallback("Services", "4000", "GB_STANDARD", Dimensions.none());
        assertThat(table.dealPriceFallback()).isEmpty();
        assertThat(table.withDealPriceFallback(fallback).dealPriceFallback()).contains(fallback);
        assertThat(table.withDealPriceFallback(fallback).withoutDealPriceFallback()).isEqualTo(table);
    }

    @Test
    @DisplayName("many threads looking up and validating one table at once get the answers a single thread gets")
    void concurrentUse() throws Exception {
        MappingTable shared = MappingTablesTest.sampleTable();
        List<ProductFacts> products = IntStream.range(1, 300).mapToObj(i -> product(i % 7 == 0 ? 1126319 : i,
                i % 2 == 0 ? " cons-1" : null, Map.of("service type", i % 5 == 0 ? "TRAINING" : "Consulting")))
                .toList();
        List<Optional<MappingRow>> expected = products.stream().map(shared::lookup).toList();
        List<MappingProblem> expectedProblems = shared.validate(LedgerFixtures.chart());
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Optional<MappingRow>>>> lookups = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                lookups.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    assertThat(shared.validate(LedgerFixtures.chart())).isEqualTo(expectedProblems);
                    return products.stream().map(shared::lookup).toList();
                }));
            }
            for (Future<List<Optional<MappingRow>>> lookup : lookups) {
                assertThat(lookup.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).filteredOn(Optional::isPresent).hasSize(products.size());
    }

    @Test
    @DisplayName("rows strip codes and reject blank ones, naming the row")
    void rowValidation() {
        assertThat(MappingRow.of(CONSULTING, " 4000 ", " GB ").ledgerAccountCode()).isEqualTo("4000");
        assertThatThrownBy(() -> MappingRow.of(CONSULTING, " ", "GB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the row for field 'Service type' = 'Consulting' needs a ledger account code; it is blank");
        assertThatThrownBy(() -> new DealPriceFallback(" ", "4000", "GB",
                        Dimensions.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("description");
    }
}
