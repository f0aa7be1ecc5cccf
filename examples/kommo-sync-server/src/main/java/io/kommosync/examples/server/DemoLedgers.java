package io.kommosync.examples.server;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import io.kommosync.accounting.tck.memory.InMemoryAccountingPort;
import io.kommosync.accounting.tck.memory.InMemoryLedger;
import io.kommosync.client.Secret;
import io.kommosync.client.oauth.InMemoryTokenStore;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.TokenStore;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sandbox.http.Fault;
import io.kommosync.sandbox.http.SimulatedResponse;
import io.kommosync.sandbox.intacct.ArInvoiceLine;
import io.kommosync.sandbox.intacct.IntacctDimension;
import io.kommosync.sandbox.intacct.IntacctFault;
import io.kommosync.sandbox.intacct.IntacctSimulator;
import io.kommosync.sandbox.sage.SageBusiness;
import io.kommosync.sandbox.sage.SageCloudSimulator;
import io.kommosync.sandbox.sage.SageLineDraft;
import io.kommosync.sandbox.sage.SageTokens;
import io.kommosync.sandbox.xero.XeroNewLine;
import io.kommosync.sandbox.xero.XeroOrganisation;
import io.kommosync.sandbox.xero.XeroSimulator;
import io.kommosync.sandbox.xero.XeroTokenSet;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The simulated ledgers the demo and the end-to-end tests run on, each behind its real adapter (found through
 * {@link AccountingPorts}) except the compatibility kit's in-memory reference ledger.
 */
final class DemoLedgers {

    private static final Currency GBP = Currency.getInstance("GBP");

    private DemoLedgers() {
    }

