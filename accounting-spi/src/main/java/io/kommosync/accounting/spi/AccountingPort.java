package io.kommosync.accounting.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One connection to one ledger organisation (a Sage business, a Xero tenant, an Intacct company or entity):
 * the operations the engine needs to raise invoices and follow their status.
 *
 * <p><b>Thread-safety:</b> implementations must be safe for use by many threads at once.
 *
 * <p><b>Failures:</b> every method may throw an {@link AccountingException}; the subclass says what kind of
 * failure it was and {@link AccountingException#retryable()} whether the same call may succeed later. Writes are
 * keyed by an {@link IdempotencyKey}, so retrying a write with the same key never writes twice.
 *
 * <p><b>Nullness:</b> no parameter may be {@code null} and no method returns {@code null}.
 *
 * <p>Implementations must pass {@code AccountingPortCompatibilityKit} from the {@code accounting-tck} module.
 */
public interface AccountingPort extends AutoCloseable {

    /**
     * The id of the provider that made this port, for example {@code "xero"}.
     *
     * @return the provider id
     */
    String providerId();

    /**
     * The optional features this port offers.
     *
     * @return an unmodifiable set
     */
    Set<Capability> capabilities();

    /**
     * The ledger accounts, sales tax rates and dimension values. Ports may cache it; the engine calls this once
     * per validation or preview, not per invoice line.
     *
     * @return the chart of accounts
     * @throws AccountingException when the ledger cannot be read
     */
    ChartOfAccounts chartOfAccounts();

    /**
     * Finds a customer by e-mail address, ignoring case and surrounding white space.
     *
     * @param email the e-mail address
     * @return the customer, or empty when none has that address (when several have it, the oldest)
     * @throws AccountingException when the ledger cannot be read
     */
    Optional<Customer> findCustomerByEmail(String email);

    /**
     * Reads a customer by the ledger's id; the reverse sync uses it to name the contact of a deal it creates for
     * an invoice raised by hand in the ledger. The default returns empty, which makes the deal's contact carry only
     * the ledger's customer id.
     *
     * @param customerId the ledger's customer id
     * @return the customer, or empty when unknown or when the port cannot read customers by id
     * @throws AccountingException when the ledger cannot be read
     */
    default Optional<Customer> findCustomerById(String customerId) {
        return Optional.empty();
    }

    /**
     * Creates a customer. A second call with the same key returns the customer the first call created.
     *
     * @param draft the customer
     * @param key   the idempotency key of this write
     * @return the created customer
     * @throws ValidationException when the ledger rejects the draft
     * @throws AccountingException for other failures
     */
    Customer createCustomer(CustomerDraft draft, IdempotencyKey key);

    /**
     * Creates an invoice. A second call with the same key returns the invoice the first call created, and
     * creates nothing.
     *
     * @param draft the invoice, every line mapped to a ledger account and tax code
     * @param key   the idempotency key of this write
     * @return the created invoice, with its number, status, totals and link
     * @throws ValidationException when the ledger rejects the draft, with the offending fields
     * @throws AccountingException for other failures
     */
    Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key);

    /**
     * Creates several invoices. One draft's failure does not fail the others. The default creates them one by
     * one; ports with {@link Capability#BATCH_INVOICES} send them in batches.
     *
     * @param drafts the drafts with their keys
     * @return one outcome per draft, in the order of {@code drafts}
     * @throws AccountingException only for a failure that affects the whole call (for example authentication)
     */
    default List<InvoiceOutcome> createInvoices(List<KeyedDraft> drafts) {
        List<InvoiceOutcome> outcomes = new ArrayList<>(drafts.size());
        for (KeyedDraft d : drafts) {
            try {
                outcomes.add(new InvoiceOutcome.Created(d.key(), createInvoice(d.draft(), d.key())));
            } catch (AuthenticationException e) {
                throw e;
            } catch (AccountingException e) {
                outcomes.add(new InvoiceOutcome.Failed(d.key(), e));
            }
        }
        return List.copyOf(outcomes);
    }

    /**
     * Finds the invoice carrying our reference; used after a crash to learn whether a write reached the ledger.
     *
     * @param reference the reference given in {@link InvoiceDraft#reference()}
     * @return the invoice, or empty when none carries it (voided invoices included)
     * @throws AccountingException when the ledger cannot be read
     */
    Optional<Invoice> findInvoiceByReference(String reference);

    /**
     * Reads an invoice.
     *
     * @param invoiceId the ledger's id of the invoice
     * @return the invoice
     * @throws NotFoundException when there is no such invoice
     * @throws AccountingException for other failures
     */
    Invoice invoice(String invoiceId);

    /**
     * Reads the invoices changed since a cursor, one page at a time, under the contract described in
     * {@link InvoiceChanges}.
     *
     * @param cursor where to start; {@link ChangeCursor#since(java.time.Instant)} or a cursor this port returned
     * @return a page of changes and the cursor to continue from
     * @throws AccountingException when the ledger cannot be read
     */
    InvoiceChanges invoiceChangesSince(ChangeCursor cursor);

    /**
     * Authenticates a webhook the ledger sent and reads its events.
     *
     * @param request the request exactly as received
     * @return the events and the answer to give, or empty when the request is not authentic (answer 401)
     * @throws UnsupportedCapabilityException when the port lacks {@link Capability#STATUS_WEBHOOKS}
     */
    default Optional<InboundWebhook> verifyWebhook(WebhookRequest request) {
        throw new UnsupportedCapabilityException(ErrorContext.of(providerId(), "verifyWebhook"),
                "this ledger sends no webhooks; poll invoiceChangesSince instead");
    }

    /**
     * Voids an invoice.
     *
     * @param invoiceId the ledger's id of the invoice
     * @param reason    why, recorded in the ledger where it has a place for it
     * @return the voided invoice
     * @throws UnsupportedCapabilityException when the port lacks {@link Capability#VOID_INVOICES}
     * @throws ConflictException when the invoice cannot be voided (for example it is paid)
     */
    default Invoice voidInvoice(String invoiceId, String reason) {
        throw new UnsupportedCapabilityException(ErrorContext.of(providerId(), "voidInvoice"),
                "this port cannot void invoices");
    }

    /**
     * Releases the port's resources (connection pools, threads). The default does nothing.
     */
    @Override
    default void close() {
    }
}
