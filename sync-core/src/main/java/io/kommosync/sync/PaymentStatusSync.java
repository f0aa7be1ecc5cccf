package io.kommosync.sync;

import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceChanges;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.sync.store.DealInvoiceLink;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings ledger invoice changes to Kommo: polls {@code invoiceChangesSince} with a cursor kept in the store (for
 * ledgers without webhooks, and as the safety net for those with), and sweeps open invoices for ones that became
 * overdue (a date passing is not a change a ledger reports). Each change becomes a job, so a failing Kommo
 * update is retried like any other; the job updates the deal's payment status only when it changed, and creates
 * a deal for an invoice raised by hand in the ledger.
 *
 * <p>Thread-safe; one instance per engine ({@link #of(SyncEngine)}). In a cluster, run it on one instance at a
 * time (the JDBC store's lease row does that).
 */
public final class PaymentStatusSync {

    /** The store cursor's name. */
    public static final String CURSOR = "invoice-changes";
    private static final int MAX_PAGES_PER_POLL = 100;
    private static final int SWEEP_LIMIT = 1000;

    private final SyncEngine engine;

    private PaymentStatusSync(SyncEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The payment-status sync of an engine.
     *
     * @param engine the engine
     * @return the sync
     */
    public static PaymentStatusSync of(SyncEngine engine) {
        return new PaymentStatusSync(engine);
    }

    /**
     * Reads the ledger's invoice changes since the stored cursor and enqueues one job per change. The first poll of
     * a connection starts from now. The cursor is stored after each page, so a crash re-reads at most one page.
     *
     * @param connectionId the connection
     * @return how many new jobs were enqueued
     */
    public int poll(String connectionId) {
        Connection c = engine.connection(connectionId);
        Optional<String> stored = engine.store().cursor(connectionId, CURSOR);
        ChangeCursor cursor = stored.map(ChangeCursor::new).orElseGet(() -> ChangeCursor.since(engine.now()));
        int enqueued = 0;
        for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
            ChangeCursor from = cursor;
            InvoiceChanges changes = engine.call(() -> c.ledger().invoiceChangesSince(from));
            for (Invoice invoice : changes.invoices()) {
                if (accept(c, invoice)) {
                    enqueued++;
                }
            }
            cursor = changes.next();
            engine.store().saveCursor(connectionId, CURSOR, cursor.value());
            if (!changes.hasMore()) {
                break;
            }
        }
        return enqueued;
    }

    /**
     * Looks at every linked invoice still open (awaiting payment or part paid) and enqueues a job for those whose
     * status in the ledger differs, which is how a passed due date becomes OVERDUE on the deal. Run it daily.
     *
     * @param connectionId the connection
     * @return how many jobs were enqueued
     */
    public int sweepOverdue(String connectionId) {
        Connection c = engine.connection(connectionId);
        int enqueued = 0;
        for (DealInvoiceLink link : engine.store().links(connectionId,
                EnumSet.of(InvoiceStatus.AWAITING_PAYMENT, InvoiceStatus.PARTIALLY_PAID), SWEEP_LIMIT)) {
            Invoice invoice = engine.call(() -> c.ledger().invoice(link.invoiceId()));
            if (invoice.status() != link.paymentStatus() && accept(c, invoice)) {
                enqueued++;
            }
        }
        return enqueued;
    }

    private boolean accept(Connection c, Invoice invoice) {
        return engine.enqueueLedgerChange(c.id(), invoice.id(), invoice.updatedAt() + ":" + invoice.status()).created();
    }
}
