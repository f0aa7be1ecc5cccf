package io.kommosync.sync.mapping;

import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The mapping table the customer's accountant approves: it decides the ledger account, tax code and dimensions of
 * every invoice line. The engine asks {@link #lookup(ProductFacts)} for each product on a deal; a product without a
 * row never produces an invoice (the job is parked and a person asked), so lookups are exact and predictable.
 *
 * <h2>Lookup precedence</h2>
 * {@link #lookup(ProductFacts)} answers with the first rule that matches, in this order:
 * <ol>
 *   <li>an {@link ProductKey.ElementId} row for the product's catalog element id;</li>
 *   <li>otherwise a {@link ProductKey.Sku} row for the product's SKU (ignoring case and surrounding whitespace);</li>
 *   <li>otherwise the {@link ProductKey.FieldValue} row that comes first <em>in table order</em> among those
 *       matching any of the product's custom field values;</li>
 *   <li>otherwise nothing: the product is unmapped.</li>
 * </ol>
 * The order of element-id and SKU rows does not matter; the order of field rows does.
 *
 * <h2>Duplicate keys</h2>
 * Several rows may have equal keys (compared as described on {@link ProductKey}): the table keeps them as written and
 * the <em>first</em> one in table order is the one {@link #lookup(ProductFacts)} and {@link #row(ProductKey)} use.
 * Duplicates with the same target ({@link MappingRow#sameTarget(MappingRow)}) are harmless. Duplicates with
 * different targets make the table ambiguous: building or loading such a table succeeds, so that the accountant
 * sees every problem in one pass, but {@link #validate(ChartOfAccounts)} reports each later row as
 * {@link MappingProblem.Kind#CONFLICTING_ROWS}, and a table with problems must not be used for invoicing.
 * {@link #withRow(MappingRow)} resolves a conflict by replacing every row with the key.
 *
 * <h2>Identity</h2>
 * {@link #fingerprint()} and {@link #equals(Object)} look at the normalised content only: rows in table order with
 * folded keys (compared as described on {@link ProductKey}), account and tax codes, dimensions, and the
 * fallback. Source line numbers, letter case and surrounding whitespace of keys, and the file format the table was
 * read from make no difference.
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return new tables. Nothing here accepts or returns
 * {@code null}.
 */
public final class MappingTable {

    private static final MappingTable EMPTY = new MappingTable(List.of(), Optional.empty());

    private final List<MappingRow> rows;
    private final Optional<DealPriceFallback> fallback;
    private final Map<ProductKey, Integer> firstRowByKey;
    private final String fingerprint;

    private MappingTable(List<MappingRow> rows, Optional<DealPriceFallback> fallback) {
        this.rows = List.copyOf(rows);
        this.fallback = fallback;
        Map<ProductKey, Integer> first = new HashMap<>();
        for (int i = 0; i < this.rows.size(); i++) {
            first.putIfAbsent(this.rows.get(i).key(), i);
        }
        this.firstRowByKey = Map.copyOf(first);
        this.fingerprint = computeFingerprint();
    }

    /**
     * A new, empty builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The table without rows or fallback: every product is unmapped.
     *
     * @return the empty table
     */
    public static MappingTable empty() {
        return EMPTY;
    }

    /**
     * The row that decides how a product is invoiced, following the precedence in the class documentation.
     *
     * @param product the product on the deal
     * @return the row, or empty when the product is unmapped
     */
    public Optional<MappingRow> lookup(ProductFacts product) {
        Objects.requireNonNull(product, "product");
        Integer byId = firstRowByKey.get(new ProductKey.ElementId(product.catalogElementId()));
        if (byId != null) {
            return Optional.of(rows.get(byId));
        }
        if (product.sku().isPresent()) {
            Integer bySku = firstRowByKey.get(new ProductKey.Sku(product.sku().get()));
            if (bySku != null) {
                return Optional.of(rows.get(bySku));
            }
        }
        int best = Integer.MAX_VALUE;
        for (Map.Entry<String, String> field : product.fieldValues().entrySet()) {
            if (field.getKey().isBlank() || field.getValue().isBlank()) {
                continue;
            }
            Integer byField = firstRowByKey.get(new ProductKey.FieldValue(field.getKey(), field.getValue()));
            if (byField != null && byField < best) {
                best = byField;
            }
        }
        return best == Integer.MAX_VALUE ? Optional.empty() : Optional.of(rows.get(best));
    }

    /**
     * The first row with a key, as the reference server's editor shows it.
     *
     * @param key the key
     * @return the row, or empty
     */
    public Optional<MappingRow> row(ProductKey key) {
        Integer index = firstRowByKey.get(Objects.requireNonNull(key, "key"));
        return index == null ? Optional.empty() : Optional.of(rows.get(index));
    }

    /**
     * How to invoice a deal without products, if the accountant chose to.
     *
     * @return the fallback, or empty when such deals go to a person
     */
    public Optional<DealPriceFallback> dealPriceFallback() {
        return fallback;
    }

    /**
     * The rows in table order, as written (duplicates included).
     *
     * @return an unmodifiable list
     */
    public List<MappingRow> rows() {
        return rows;
    }

    /**
     * The SHA-256 of the normalised content, as 64 lower-case hex digits. Stable across JVMs, releases (the
     * canonical form is versioned) and file formats; any change to a key, account, tax code, dimension, the order of
     * rows or the fallback changes it. The engine resumes parked jobs when it changes.
     *
     * @return the fingerprint
     */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Checks the table against the ledger's chart of accounts and lists <em>every</em> problem, rows in table order
     * then the fallback: unknown or inactive account, account that is not an income account, unknown or inactive tax
     * code, a dimension the account requires but the row lacks, a dimension value the chart does not list (checked
     * only for dimension types the chart lists values for) or lists as inactive, and conflicting duplicate rows.
     *
     * @param chart the ledger's chart of accounts
     * @return the problems; empty when the table may be used for invoicing
     */
    public List<MappingProblem> validate(ChartOfAccounts chart) {
        return new MappingValidator(Objects.requireNonNull(chart, "chart")).validate(this);
    }

    /**
     * A copy with a row set: if rows with an equal key exist, the first is replaced by {@code row} in place and the
     * others are removed; otherwise {@code row} is appended.
     *
     * @param row the row
     * @return the new table
     */
    public MappingTable withRow(MappingRow row) {
        Objects.requireNonNull(row, "row");
        List<MappingRow> copy = new ArrayList<>(rows.size() + 1);
        boolean placed = false;
        for (MappingRow existing : rows) {
            if (!existing.key().equals(row.key())) {
                copy.add(existing);
            } else if (!placed) {
                copy.add(row);
                placed = true;
            }
        }
        if (!placed) {
            copy.add(row);
        }
        return new MappingTable(copy, fallback);
    }

    /**
     * A copy without any row with a key equal to {@code key}.
     *
     * @param key the key
     * @return the new table (equal to this one when no row has the key)
     */
    public MappingTable withoutKey(ProductKey key) {
        Objects.requireNonNull(key, "key");
        return new MappingTable(rows.stream().filter(r -> !r.key().equals(key)).toList(), fallback);
    }

    /**
     * A copy with a deal-price fallback set or replaced.
     *
     * @param newFallback the fallback
     * @return the new table
     */
    public MappingTable withDealPriceFallback(DealPriceFallback newFallback) {
        return new MappingTable(rows, Optional.of(Objects.requireNonNull(newFallback, "newFallback")));
    }

    /**
     * A copy without a deal-price fallback.
     *
     * @return the new table
     */
    public MappingTable withoutDealPriceFallback() {
        return new MappingTable(rows, Optional.empty());
    }

    /**
     * Writes the table as CSV (the format of {@link MappingTables#fromCsv(java.io.Reader)}): UTF-8 text without BOM,
     * a header row, one row per mapping row in table order, the fallback last. The writer is flushed, not closed.
     *
     * @param writer where to write
     * @throws UncheckedIOException if writing fails
     */
    public void toCsv(Writer writer) {
        CsvMappingFormat.write(this, Objects.requireNonNull(writer, "writer"));
    }

    /**
     * Writes the table as YAML (the format of {@link MappingTables#fromYaml(java.io.Reader)}). The writer is
     * flushed, not closed.
     *
     * @param writer where to write
     * @throws UncheckedIOException if writing fails
     */
    public void toYaml(Writer writer) {
        TreeMappingFormat.YAML.write(this, Objects.requireNonNull(writer, "writer"));
    }

    /**
     * Writes the table as JSON (the format of {@link MappingTables#fromJson(java.io.Reader)}). The writer is
     * flushed, not closed.
     *
     * @param writer where to write
     * @throws UncheckedIOException if writing fails
     */
    public void toJson(Writer writer) {
        TreeMappingFormat.JSON.write(this, Objects.requireNonNull(writer, "writer"));
    }

    /**
     * Whether another table has the same normalised content (see the class documentation).
     *
     * @param other the other object
     * @return {@code true} if both fingerprints are equal
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof MappingTable t && fingerprint.equals(t.fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "MappingTable[" + rows.size() + " row" + (rows.size() == 1 ? "" : "s")
                + (fallback.isPresent() ? ", deal-price fallback" : "") + ", fingerprint "
                + fingerprint.substring(0, 12) + "]";
    }

    private String computeFingerprint() {
        StringBuilder canonical = new StringBuilder("kommo-sync mapping table v1\n");
        for (MappingRow row : rows) {
            canonical.append("row ");
            ProductKey key = row.key();
            if (key instanceof ProductKey.ElementId id) {
                canonical.append("element_id ").append(id.catalogElementId());
            } else if (key instanceof ProductKey.Sku sku) {
                canonical.append("sku ").append(text(KeyFolding.fold(sku.sku())));
            } else if (key instanceof ProductKey.FieldValue field) {
                canonical.append("field ").append(text(KeyFolding.fold(field.fieldName()))).append(' ')
                        .append(text(KeyFolding.fold(field.value())));
            }
            target(canonical, row.ledgerAccountCode(), row.taxCode(), row.dimensions());
        }
        fallback.ifPresent(f -> {
            canonical.append("deal_price ").append(text(f.description()));
            target(canonical, f.ledgerAccountCode(), f.taxCode(), f.dimensions());
        });
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    private static void target(StringBuilder canonical, String account, String tax, Dimensions dimensions) {
        canonical.append(" account ").append(text(account)).append(" tax ").append(text(tax));
        for (Map.Entry<DimensionType, String> dimension : dimensions.values().entrySet()) {
            canonical.append(' ').append(DimensionNames.fileName(dimension.getKey())).append(' ')
                    .append(text(dimension.getValue()));
        }
        canonical.append('\n');
    }

    /** Length-prefixed, so no choice of text can make two different tables read the same. */
    private static String text(String value) {
        return value.length() + ":" + value;
    }

    /**
     * Builds a {@link MappingTable}. Mutable and not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {

        private final List<MappingRow> rows = new ArrayList<>();
        private DealPriceFallback fallback;

        private Builder() {
        }

        /**
         * Appends a row (duplicates are kept; see the table's documentation).
         *
         * @param row the row
         * @return this builder
         */
        public Builder addRow(MappingRow row) {
            rows.add(Objects.requireNonNull(row, "row"));
            return this;
        }

        /**
         * Appends a row without dimensions.
         *
         * @param key               what the row matches
         * @param ledgerAccountCode the ledger account code
         * @param taxCode           the tax code
         * @return this builder
         * @throws IllegalArgumentException if a code is blank
         */
        public Builder addRow(ProductKey key, String ledgerAccountCode, String taxCode) {
            return addRow(MappingRow.of(key, ledgerAccountCode, taxCode));
        }

        /**
         * Appends a row.
         *
         * @param key               what the row matches
         * @param ledgerAccountCode the ledger account code
         * @param taxCode           the tax code
         * @param dimensions        the dimensions
         * @return this builder
         * @throws IllegalArgumentException if a code is blank
         */
        public Builder addRow(ProductKey key, String ledgerAccountCode, String taxCode, Dimensions dimensions) {
            return addRow(MappingRow.of(key, ledgerAccountCode, taxCode, dimensions));
        }

        /**
         * Appends rows in iteration order.
         *
         * @param newRows the rows
         * @return this builder
         */
        public Builder addRows(Collection<MappingRow> newRows) {
            Objects.requireNonNull(newRows, "newRows").forEach(this::addRow);
            return this;
        }

        /**
         * Sets (or replaces) the deal-price fallback.
         *
         * @param newFallback the fallback
         * @return this builder
         */
        public Builder withDealPriceFallback(DealPriceFallback newFallback) {
            this.fallback = Objects.requireNonNull(newFallback, "newFallback");
            return this;
        }

        /**
         * Builds the table.
         *
         * @return the immutable table
         */
        public MappingTable build() {
            return new MappingTable(rows, Optional.ofNullable(fallback));
        }
    }
}
