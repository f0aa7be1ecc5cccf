/**
 * The kommo-sync engine.
 *
 * <p>A {@link io.kommosync.sync.SyncEngine} hosts {@link io.kommosync.sync.Connection}s (one Kommo account joined
 * to one ledger). When a deal reaches a stage named by a {@link io.kommosync.sync.TriggerRule} — reported by
 * {@link io.kommosync.sync.KommoWebhookEndpoint} or found by the {@link io.kommosync.sync.Reconciler} — a job is
 * enqueued in the {@link io.kommosync.sync.store.SyncStore}. The job loads the deal, maps each product to a ledger
 * account and tax code through the connection's {@link io.kommosync.sync.mapping.MappingTable}, finds or creates
 * the customer by e-mail, creates the invoice under an idempotency key, and writes its number and link back to the
 * deal. Every step is checkpointed, so a crash resumes without a second invoice.
 *
 * <p>Problems a person must solve become Kommo tasks: an unmapped product parks the job until the mapping table
 * changes; a transient failure retries in-call, then after 1, 5 and 15 minutes, then kills the job with one task.
 * {@link io.kommosync.sync.PaymentStatusSync} and {@link io.kommosync.sync.AccountingWebhookEndpoint} bring the
 * ledger's invoice status back to the deal, and turn invoices raised by hand in the ledger into deals.
 *
 * <p>Non-null by default; absent values are {@link java.util.Optional}. Public types are thread-safe unless their
 * documentation says otherwise.
 */
package io.kommosync.sync;
