/**
 * The in-memory reference port: {@link io.kommosync.accounting.tck.memory.InMemoryLedger} (a ledger held in
 * memory, with an admin API to act on it from the vendor's side),
 * {@link io.kommosync.accounting.tck.memory.InMemoryAccountingPort} (the port talking to it) and
 * {@link io.kommosync.accounting.tck.memory.InMemoryAccountingPortProvider} (provider id {@code in-memory},
 * registered for {@link java.util.ServiceLoader}). It passes the compatibility kit; the engine's tests and the demo
 * use it.
 *
 * <p><b>Nullness.</b> Nothing in this package accepts or returns {@code null} unless documented otherwise.
 * <b>Thread-safety.</b> Every type here is thread-safe except the builders.
 */
package io.kommosync.accounting.tck.memory;
