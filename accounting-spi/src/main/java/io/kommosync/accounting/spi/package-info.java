/**
 * The accounting SPI: the one contract between the kommo-sync engine and a ledger.
 *
 * <p>A ledger adapter implements {@link io.kommosync.accounting.spi.AccountingPortProvider} (a factory
 * discovered through {@link java.util.ServiceLoader}) and {@link io.kommosync.accounting.spi.AccountingPort}
 * (the operations). Everything crossing the boundary is an immutable value: money is
 * {@link java.math.BigDecimal} with an explicit {@link java.util.Currency}, dates are
 * {@link java.time.LocalDate}, instants {@link java.time.Instant}. Every failure is an unchecked
 * {@link io.kommosync.accounting.spi.AccountingException}.
 *
 * <p><b>Nullness.</b> Unless a parameter or return value is documented otherwise, nothing in this package
 * accepts or returns {@code null}; absent values are {@link java.util.Optional}. Record constructors reject
 * {@code null} components with a {@link java.lang.NullPointerException} naming the component.
 *
 * <p><b>Thread-safety.</b> All value types are immutable and thread-safe. Implementations of
 * {@link io.kommosync.accounting.spi.AccountingPort} must be thread-safe.
 *
 * <p>This module depends on the JDK only.
 */
package io.kommosync.accounting.spi;
