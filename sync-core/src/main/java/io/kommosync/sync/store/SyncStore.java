package io.kommosync.sync.store;

import io.kommosync.accounting.spi.InvoiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the engine must remember: the job queue, per-job checkpoints, deal ↔ invoice links, the customer
 * cache, change cursors, connection states, seen event ids and the audit trail.
 *
 * <p><b>Contract.</b> Implementations are thread-safe, and every method is atomic: a concurrent caller (another
 * thread or, for shared stores, another process) sees it done or not done. The job methods that take a
 * {@code workerId} act only while that worker holds the job's lease and return {@code false} otherwise, so a
 * worker that lost its lease (it stalled, and another worker reclaimed the job) cannot overwrite the new owner's
 * work. Times are always passed in by the caller, who owns the clock.
 *
 * <p>Non-null by default; absent values are {@link Optional}.
 */
public interface SyncStore {

    // ---- jobs --------------------------------------------------------------------------------------------

    /**
     * Stores a job unless one with the same dedupe key exists.
     *
     * @param job the job
     * @param now the current time
     * @return the stored job and whether it is new
     */
    EnqueueResult enqueue(NewJob job, Instant now);

    /**
     * Reads a job.
     *
     * @param id the id
     * @return the job, or empty
     */
    Optional<SyncJob> job(JobId id);

    /**
     * Reads the job with a dedupe key.
     *
     * @param dedupeKey the key
     * @return the job, or empty
     */
    Optional<SyncJob> jobByDedupeKey(String dedupeKey);

    /**
     * Claims up to {@code limit} runnable jobs for a worker: PENDING jobs due at or before {@code now}, and RUNNING
     * jobs whose lease expired before {@code now} (their worker died). Claimed jobs become RUNNING with a lease
     * until {@code now + lease}. Earliest due first.
     *
     * @param now      the current time
     * @param limit    the most jobs to claim
     * @param workerId the claiming worker
     * @param lease    how long the claim holds without renewal
     * @return the claimed jobs
     */
    List<SyncJob> claimDue(Instant now, int limit, String workerId, Duration lease);

    /**
     * Extends a lease.
     *
     * @param id         the job
     * @param workerId   the worker holding it
     * @param leaseUntil the new expiry
     * @return {@code false} when the worker no longer holds the job
     */
    boolean renewLease(JobId id, String workerId, Instant leaseUntil);

    /**
     * Marks a job DONE.
     *
     * @param id       the job
     * @param workerId the worker holding it
     * @param now      the current time
     * @return {@code false} when the worker no longer holds the job
     */
    boolean complete(JobId id, String workerId, Instant now);

    /**
     * Counts a failure and makes the job PENDING again, due at {@code dueAt}.
     *
     * @param id       the job
     * @param workerId the worker holding it
     * @param dueAt    when to try again
     * @param error    the failure in plain words
     * @param now      the current time
     * @return {@code false} when the worker no longer holds the job
     */
    boolean scheduleRetry(JobId id, String workerId, Instant dueAt, String error, Instant now);

    /**
     * Parks a job until something resumes it ({@link #resumeParked}, {@link #replay}).
     *
     * @param id       the job
     * @param workerId the worker holding it
     * @param reason   why
     * @param detail   what a person must do, in plain words
     * @param now      the current time
     * @return {@code false} when the worker no longer holds the job
     */
    boolean park(JobId id, String workerId, ParkReason reason, String detail, Instant now);

    /**
     * Counts a failure and marks the job DEAD.
     *
     * @param id       the job
     * @param workerId the worker holding it
     * @param error    the failure in plain words
     * @param now      the current time
     * @return {@code false} when the worker no longer holds the job
     */
    boolean kill(JobId id, String workerId, String error, Instant now);

    /**
     * Makes every job of a connection parked for a reason PENDING, due now.
     *
     * @param connectionId the connection
     * @param reason       the park reason to resume
     * @param now          the current time
     * @return how many jobs were resumed
     */
    int resumeParked(String connectionId, ParkReason reason, Instant now);

    /**
     * Makes a PARKED, DEAD or DONE job PENDING again, due now, with its failure count reset. Checkpoints are kept,
     * so a replay resumes where the job stopped.
     *
     * @param id  the job
     * @param now the current time
     * @return {@code false} when there is no such job, or it is PENDING or RUNNING
     */
    boolean replay(JobId id, Instant now);

