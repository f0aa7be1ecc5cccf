package io.kommosync.examples.server.console;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the console's API, requests and answers. */
final class ConsoleViews {

    private ConsoleViews() {
    }

    /** A connection in the picker. */
    record ConnectionView(String id, String ledger, boolean catalog) {
    }

    /** A ledger account option. */
    record AccountOption(String code, String name, String type, boolean active, boolean income) {
    }

    /** A tax code option. */
    record TaxOption(String code, String name, BigDecimal percent, boolean active) {
    }

    /** The values of one dimension. */
    record DimensionOptions(String type, String label, List<DimensionOption> values) {
    }

    /** One dimension value. */
    record DimensionOption(String id, String name, boolean active) {
    }

    /** How a product is mapped now. */
    record RowView(String account, String tax, Map<String, String> dimensions, String matchedBy, boolean own) {
    }

    /** A product and its mapping, one line of the mapping view. */
    record ProductView(long elementId, String name, String sku, RowView mapping) {
    }

    /** A row of the table that matches none of the listed products. */
    record OtherRowView(String key, String account, String tax, Map<String, String> dimensions) {
    }

    /** One problem; {@code elementId} is null when it concerns no listed product. */
    record ProblemView(Long elementId, String kind, String message, String fix) {
    }

    /** The mapping view of a connection. */
    record MappingView(String connectionId, String fingerprint, boolean catalog, List<AccountOption> accounts,
                       List<TaxOption> taxRates, List<DimensionOptions> dimensions, List<ProductView> products,
                       List<OtherRowView> otherRows, List<ProblemView> problems, int parkedForMapping) {
    }

    /** A changed product row; blank account and tax remove the product's own row. */
    record RowEdit(Long elementId, String account, String tax, Map<String, String> dimensions) {
    }

    /** The changes the page sends to validate or save. */
    record MappingEdit(String baseFingerprint, List<RowEdit> rows, Boolean resumeParked) {
    }

    /** What the server thinks of the edited table. */
    record ValidationView(boolean valid, List<ProblemView> problems) {
    }

    /** A saved table. */
    record SavedView(String fingerprint, int resumed, boolean persisted) {
    }

    /** A job waiting for a person or retrying. */
    record JobView(String id, String connectionId, String kind, String subject, String state, String parkReason,
                   String reason, int failures, String nextTry, String updatedAt, boolean replayable) {
    }

    /** The answer to a replay. */
    record ReplayView(String id, boolean replayed) {
    }

    /** An error answer. */
    record ErrorView(String error) {
    }
}
