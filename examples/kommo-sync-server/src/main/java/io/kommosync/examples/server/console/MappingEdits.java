package io.kommosync.examples.server.console;

import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.examples.server.console.ConsoleViews.ProblemView;
import io.kommosync.examples.server.console.ConsoleViews.RowEdit;
import io.kommosync.sync.mapping.MappingProblem;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.mapping.ProductFacts;
import io.kommosync.sync.mapping.ProductKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the page's product rows into a mapping table and the table's problems back into problems per product.
 *
 * <p>A product's edit replaces the row that maps it when that row is the product's own (keyed by its catalog
 * element id or SKU); a product mapped by a shared custom-field row, or not at all, gets a new row keyed by its SKU,
 * or by its element id when it has none (both take precedence over field rows). Blank account and tax remove the
 * product's own row.
 */
final class MappingEdits {

    /** The table after the edits and the problems found on the way, in product order. */
    record Outcome(MappingTable table, List<ProblemView> problems) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    private MappingEdits() {
    }

    static Outcome apply(MappingTable base, List<ProductFacts> products, List<RowEdit> edits, ChartOfAccounts chart) {
        Map<Long, ProductFacts> byId = new LinkedHashMap<>();
        products.forEach(p -> byId.put(p.catalogElementId(), p));
        List<ProblemView> editProblems = new ArrayList<>();
        MappingTable table = base;
        for (RowEdit edit : edits) {
            if (edit == null || edit.elementId() == null) {
                throw new ConsoleException(400, "every row needs the elementId of its product");
            }
            ProductFacts product = byId.get(edit.elementId());
            if (product == null) {
                throw new ConsoleException(400, "product " + edit.elementId() + " is not in the catalog; reload the page");
            }
            String account = blankToEmpty(edit.account());
            String tax = blankToEmpty(edit.tax());
            Optional<ProductKey> own = base.lookup(product).map(MappingRow::key).filter(MappingEdits::isOwn);
            if (account.isEmpty() && tax.isEmpty()) {
                if (own.isPresent()) {
                    table = table.withoutKey(own.get());
                }
                continue;
            }
            if (account.isEmpty() || tax.isEmpty()) {
                editProblems.add(new ProblemView(product.catalogElementId(), "INCOMPLETE_ROW",
                        product.name() + ": choose " + (account.isEmpty() ? "a ledger account" : "a tax code")
                                + " too, or clear both to leave the product unmapped.",
                        "A product is invoiced only with both an account and a tax code."));
                continue;
            }
            Dimensions dimensions = dimensions(product, edit.dimensions(), editProblems);
            ProductKey key = own.orElseGet(() -> product.sku().<ProductKey>map(ProductKey.Sku::new)
                    .orElseGet(() -> new ProductKey.ElementId(product.catalogElementId())));
            table = table.withRow(MappingRow.of(key, account, tax, dimensions));
        }
        List<ProblemView> problems = new ArrayList<>(editProblems);
        problems.addAll(attribute(table.validate(chart), table, products));
        return new Outcome(table, List.copyOf(problems));
    }

    /** The table's own problems, each attached to every listed product the faulty row maps. */
    static List<ProblemView> attribute(List<MappingProblem> found, MappingTable table, List<ProductFacts> products) {
        List<ProblemView> views = new ArrayList<>();
        for (MappingProblem problem : found) {
            List<Long> hit = problem.key().map(key -> products.stream()
                    .filter(p -> table.lookup(p).map(r -> r.key().equals(key)).orElse(false))
                    .map(ProductFacts::catalogElementId).toList()).orElse(List.of());
            if (hit.isEmpty()) {
                views.add(new ProblemView(null, problem.kind().name(), problem.message(), problem.fix()));
            }
            for (Long id : hit) {
                views.add(new ProblemView(id, problem.kind().name(), problem.message(), problem.fix()));
            }
        }
        return views;
    }

    static boolean isOwn(ProductKey key) {
        return key instanceof ProductKey.ElementId || key instanceof ProductKey.Sku;
    }

    private static Dimensions dimensions(ProductFacts product, Map<String, String> given, List<ProblemView> problems) {
        if (given == null || given.isEmpty()) {
            return Dimensions.none();
        }
        Map<DimensionType, String> values = new EnumMap<>(DimensionType.class);
        given.forEach((type, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            try {
                values.put(DimensionType.valueOf(type.strip().toUpperCase(Locale.ROOT)), value.strip());
            } catch (IllegalArgumentException unknown) {
                problems.add(new ProblemView(product.catalogElementId(), "UNKNOWN_DIMENSION_TYPE",
                        product.name() + ": there is no dimension called '" + type + "'.", "Reload the page."));
            }
        });
        return new Dimensions(values);
    }

    private static String blankToEmpty(String text) {
        return text == null ? "" : text.strip();
    }
}
