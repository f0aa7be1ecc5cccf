package io.kommosync.sage.cloud.internal;

import feign.Headers;
import feign.RequestLine;
import java.net.URI;

/**
 * The Sage v3.1 accounting endpoints the adapter calls. Reads take the full URI (built by {@link SageUris} or taken
 * from a {@code $next} link) so that paging follows Sage's own links; the {@code X-Business} header comes from an
 * interceptor.
 */
interface SageApi {

    @RequestLine("GET")
    SageWire.Page<SageWire.LedgerAccount> ledgerAccounts(URI uri);

    @RequestLine("GET")
    SageWire.Page<SageWire.TaxRate> taxRates(URI uri);

    @RequestLine("GET")
    SageWire.Page<SageWire.Contact> contacts(URI uri);

    @RequestLine("GET")
    SageWire.Contact contact(URI uri);

    @RequestLine("POST /contacts")
    @Headers("Content-Type: application/json")
    SageWire.Contact createContact(SageWire.NewContactRequest request);

    @RequestLine("GET")
    SageWire.Page<SageWire.SalesInvoice> salesInvoices(URI uri);

    @RequestLine("GET")
    SageWire.SalesInvoice salesInvoice(URI uri);

    @RequestLine("POST /sales_invoices")
    @Headers("Content-Type: application/json")
    SageWire.SalesInvoice createSalesInvoice(SageWire.NewSalesInvoiceRequest request);

    /** Voids (or, for a draft, deletes) an invoice; {@code null} when Sage answers 204 without a body. */
    @RequestLine("DELETE")
    SageWire.SalesInvoice deleteSalesInvoice(URI uri);
}
