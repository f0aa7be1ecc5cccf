package io.kommosync.sync.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML and JSON formats documented on {@link MappingTables}. Both are read into a small tree that keeps each
 * node's line and each scalar's text exactly as written, then interpreted with every problem collected.
 */
final class TreeMappingFormat {

    static final TreeMappingFormat YAML = new TreeMappingFormat("YAML", YAMLFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build(), false);

    static final TreeMappingFormat JSON = new TreeMappingFormat("JSON", JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build(), true);

    private static final String ROWS = "rows";
    private static final String FALLBACK = "deal_price_fallback";
    private static final String ELEMENT_ID = "element_id";
    private static final String SKU = "sku";
    private static final String FIELD = "field";
    private static final String ACCOUNT = "account";
    private static final String TAX = "tax";
    private static final String DIMENSIONS = "dimensions";
    private static final String DESCRIPTION = "description";
    private static final List<String> ROOT_FIELDS = List.of(ROWS, FALLBACK);
    private static final List<String> ROW_FIELDS = List.of(ELEMENT_ID, SKU, FIELD, ACCOUNT, TAX, DIMENSIONS);
    private static final List<String> KEY_FIELDS = List.of(ELEMENT_ID, SKU, FIELD);
    private static final List<String> FIELD_KEY_FIELDS = List.of("name", "value");
    private static final List<String> FALLBACK_FIELDS = List.of(DESCRIPTION, ACCOUNT, TAX, DIMENSIONS);

    private final String formatName;
    private final JsonFactory factory;
    private final boolean pretty;

    private TreeMappingFormat(String formatName, JsonFactory factory, boolean pretty) {
        this.formatName = formatName;
        this.factory = factory;
        this.pretty = pretty;
    }

    // ---- the tree ------------------------------------------------------------------------------------------------

    private sealed interface Node permits Scalar, Branch, Items {
        int line();
    }

    private enum ScalarKind { TEXT, WHOLE_NUMBER, DECIMAL_NUMBER, BOOLEAN, NULL, OTHER }

    private record Scalar(ScalarKind kind, String text, int line) implements Node {
        boolean absent() {
            return kind == ScalarKind.NULL || text.isBlank();
        }
    }

    private record Entry(String name, int line, Node value) {
    }

    private record Branch(List<Entry> entries, int line) implements Node {
    }

    private record Items(List<Node> items, int line) implements Node {
    }

    private static int line(JsonParser parser) {
        return Math.max(parser.currentTokenLocation().getLineNr(), 0);
    }

