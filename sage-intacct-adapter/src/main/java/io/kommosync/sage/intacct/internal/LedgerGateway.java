package io.kommosync.sage.intacct.internal;

import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.IdempotencyKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a transport (XML gateway or REST) does for the port. Implementations throw {@link VendorFailure}; the port
 * names the operation, retries and maps to SPI exceptions. Thread-safe.
 */
public interface LedgerGateway extends AutoCloseable {

    /**
     * The chart: GL accounts with their dimension requirements and the sales tax details, and, when asked, the
     * values of each dimension.
     *
     * @param withDimensionValues whether to read the dimension values too (more calls)
     * @return the chart
     */
    ChartOfAccounts chart(boolean withDimensionValues);

    /**
     * Customers whose primary e-mail is this one, ignoring case.
     *
     * @param email the trimmed address
     * @return the matches, oldest first
     */
    List<Customer> customersByEmail(String email);

    /**
     * The customer with an id.
     *
     * @param customerId the CUSTOMERID
     * @return the customer, or empty
     */
    Optional<Customer> customerById(String customerId);

    /**
     * Creates a customer; a repeat with the same key answers the first customer.
     *
     * @param draft the customer
     * @param key   the key
     * @return the customer
     */
    Customer createCustomer(CustomerDraft draft, IdempotencyKey key);

    /**
     * Creates an invoice and answers its record number; a repeat with the same key creates nothing and answers
     * empty, so the port finds the first by reference.
     *
     * @param invoice the invoice
     * @param key     the key
     * @return the new record number, or empty when the vendor refused a duplicate
     */
    Optional<String> createInvoice(NewInvoice invoice, IdempotencyKey key);

    /**
     * Record numbers of the invoices carrying a reference.
     *
     * @param reference the reference
     * @return the record numbers, oldest first
     */
    List<String> invoicesByReference(String reference);

    /**
     * Reads an invoice with its lines.
     *
     * @param recordNo the record number
     * @return the invoice, or empty
     */
    Optional<LedgerInvoice> invoice(String recordNo);

    /**
     * Invoices modified after a position, in modification order.
     *
     * @param after       the last modification instant seen (inclusive when {@code afterRecord} is empty)
     * @param afterRecord the record number of the last invoice seen at that instant, or empty to start
     * @param pageSize    the page size
     * @return the page
     */
    LedgerPage changedSince(Instant after, Optional<String> afterRecord, int pageSize);

    @Override
    void close();
}
