package io.kommosync.accounting.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A ledger's notice that an invoice was created or changed. Carries no invoice data beyond the id: read the
 * invoice with {@link AccountingPort#invoice(String)}, because notices can arrive late, twice or out of order.
 *
 * @param invoiceId  the ledger's id of the invoice
 * @param kind       created or updated
 * @param occurredAt when the ledger says it happened
 * @param eventId    the vendor's id of the event, used to drop repeated deliveries; {@code ""} when the vendor
 *                   sends none
 */
public record InvoiceEvent(String invoiceId, Kind kind, Instant occurredAt, String eventId) {

    /** What happened to the invoice. */
    public enum Kind {
        /** The invoice was created in the ledger. */
        CREATED,
        /** The invoice changed (status, payment, amounts). */
        UPDATED
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public InvoiceEvent {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(eventId, "eventId");
    }
}
