/**
 * The compatibility kit of the accounting SPI: {@link io.kommosync.accounting.tck.AccountingPortCompatibilityKit},
 * the abstract JUnit 5 class every {@link io.kommosync.accounting.spi.AccountingPort} adapter extends, and the
 * vendor hook it needs, {@link io.kommosync.accounting.tck.LedgerFixture}, with the values a fixture hands the kit
 * ({@link io.kommosync.accounting.tck.CanonicalLedger}, {@link io.kommosync.accounting.tck.SimulatedFailure},
 * {@link io.kommosync.accounting.tck.PortOperation}, {@link io.kommosync.accounting.tck.MutableClock}).
 *
 * <p>This is a normal jar: adapters depend on it in test scope. The in-memory reference port the kit is proven
 * against lives in {@link io.kommosync.accounting.tck.memory}.
 *
 * <p><b>Nullness.</b> Nothing in this package accepts or returns {@code null} unless documented otherwise.
 */
package io.kommosync.accounting.tck;
