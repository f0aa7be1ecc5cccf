package io.kommosync.xero.internal;

import feign.HeaderMap;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/**
 * The endpoints of the Xero Accounting API ({@code https://api.xero.com/api.xro/2.0}) the adapter calls. Every
 * request also carries {@code Authorization}, {@code xero-tenant-id} and {@code Accept: application/json} from
 * request interceptors. Writes send {@code summarizeErrors=false} (one outcome per element, HTTP 200) and
 * {@code unitdp=4} (four-decimal unit prices).
 */
public interface XeroApi {

    /**
     * The chart of accounts.
     *
     * @return the accounts
     */
    @RequestLine("GET /Accounts")
    XeroJson.Accounts accounts();

    /**
     * The tax rates.
     *
     * @return the tax rates
     */
    @RequestLine("GET /TaxRates")
    XeroJson.TaxRates taxRates();

    /**
     * The active tracking categories.
     *
     * @return the categories
     */
    @RequestLine("GET /TrackingCategories")
    XeroJson.TrackingCategories trackingCategories();

    /**
     * Contacts matching a query ({@code where}, {@code searchTerm}, {@code page}…).
     *
     * @param query the query parameters
     * @return the contacts
     */
    @RequestLine("GET /Contacts")
    XeroJson.Contacts contacts(@QueryMap Map<String, Object> query);

    /**
     * One contact by id.
     *
     * @param contactId the ContactID
     * @return a list holding the contact
     */
    @RequestLine("GET /Contacts/{contactId}")
    XeroJson.Contacts contact(@Param("contactId") String contactId);

    /**
     * Creates contacts.
     *
     * @param headers {@code Idempotency-Key}
     * @param body    the contacts
     * @return one element per contact sent
     */
    @RequestLine("PUT /Contacts?summarizeErrors=false")
    @Headers("Content-Type: application/json")
    XeroJson.Contacts createContacts(@HeaderMap Map<String, Object> headers, XeroJson.Contacts body);

    /**
     * Invoices matching a query.
     *
     * @param query   the query parameters
     * @param headers {@code If-Modified-Since}, when polling
     * @return the invoices
     */
    @RequestLine("GET /Invoices")
    XeroJson.Invoices invoices(@QueryMap Map<String, Object> query, @HeaderMap Map<String, Object> headers);

    /**
     * Creates invoices.
     *
     * @param headers {@code Idempotency-Key}
     * @param body    up to 50 invoices
     * @return one element per invoice sent, in order
     */
    @RequestLine("PUT /Invoices?summarizeErrors=false&unitdp=4")
    @Headers("Content-Type: application/json")
    XeroJson.Invoices createInvoices(@HeaderMap Map<String, Object> headers, XeroJson.Invoices body);

    /**
     * One invoice.
     *
     * @param invoiceId the id
     * @return the invoice
     */
    @RequestLine("GET /Invoices/{id}?unitdp=4")
    XeroJson.Invoices invoice(@Param("id") String invoiceId);

    /**
     * Updates one invoice (here: its status).
     *
     * @param invoiceId the id
     * @param headers   {@code Idempotency-Key}
     * @param body      the change
     * @return the invoice
     */
    @RequestLine("POST /Invoices/{id}?unitdp=4")
    @Headers("Content-Type: application/json")
    XeroJson.Invoices updateInvoice(@Param("id") String invoiceId, @HeaderMap Map<String, Object> headers,
                                    XeroJson.Invoices body);

    /**
     * The online invoice URL of an approved invoice.
     *
     * @param invoiceId the id
     * @return the URL
     */
    @RequestLine("GET /Invoices/{id}/OnlineInvoice")
    XeroJson.OnlineInvoices onlineInvoice(@Param("id") String invoiceId);

    /**
     * Adds notes to an invoice's history.
     *
     * @param invoiceId the id
     * @param body      the notes
     * @return the notes added
     */
    @RequestLine("PUT /Invoices/{id}/History")
    @Headers("Content-Type: application/json")
    XeroJson.HistoryRecords addHistory(@Param("id") String invoiceId, XeroJson.HistoryRecords body);
}
