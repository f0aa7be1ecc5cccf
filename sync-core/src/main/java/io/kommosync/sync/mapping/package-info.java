/**
 * The mapping table: which ledger account, tax code and dimensions each product on a Kommo deal posts to.
 *
 * <p>The customer's accountant approves a {@link io.kommosync.sync.mapping.MappingTable}; the engine turns each
 * catalog element on a deal into {@link io.kommosync.sync.mapping.ProductFacts} and asks
 * {@link io.kommosync.sync.mapping.MappingTable#lookup(ProductFacts)} for its
 * {@link io.kommosync.sync.mapping.MappingRow}. A row matches by a {@link io.kommosync.sync.mapping.ProductKey}:
 * catalog element id first, then SKU, then custom field values in table order. A product without a row is
 * unmapped: the engine parks the job and asks a person rather than guess. Deals without products may use the
 * table's {@link io.kommosync.sync.mapping.DealPriceFallback}.
 *
 * <p>Before any invoice is raised the table is checked against the ledger with
 * {@link io.kommosync.sync.mapping.MappingTable#validate(io.kommosync.accounting.spi.ChartOfAccounts)}, which lists
 * every {@link io.kommosync.sync.mapping.MappingProblem} in plain words with its fix. The
 * {@link io.kommosync.sync.mapping.MappingTable#fingerprint()} changes whenever the table's content does, which is
 * how the engine knows to resume parked jobs.
 *
 * <p>{@link io.kommosync.sync.mapping.MappingTables} reads tables from CSV, YAML and JSON (the formats are
 * documented there) and the table writes itself back in each, so a table round-trips through the reference
 * server's {@code mapping export}. A malformed file throws one
 * {@link io.kommosync.sync.mapping.MappingFormatException} listing every bad row with its line.
 *
 * <p><b>Nullness.</b> Nothing in this package accepts or returns {@code null}; absent values are
 * {@link java.util.Optional}.
 *
 * <p><b>Thread-safety.</b> Tables, rows, keys, facts and problems are immutable and thread-safe;
 * {@link io.kommosync.sync.mapping.MappingTable.Builder} is not.
 */
package io.kommosync.sync.mapping;