    private static Node node(JsonParser parser, JsonToken token) throws IOException {
        int line = line(parser);
        switch (token) {
            case START_OBJECT -> {
                List<Entry> entries = new ArrayList<>();
                for (JsonToken t = next(parser); t != JsonToken.END_OBJECT; t = next(parser)) {
                    String name = parser.currentName();
                    int nameLine = line(parser);
                    entries.add(new Entry(name == null ? "" : name, nameLine, node(parser, next(parser))));
                }
                return new Branch(List.copyOf(entries), line);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                for (JsonToken t = next(parser); t != JsonToken.END_ARRAY; t = next(parser)) {
                    items.add(node(parser, t));
                }
                return new Items(List.copyOf(items), line);
            }
            case VALUE_STRING -> {
                return new Scalar(ScalarKind.TEXT, parser.getText(), line);
            }
            case VALUE_NUMBER_INT -> {
                return new Scalar(ScalarKind.WHOLE_NUMBER, parser.getText(), line);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Scalar(ScalarKind.DECIMAL_NUMBER, parser.getText(), line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(ScalarKind.BOOLEAN, parser.getText(), line);
            }
            case VALUE_NULL -> {
                return new Scalar(ScalarKind.NULL, "", line);
            }
            default -> {
                return new Scalar(ScalarKind.OTHER, "", line);
            }
        }
    }

    private static JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new JsonParseException(parser, "the text ends in the middle of a list or mapping");
        }
        return token;
    }

    private Optional<Node> document(Reader reader, FormatProblems problems) throws IOException {
        try (JsonParser parser = factory.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            Node root = node(parser, first);
            if (parser.nextToken() != null) {
                problems.add(line(parser), null, "the file holds more than one " + formatName + " document.",
                        "Keep one document: a single mapping with rows and deal_price_fallback.");
            }
            return Optional.of(root);
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    MappingTable read(Reader reader, String source) {
        FormatProblems problems = new FormatProblems();
        Optional<Node> document = MappingTables.parsing(reader, source, r -> document(r, problems));
        if (document.isEmpty() || document.get() instanceof Scalar s && s.absent()) {
            problems.add(0, null, "the file is empty.", "Start with rows: and list one mapping row per product.");
            problems.throwIfAny(source);
        }
        MappingTable.Builder table = MappingTable.builder();
        if (!(document.get() instanceof Branch root)) {
            problems.add(document.get().line(), null, "the file must be a mapping with rows and"
                    + " deal_price_fallback.", "Start with rows: and list one mapping row per product.");
            problems.throwIfAny(source);
            return table.build();
        }
        Map<String, Entry> fields = fields(root, "", ROOT_FIELDS, problems);
        Entry rows = fields.get(ROWS);
        if (rows != null) {
            if (rows.value() instanceof Items items) {
                for (int i = 0; i < items.items().size(); i++) {
                    row(items.items().get(i), ROWS + "[" + i + "]", problems).ifPresent(table::addRow);
                }
            } else if (!(rows.value() instanceof Scalar s && s.kind() == ScalarKind.NULL)) {
                problems.add(rows.line(), ROWS, "rows must be a list.",
                        "Write each row on its own line starting with '- ', for example '- sku: CONS-1'.");
            }
        }
        Entry fallback = fields.get(FALLBACK);
        if (fallback != null && !(fallback.value() instanceof Scalar s && s.kind() == ScalarKind.NULL)) {
            fallback(fallback.value(), problems).ifPresent(table::withDealPriceFallback);
        }
        problems.throwIfAny(source);
        return table.build();
    }

    private static Optional<MappingRow> row(Node node, String path, FormatProblems problems) {
        if (!(node instanceof Branch row)) {
            problems.add(node.line(), path, "a row must be a mapping of key, account and tax.",
                    "Write the row as for example '- {sku: CONS-1, account: \"4000\", tax: GB_STANDARD}'.");
            return Optional.empty();
        }
        int before = problems.count();
        Map<String, Entry> fields = fields(row, path + ".", ROW_FIELDS, problems);
        List<String> keys = KEY_FIELDS.stream().filter(fields::containsKey).toList();
        Optional<ProductKey> key = Optional.empty();
        if (keys.isEmpty()) {
            problems.add(row.line(), path, "the row has no product key.",
                    "Add one of element_id, sku or field: {name: ..., value: ...}.");
        } else if (keys.size() > 1) {
            problems.add(row.line(), path, "the row has " + keys.size() + " kinds of key ("
                            + String.join(", ", keys) + "); a row matches products by one key.",
                    "Keep one of " + String.join(", ", keys) + " and put the others in rows of their own.");
        } else {
            key = key(keys.get(0), fields.get(keys.get(0)), path + "." + keys.get(0), problems);
        }
        Optional<String> account = required(fields, ACCOUNT, row, path + ".", "the row has no ledger account.",
                "Add account: with the ledger account code, for example account: \"4000\".", problems);
        Optional<String> tax = required(fields, TAX, row, path + ".", "the row has no tax code.",
                "Add tax: with the ledger's tax code, for example tax: GB_STANDARD.", problems);
        Dimensions dimensions = dimensions(fields.get(DIMENSIONS), path + "." + DIMENSIONS, problems);
        if (problems.count() != before || key.isEmpty() || account.isEmpty() || tax.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MappingRow(key.get(), account.get(), tax.get(), dimensions, row.line()));
    }

    private static Optional<ProductKey> key(String kind, Entry entry, String path, FormatProblems problems) {
        Node value = entry.value();
        switch (kind) {
            case ELEMENT_ID -> {
                Optional<Long> id = value instanceof Scalar s
                        && (s.kind() == ScalarKind.WHOLE_NUMBER || s.kind() == ScalarKind.TEXT)
                        ? MappingTables.parseElementId(s.text()) : Optional.empty();
                if (id.isEmpty()) {
                    problems.add(value.line(), path, "catalog element id " + shown(value)
                            + " is not a positive whole number.", MappingTables.elementIdFix());
                }
                return id.map(ProductKey.ElementId::new);
            }
            case SKU -> {
                Optional<String> sku = text(value);
                if (sku.isEmpty()) {
                    problems.add(value.line(), path, "the SKU is empty or not text.",
                            "Write the product's SKU, for example sku: CONS-1.");
                }
                return sku.map(ProductKey.Sku::new);
            }
            default -> {
                if (!(value instanceof Branch field)) {
                    problems.add(value.line(), path, "field must be a mapping of name and value.",
                            "Write for example field: {name: Service type, value: Consulting}.");
                    return Optional.empty();
                }
                Map<String, Entry> parts = fields(field, path + ".", FIELD_KEY_FIELDS, problems);
                Optional<String> name = required(parts, "name", field, path + ".",
                        "the field key has no field name.", "Add name: with the Kommo product field's name,"
                                + " for example name: Service type.", problems);
                Optional<String> fieldValue = required(parts, "value", field, path + ".",
                        "the field key has no value.", "Add value: with the field value to match, for example"
                                + " value: Consulting.", problems);
                return name.isPresent() && fieldValue.isPresent()
                        ? Optional.of(new ProductKey.FieldValue(name.get(), fieldValue.get())) : Optional.empty();
            }
        }
    }

    private static Optional<DealPriceFallback> fallback(Node node, FormatProblems problems) {
        if (!(node instanceof Branch branch)) {
            problems.add(node.line(), FALLBACK, "deal_price_fallback must be a mapping.",
                    "Write description, account and tax under deal_price_fallback:.");
            return Optional.empty();
        }
        int before = problems.count();
        String path = FALLBACK + ".";
        Map<String, Entry> fields = fields(branch, path, FALLBACK_FIELDS, problems);
        Optional<String> description = required(fields, DESCRIPTION, branch, path,
                "the fallback has no line description.",
                "Add description: with the invoice line text, for example description: Services as agreed.",
                problems);
        Optional<String> account = required(fields, ACCOUNT, branch, path, "the fallback has no ledger account.",
                "Add account: with the ledger account code, for example account: \"4000\".", problems);
        Optional<String> tax = required(fields, TAX, branch, path, "the fallback has no tax code.",
                "Add tax: with the ledger's tax code, for example tax: GB_STANDARD.", problems);
        Dimensions dimensions = dimensions(fields.get(DIMENSIONS), path + DIMENSIONS, problems);
        if (problems.count() != before || description.isEmpty() || account.isEmpty() || tax.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DealPriceFallback(description.get(), account.get(), tax.get(), dimensions,
                branch.line()));
    }

    private static Dimensions dimensions(Entry entry, String path, FormatProblems problems) {
        if (entry == null || entry.value() instanceof Scalar s && s.kind() == ScalarKind.NULL) {
            return Dimensions.none();
        }
        if (!(entry.value() instanceof Branch branch)) {
            problems.add(entry.line(), path, "dimensions must be a mapping of dimension type to value.",
                    "Write for example dimensions: {department: D10}.");
            return Dimensions.none();
        }
        EnumMap<DimensionType, String> values = new EnumMap<>(DimensionType.class);
        for (Entry dimension : branch.entries()) {
            String where = path + "." + dimension.name();
            Optional<DimensionType> type = DimensionNames.parse(dimension.name());
            if (type.isEmpty()) {
                problems.add(dimension.line(), where, "unknown dimension type '" + dimension.name() + "'.",
                        "Use one of " + DimensionNames.allFileNames("") + ".");
                continue;
            }
            if (values.containsKey(type.get())) {
                problems.add(dimension.line(), where, "dimension " + dimension.name() + " appears twice.",
                        "Keep one value per dimension.");
                continue;
            }
            if (!(dimension.value() instanceof Scalar value) || value.kind() == ScalarKind.OTHER) {
                problems.add(dimension.line(), where, "the " + DimensionNames.plain(type.get())
                        + " must be a single value id.", "Write for example " + dimension.name() + ": D10.");
                continue;
            }
            if (!value.absent()) {
                values.put(type.get(), value.text().strip());
            }
        }
        return new Dimensions(values);
    }

    /** The fields of a mapping by lower-case name, reporting unknown and repeated names. */
    private static Map<String, Entry> fields(Branch branch, String prefix, List<String> allowed,
                                             FormatProblems problems) {
        Map<String, Entry> fields = new LinkedHashMap<>();
        for (Entry entry : branch.entries()) {
            String name = entry.name().strip().toLowerCase(Locale.ROOT);
            if (!allowed.contains(name)) {
                problems.add(entry.line(), prefix + entry.name(), "unknown field '" + entry.name() + "'.",
                        "Use " + String.join(", ", allowed) + "; check the spelling.");
            } else if (fields.containsKey(name)) {
                problems.add(entry.line(), prefix + entry.name(), "field '" + entry.name() + "' appears twice"
                        + " (first on line " + fields.get(name).line() + ").", "Keep one of the two.");
            } else {
                fields.put(name, entry);
            }
        }
        return fields;
    }

    private static Optional<String> required(Map<String, Entry> fields, String name, Node owner, String prefix,
                                             String missing, String fix, FormatProblems problems) {
        Entry entry = fields.get(name);
        Optional<String> text = entry == null ? Optional.empty() : text(entry.value());
        if (text.isEmpty()) {
            problems.add(entry == null ? owner.line() : entry.line(), prefix + name,
                    entry != null && !(entry.value() instanceof Scalar) ? name + " must be a single value, not a"
                            + " list or mapping." : missing, fix);
        }
        return text;
    }

    /** A scalar's text as written, stripped; empty for null, blank, lists and mappings. */
    private static Optional<String> text(Node node) {
        return node instanceof Scalar s && !s.absent() && s.kind() != ScalarKind.OTHER
                ? Optional.of(s.text().strip()) : Optional.empty();
    }

    private static String shown(Node node) {
        return node instanceof Scalar s && !s.absent() ? "'" + s.text() + "'" : "(empty)";
    }

    // ---- writing -------------------------------------------------------------------------------------------------

    void write(MappingTable table, Writer writer) {
        try (JsonGenerator out = factory.createGenerator(writer)) {
            if (pretty) {
                out.useDefaultPrettyPrinter();
            }
            out.writeStartObject();
            out.writeFieldName(ROWS);
            out.writeStartArray();
            for (MappingRow row : table.rows()) {
                out.writeStartObject();
                ProductKey key = row.key();
                if (key instanceof ProductKey.ElementId id) {
                    out.writeNumberField(ELEMENT_ID, id.catalogElementId());
                } else if (key instanceof ProductKey.Sku sku) {
                    out.writeStringField(SKU, sku.sku());
                } else if (key instanceof ProductKey.FieldValue field) {
                    out.writeFieldName(FIELD);
                    out.writeStartObject();
                    out.writeStringField("name", field.fieldName());
                    out.writeStringField("value", field.value());
                    out.writeEndObject();
                }
                target(out, row.ledgerAccountCode(), row.taxCode(), row.dimensions());
                out.writeEndObject();
            }
            out.writeEndArray();
            if (table.dealPriceFallback().isPresent()) {
                DealPriceFallback fallback = table.dealPriceFallback().get();
                out.writeFieldName(FALLBACK);
                out.writeStartObject();
                out.writeStringField(DESCRIPTION, fallback.description());
                target(out, fallback.ledgerAccountCode(), fallback.taxCode(), fallback.dimensions());
                out.writeEndObject();
            }
            out.writeEndObject();
            out.flush();
            if (pretty) {
                writer.write("\n");
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mapping table as " + formatName + ": " + e.getMessage(),
                    e);
        }
    }

    private static void target(JsonGenerator out, String account, String tax, Dimensions dimensions)
            throws IOException {
        out.writeStringField(ACCOUNT, account);
        out.writeStringField(TAX, tax);
        if (!dimensions.isEmpty()) {
            out.writeFieldName(DIMENSIONS);
            out.writeStartObject();
            for (Map.Entry<DimensionType, String> dimension : dimensions.values().entrySet()) {
                out.writeStringField(DimensionNames.fileName(dimension.getKey()), dimension.getValue());
            }
            out.writeEndObject();
        }
    }

    @Override
    public String toString() {
        return formatName + " mapping format";
    }
}
