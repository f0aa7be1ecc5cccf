package io.kommosync.examples.server;

import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.tck.memory.InMemoryAccountingPort;
import io.kommosync.accounting.tck.memory.InMemoryLedger;

/**
 * The simulated ledgers the demo can run on.
 */
final class DemoLedgers {

    private DemoLedgers() {
    }

    /** The ledgers the demo knows. */
    enum Kind {
        /** The compatibility kit's in-memory reference ledger. */
        IN_MEMORY("in-memory");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown ledger '" + id + "'; use one of "
                    + java.util.Arrays.stream(values()).map(k -> k.id).toList());
        }
    }

    /** Reads {@code --ledger} values such as {@code sage-cloud}. */
    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            return Kind.of(value);
        }
    }

    /** A running simulated ledger with the demo's chart. */
    interface DemoLedger extends AutoCloseable {
        AccountingPort port();

        String description();

        String salesAccount();

        String servicesAccount();

        String standardTax();

        String zeroTax();

        void markPaid(String invoiceId);

        @Override
        void close();
    }

    static DemoLedger start(Kind kind) {
        return switch (kind) {
            case IN_MEMORY -> inMemory();
        };
    }

    private static DemoLedger inMemory() {
        InMemoryLedger ledger = InMemoryLedger.create().withCanonicalChart();
        AccountingPort port = InMemoryAccountingPort.builder(ledger).build();
        return new DemoLedger() {
            @Override
            public AccountingPort port() {
                return port;
            }

            @Override
            public String description() {
                return "the compatibility kit's in-memory reference ledger";
            }

            @Override
            public String salesAccount() {
                return InMemoryLedger.SALES_ACCOUNT;
            }

            @Override
            public String servicesAccount() {
                return InMemoryLedger.SERVICES_ACCOUNT;
            }

            @Override
            public String standardTax() {
                return InMemoryLedger.STANDARD_TAX;
            }

            @Override
            public String zeroTax() {
                return InMemoryLedger.ZERO_TAX;
            }

            @Override
            public void markPaid(String invoiceId) {
                ledger.markPaid(invoiceId);
            }

            @Override
            public void close() {
                port.close();
            }
        };
    }
}