    /** The ledgers the demo knows. */
    enum Kind {
        /** The compatibility kit's in-memory reference ledger. */
        IN_MEMORY("in-memory"),
        /** Sage Business Cloud Accounting, simulated. */
        SAGE_CLOUD("sage-cloud"),
        /** Sage Intacct's XML gateway, simulated. */
        SAGE_INTACCT("sage-intacct"),
        /** Xero, simulated. */
        XERO("xero");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown ledger '" + id + "'; use one of "
                    + Arrays.stream(values()).map(k -> k.id).toList());
        }
    }

    /** Reads {@code --ledger} values such as {@code sage-cloud}. */
    static final class KindConverter implements CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            return Kind.of(value);
        }
    }

    /** A running simulated ledger with the demo's chart: two revenue accounts and a 20 % and a 0 % tax rate. */
    interface DemoLedger extends AutoCloseable {
        AccountingPort port();

        String description();

        String salesAccount();

        String servicesAccount();

        String standardTax();

        String zeroTax();

        void markPaid(String invoiceId);

        void voidInvoice(String invoiceId);

        /** Raises an invoice by hand in the ledger (no reference) for a new customer; returns its id. */
        String raiseInvoiceByHand(String customerName, String email, BigDecimal net, LocalDate dueDate);

        /** Makes the next {@code times} invoice creations fail with HTTP 503. */
        void failNextInvoiceCreations(int times);

        /** How many invoices carry a reference, counted in the ledger itself. */
        int countInvoicesWithReference(String reference);

        /**
         * The provider id and keys a configuration file gives to reach this simulated ledger through its adapter
         * (what {@code ledger.provider} and {@code ledger.config} hold); empty for the in-memory ledger, which has no
         * provider.
         *
         * @return the provider id and its keys
         */
        default Optional<Map.Entry<String, Map<String, String>>> providerConfig() {
            return Optional.empty();
        }

        /** Makes a product known to ledgers that check item codes (Intacct); others need nothing. */
        default void addProduct(String sku, String name) {
        }

        @Override
        void close();
    }

    static DemoLedger start(Kind kind) {
        return start(kind, Clock.systemUTC(), RetrySettings.defaults());
    }

    static DemoLedger start(Kind kind, Clock clock, RetrySettings adapterRetries) {
        return switch (kind) {
            case IN_MEMORY -> inMemory(clock);
            case SAGE_CLOUD -> sageCloud(clock, adapterRetries);
            case SAGE_INTACCT -> intacct(clock, adapterRetries);
            case XERO -> xero(clock, adapterRetries);
        };
    }

    private static DemoLedger inMemory(Clock clock) {
        InMemoryLedger ledger = InMemoryLedger.create(clock).withCanonicalChart();
        AccountingPort port = InMemoryAccountingPort.builder(ledger).clock(clock).build();
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
            public void voidInvoice(String invoiceId) {
                ledger.voidInvoice(invoiceId);
            }

            @Override
            public String raiseInvoiceByHand(String customerName, String email, BigDecimal net, LocalDate dueDate) {
                String customerId = ledger.addCustomer(customerName, email).id();
                return ledger.raiseInvoiceByHand(customerId, GBP, dueDate, List.of(new InvoiceLine("Repair",
                        BigDecimal.ONE, net, Discount.none(), salesAccount(), standardTax(), Dimensions.none(),
                        Optional.empty()))).id();
            }

            @Override
            public void failNextInvoiceCreations(int times) {
                SimulatedFailure[] failures = new SimulatedFailure[times];
                Arrays.fill(failures, SimulatedFailure.serverError(503));
                ledger.failNext(PortOperation.CREATE_INVOICE, failures);
            }

            @Override
            public int countInvoicesWithReference(String reference) {
                return ledger.countInvoicesWithReference(reference);
            }

            @Override
            public void close() {
                port.close();
            }
        };
    }

    private static DemoLedger sageCloud(Clock clock, RetrySettings retries) {
        SageCloudSimulator sim = SageCloudSimulator.builder().clock(clock)
                .accessTokenLifetime(Duration.ofDays(400)).refreshTokenLifetime(Duration.ofDays(800)).start();
        SageBusiness business = sim.createBusiness("Demo Agency Ltd", GBP).seedStandardChart();
        SageTokens tokens = sim.issueTokens(business);
        TokenStore store = new InMemoryTokenStore();
        store.save("demo-sage", new OAuthTokens(Secret.of(tokens.accessToken()), Optional.of(Secret.of(tokens.refreshToken())),
                tokens.accessTokenExpiresAt(), Optional.of(tokens.refreshTokenExpiresAt())));
        AccountingPort port = AccountingPorts.load("sage-cloud", AccountingConfig.builder()
                .put("baseUrl", sim.apiBaseUri().toString())
                .put("tokenUrl", sim.tokenUri().toString())
                .put("connectionId", "demo-sage")
                .put("businessId", business.id())
                .put("clientId", sim.oauthClient().clientId())
                .putSecret("clientSecret", sim.oauthClient().clientSecret())
                .attach(TokenStore.class, store)
                .attach(Clock.class, clock)
                .attach(RetrySettings.class, retries)
                .build());
        return new SimulatedLedger("Sage Business Cloud Accounting (simulated at " + sim.apiBaseUri()
                + ", every request checked against Sage's published specification), found through ServiceLoader as "
                + "provider 'sage-cloud'", port, "4000", "4010", "GB_STANDARD", "GB_ZERO", sim::close) {
            @Override
            public void markPaid(String invoiceId) {
                business.markPaid(invoiceId);
            }

            @Override
            public void voidInvoice(String invoiceId) {
                business.voidInvoice(invoiceId, "Voided in Sage by hand");
            }

            @Override
            public String raiseInvoiceByHand(String customerName, String email, BigDecimal net, LocalDate dueDate) {
                String contactId = business.addCustomer(customerName, email).id();
                return business.raiseInvoiceByHand(contactId, dueDate, List.of(new SageLineDraft("Repair", BigDecimal.ONE,
                        net, business.ledgerAccount(4000).id(), "GB_STANDARD"))).id();
            }

            @Override
            public void failNextInvoiceCreations(int times) {
                for (int i = 0; i < times; i++) {
                    sim.failNext("POST", "/sales_invoices", SageCloudSimulator.errorResponse(503, "ServiceUnavailable",
                            "The service is temporarily unavailable (HTTP 503)", ""));
                }
            }

            @Override
            public int countInvoicesWithReference(String reference) {
                return business.countInvoicesWithReference(reference);
            }
        };
    }

    private static DemoLedger intacct(Clock clock, RetrySettings retries) {
        IntacctSimulator sim = IntacctSimulator.builder().clock(clock).start();
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
                .attach(Clock.class, clock)
                .attach(RetrySettings.class, retries)
                .build());
        return new SimulatedLedger("Sage Intacct (simulated XML gateway at " + sim.baseUri() + "), found through "
                + "ServiceLoader as provider 'sage-intacct'", port, "4000", "4010", "UK Sale Goods Standard Rate",
                "UK Sale Goods Zero Rate", sim::close) {
            @Override
            public void markPaid(String invoiceId) {
                sim.company().markPaid(Long.parseLong(invoiceId));
            }

            @Override
            public void voidInvoice(String invoiceId) {
                sim.company().reverse(Long.parseLong(invoiceId));
            }

            @Override
            public String raiseInvoiceByHand(String customerName, String email, BigDecimal net, LocalDate dueDate) {
                String customerId = "C-" + Math.abs(email.hashCode());
                sim.company().addCustomer(customerId, customerName, email);
                BigDecimal tax = net.multiply(new BigDecimal("0.20")).setScale(2, java.math.RoundingMode.HALF_UP);
                return Long.toString(sim.company().raiseInvoiceByHand(customerId, "GBP", dueDate, List.of(
                        new ArInvoiceLine("4000", net, "Repair", Map.of(), Map.of(), standardTax(), tax))).recordNo());
            }

            @Override
            public void failNextInvoiceCreations(int times) {
                for (int i = 0; i < times; i++) {
                    sim.failNext("create_invoice", IntacctFault.status(503));
                }
            }

            @Override
            public int countInvoicesWithReference(String reference) {
                return sim.company().countInvoicesWithReference(reference);
            }

            @Override
            public Optional<Map.Entry<String, Map<String, String>>> providerConfig() {
                return Optional.of(Map.entry("sage-intacct", Map.of("transport", "xml",
                        "baseUrl", sim.baseUri().toString(), "companyId", IntacctSimulator.COMPANY_ID,
                        "senderId", IntacctSimulator.SENDER_ID, "senderPassword", IntacctSimulator.SENDER_PASSWORD,
                        "userId", IntacctSimulator.USER_ID, "userPassword", IntacctSimulator.USER_PASSWORD,
                        "lineQuantityField", "KOMMO_QUANTITY", "lineUnitPriceField", "KOMMO_UNIT_PRICE")));
            }

            @Override
            public void addProduct(String sku, String name) {
                sim.company().addDimensionValue(IntacctDimension.ITEM, sku, name);
            }
        };
    }

    private static DemoLedger xero(Clock clock, RetrySettings retries) {
        XeroSimulator sim = XeroSimulator.builder().clock(clock).start();
        XeroOrganisation org = sim.createOrganisation("Demo Agency Ltd").withDemoChart();
        XeroTokenSet tokens = sim.authorizeLongLived(org);
        AccountingPort port = AccountingPorts.load("xero", AccountingConfig.builder()
                .put("baseUrl", sim.accountingUri().toString())
                .put("connectionsUrl", sim.connectionsUri().toString())
                .put("tenantId", org.tenantId())
                .putSecret("accessToken", tokens.accessToken())
                .attach(Clock.class, clock)
                .attach(RetrySettings.class, retries)
                .build());
        return new SimulatedLedger("Xero (simulated at " + sim.accountingUri() + ", every request checked against "
                + "Xero's OpenAPI document), found through ServiceLoader as provider 'xero'", port, "200", "260",
                "OUTPUT2", "ZERORATEDOUTPUT", sim::close) {
            @Override
            public void markPaid(String invoiceId) {
                org.markPaid(invoiceId);
            }

            @Override
            public void voidInvoice(String invoiceId) {
                org.voidInvoice(invoiceId);
            }

            @Override
            public String raiseInvoiceByHand(String customerName, String email, BigDecimal net, LocalDate dueDate) {
                String contactId = org.addContact(customerName, email).contactId();
                return org.raiseInvoiceByHand(contactId, "GBP", dueDate, List.of(XeroNewLine.of("Repair", "1",
                        net.toPlainString(), "200", "OUTPUT2"))).invoiceId();
            }

            @Override
            public void failNextInvoiceCreations(int times) {
                sim.faultPlan().scriptNext(times, "PUT", "/api.xro/2.0/Invoices",
                        Fault.respond(SimulatedResponse.empty(503)));
            }

            @Override
            public int countInvoicesWithReference(String reference) {
                return org.countInvoicesWithReference(reference);
            }
        };
    }

    /** A ledger simulator behind a real adapter. */
    private abstract static class SimulatedLedger implements DemoLedger {
        private final String description;
        private final AccountingPort port;
        private final String salesAccount;
        private final String servicesAccount;
        private final String standardTax;
        private final String zeroTax;
        private final Runnable stop;

        SimulatedLedger(String description, AccountingPort port, String salesAccount, String servicesAccount,
                        String standardTax, String zeroTax, Runnable stop) {
            this.description = description;
            this.port = port;
            this.salesAccount = salesAccount;
            this.servicesAccount = servicesAccount;
            this.standardTax = standardTax;
            this.zeroTax = zeroTax;
            this.stop = stop;
        }

        @Override
        public AccountingPort port() {
            return port;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public String salesAccount() {
            return salesAccount;
        }

        @Override
        public String servicesAccount() {
            return servicesAccount;
        }

        @Override
        public String standardTax() {
            return standardTax;
        }

        @Override
        public String zeroTax() {
            return zeroTax;
        }

        @Override
        public void close() {
            port.close();
            stop.run();
        }
    }
}
