package io.kommosync.accounting.tck.memory;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPortProvider;
import io.kommosync.accounting.spi.ConfigReader;
import java.time.Clock;
import java.util.Optional;

/**
 * Provider {@value #ID}: builds {@link InMemoryAccountingPort}s. Registered in this jar's
 * {@code META-INF/services}, so {@code AccountingPorts.load("in-memory", config)} finds it.
 *
 * <p>Configuration:
 * <ul>
 *   <li>{@code ledger}: the name of a ledger, reached through {@link InMemoryLedger#named(String)} (created empty
 *       if none is registered under it); or attach an {@link InMemoryLedger} with
 *       {@code AccountingConfig.Builder.attach(InMemoryLedger.class, ledger)}. Exactly one of the two.</li>
 *   <li>{@code pageSize}: invoices per page of changes, 1 to 1000, default {@value #DEFAULT_PAGE_SIZE}.</li>
 *   <li>{@code accessToken} (secret, optional): presented to the ledger, see
 *       {@link InMemoryLedger#requireAccessToken(String)}.</li>
 *   <li>a {@link Clock} attachment (optional): decides "today" for overdue invoices; the ledger's clock
 *       otherwise.</li>
 * </ul>
 *
 * <p>Thread-safe and stateless.
 */
public final class InMemoryAccountingPortProvider implements AccountingPortProvider {

    /** The provider id. */
    public static final String ID = "in-memory";
    /** The default page size of invoice changes. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public InMemoryAccountingPortProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AccountingPort create(AccountingConfig config) {
        return builderFrom(config).build();
    }

    /**
     * Reads a configuration into a port builder, so that a test can adjust it (for example the provider id)
     * before building.
     *
     * @param config the configuration
     * @return a builder holding every setting of {@code config}
     * @throws io.kommosync.accounting.spi.InvalidConfigurationException listing every bad or missing key
     */
    public InMemoryAccountingPort.Builder builderFrom(AccountingConfig config) {
        ConfigReader r = config.reader(ID);
        Optional<InMemoryLedger> attached = config.attachment(InMemoryLedger.class);
        Optional<String> name = r.optional("ledger");
        if (attached.isEmpty() && name.isEmpty()) {
            r.problem("ledger", "missing", "set 'ledger' to the name of an InMemoryLedger, or attach one with "
                    + "AccountingConfig.Builder.attach(InMemoryLedger.class, ledger)");
        } else if (attached.isPresent() && name.isPresent()) {
            r.problem("ledger", "both a ledger name and an attached InMemoryLedger are given",
                    "remove the 'ledger' key or the attachment");
        }
        int pageSize = r.intInRange("pageSize", DEFAULT_PAGE_SIZE, 1, 1000);
        Optional<String> accessToken = r.optional("accessToken");
        Optional<Clock> clock = config.attachment(Clock.class);
        r.validate();
        InMemoryAccountingPort.Builder b = InMemoryAccountingPort
                .builder(attached.orElseGet(() -> InMemoryLedger.named(name.orElseThrow())))
                .pageSize(pageSize);
        clock.ifPresent(b::clock);
        accessToken.ifPresent(b::accessToken);
        return b;
    }
}
