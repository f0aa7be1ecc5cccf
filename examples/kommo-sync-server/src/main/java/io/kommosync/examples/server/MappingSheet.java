package io.kommosync.examples.server;

import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.TaxRate;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.mapping.MappingTables;
import io.kommosync.sync.mapping.ProductFacts;
import io.kommosync.sync.mapping.ProductKey;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The mapping table as the accountant works on it: the sheet {@code mapping export} writes and {@code mapping validate}
 * and {@code serve} read back. It is a CSV file (UTF-8 with a byte-order mark, so Excel opens it as UTF-8) in two
 * sections:
 * <ol>
 *   <li>one row per Kommo catalog product: the mapping columns of {@link MappingTables} ({@code key_type, key,
 *       field_name, ledger_account, tax_code}) with the suggested key filled in, followed by {@code product_id,
 *       product_name, product_sku, product_price} for the accountant's information;</li>
 *   <li>after a blank row, from the row whose first cell is {@code list}: the ledger's revenue accounts and tax codes
 *       to choose from.</li>
 * </ol>
 * Reading drops the {@code product_*} columns and the reference section, and leaves out product rows whose
 * {@code ledger_account} and {@code tax_code} are both still empty (they are reported as products without a row);
 * everything else, line numbers included, goes to {@link MappingTables#fromCsv}. Plain mapping files (CSV without
 * these extras, YAML, JSON) are read as they are.
 *
 * @param table    the table
 * @param unfilled the product rows still waiting for an account and a tax code
 */
record MappingSheet(MappingTable table, List<Unfilled> unfilled) {

    static final String BOM = "\uFEFF";
    static final List<String> HEADER = List.of("key_type", "key", "field_name", "ledger_account", "tax_code",
            "product_id", "product_name", "product_sku", "product_price");
    static final String REFERENCE_SECTION = "list";

    MappingSheet {
        unfilled = List.copyOf(unfilled);
    }

    /**
     * A product row without an account and a tax code yet.
     *
     * @param line        its line
     * @param key         its key, when it is an element id or SKU key
     * @param description the product, as the row names it
     */
    record Unfilled(int line, Optional<ProductKey> key, String description) {
    }

    /**
     * A catalog product, as listed in the sheet.
     *
     * @param id    the catalog element id
     * @param name  its name
     * @param sku   its SKU, if any
     * @param price its price, if any
     * @param facts what the mapping table matches it on
     */
    record Product(long id, String name, Optional<String> sku, Optional<BigDecimal> price, ProductFacts facts) {
    }

