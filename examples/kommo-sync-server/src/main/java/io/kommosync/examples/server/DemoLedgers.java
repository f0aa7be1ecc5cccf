package io.kommosync.examples.server;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.sandbox.intacct.IntacctDimension;
import io.kommosync.sandbox.intacct.IntacctSimulator;
import java.math.BigDecimal;
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
        IN_MEMORY("in-memory"),
        /** Sage Intacct's XML gateway, simulated. */
        SAGE_INTACCT("sage-intacct");

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
            case SAGE_INTACCT -> intacct();
        };
    }

    private static DemoLedger intacct() {
        IntacctSimulator sim = IntacctSimulator.builder().start();
        sim.company()
                .addGlAccount("4000", "Product sales", true)
                .addGlAccount("4010", "Services revenue", true)
                .addGlAccount("6000", "Office expenses", true)
                .addSaleTaxDetail("UK Sale Goods Standard Rate", new BigDecimal("20"))
                .addSaleTaxDetail("UK Sale Goods Zero Rate", BigDecimal.ZERO)
                .addDimensionValue(IntacctDimension.ITEM, "CONS-1", "Consulting day")
                .addDimensionValue(IntacctDimension.ITEM, "KIT-1", "Training kit");
        AccountingPort port = AccountingPorts.load("sage-intacct", AccountingConfig.builder()
                .put("transport", "xml")
                .put("baseUrl", sim.baseUri().toString())
                .put("companyId", IntacctSimulator.COMPANY_ID)
                .put("senderId", IntacctSimulator.SENDER_ID).putSecret("senderPassword", IntacctSimulator.SENDER_PASSWORD)
                .put("userId", IntacctSimulator.USER_ID).putSecret("userPassword", IntacctSimulator.USER_PASSWORD)
                .put("lineQuantityField", "KOMMO_QUANTITY").put("lineUnitPriceField", "KOMMO_UNIT_PRICE")
                .build());
        return new SimulatedLedger("Sage Intacct (simulated XML gateway at " + sim.baseUri() + "), found through "
                + "ServiceLoader as provider 'sage-intacct'", port, "4000", "4010", "UK Sale Goods Standard Rate",
                "UK Sale Goods Zero Rate", id -> sim.company().markPaid(Long.parseLong(id)), sim::close);
    }

    /** A ledger simulator behind a real adapter. */
    private record SimulatedLedger(String description, AccountingPort port, String salesAccount,
                                   String servicesAccount, String standardTax, String zeroTax,
                                   java.util.function.Consumer<String> payer, Runnable stop) implements DemoLedger {
        @Override
        public void markPaid(String invoiceId) {
            payer.accept(invoiceId);
        }

        @Override
        public void close() {
            port.close();
            stop.run();
        }
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
