package io.kommosync.accounting.spi;

/**
 * A factory of {@link AccountingPort}s for one kind of ledger, found by {@link AccountingPorts} through
 * {@link java.util.ServiceLoader}. Register an implementation with one line naming its class in
 * {@code META-INF/services/io.kommosync.accounting.spi.AccountingPortProvider}.
 *
 * <p>Implementations must have a public no-argument constructor that does no I/O and cannot fail, and must be
 * thread-safe.
 */
public interface AccountingPortProvider {

    /**
     * The provider id the host names in its configuration: lower case letters, digits and {@code -}, for example
     * {@code "sage-cloud"}, {@code "sage-intacct"}, {@code "xero"}; unique among the providers on the class path.
     *
     * @return the id
     */
    String id();

    /**
     * Builds a port. Validates the whole configuration first and reports every bad or missing key at once;
     * performs no remote call.
     *
     * @param config the configuration
     * @return a new port; the caller closes it
     * @throws InvalidConfigurationException listing every problem with {@code config}
     */
    AccountingPort create(AccountingConfig config);
}
