package io.kommosync.sync.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The CSV format documented on {@link MappingTables}. */
final class CsvMappingFormat {

    private static final CsvMapper MAPPER = new CsvMapper(CsvFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build());

    private static final String KEY_TYPE = "key_type";
    private static final String KEY = "key";
    private static final String FIELD_NAME = "field_name";
    private static final String LEDGER_ACCOUNT = "ledger_account";
    private static final String TAX_CODE = "tax_code";
    private static final String DIMENSION_PREFIX = "dimension.";
    private static final List<String> FIXED_COLUMNS = List.of(KEY_TYPE, KEY, FIELD_NAME, LEDGER_ACCOUNT, TAX_CODE);
    private static final List<String> REQUIRED_COLUMNS = List.of(KEY_TYPE, KEY, LEDGER_ACCOUNT, TAX_CODE);
    private static final String KEY_TYPES = "element_id, sku, field or deal_price";

    private CsvMappingFormat() {
    }

    /** One CSV record: the line it starts on and its cells, stripped. */
    private record Record(int line, List<String> cells) {
        boolean blank() {
            return cells.stream().allMatch(String::isEmpty);
        }

        String cell(Integer index) {
            return index != null && index < cells.size() ? cells.get(index) : "";
        }
    }

    static MappingTable read(Reader reader, String source) {
        List<Record> records = MappingTables.parsing(reader, source, CsvMappingFormat::records);
        FormatProblems problems = new FormatProblems();
        List<Record> nonBlank = records.stream().filter(r -> !r.blank()).toList();
        if (nonBlank.isEmpty()) {
            problems.add(0, null, "the file is empty.",
                    "Start with the header row key_type,key,field_name,ledger_account,tax_code.");
            problems.throwIfAny(source);
        }
        Record first = nonBlank.get(0);
        List<String> headerCells = first.cells().stream().filter(c -> !c.isEmpty()).toList();
        if (headerCells.size() == 1 && headerCells.get(0).contains(";")) {
            problems.add(first.line(), null, "the columns are separated by semicolons, not commas.",
                    "Save the file as \"CSV UTF-8 (comma delimited)\", or replace the semicolons with commas.");
            problems.throwIfAny(source);
        }
        Header header = Header.parse(first, problems);
        MappingTable.Builder table = MappingTable.builder();
        int fallbackLine = 0;
        for (Record record : nonBlank.subList(1, nonBlank.size())) {
            int before = problems.count();
            Optional<Row> row = header.row(record, problems);
            if (row.isEmpty() || problems.count() != before) {
                continue;
            }
            if (row.get().fallback().isPresent()) {
                if (fallbackLine > 0) {
                    problems.add(record.line(), KEY_TYPE, "a second deal_price row; line " + fallbackLine
                                    + " already sets the fallback for deals without products.",
                            "Keep one deal_price row.");
                    continue;
                }
                fallbackLine = record.line();
                table.withDealPriceFallback(row.get().fallback().get());
            } else {
                table.addRow(row.get().mapping().orElseThrow());
            }
        }
        problems.throwIfAny(source);
        return table.build();
    }

