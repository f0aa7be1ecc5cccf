package io.kommosync.examples.server;

import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.sync.mapping.MappingProblem;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.ProductKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything wrong with a mapping sheet measured against the ledger's chart and the Kommo catalog: unknown or
 * inactive accounts and tax codes (the table's own validation), duplicate keys, and products without a row.
 */
final class MappingCheck {

    private MappingCheck() {
    }

    /**
     * Every problem, one sentence each with the fix.
     *
     * @param sheet    the sheet
     * @param chart    the ledger's chart of accounts
     * @param products the Kommo catalog's products
     * @return the problems; empty when the table is ready
     */
    static List<String> problems(MappingSheet sheet, ChartOfAccounts chart, List<MappingSheet.Product> products) {
        List<String> problems = new ArrayList<>();
        for (MappingProblem p : sheet.table().validate(chart)) {
            problems.add(p.toString());
        }
        Map<ProductKey, List<MappingRow>> byKey = new LinkedHashMap<>();
        for (MappingRow row : sheet.table().rows()) {
            byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
        }
        byKey.forEach((key, rows) -> {
            if (rows.size() > 1) {
                problems.add("duplicate key: " + key.describe() + " is on " + rows.size() + " rows (lines "
                        + rows.stream().map(r -> Integer.toString(r.sourceLine())).toList() + "). Fix: keep one row "
                        + "per key.");
            }
        });
        List<MappingSheet.Unfilled> unfilled = new ArrayList<>(sheet.unfilled());
        for (MappingSheet.Product product : products) {
            if (sheet.table().lookup(product.facts()).isPresent()) {
                continue;
            }
            String what = "product '" + product.name() + "' (id " + product.id()
                    + product.sku().map(s -> ", SKU " + s).orElse("") + ")";
            Optional<MappingSheet.Unfilled> row = unfilled.stream()
                    .filter(u -> u.key().isPresent() && u.key().get().matches(product.facts())).findFirst();
            if (row.isPresent()) {
                unfilled.remove(row.get());
                problems.add("product without a row: " + what + " has no ledger_account and tax_code yet (line "
                        + row.get().line() + "). Fix: fill both in.");
            } else {
                problems.add("product without a row: " + what + " is in the Kommo catalog but not in the table. "
                        + "Fix: add a row for it (mapping export lists every product).");
            }
        }
        for (MappingSheet.Unfilled u : unfilled) {
            problems.add("line " + u.line() + ": the row for " + u.description() + " has no ledger_account and "
                    + "tax_code. Fix: fill both in, or delete the row if the product is gone.");
        }
        return problems;
    }
}
