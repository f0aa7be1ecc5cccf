package io.kommosync.sync;

import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.sync.store.SyncJob;

/**
 * Hooks for host applications: metrics, alerts, a UI. Every method has an empty default. Called on the engine's
 * worker threads, so implementations must be thread-safe and quick; an exception thrown here is logged and
 * ignored.
 */
public interface SyncListener {

    /**
     * A job was stored.
     *
     * @param job the job
     */
    default void jobEnqueued(SyncJob job) {
    }

    /**
     * An invoice was raised for a deal and its number written back.
     *
     * @param connectionId the connection
     * @param dealId       the deal
     * @param invoice      the invoice
     */
    default void invoiceRaised(String connectionId, long dealId, Invoice invoice) {
    }

    /**
     * A job failed and will be tried again.
     *
     * @param job     the job (before the failure was counted)
     * @param failure what failed
     */
    default void jobRetrying(SyncJob job, Throwable failure) {
    }

    /**
     * A job waits for a person (a mapping, a re-authorisation).
     *
     * @param job    the job
     * @param reason what the person must do
     */
    default void jobParked(SyncJob job, String reason) {
    }

    /**
     * A job failed for good; a task told a person.
     *
     * @param job    the job
     * @param reason what went wrong, in plain words
     */
    default void jobDead(SyncJob job, String reason) {
    }

    /**
     * A connection's credentials need re-authorisation; its jobs wait.
     *
     * @param connectionId the connection
     * @param reason       what happened
     */
    default void connectionPaused(String connectionId, String reason) {
    }

    /**
     * A deal's payment status changed.
     *
     * @param connectionId the connection
     * @param dealId       the deal
     * @param status       the new status
     */
    default void paymentStatusChanged(String connectionId, long dealId, InvoiceStatus status) {
    }

    /**
     * A deal was created for an invoice raised by hand in the ledger.
     *
     * @param connectionId the connection
     * @param dealId       the new deal
     * @param invoice      the invoice
     */
    default void dealCreatedForInvoice(String connectionId, long dealId, Invoice invoice) {
    }
}