    private static List<Record> records(Reader reader) throws IOException {
        List<Record> records = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(reader)) {
            List<String> cells = null;
            int line = 0;
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY) {
                    depth++;
                    cells = new ArrayList<>();
                    line = 0;
                } else if (token == JsonToken.END_ARRAY) {
                    depth--;
                    if (cells != null) {
                        records.add(new Record(line, List.copyOf(cells)));
                        cells = null;
                    }
                } else if (token.isScalarValue() && cells != null && depth > 0) {
                    if (line == 0) {
                        // The line of a row's first value; the array's own location lags one row behind.
                        line = Math.max(parser.currentTokenLocation().getLineNr(), 0);
                    }
                    cells.add(parser.getText() == null ? "" : parser.getText().strip());
                }
            }
        }
        return records;
    }

    /** Where each column is, from the header row. */
    private static final class Header {
        private final Map<String, Integer> fixed = new HashMap<>();
        private final Map<DimensionType, Integer> dimensions = new EnumMap<>(DimensionType.class);
        private final Map<Integer, String> names = new HashMap<>();
        private final Set<Integer> unnamed = new HashSet<>();
        private final int width;

        private Header(int width) {
            this.width = width;
        }

        static Header parse(Record record, FormatProblems problems) {
            Header header = new Header(record.cells().size());
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < record.cells().size(); i++) {
                String raw = record.cells().get(i);
                String name = raw.toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    header.unnamed.add(i);
                    continue;
                }
                header.names.put(i, name);
                Integer earlier = seen.putIfAbsent(name, i);
                if (earlier != null) {
                    problems.add(record.line(), raw, "column '" + raw + "' appears twice (columns " + (earlier + 1)
                            + " and " + (i + 1) + ").", "Keep one of the two columns.");
                } else if (FIXED_COLUMNS.contains(name)) {
                    header.fixed.put(name, i);
                } else if (name.startsWith(DIMENSION_PREFIX)) {
                    String type = name.substring(DIMENSION_PREFIX.length());
                    Optional<DimensionType> dimension = DimensionNames.parse(type);
                    if (dimension.isPresent()) {
                        header.dimensions.put(dimension.get(), i);
                    } else {
                        problems.add(record.line(), raw, "unknown dimension type '" + type + "'.",
                                "Use one of " + DimensionNames.allFileNames(DIMENSION_PREFIX) + ".");
                    }
                } else {
                    problems.add(record.line(), raw, "unknown column '" + raw + "'.",
                            "Use key_type, key, field_name, ledger_account, tax_code or dimension.<type> (for"
                                    + " example dimension.department); check the spelling.");
                }
            }
            for (String required : REQUIRED_COLUMNS) {
                if (!header.fixed.containsKey(required)) {
                    problems.add(record.line(), required, "the header has no '" + required + "' column.",
                            "Add a " + required + " column to the first row (header names: key_type, key,"
                                    + " field_name, ledger_account, tax_code, dimension.<type>).");
                }
            }
            return header;
        }

        /** The row a record stands for, adding its problems; empty if it cannot be built. */
        Optional<Row> row(Record record, FormatProblems problems) {
            int line = record.line();
            for (int i = 0; i < record.cells().size(); i++) {
                if (!record.cells().get(i).isEmpty() && (i >= width || unnamed.contains(i))) {
                    problems.add(line, "#" + (i + 1), "a value in column " + (i + 1) + ", which has no header.",
                            "Give the column a header or clear the value.");
                }
            }
            String keyType = value(record, KEY_TYPE);
            String key = value(record, KEY);
            String fieldName = value(record, FIELD_NAME);
            String account = value(record, LEDGER_ACCOUNT);
            String tax = value(record, TAX_CODE);
            // A row is only built when the header has every required column; otherwise its cells are still checked.
            boolean complete = REQUIRED_COLUMNS.stream().allMatch(fixed::containsKey);
            if (fixed.containsKey(LEDGER_ACCOUNT) && account.isEmpty()) {
                problems.add(line, LEDGER_ACCOUNT, "the row has no ledger account.",
                        "Enter the code of the ledger account the product posts to, for example 4000.");
                complete = false;
            }
            if (fixed.containsKey(TAX_CODE) && tax.isEmpty()) {
                problems.add(line, TAX_CODE, "the row has no tax code.",
                        "Enter the ledger's tax code for the product, for example GB_STANDARD.");
                complete = false;
            }
            Dimensions dims = dimensions(record);
            if (!fixed.containsKey(KEY_TYPE)) {
                return Optional.empty();
            }
            String type = keyType.toLowerCase(Locale.ROOT);
            if (keyType.isEmpty()) {
                problems.add(line, KEY_TYPE, "the row has no key type.", "Enter " + KEY_TYPES + ".");
                return Optional.empty();
            }
            if (!Stream.of("element_id", "sku", "field", "deal_price").toList().contains(type)) {
                problems.add(line, KEY_TYPE, "unknown key type '" + keyType + "'.", "Use " + KEY_TYPES + ".");
                return Optional.empty();
            }
            if (!type.equals("field") && !fieldName.isEmpty()) {
                problems.add(line, FIELD_NAME, "field_name is set on a " + type + " row, so the row has two kinds"
                        + " of key.", "Clear field_name, or set key_type to field to match by that field's value.");
                complete = false;
            }
            if (key.isEmpty() && fixed.containsKey(KEY)) {
                problems.add(line, KEY, "the row has no key.", switch (type) {
                    case "element_id" -> "Enter the Kommo catalog element id.";
                    case "sku" -> "Enter the product's SKU.";
                    case "field" -> "Enter the value of the product field named in field_name.";
                    default -> "Enter the invoice line description for deals without products.";
                });
                complete = false;
            }
            Optional<ProductKey> productKey = Optional.empty();
            switch (type) {
                case "element_id" -> {
                    Optional<Long> id = key.isEmpty() ? Optional.empty() : MappingTables.parseElementId(key);
                    if (!key.isEmpty() && id.isEmpty()) {
                        problems.add(line, KEY, "catalog element id '" + key + "' is not a positive whole number.",
                                MappingTables.elementIdFix());
                    }
                    productKey = id.map(ProductKey.ElementId::new);
                }
                case "sku" -> productKey = key.isEmpty() ? Optional.empty() : Optional.of(new ProductKey.Sku(key));
                case "field" -> {
                    if (fieldName.isEmpty()) {
                        problems.add(line, FIELD_NAME, "a field row needs the name of the product field.",
                                "Enter the name of the Kommo product field, for example Service type.");
                    } else if (!key.isEmpty()) {
                        productKey = Optional.of(new ProductKey.FieldValue(fieldName, key));
                    }
                }
                default -> {
                    if (complete) {
                        return Optional.of(new Row(Optional.empty(),
                                Optional.of(new DealPriceFallback(key, account, tax, dims, line))));
                    }
                    return Optional.empty();
                }
            }
            if (!complete || productKey.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Row(Optional.of(new MappingRow(productKey.get(), account, tax, dims, line)),
                    Optional.empty()));
        }

        private String value(Record record, String column) {
            return record.cell(fixed.get(column));
        }

        private Dimensions dimensions(Record record) {
            EnumMap<DimensionType, String> values = new EnumMap<>(DimensionType.class);
            dimensions.forEach((type, index) -> {
                String value = record.cell(index);
                if (!value.isEmpty()) {
                    values.put(type, value);
                }
            });
            return new Dimensions(values);
        }
    }

    /** A data record read as a mapping row or as the fallback. */
    private record Row(Optional<MappingRow> mapping, Optional<DealPriceFallback> fallback) {
    }

    static void write(MappingTable table, Writer writer) {
        EnumSet<DimensionType> used = EnumSet.noneOf(DimensionType.class);
        table.rows().forEach(r -> used.addAll(r.dimensions().types()));
        table.dealPriceFallback().ifPresent(f -> used.addAll(f.dimensions().types()));
        try (SequenceWriter out = MAPPER.writer(CsvSchema.emptySchema()).writeValues(writer)) {
            List<String> header = new ArrayList<>(FIXED_COLUMNS);
            used.forEach(type -> header.add(DIMENSION_PREFIX + DimensionNames.fileName(type)));
            out.write(header.toArray(String[]::new));
            for (MappingRow row : table.rows()) {
                List<String> cells = new ArrayList<>();
                ProductKey key = row.key();
                if (key instanceof ProductKey.ElementId id) {
                    cells.addAll(List.of("element_id", Long.toString(id.catalogElementId()), ""));
                } else if (key instanceof ProductKey.Sku sku) {
                    cells.addAll(List.of("sku", sku.sku(), ""));
                } else if (key instanceof ProductKey.FieldValue field) {
                    cells.addAll(List.of("field", field.value(), field.fieldName()));
                }
                out.write(target(cells, row.ledgerAccountCode(), row.taxCode(), row.dimensions(), used));
            }
            if (table.dealPriceFallback().isPresent()) {
                DealPriceFallback fallback = table.dealPriceFallback().get();
                List<String> cells = new ArrayList<>(List.of("deal_price", fallback.description(), ""));
                out.write(target(cells, fallback.ledgerAccountCode(), fallback.taxCode(), fallback.dimensions(), used));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mapping table as CSV: " + e.getMessage(), e);
        }
    }

    private static String[] target(List<String> cells, String account, String tax, Dimensions dimensions,
                                   Set<DimensionType> columns) {
        cells.add(account);
        cells.add(tax);
        columns.forEach(type -> cells.add(dimensions.get(type).orElse("")));
        return cells.toArray(String[]::new);
    }
}
