package io.kommosync.accounting.tck.broken;

import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.Capability;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.InboundWebhook;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceChanges;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceOutcome;
import io.kommosync.accounting.spi.KeyedDraft;
import io.kommosync.accounting.spi.WebhookRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A port that hands every call to another; broken ports override the one behaviour they get wrong. */
abstract class ForwardingPort implements AccountingPort {

    final AccountingPort delegate;

    ForwardingPort(AccountingPort delegate) {
        this.delegate = delegate;
    }

    @Override
    public String providerId() {
        return delegate.providerId();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public ChartOfAccounts chartOfAccounts() {
        return delegate.chartOfAccounts();
    }

    @Override
    public Optional<Customer> findCustomerByEmail(String email) {
        return delegate.findCustomerByEmail(email);
    }

    @Override
    public Customer createCustomer(CustomerDraft draft, IdempotencyKey key) {
        return delegate.createCustomer(draft, key);
    }

    @Override
    public Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key) {
        return delegate.createInvoice(draft, key);
    }

    @Override
    public List<InvoiceOutcome> createInvoices(List<KeyedDraft> drafts) {
        return delegate.createInvoices(drafts);
    }

    @Override
    public Optional<Invoice> findInvoiceByReference(String reference) {
        return delegate.findInvoiceByReference(reference);
    }

    @Override
    public Invoice invoice(String invoiceId) {
        return delegate.invoice(invoiceId);
    }

    @Override
    public InvoiceChanges invoiceChangesSince(ChangeCursor cursor) {
        return delegate.invoiceChangesSince(cursor);
    }

    @Override
    public Optional<InboundWebhook> verifyWebhook(WebhookRequest request) {
        return delegate.verifyWebhook(request);
    }

    @Override
    public Invoice voidInvoice(String invoiceId, String reason) {
        return delegate.voidInvoice(invoiceId, reason);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
