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
        IN_MEMORY
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
