package io.kommosync.sync.store;

import io.kommosync.accounting.spi.InvoiceStatus;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The link between a Kommo deal and the ledger invoice raised for it (or the deal created for it). One per deal
 * and one per invoice within a connection.
 *
 * @param connectionId     the connection
 * @param dealId           the Kommo deal id
 * @param invoiceId        the ledger's invoice id
 * @param invoiceNumber    the invoice number
 * @param invoiceLink      where a person opens the invoice, when known
 * @param origin           which side came first
 * @param paymentStatus    the status last written to the deal
 * @param createdAt        when the link was made
 */
public record DealInvoiceLink(String connectionId, long dealId, String invoiceId, String invoiceNumber,
                              Optional<URI> invoiceLink, Origin origin, InvoiceStatus paymentStatus,
                              Instant createdAt) {

    /** Which side came first. */
    public enum Origin {
        /** The deal reached a trigger stage and the invoice was raised for it. */
        DEAL,
        /** The invoice was raised by hand in the ledger and the deal created for it. */
        LEDGER
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public DealInvoiceLink {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(invoiceLink, "invoiceLink");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(paymentStatus, "paymentStatus");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A copy with another payment status.
     *
     * @param status the status written to the deal
     * @return the new link
     */
    public DealInvoiceLink withPaymentStatus(InvoiceStatus status) {
        return new DealInvoiceLink(connectionId, dealId, invoiceId, invoiceNumber, invoiceLink, origin, status, createdAt);
    }
}
