package io.kommosync.accounting.spi;

import java.util.List;
import java.util.Objects;

/**
 * One page of invoice changes.
 *
 * <p>Contract every port honours and the compatibility kit checks: reading pages with each returned
 * {@link #next()} until {@link #hasMore()} is {@code false} yields every invoice changed after the starting
 * cursor at least once (in its state at reading time or later). An invoice may appear more than once, on one page
 * or across pages and calls; the caller tolerates repeats. Storing {@code next} only after the page has been
 * processed makes the reading crash-safe.
 *
 * @param invoices the changed invoices in this page
 * @param next     the cursor to continue from
 * @param hasMore  whether another page is available right now
 */
public record InvoiceChanges(List<Invoice> invoices, ChangeCursor next, boolean hasMore) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public InvoiceChanges {
        invoices = List.copyOf(invoices);
        Objects.requireNonNull(next, "next");
    }
}
