package io.kommosync.accounting.spi;

/**
 * Optional features a port may offer; {@link AccountingPort#capabilities()} lists those it does. The engine and
 * the compatibility kit check a capability before using the feature.
 */
public enum Capability {
    /** Lines and invoices carry {@link Dimensions}; the chart of accounts lists dimension values. */
    DIMENSIONS,
    /** {@link AccountingPort#createInvoices} sends several drafts per vendor call. */
    BATCH_INVOICES,
    /** The ledger pushes invoice changes; {@link AccountingPort#verifyWebhook} authenticates them. */
    STATUS_WEBHOOKS,
    /** The vendor itself de-duplicates writes by idempotency key (otherwise the port does it by reference). */
    IDEMPOTENCY_KEYS,
    /** Invoices carry a link a person can open. */
    INVOICE_LINKS,
    /** {@link AccountingPort#voidInvoice} is supported. */
    VOID_INVOICES
}