    /**
     * Lists jobs, newest first.
     *
     * @param connectionId only this connection's jobs, or empty for all
     * @param states       only jobs in these states; empty for all
     * @param limit        the most jobs to return
     * @return the jobs
     */
    List<SyncJob> jobs(Optional<String> connectionId, Set<JobState> states, int limit);

    /**
     * The checkpoints a job saved.
     *
     * @param id the job
     * @return step name ⇒ value, empty when none
     */
    Map<String, String> checkpoints(JobId id);

    /**
     * Saves (or replaces) one checkpoint of a job.
     *
     * @param id    the job
     * @param step  the step name
     * @param value what the step produced
     */
    void saveCheckpoint(JobId id, String step, String value);

    // ---- links -------------------------------------------------------------------------------------------

    /**
     * The link of a deal.
     *
     * @param connectionId the connection
     * @param dealId       the deal
     * @return the link, or empty
     */
    Optional<DealInvoiceLink> linkForDeal(String connectionId, long dealId);

    /**
     * The link of an invoice.
     *
     * @param connectionId the connection
     * @param invoiceId    the ledger's invoice id
     * @return the link, or empty
     */
    Optional<DealInvoiceLink> linkForInvoice(String connectionId, String invoiceId);

    /**
     * Stores a link unless its deal or its invoice is linked already.
     *
     * @param link the link
     * @return {@code true} when stored, {@code false} when the deal or invoice already had a link
     */
    boolean saveLink(DealInvoiceLink link);

    /**
     * Lists a connection's links whose last written payment status is one of the given ones (the overdue sweep
     * reads the open ones).
     *
     * @param connectionId the connection
     * @param statuses     the statuses
     * @param limit        the most links to return
     * @return the links, oldest first
     */
    List<DealInvoiceLink> links(String connectionId, Set<InvoiceStatus> statuses, int limit);

    /**
     * Records the payment status last written to a linked deal.
     *
     * @param connectionId the connection
     * @param invoiceId    the invoice
     * @param status       the status
     */
    void updatePaymentStatus(String connectionId, String invoiceId, InvoiceStatus status);

    // ---- caches, cursors, state -------------------------------------------------------------------------

    /**
     * The ledger customer id cached for an e-mail address.
     *
     * @param connectionId the connection
     * @param email        the address, normalised by the caller (trimmed, lower case)
     * @return the customer id, or empty
     */
    Optional<String> cachedCustomerId(String connectionId, String email);

    /**
     * Caches a ledger customer id for an e-mail address.
     *
     * @param connectionId the connection
     * @param email        the normalised address
     * @param customerId   the ledger's customer id
     */
    void cacheCustomer(String connectionId, String email, String customerId);

    /**
     * Reads a named cursor.
     *
     * @param connectionId the connection
     * @param name         the cursor's name, for example {@code "invoice-changes"}
     * @return the value, or empty
     */
    Optional<String> cursor(String connectionId, String name);

    /**
     * Saves a named cursor.
     *
     * @param connectionId the connection
     * @param name         the cursor's name
     * @param value        the value
     */
    void saveCursor(String connectionId, String name, String value);

    /**
     * The state of a connection; ACTIVE when never set.
     *
     * @param connectionId the connection
     * @param now          the time to report as {@code since} for a never-set state
     * @return the state
     */
    ConnectionState connectionState(String connectionId, Instant now);

    /**
     * Saves the state of a connection.
     *
     * @param state the state
     */
    void saveConnectionState(ConnectionState state);

    /**
     * Records that an inbound event was seen, for dropping repeated deliveries.
     *
     * @param connectionId the connection
     * @param eventKey     the event's unique key
     * @param now          the current time
     * @return {@code true} the first time a key is seen, {@code false} afterwards
     */
    boolean markSeen(String connectionId, String eventKey, Instant now);

    // ---- audit -------------------------------------------------------------------------------------------

    /**
     * Appends a step to the audit trail.
     *
     * @param entry the step
     */
    void append(AuditEntry entry);

    /**
     * The audit trail of a subject (deal or invoice), oldest first.
     *
     * @param connectionId the connection
     * @param subjectId    the deal or invoice id
     * @return the entries
     */
    List<AuditEntry> audit(String connectionId, String subjectId);
}
