/**
 * The engine's durable state behind one SPI, {@link io.kommosync.sync.store.SyncStore}: the job queue with
 * leases, per-job checkpoints, deal ↔ invoice links, the customer cache, change cursors, connection state and
 * the audit trail. {@link io.kommosync.sync.store.InMemorySyncStore} serves tests and single-process hosts that
 * accept losing state on restart; the {@code sync-store-jdbc} module provides the durable implementations.
 *
 * <p>Non-null by default; absent values are {@link java.util.Optional}.
 */
package io.kommosync.sync.store;
