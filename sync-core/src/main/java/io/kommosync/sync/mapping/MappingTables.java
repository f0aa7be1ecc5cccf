package io.kommosync.sync.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads mapping tables from CSV, YAML and JSON. Writing is on the table: {@link MappingTable#toCsv},
 * {@link MappingTable#toYaml}, {@link MappingTable#toJson}; every format round-trips.
 *
 * <h2>CSV</h2>
 * UTF-8 text (a byte-order mark is ignored), comma-separated, double quotes around values holding commas, quotes
 * or line breaks (RFC 4180). The first non-empty row is the header; columns may come in any order, header names
 * ignore case and surrounding whitespace, and columns with an empty header are ignored (as long as they hold no
 * values). Rows whose cells are all empty are skipped; every cell is stripped of surrounding whitespace.
 * <table>
 *   <caption>CSV columns</caption>
 *   <tr><th>column</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>{@code key_type}</td><td>yes</td><td>{@code element_id}, {@code sku}, {@code field} or
 *       {@code deal_price} (any case)</td></tr>
 *   <tr><td>{@code key}</td><td>yes</td><td>the catalog element id, the SKU, the field value, or for
 *       {@code deal_price} the line description</td></tr>
 *   <tr><td>{@code field_name}</td><td>only for {@code field} rows</td><td>the product custom field name; must be
 *       empty on other rows</td></tr>
 *   <tr><td>{@code ledger_account}</td><td>yes</td><td>the ledger account code</td></tr>
 *   <tr><td>{@code tax_code}</td><td>yes</td><td>the tax code</td></tr>
 *   <tr><td>{@code dimension.<type>}</td><td>no</td><td>one column per dimension, for example
 *       {@code dimension.department}, {@code dimension.tracking_1}; an empty cell means no dimension</td></tr>
 * </table>
 * <pre>
 * key_type,key,field_name,ledger_account,tax_code,dimension.department
 * sku,CONS-1,,4000,GB_STANDARD,D10
 * element_id,1126319,,4100,GB_STANDARD,
 * field,Consulting,Service type,4100,GB_ZERO,D20
 * deal_price,Services as agreed,,4000,GB_STANDARD,
 * </pre>
 * At most one {@code deal_price} row. Problems are reported with the line number of the row and the column name.
 *
 * <h2>YAML and JSON</h2>
 * One document, a mapping with an optional {@code rows} list and an optional {@code deal_price_fallback}. Each row
 * has exactly one key: {@code element_id} (a whole number), {@code sku}, or
 * {@code field: {name: ..., value: ...}}; then {@code account}, {@code tax} and optionally {@code dimensions}
 * (dimension type to value id; an empty value means no dimension). Field names ignore case; unknown fields are
 * errors, so a typo never goes unnoticed. Scalars are read as written: {@code account: 0400} is the code
 * {@code "0400"}, not the number 256 or 400.
 * <pre>
 * rows:
 *   - sku: CONS-1
 *     account: "4000"
 *     tax: GB_STANDARD
 *     dimensions: {department: D10}
 *   - element_id: 1126319
 *     account: "4100"
 *     tax: GB_STANDARD
 *   - field: {name: Service type, value: Consulting}
 *     account: "4100"
 *     tax: GB_ZERO
 * deal_price_fallback:
 *   description: Services as agreed
 *   account: "4000"
 *   tax: GB_STANDARD
 * </pre>
 * Problems are reported with the line number and the field path, for example {@code rows[2].account} (rows
 * counted from 0).
 *
 * <h2>Errors</h2>
 * A file that cannot be read as a mapping table throws a {@link MappingFormatException} listing every bad row at
 * once; nothing else from the parsers escapes. Content that is well-formed but wrong for the ledger (an unknown
 * account, say) is found later by {@link MappingTable#validate(io.kommosync.accounting.spi.ChartOfAccounts)}.
 *
 * <p>Thread-safe: every method may be called concurrently. Readers passed in are read to the end but not closed.
 */
public final class MappingTables {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,19}");

    private MappingTables() {
    }

    /**
     * Reads a table from CSV.
     *
     * @param reader the CSV text
     * @return the table
     * @throws MappingFormatException if the text is not a valid mapping table, with every bad row
     * @throws UncheckedIOException   if reading fails
     */
    public static MappingTable fromCsv(Reader reader) {
        return CsvMappingFormat.read(Objects.requireNonNull(reader, "reader"), "CSV");
    }

    /**
     * Reads a table from YAML.
     *
     * @param reader the YAML text
     * @return the table
     * @throws MappingFormatException if the text is not a valid mapping table, with every bad row
     * @throws UncheckedIOException   if reading fails
     */
    public static MappingTable fromYaml(Reader reader) {
        return TreeMappingFormat.YAML.read(Objects.requireNonNull(reader, "reader"), "YAML");
    }

    /**
     * Reads a table from JSON.
     *
     * @param reader the JSON text
     * @return the table
     * @throws MappingFormatException if the text is not a valid mapping table, with every bad row
     * @throws UncheckedIOException   if reading fails
     */
    public static MappingTable fromJson(Reader reader) {
        return TreeMappingFormat.JSON.read(Objects.requireNonNull(reader, "reader"), "JSON");
    }

    /**
     * Reads a UTF-8 file, choosing the format by its extension (ignoring case): {@code .csv}, {@code .yaml} or
     * {@code .yml}, {@code .json}. Problems name the file (not its directory).
     *
     * @param file the file
     * @return the table
     * @throws MappingFormatException if the extension is none of those, the file is not UTF-8, or its content is
     *                                not a valid mapping table
     * @throws UncheckedIOException   if the file cannot be opened or read
     */
    public static MappingTable load(Path file) {
        Objects.requireNonNull(file, "file");
        String name = Optional.ofNullable(file.getFileName()).map(Path::toString).orElse(file.toString());
        String lower = name.toLowerCase(Locale.ROOT);
        Format format;
        if (lower.endsWith(".csv")) {
            format = Format.CSV;
        } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            format = Format.YAML;
        } else if (lower.endsWith(".json")) {
            format = Format.JSON;
        } else {
            throw new MappingFormatException(name, List.of(new MappingFormatException.Problem(0, Optional.empty(),
                    "the file name does not say its format.",
                    "Name the file .csv, .yaml, .yml or .json after its content.")));
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return switch (format) {
                case CSV -> CsvMappingFormat.read(reader, name);
                case YAML -> TreeMappingFormat.YAML.read(reader, name);
                case JSON -> TreeMappingFormat.JSON.read(reader, name);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping table " + name + ": " + e.getMessage(), e);
        }
    }

    private enum Format { CSV, YAML, JSON }

    /** Something that parses, for {@link #parsing}. */
    interface Parse<T> {
        T run(Reader reader) throws IOException;
    }

    /**
     * Runs a parse over a reader without its byte-order mark, turning parser and decoding failures into a
     * {@link MappingFormatException} and other I/O failures into an {@link UncheckedIOException}.
     */
    static <T> T parsing(Reader reader, String source, Parse<T> parse) {
        try {
            return parse.run(withoutByteOrderMark(reader));
        } catch (JsonProcessingException e) {
            throw new MappingFormatException(source, List.of(syntaxProblem(e)));
        } catch (CharacterCodingException e) {
            throw new MappingFormatException(source, List.of(new MappingFormatException.Problem(0, Optional.empty(),
                    "the file is not UTF-8 text.",
                    "Save it as UTF-8 (in Excel: \"CSV UTF-8 (comma delimited)\").")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping table " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * One problem for a syntax error. YAML errors carry SnakeYAML's own mark, which points at the line where the
     * problem was found (Jackson's location is that of the last good token) and says where the construct began.
     */
    private static MappingFormatException.Problem syntaxProblem(JsonProcessingException e) {
        String fix = "Correct the syntax on or just before this line (quotes, brackets, indentation).";
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            StringBuilder what = new StringBuilder("the text is not well-formed: ").append(yaml.getProblem());
            if (yaml.getContext() != null) {
                what.append(", ").append(yaml.getContext());
                int started = yaml.getContextMark() == null ? -1 : yaml.getContextMark().getLine();
                if (started >= 0 && started != yaml.getProblemMark().getLine()) {
                    what.append(" that starts on line ").append(started + 1);
                }
            }
            return new MappingFormatException.Problem(yaml.getProblemMark().getLine() + 1, Optional.empty(),
                    what.append('.').toString().replaceAll("\\s+", " "), fix);
        }
        JsonLocation where = e.getLocation();
        int line = where == null ? 0 : Math.max(where.getLineNr(), 0);
        String what = e.getOriginalMessage().strip().replaceAll("\\s+", " ");
        return new MappingFormatException.Problem(line, Optional.empty(), "the text is not well-formed: " + what + ".",
                fix);
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** A catalog element id as written in a file: digits only, positive. */
    static Optional<Long> parseElementId(String text) {
        String digits = text.strip();
        if (!WHOLE_NUMBER.matcher(digits).matches()) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(digits);
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** The fix for a bad element id, shared by the formats. */
    static String elementIdFix() {
        return "Use the numeric id of the Kommo catalog element, for example 1126319, without decimals, spaces or"
                + " thousands separators.";
    }
}
