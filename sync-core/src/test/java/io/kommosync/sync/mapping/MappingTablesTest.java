package io.kommosync.sync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingTablesTest {

    /** The table every sample file under src/test/resources/mapping/ holds. */
    static MappingTable sampleTable() {
        return MappingTable.builder()
                .addRow(new ProductKey.ElementId(1126319), "4100", "GB_STANDARD",
                        Dimensions.of(DimensionType.DEPARTMENT, "D10"))
                .addRow(new ProductKey.Sku("CONS-1"), "4000", "GB_STANDARD",
                        new Dimensions(Map.of(DimensionType.DEPARTMENT, "D10", DimensionType.TRACKING_1, "North")))
                .addRow(new ProductKey.Sku("WIDGET, large"), "4000", "GB_ZERO")
                .addRow(new ProductKey.FieldValue("Service type", "Consulting"), "4100", "GB_STANDARD",
                        Dimensions.of(DimensionType.DEPARTMENT, "D20"))
                .addRow(new ProductKey.FieldValue("Service type", "Training"), "4000", "GB_STANDARD")
                .withDealPriceFallback(new DealPriceFallback("Services as agreed", "4000", "GB_STANDARD",
                        Dimensions.of(DimensionType.DEPARTMENT, "D10")))
                .build();
    }

    static MappingTable resource(String name, Function<Reader, MappingTable> loader) {
        try (InputStream in = MappingTablesTest.class.getResourceAsStream("/mapping/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return loader.apply(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MappingFormatException formatProblems(String name, Function<Reader, MappingTable> loader) {
        return catchThrowableOfType(MappingFormatException.class, () -> resource(name, loader));
    }

    static MappingFormatException formatProblems(Function<Reader, MappingTable> loader, String text) {
        return catchThrowableOfType(MappingFormatException.class, () -> loader.apply(new StringReader(text)));
    }

    /** Rows without their source lines, to compare tables read from different files. */
    static List<MappingRow> withoutLines(List<MappingRow> rows) {
        return rows.stream().map(r -> new MappingRow(r.key(), r.ledgerAccountCode(), r.taxCode(), r.dimensions(), 0))
                .toList();
    }

    @Nested
    @DisplayName("Loading")
    class Loading {

        @Test
        @DisplayName("CSV, YAML and JSON samples load the same table")
        void allFormatsLoadTheSameTable() {
            MappingTable csv = resource("sample.csv", MappingTables::fromCsv);
            MappingTable yaml = resource("sample.yaml", MappingTables::fromYaml);
            MappingTable json = resource("sample.json", MappingTables::fromJson);

            for (MappingTable table : List.of(csv, yaml, json)) {
                assertThat(table).isEqualTo(sampleTable());
                assertThat(withoutLines(table.rows())).isEqualTo(sampleTable().rows());
                assertThat(table.dealPriceFallback()).map(f -> f.description()).contains("Services as agreed");
            }
        }

        @Test
        @DisplayName("rows remember the line they were read from")
        void sourceLines() {
            assertThat(resource("sample.csv", MappingTables::fromCsv).rows()).extracting(MappingRow::sourceLine)
                    .containsExactly(2, 3, 4, 5, 6);
            assertThat(resource("sample.csv", MappingTables::fromCsv).dealPriceFallback())
                    .map(DealPriceFallback::sourceLine).contains(8);
            assertThat(resource("sample.yaml", MappingTables::fromYaml).rows()).extracting(MappingRow::sourceLine)
                    .containsExactly(3, 7, 13, 16, 20);
            assertThat(resource("sample.json", MappingTables::fromJson).rows()).extracting(MappingRow::sourceLine)
                    .containsExactly(3, 4, 6, 7, 9);
        }

        @Test
        @DisplayName("a CSV with a byte-order mark, headers in mixed case and order, CRLF and an empty column loads")
        void excelExport() {
            MappingTable table = resource("excel-export.csv", MappingTables::fromCsv);

            assertThat(table.rows()).containsExactly(
                    new MappingRow(new ProductKey.ElementId(1126319), "4100", "GB_STANDARD",
                            Dimensions.of(DimensionType.DEPARTMENT, "D10"), 2),
                    new MappingRow(new ProductKey.Sku("CONS-1"), "4000", "GB_STANDARD",
                            Dimensions.of(DimensionType.DEPARTMENT, "D10"), 3));
        }

        @Test
        @DisplayName("YAML and JSON with a byte-order mark load")
        void byteOrderMarkInTreeFormats() {
            assertThat(MappingTables.fromYaml(new StringReader("\uFEFFrows:\n  - {sku: A, account: '1', tax: T}\n"))
                    .rows()).hasSize(1);
            assertThat(MappingTables.fromJson(new StringReader("\uFEFF{\"rows\": []}")).rows()).isEmpty();
        }

        @Test
        @DisplayName("YAML scalars are read as written: codes with leading zeros and words like yes stay text")
        void yamlScalarsAsWritten() {
            MappingTable table = MappingTables.fromYaml(new StringReader("""
                    rows:
                      - sku: 00123
                        account: 0400
                        tax: no
                      - sku: yes
                        account: 4000.10
                        tax: "GB_STANDARD"
                        dimensions: {department: 010, location: ~}
                      - element_id: "1126319"
                        account: 4000
                        tax: GB_STANDARD
                    """));

            assertThat(table.rows()).extracting(r -> r.key().describe(), MappingRow::ledgerAccountCode,
                    MappingRow::taxCode, MappingRow::dimensions).containsExactly(
                    tuple("SKU '00123'", "0400", "no", Dimensions.none()),
                    tuple("SKU 'yes'", "4000.10", "GB_STANDARD", Dimensions.of(DimensionType.DEPARTMENT, "010")),
                    tuple("catalog element 1126319", "4000", "GB_STANDARD", Dimensions.none()));
        }

        @Test
        @DisplayName("an empty table with only a fallback is a valid file in every format")
        void fallbackOnly() {
            MappingTable csv = MappingTables.fromCsv(new StringReader(
                    "key_type,key,ledger_account,tax_code\ndeal_price,Services,4000,GB_STANDARD\n"));
            MappingTable yaml = MappingTables.fromYaml(new StringReader(
                    "deal_price_fallback: {description: Services, account: '4000', tax: GB_STANDARD}\n"));
            MappingTable json = MappingTables.fromJson(new StringReader(
                    "{\"rows\": null, \"deal_price_fallback\": {\"description\": \"Services\", \"account\": \"4000\","
                            + " \"tax\": \"GB_STANDARD\"}}"));
            assertThat(csv.rows()).isEmpty();
            assertThat(csv).isEqualTo(yaml).isEqualTo(json);
        }

        @Test
        @DisplayName("load chooses the format by the file extension, ignoring case")
        void loadByExtension(@TempDir Path dir) throws IOException {
            Path csv = dir.resolve("table.CSV");
            Path yml = dir.resolve("table.yml");
            Path yaml = dir.resolve("table.yaml");
            Path json = dir.resolve("table.Json");
            StringWriter text = new StringWriter();
            sampleTable().toCsv(text);
            Files.writeString(csv, text.toString());
            text = new StringWriter();
            sampleTable().toYaml(text);
            Files.writeString(yml, text.toString());
            Files.writeString(yaml, text.toString());
            text = new StringWriter();
            sampleTable().toJson(text);
            Files.writeString(json, text.toString());

            for (Path file : List.of(csv, yml, yaml, json)) {
                assertThat(MappingTables.load(file)).as(file.getFileName().toString()).isEqualTo(sampleTable());
            }
        }

        @Test
        @DisplayName("load names the file and the fix for an unknown extension, non-UTF-8 bytes, and bad rows")
        void loadProblems(@TempDir Path dir) throws IOException {
            Path txt = Files.writeString(dir.resolve("table.txt"), "rows: []");
            assertThat(catchThrowableOfType(MappingFormatException.class, () -> MappingTables.load(txt)))
                    .hasMessageContaining("table.txt").hasMessageContaining(".csv, .yaml, .yml or .json")
                    .hasMessageNotContaining(dir.toString());

            Path latin1 = Files.write(dir.resolve("latin1.csv"),
                    "key_type,key,ledger_account,tax_code\nsku,CAF\u00c9,4000,GB\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(catchThrowableOfType(MappingFormatException.class, () -> MappingTables.load(latin1)).problems())
                    .singleElement().hasToString("the file is not UTF-8 text. Fix: Save it as UTF-8 (in Excel:"
                            + " \"CSV UTF-8 (comma delimited)\").");

            Path bad = Files.writeString(dir.resolve("bad.yaml"), "rows:\n  - sku: A\n");
            MappingFormatException e = catchThrowableOfType(MappingFormatException.class, () -> MappingTables.load(bad));
            assertThat(e.source()).isEqualTo("bad.yaml");
            assertThat(e.problems()).hasSize(2);

            assertThatThrownBy(() -> MappingTables.load(dir.resolve("missing.csv")))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.csv");
        }
    }

    @Nested
    @DisplayName("Writing")
    class Writing {

        /** Values that trip naive writers and readers: separators, quotes, line breaks, YAML keywords, zeros. */
        private MappingTable awkwardTable() {
            return MappingTable.builder()
                    .addRow(new ProductKey.Sku("a,b \"quoted\""), "0400", "no",
                            Dimensions.of(DimensionType.DEPARTMENT, "010"))
                    .addRow(new ProductKey.Sku("null"), "4000", "true")
                    .addRow(new ProductKey.Sku("yes"), "4000.10", "GB_STANDARD",
                            new Dimensions(Map.of(DimensionType.TRACKING_2, "# not a comment",
                                    DimensionType.PROJECT, "P: 1")))
                    .addRow(new ProductKey.FieldValue("Type: main", "Caf\u00e9 - [x]"), "4000", "~")
                    .addRow(new ProductKey.ElementId(Long.MAX_VALUE), "4000", "GB_ZERO")
                    .withDealPriceFallback(new DealPriceFallback("Services\nas agreed", "4000", "GB_STANDARD",
                            Dimensions.none()))
                    .build();
        }

        private MappingTable roundTrip(MappingTable table, java.util.function.BiConsumer<MappingTable, StringWriter>
                writer, Function<Reader, MappingTable> reader) {
            StringWriter out = new StringWriter();
            writer.accept(table, out);
            return reader.apply(new StringReader(out.toString()));
        }

        @Test
        @DisplayName("toCsv then fromCsv gives the same rows and fallback")
        void csvRoundTrip() {
            MappingTable back = roundTrip(awkwardTable(), MappingTable::toCsv, MappingTables::fromCsv);
            assertThat(withoutLines(back.rows())).isEqualTo(awkwardTable().rows());
            assertThat(back.dealPriceFallback().map(DealPriceFallback::description)).contains("Services\nas agreed");
            assertThat(back).isEqualTo(awkwardTable());
        }

        @Test
        @DisplayName("toYaml then fromYaml gives the same rows and fallback")
        void yamlRoundTrip() {
            MappingTable back = roundTrip(awkwardTable(), MappingTable::toYaml, MappingTables::fromYaml);
            assertThat(withoutLines(back.rows())).isEqualTo(awkwardTable().rows());
            assertThat(back.dealPriceFallback().map(DealPriceFallback::description)).contains("Services\nas agreed");
            assertThat(back).isEqualTo(awkwardTable());
        }

        @Test
        @DisplayName("toJson then fromJson gives the same rows and fallback")
        void jsonRoundTrip() {
            MappingTable back = roundTrip(awkwardTable(), MappingTable::toJson, MappingTables::fromJson);
            assertThat(withoutLines(back.rows())).isEqualTo(awkwardTable().rows());
            assertThat(back).isEqualTo(awkwardTable());
        }

        @Test
        @DisplayName("the written CSV is the documented format, with one column per dimension in use")
        void csvText() {
            StringWriter out = new StringWriter();
            sampleTable().toCsv(out);
            assertThat(out.toString()).isEqualTo("""
                    key_type,key,field_name,ledger_account,tax_code,dimension.department,dimension.tracking_1
                    element_id,1126319,,4100,GB_STANDARD,D10,
                    sku,CONS-1,,4000,GB_STANDARD,D10,North
                    sku,"WIDGET, large",,4000,GB_ZERO,,
                    field,Consulting,"Service type",4100,GB_STANDARD,D20,
                    field,Training,"Service type",4000,GB_STANDARD,,
                    deal_price,"Services as agreed",,4000,GB_STANDARD,D10,
                    """);
        }

        @Test
        @DisplayName("the written YAML is the documented format and quotes codes that look like numbers")
        void yamlText() {
            StringWriter out = new StringWriter();
            MappingTable.builder().addRow(new ProductKey.Sku("CONS-1"), "4000", "GB_STANDARD",
                            Dimensions.of(DimensionType.DEPARTMENT, "D10"))
                    .addRow(new ProductKey.ElementId(1126319), "4100", "GB_ZERO")
                    .addRow(new ProductKey.FieldValue("Service type", "Consulting"), "4100", "GB_ZERO")
                    .build().toYaml(out);
            assertThat(out.toString()).isEqualTo("""
                    rows:
                      - sku: CONS-1
                        account: "4000"
                        tax: GB_STANDARD
                        dimensions:
                          department: D10
                      - element_id: 1126319
                        account: "4100"
                        tax: GB_ZERO
                      - field:
                          name: Service type
                          value: Consulting
                        account: "4100"
                        tax: GB_ZERO
                    """);
        }

        @Test
        @DisplayName("writers flush but do not close the caller's writer")
        void writerLeftOpen() {
            StringWriter out = new StringWriter() {
                @Override
                public void close() {
                    throw new AssertionError("the caller's writer was closed");
                }
            };
            sampleTable().toCsv(out);
            sampleTable().toYaml(out);
            sampleTable().toJson(out);
            assertThat(out.toString()).contains("key_type", "rows:", "\"rows\"");
        }
    }

    @Nested
    @DisplayName("Fingerprint")
    class Fingerprint {

        @Test
        @DisplayName("the fingerprint is the same whichever format the table was read from")
        void stableAcrossFormats() {
            String fingerprint = sampleTable().fingerprint();
            assertThat(fingerprint).hasSize(64).matches("[0-9a-f]{64}");
            assertThat(resource("sample.csv", MappingTables::fromCsv).fingerprint()).isEqualTo(fingerprint);
            assertThat(resource("sample.yaml", MappingTables::fromYaml).fingerprint()).isEqualTo(fingerprint);
            assertThat(resource("sample.json", MappingTables::fromJson).fingerprint()).isEqualTo(fingerprint);
        }

        @Test
        @DisplayName("the fingerprint is pinned, so a release cannot change it by accident")
        void pinned() {
            MappingTable table = MappingTable.builder()
                    .addRow(new ProductKey.Sku("CONS-1"), "4000", "GB_STANDARD")
                    .build();
            assertThat(table.fingerprint()).isEqualTo(PINNED_FINGERPRINT);
        }

        @Test
        @DisplayName("any edit that changes what a product maps to changes the fingerprint")
        void editsChangeIt() {
            MappingTable table = sampleTable();
            ProductKey cons = new ProductKey.Sku("CONS-1");
            MappingRow row = table.row(cons).orElseThrow();
            List<MappingTable> edited = List.of(
                    table.withRow(new MappingRow(cons, "4100", row.taxCode(), row.dimensions(), 0)),
                    table.withRow(new MappingRow(cons, row.ledgerAccountCode(), "GB_ZERO", row.dimensions(), 0)),
                    table.withRow(new MappingRow(cons, row.ledgerAccountCode(), row.taxCode(),
                            row.dimensions().with(DimensionType.DEPARTMENT, "D20"), 0)),
                    table.withoutKey(cons),
                    table.withRow(MappingRow.of(new ProductKey.Sku("NEW"), "4000", "GB_STANDARD")),
                    table.withoutDealPriceFallback(),
                    table.withDealPriceFallback(new DealPriceFallback("Services", "4000", "GB_STANDARD",
                            Dimensions.of(DimensionType.DEPARTMENT, "D10"))),
                    MappingTable.builder().addRows(reversedFieldRows(table.rows()))
                            .withDealPriceFallback(table.dealPriceFallback().orElseThrow()).build());

            assertThat(edited).extracting(MappingTable::fingerprint)
                    .doesNotContain(table.fingerprint()).doesNotHaveDuplicates();
        }

        @Test
        @DisplayName("source lines and the case or spacing of keys do not change the fingerprint")
        void cosmeticsDoNotChangeIt() {
            MappingTable a = MappingTable.builder()
                    .addRow(new MappingRow(new ProductKey.Sku("CONS-1"), "4000", "GB", Dimensions.none(), 2)).build();
            MappingTable b = MappingTable.builder()
                    .addRow(new MappingRow(new ProductKey.Sku(" cons-1 "), " 4000", "GB ", Dimensions.none(), 9))
                    .build();
            assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(a.toString()).startsWith("MappingTable[1 row, fingerprint ");
        }

        private List<MappingRow> reversedFieldRows(List<MappingRow> rows) {
            List<MappingRow> others = rows.stream().filter(r -> !(r.key() instanceof ProductKey.FieldValue)).toList();
            List<MappingRow> fields = new java.util.ArrayList<>(
                    rows.stream().filter(r -> r.key() instanceof ProductKey.FieldValue).toList());
            java.util.Collections.reverse(fields);
            List<MappingRow> result = new java.util.ArrayList<>(others);
            result.addAll(fields);
            return result;
        }
    }

    static final String PINNED_FINGERPRINT = "fae40e6f6fe2b25b34b656c376516036fbec4935fe1e4ea16cc920240336fb4b";

    @Nested
    @DisplayName("Malformed files")
    class Malformed {

        @Test
        @DisplayName("a CSV with three bad rows reports three problems with their lines and columns")
        void csvBadRows() {
            MappingFormatException e = formatProblems("bad-rows.csv", MappingTables::fromCsv);

            assertThat(e.problems()).extracting(p -> p.line(), p -> p.column().orElse("")).containsExactly(
                    tuple(3, "key_type"), tuple(4, "key"), tuple(5, "ledger_account"));
            assertThat(e.problems()).extracting(Object::toString).containsExactly(
                    "line 3, column key_type: unknown key type 'skew'. Fix: Use element_id, sku, field or deal_price.",
                    "line 4, column key: catalog element id '12ab' is not a positive whole number. Fix: Use the"
                            + " numeric id of the Kommo catalog element, for example 1126319, without decimals,"
                            + " spaces or thousands separators.",
                    "line 5, column ledger_account: the row has no ledger account. Fix: Enter the code of the ledger"
                            + " account the product posts to, for example 4000.");
            assertThat(e).hasMessageStartingWith("mapping table CSV cannot be read: 3 problems:\n  - line 3")
                    .hasNoCause();
        }

        @Test
        @DisplayName("a YAML file with four bad rows reports each with its line and field path")
        void yamlBadRows() {
            MappingFormatException e = formatProblems("bad-rows.yaml", MappingTables::fromYaml);

            assertThat(e.problems()).extracting(p -> p.line(), p -> p.column().orElse(""), p -> p.message())
                    .containsExactly(
                            tuple(5, "rows[1]", "the row has 2 kinds of key (element_id, sku); a row matches"
                                    + " products by one key."),
                            tuple(9, "rows[2].element_id", "catalog element id '12ab' is not a positive whole"
                                    + " number."),
                            tuple(12, "rows[3].account", "the row has no ledger account."),
                            tuple(17, "rows[4].dimensions.departmnt", "unknown dimension type 'departmnt'."));
            assertThat(e.problems().get(3).fix()).isEqualTo("Use one of department, location, project, class,"
                    + " customer, item, employee, vendor, tracking_1, tracking_2.");
        }

        @Test
        @DisplayName("a JSON file reports a missing key, a decimal id, a misspelt field and its consequence")
        void jsonBadRows() {
            MappingFormatException e = formatProblems("bad-rows.json", MappingTables::fromJson);

            assertThat(e.problems()).extracting(p -> p.line(), p -> p.column().orElse(""), p -> p.message())
                    .containsExactly(
                            tuple(4, "rows[1]", "the row has no product key."),
                            tuple(5, "rows[2].element_id", "catalog element id '1.5' is not a positive whole number."),
                            tuple(6, "rows[3].acount", "unknown field 'acount'."),
                            tuple(6, "rows[3].account", "the row has no ledger account."));
            assertThat(e.problems().get(2).fix()).isEqualTo(
                    "Use element_id, sku, field, account, tax, dimensions; check the spelling.");
        }

        @Test
        @DisplayName("a broken CSV header reports every bad column at once")
        void csvHeaderProblems() {
            MappingFormatException e = formatProblems(MappingTables::fromCsv,
                    "key_type,key,ledger_acount,tax_code,dimension.dept,KEY\nsku,A,4000,GB,D10,\n");

            assertThat(e.problems()).extracting(Object::toString).containsExactly(
                    "line 1, column ledger_acount: unknown column 'ledger_acount'. Fix: Use key_type, key,"
                            + " field_name, ledger_account, tax_code or dimension.<type> (for example"
                            + " dimension.department); check the spelling.",
                    "line 1, column dimension.dept: unknown dimension type 'dept'. Fix: Use one of"
                            + " dimension.department, dimension.location, dimension.project, dimension.class,"
                            + " dimension.customer, dimension.item, dimension.employee, dimension.vendor,"
                            + " dimension.tracking_1, dimension.tracking_2.",
                    "line 1, column KEY: column 'KEY' appears twice (columns 2 and 6). Fix: Keep one of the two"
                            + " columns.",
                    "line 1, column ledger_account: the header has no 'ledger_account' column. Fix: Add a"
                            + " ledger_account column to the first row (header names: key_type, key, field_name,"
                            + " ledger_account, tax_code, dimension.<type>).");
        }

        @Test
        @DisplayName("CSV rows with two kinds of key, a field row without a field name, a second fallback and a"
                + " stray value are each reported")
        void csvRowProblems() {
            MappingFormatException e = formatProblems(MappingTables::fromCsv, """
                    key_type,key,field_name,ledger_account,tax_code,
                    sku,CONS-1,Service type,4000,GB_STANDARD,
                    field,Consulting,,4000,GB_STANDARD,
                    deal_price,Services,,4000,GB_STANDARD,
                    deal_price,Other,,4000,GB_STANDARD,
                    sku,CONS-2,,4000,GB_STANDARD,oops
                    sku,,,4000,,
                    ,A,,4000,GB_STANDARD,
                    """);

            assertThat(e.problems()).extracting(p -> p.line(), p -> p.column().orElse(""), p -> p.message())
                    .containsExactly(
                            tuple(2, "field_name", "field_name is set on a sku row, so the row has two kinds of key."),
                            tuple(3, "field_name", "a field row needs the name of the product field."),
                            tuple(5, "key_type", "a second deal_price row; line 4 already sets the fallback for"
                                    + " deals without products."),
                            tuple(6, "#6", "a value in column 6, which has no header."),
                            tuple(7, "tax_code", "the row has no tax code."),
                            tuple(7, "key", "the row has no key."),
                            tuple(8, "key_type", "the row has no key type."));
        }

        @Test
        @DisplayName("a CSV separated by semicolons, as Excel saves it in some countries, is one clear problem")
        void csvSemicolons() {
            assertThat(formatProblems(MappingTables::fromCsv, "key_type;key;ledger_account;tax_code\nsku;A;1;T\n")
                    .problems()).singleElement().hasToString("line 1: the columns are separated by semicolons, not"
                    + " commas. Fix: Save the file as \"CSV UTF-8 (comma delimited)\", or replace the semicolons"
                    + " with commas.");
        }

        @Test
        @DisplayName("a CSV quote that is never closed is one problem with its line, not a parser exception")
        void csvSyntax() {
            MappingFormatException e = formatProblems(MappingTables::fromCsv,
                    "key_type,key,ledger_account,tax_code\nsku,\"CONS-1,4000,GB\n");
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(3);
                assertThat(p.message()).startsWith("the text is not well-formed: ");
            });
            assertThat(e).hasNoCause();
        }

        @Test
        @DisplayName("YAML and JSON syntax errors are one problem with the line, not a parser exception")
        void treeSyntax() {
            MappingFormatException tab = formatProblems(MappingTables::fromYaml, "rows:\n\t- sku: A\n");
            assertThat(tab.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.message()).contains("Do not use \\t(TAB) for indentation");
            });
            assertThat(tab).hasNoCause();
            MappingFormatException quote = formatProblems(MappingTables::fromYaml,
                    "rows:\n  - sku: \"A\n    account: '1'\n");
            assertThat(quote.problems()).singleElement().hasToString("line 4: the text is not well-formed: found"
                    + " unexpected end of stream, while scanning a quoted scalar that starts on line 2. Fix: Correct"
                    + " the syntax on or just before this line (quotes, brackets, indentation).");
            MappingFormatException json = formatProblems(MappingTables::fromJson, "{\"rows\": [\n {\"sku\": }\n");
            assertThat(json.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2));
            MappingFormatException truncated = formatProblems(MappingTables::fromJson, "{\"rows\": [");
            assertThat(truncated.problems()).hasSize(1);
        }

        @Test
        @DisplayName("empty files, wrong top-level shapes and extra documents are reported with the fix")
        void wrongShapes() {
            assertThat(formatProblems(MappingTables::fromCsv, "\n,,\n").problems()).singleElement()
                    .hasToString("the file is empty. Fix: Start with the header row"
                            + " key_type,key,field_name,ledger_account,tax_code.");
            assertThat(formatProblems(MappingTables::fromYaml, "").problems()).singleElement()
                    .extracting(MappingFormatException.Problem::message).isEqualTo("the file is empty.");
            assertThat(formatProblems(MappingTables::fromYaml, "- sku: A\n").problems()).singleElement()
                    .extracting(MappingFormatException.Problem::message)
                    .isEqualTo("the file must be a mapping with rows and deal_price_fallback.");
            assertThat(formatProblems(MappingTables::fromYaml, "rows: []\n---\nrows: []\n").problems())
                    .singleElement().extracting(MappingFormatException.Problem::message)
                    .isEqualTo("the file holds more than one YAML document.");
            assertThat(formatProblems(MappingTables::fromYaml, "rows: {sku: A}\nversion: 2\n").problems())
                    .extracting(MappingFormatException.Problem::message)
                    .containsExactly("unknown field 'version'.", "rows must be a list.");
        }

        @Test
        @DisplayName("YAML rows and fallbacks report nested mistakes: field keys, dimensions, repeated fields")
        void nestedYamlMistakes() {
            MappingFormatException e = formatProblems(MappingTables::fromYaml, """
                    rows:
                      - field: {name: Service type}
                        account: [4000]
                        tax: GB
                      - sku: A
                        SKU: B
                        account: "4000"
                        tax: GB
                        dimensions: {department: [D10], Department: D20}
                      - just a string
                    deal_price_fallback:
                      account: "4000"
                      tax: GB
                    """);

            assertThat(e.problems()).extracting(p -> p.line(), p -> p.column().orElse(""), p -> p.message())
                    .containsExactly(
                            tuple(2, "rows[0].field.value", "the field key has no value."),
                            tuple(3, "rows[0].account", "account must be a single value, not a list or mapping."),
                            tuple(6, "rows[1].SKU", "field 'SKU' appears twice (first on line 5)."),
                            tuple(9, "rows[1].dimensions.department", "the department must be a single value id."),
                            tuple(10, "rows[2]", "a row must be a mapping of key, account and tax."),
                            tuple(12, "deal_price_fallback.description", "the fallback has no line description."));
        }

        @Test
        @DisplayName("problems without a line or column print without them")
        void problemText() {
            assertThat(new MappingFormatException.Problem(0, Optional.empty(), "bad.", "Fix it."))
                    .hasToString("bad. Fix: Fix it.");
            assertThatThrownBy(() -> new MappingFormatException("x", List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
