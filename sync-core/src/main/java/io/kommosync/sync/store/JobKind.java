package io.kommosync.sync.store;

/** What a job does. */
public enum JobKind {
    /** Raise the invoice of a deal that reached a trigger stage (subject: the deal id). */
    RAISE_INVOICE,
    /**
     * Bring a ledger invoice's change to Kommo (subject: the invoice id): the payment status of its deal, or a new
     * deal for an invoice raised by hand in the ledger.
     */
    LEDGER_INVOICE_CHANGED
}
