package io.kommosync.sync.store;

/** What a job does. */
public enum JobKind {
    /** Raise the invoice of a deal that reached a trigger stage (subject: the deal id). */
    RAISE_INVOICE,
    /** Bring a ledger invoice's payment status to its deal (subject: the invoice id). */
    SYNC_PAYMENT_STATUS,
    /** Create a Kommo deal for an invoice raised by hand in the ledger (subject: the invoice id). */
    CREATE_DEAL_FROM_INVOICE
}
