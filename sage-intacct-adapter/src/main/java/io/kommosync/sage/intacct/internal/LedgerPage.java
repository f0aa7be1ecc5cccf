package io.kommosync.sage.intacct.internal;

import java.util.List;

/**
 * One page of changed invoices, in modification order.
 *
 * @param invoices the invoices
 * @param full     whether the page was full (another may follow)
 */
public record LedgerPage(List<LedgerInvoice> invoices, boolean full) {

    /** Copies. */
    public LedgerPage {
        invoices = List.copyOf(invoices);
    }
}
