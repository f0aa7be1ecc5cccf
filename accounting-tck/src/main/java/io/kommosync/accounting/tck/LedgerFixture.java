package io.kommosync.accounting.tck;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.Customer;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The vendor hook of the compatibility kit: what an adapter provides so that the kit's canonical scenarios are
 * true of the ledger behind its port. A fixture stands for one fresh ledger organisation (a WireMock server with
 * stateful stubs, a sandbox simulator, or the in-memory ledger) holding the {@link #ledger() canonical ledger}
 * and the {@link #existingCustomer() existing customer}, and no invoice.
 *
 * <p>The kit asks {@link AccountingPortCompatibilityKit#createFixture()} for a new fixture before each test,
 * builds the port under test from {@link #validConfig()} through {@code ServiceLoader} discovery, and closes both
 * after the test. Between the two, the kit acts on the ledger "from the vendor's side" through this interface
 * (recording payments, voiding, moving time, scripting failures) and reads ledger-side counts that the port
 * cannot hide.
 *
 * <p>A fixture that cannot perform an action in some test may throw
 * {@link org.opentest4j.TestAbortedException} (for example through
 * {@link org.junit.jupiter.api.Assumptions#abort(String)}): the kit's test is then reported as skipped, not
 * passed. Prefer declaring what is missing with {@link #features()} and {@link #supportedFailures()}.
 *
 * <p><b>Thread-safety:</b> the kit calls a fixture from one thread at a time (the port may be called from
 * several). <b>Nullness:</b> no method accepts or returns {@code null}.
 */
public interface LedgerFixture extends AutoCloseable {

    /** Optional abilities of a fixture's ledger; the kit skips the scenarios that need one a fixture lacks. */
    enum Feature {
        /**
         * The ledger (or the port) rejects a line posting to an account code the chart does not have, or to the
         * inactive account, with a {@link io.kommosync.accounting.spi.ValidationException}.
         */
        REJECTS_INVALID_LINES,
        /**
         * The ledger behind the port takes concurrent calls, so the kit can send the same write from two threads
         * at once.
         */
        CONCURRENT_CALLS
    }

    /**
     * The configuration the port under test is built from. It points the port at this fixture's ledger (a
     * WireMock base URL, a sandbox, a ledger name), carries credentials (mark them with
     * {@link AccountingConfig.Builder#putSecret}) and attaches {@link #clock()} as a {@link java.time.Clock}.
     *
     * <p>Configure the port so that failures surface at once: no in-call retries (or zero back-off with a failure
     * that persists through them) and no token refresh on 401, because the kit checks the exception the port
     * raises for each {@link SimulatedFailure}. Configure the smallest page size the port allows for
     * {@link io.kommosync.accounting.spi.AccountingPort#invoiceChangesSince} and report it in
     * {@link #changesPageSize()}.
     *
     * @return a valid configuration; the same on every call
     */
    AccountingConfig validConfig();

    /**
     * A configuration with at least two bad or missing keys, for example a missing client id and a malformed
     * base URL. It may carry secrets (the kit checks they stay out of the error).
     *
     * @return an invalid configuration
     */
    AccountingConfig invalidConfig();

    /**
     * The keys the provider must report as bad when given {@link #invalidConfig()}; the kit expects every one of
     * them in the single {@link io.kommosync.accounting.spi.InvalidConfigurationException} the provider throws.
     *
     * @return at least two keys, as {@link io.kommosync.accounting.spi.ConfigProblem#key()} names them
     */
    Set<String> expectedInvalidKeys();

    /**
     * The vendor's codes for the accounts, tax rates and dimension values the kit's scenarios use.
     *
     * @return the canonical ledger
     */
    CanonicalLedger ledger();

    /**
     * A customer the ledger already holds, whose e-mail address has mixed case (for example
     * {@code "Existing.Customer@Example.com"}); the kit finds it by that address in other cases and with white
     * space around it, and raises its invoices for it. No other customer has that address.
     *
     * @return the customer as the port would report it (at least its id and e-mail address)
     */
    Customer existingCustomer();

    /**
     * The clock attached to {@link #validConfig()}, which the port uses for "today" (to derive
     * {@link io.kommosync.accounting.spi.InvoiceStatus#OVERDUE}) and the ledger stand-in uses for its timestamps.
     * The kit moves it forward; it never moves it back.
     *
     * @return the clock; the same on every call
     */
    MutableClock clock();

    /**
     * Records, in the ledger, a payment of the whole amount due of an approved invoice.
     *
     * @param invoiceId the ledger's id of the invoice
     */
    void markPaid(String invoiceId);

    /**
     * Records, in the ledger, a payment of part of an approved invoice.
     *
     * @param invoiceId the ledger's id of the invoice
     * @param amount    the amount paid, less than the amount due, in the invoice's currency
     */
    void markPartlyPaid(String invoiceId, BigDecimal amount);

    /**
     * Voids (or deletes) an invoice in the ledger, as a person using the ledger would.
     *
     * @param invoiceId the ledger's id of the invoice
     */
    void voidInLedger(String invoiceId);

    /**
     * Counts, on the ledger's side and not through the port, the invoices carrying a reference, voided ones
     * included, so that a port cannot hide a duplicate.
     *
     * @param reference the reference
     * @return how many invoices carry it
     */
    int countInvoicesWithReference(String reference);

    /**
     * Counts, on the ledger's side and not through the port, the customers whose e-mail address equals this one
     * ignoring case.
     *
     * @param email the e-mail address
     * @return how many customers have it
     */
    int countCustomersWithEmail(String email);

    /**
     * Makes the next call of one port operation fail as described; calls after it succeed again. For WireMock a
     * scenario stub on the operation's endpoint, for a sandbox a scripted fault. The kit only asks for kinds in
     * {@link #supportedFailures()}.
     *
     * @param operation the operation whose next call fails
     * @param failure   what the vendor does
     */
    void failNextCall(PortOperation operation, SimulatedFailure failure);

    /**
     * The kinds of failure {@link #failNextCall} can produce; the kit skips the others. All by default.
     *
     * @return the supported kinds
     */
    default Set<SimulatedFailure.Kind> supportedFailures() {
        return EnumSet.allOf(SimulatedFailure.Kind.class);
    }

    /**
     * The optional abilities of this fixture's ledger; the kit skips the scenarios needing one that is missing.
     * All by default.
     *
     * @return the features
     */
    default Set<Feature> features() {
        return EnumSet.allOf(Feature.class);
    }

    /**
     * The page size {@link #validConfig()} gives the port for
     * {@link io.kommosync.accounting.spi.AccountingPort#invoiceChangesSince}; the kit raises more invoices than
     * two pages hold and reads them page by page. Keep it small (2 to 10).
     *
     * @return the page size, or empty when the port's pages are not configurable (the kit then raises 5 invoices)
     */
    default OptionalInt changesPageSize() {
        return OptionalInt.empty();
    }

    /**
     * The secret values in {@link #validConfig()} and {@link #invalidConfig()} (tokens, client secrets,
     * passwords); the kit checks that none appears in exception messages, configuration errors or
     * {@code toString()}.
     *
     * @return the secret values; empty by default
     */
    default Set<String> secretValues() {
        return Set.of();
    }

    /**
     * Releases the fixture's resources (a WireMock server, a sandbox). Called after the port is closed. Does
     * nothing by default.
     */
    @Override
    default void close() {
    }
}