    /**
     * Reads a mapping file of any format.
     *
     * @param file the file
     * @return the table and the rows still to fill in
     * @throws io.kommosync.sync.mapping.MappingFormatException listing every bad row
     */
    static MappingSheet load(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return new MappingSheet(MappingTables.load(file), List.of());
        }
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mapping file " + file + "; check the path in the "
                    + "configuration's mapping.file", e);
        }
    }

    /**
     * Reads a mapping CSV, with or without the sheet's extras.
     *
     * @param text   the CSV
     * @param source where it came from, for messages
     * @return the table and the rows still to fill in
     * @throws io.kommosync.sync.mapping.MappingFormatException listing every bad row
     */
    static MappingSheet read(String text, String source) {
        List<Csv.Record> records = Csv.parse(text.startsWith(BOM) ? text.substring(1) : text);
        StringBuilder plain = new StringBuilder();
        List<Unfilled> unfilled = new ArrayList<>();
        int line = 1;
        List<Integer> dropped = new ArrayList<>();
        Map<String, Integer> columns = new HashMap<>();
        boolean header = true;
        for (Csv.Record r : records) {
            List<String> cells = new ArrayList<>(r.cells());
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            if (!header && cells.get(0).strip().equalsIgnoreCase(REFERENCE_SECTION)) {
                break;
            }
            if (header) {
                for (int i = 0; i < cells.size(); i++) {
                    String name = cells.get(i).strip().toLowerCase(Locale.ROOT);
                    columns.putIfAbsent(name, i);
                    if (name.startsWith("product_")) {
                        dropped.add(i);
                    }
                }
                header = false;
            } else {
                Integer keyType = columns.get("key_type");
                Integer account = columns.get("ledger_account");
                Integer tax = columns.get("tax_code");
                if (keyType != null && account != null && tax != null && cell(cells, account).isBlank()
                        && cell(cells, tax).isBlank() && !cell(cells, keyType).strip().equalsIgnoreCase("deal_price")) {
                    Integer name = columns.get("product_name");
                    String type = cell(cells, keyType).strip().toLowerCase(Locale.ROOT);
                    String key = columns.containsKey("key") ? cell(cells, columns.get("key")).strip() : "";
                    Optional<ProductKey> productKey = Optional.empty();
                    if (type.equals("sku") && !key.isEmpty()) {
                        productKey = Optional.of(new ProductKey.Sku(key));
                    } else if (type.equals("element_id") && key.matches("[1-9][0-9]{0,17}")) {
                        productKey = Optional.of(new ProductKey.ElementId(Long.parseLong(key)));
                    }
                    String product = name != null && !cell(cells, name).isBlank() ? "'" + cell(cells, name).strip()
                            + "' " : "";
                    unfilled.add(new Unfilled(r.line(), productKey, product + "(" + type + " " + key + ")"));
                    continue;
                }
            }
            for (int i : dropped) {
                if (i < cells.size()) {
                    cells.set(i, "");
                }
            }
            while (line < r.line()) {
                plain.append('\n');
                line++;
            }
            String row = Csv.row(cells);
            plain.append(row);
            line += (int) row.chars().filter(c -> c == '\n').count();
        }
        MappingTable table = MappingTables.fromCsv(new StringReader(plain.toString()));
        return new MappingSheet(table, unfilled);
    }

    private static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index) : "";
    }

    /**
     * Writes the sheet for a connection.
     *
     * @param products the catalog products
     * @param current  the connection's table now, whose rows fill in the account and tax code where they match
     * @param chart    the ledger's chart, for the reference section
     * @return the CSV text, starting with a byte-order mark
     */
    static String write(List<Product> products, MappingTable current, ChartOfAccounts chart) {
        StringBuilder out = new StringBuilder(BOM);
        out.append(Csv.row(HEADER));
        Map<String, Integer> skuCount = new HashMap<>();
        for (Product p : products) {
            p.sku().ifPresent(s -> skuCount.merge(s.strip().toLowerCase(Locale.ROOT), 1, Integer::sum));
        }
        for (Product p : products) {
            boolean bySku = p.sku().isPresent() && skuCount.get(p.sku().get().strip().toLowerCase(Locale.ROOT)) == 1;
            ProductKey key = bySku ? new ProductKey.Sku(p.sku().get()) : new ProductKey.ElementId(p.id());
            Optional<MappingRow> row = current.lookup(p.facts());
            out.append(Csv.row(List.of(bySku ? "sku" : "element_id", bySku ? p.sku().get() : Long.toString(p.id()), "",
                    row.map(MappingRow::ledgerAccountCode).orElse(""), row.map(MappingRow::taxCode).orElse(""),
                    Long.toString(p.id()), p.name(), p.sku().orElse(""),
                    p.price().map(BigDecimal::toPlainString).orElse(""))));
        }
        out.append('\n');
        out.append(Csv.row(List.of(REFERENCE_SECTION, "code", "name", "detail")));
        for (LedgerAccount a : chart.accounts()) {
            if (a.active() && a.type().isIncome()) {
                out.append(Csv.row(List.of("revenue_account", a.code(), a.name(),
                        a.type().name().toLowerCase(Locale.ROOT).replace('_', ' '))));
            }
        }
        for (TaxRate t : chart.taxRates()) {
            if (t.active()) {
                out.append(Csv.row(List.of("tax_code", t.code(), t.name(),
                        t.percent().stripTrailingZeros().toPlainString() + "%")));
            }
        }
        return out.toString();
    }

    /** RFC 4180 CSV, just enough for the sheet: records with the line they start on. */
    static final class Csv {
        private Csv() {
        }

        record Record(int line, List<String> cells) {
        }

        static List<Record> parse(String text) {
            List<Record> records = new ArrayList<>();
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            int line = 1;
            int start = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    cells.add(cell.toString());
                    cell.setLength(0);
                    records.add(new Record(start, List.copyOf(cells)));
                    cells.clear();
                    line++;
                    start = line;
                } else {
                    cell.append(c);
                }
            }
            if (cell.length() > 0 || !cells.isEmpty()) {
                cells.add(cell.toString());
                records.add(new Record(start, List.copyOf(cells)));
            }
            return records;
        }

        static String row(List<String> cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                String v = cells.get(i);
                if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                    b.append('"').append(v.replace("\"", "\"\"")).append('"');
                } else {
                    b.append(v);
                }
            }
            return b.append('\n').toString();
        }
    }
}
