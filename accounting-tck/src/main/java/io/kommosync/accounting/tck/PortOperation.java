package io.kommosync.accounting.tck;

import java.util.Locale;

/**
 * The operations of {@link io.kommosync.accounting.spi.AccountingPort}, by name. A port names the failing
 * operation in {@link io.kommosync.accounting.spi.ErrorContext#operation()} with the {@link #methodName()} of the
 * method that failed; the compatibility kit checks that, and fixtures and the in-memory ledger use these constants
 * to script failures and count calls.
 */
public enum PortOperation {
    /** {@code chartOfAccounts()}. */
    CHART_OF_ACCOUNTS("chartOfAccounts"),
    /** {@code findCustomerByEmail(String)}. */
    FIND_CUSTOMER_BY_EMAIL("findCustomerByEmail"),
    /** {@code findCustomerById(String)}. */
    FIND_CUSTOMER_BY_ID("findCustomerById"),
    /** {@code createCustomer(CustomerDraft, IdempotencyKey)}. */
    CREATE_CUSTOMER("createCustomer"),
    /** {@code createInvoice(InvoiceDraft, IdempotencyKey)}. */
    CREATE_INVOICE("createInvoice"),
    /** {@code createInvoices(List)}. */
    CREATE_INVOICES("createInvoices"),
    /** {@code findInvoiceByReference(String)}. */
    FIND_INVOICE_BY_REFERENCE("findInvoiceByReference"),
    /** {@code invoice(String)}. */
    INVOICE("invoice"),
    /** {@code invoiceChangesSince(ChangeCursor)}. */
    INVOICE_CHANGES_SINCE("invoiceChangesSince"),
    /** {@code verifyWebhook(WebhookRequest)}. */
    VERIFY_WEBHOOK("verifyWebhook"),
    /** {@code voidInvoice(String, String)}. */
    VOID_INVOICE("voidInvoice");

    private final String methodName;

    PortOperation(String methodName) {
        this.methodName = methodName;
    }

    /**
     * The name of the port method, as ports report it in
     * {@link io.kommosync.accounting.spi.AccountingException#operation()}.
     *
     * @return the method name, for example {@code "createInvoice"}
     */
    public String methodName() {
        return methodName;
    }

    /**
     * The operation with a method name.
     *
     * @param methodName the name of an {@code AccountingPort} method, for example {@code "createInvoice"}
     * @return the operation
     * @throws IllegalArgumentException if no operation has that name
     */
    public static PortOperation ofMethodName(String methodName) {
        for (PortOperation op : values()) {
            if (op.methodName.equals(methodName)) {
                return op;
            }
        }
        throw new IllegalArgumentException("'" + methodName + "' is not an AccountingPort operation; use one of "
                + java.util.Arrays.stream(values()).map(PortOperation::methodName).toList());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT) + "(" + methodName + ")";
    }
}
