package io.kommosync.sage.intacct;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.tck.CanonicalLedger;
import io.kommosync.accounting.tck.LedgerFixture;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sandbox.intacct.IntacctDimension;
import io.kommosync.sandbox.intacct.IntacctFault;
import io.kommosync.sandbox.intacct.IntacctSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** One simulated Intacct company holding the kit's canonical chart, reached over the XML gateway or REST. */
class IntacctSimulatorFixture implements LedgerFixture {

    static final String STANDARD = "UK Sale Goods Standard Rate";
    static final String ZERO = "UK Sale Goods Zero Rate";
    static final String EXISTING_EMAIL = "Existing.Customer@Example.com";

    final IntacctTransport transport;
    final MutableClock clock = MutableClock.at(Instant.parse("2025-03-10T09:30:00Z"), ZoneOffset.UTC);
    final IntacctSimulator sim;

    IntacctSimulatorFixture(IntacctTransport transport) {
        this(transport, null);
    }

    IntacctSimulatorFixture(IntacctTransport transport, URI advertisedBase) {
        this.transport = transport;
        IntacctSimulator.Builder builder = IntacctSimulator.builder().clock(clock);
        if (advertisedBase != null) {
            builder.advertisedBaseUri(advertisedBase);
        }
        this.sim = builder.start();
        sim.company()
                .addGlAccount("4000", "Consulting revenue", true)
                .addGlAccount("4010", "Licence revenue", true)
                .addGlAccount("4300", "Regional revenue", true, IntacctDimension.DEPARTMENT)
                .addGlAccount("4990", "Old revenue", true)
                .deactivateGlAccount("4990")
                .addGlAccount("6000", "Office expenses", true)
                .addGlAccount("1200", "Accounts receivable", false)
                .addSaleTaxDetail(STANDARD, new BigDecimal("20"))
                .addSaleTaxDetail(ZERO, BigDecimal.ZERO)
                .addDimensionValue(IntacctDimension.DEPARTMENT, "D100", "Sales")
                .addDimensionValue(IntacctDimension.DEPARTMENT, "D200", "Services")
                .addEntity("UK");
        sim.company().addCustomer("C-EXISTING", "Existing Customer Ltd", EXISTING_EMAIL);
    }

    URI baseUrl() {
        return sim.baseUri();
    }

    @Override
    public AccountingConfig validConfig() {
        AccountingConfig.Builder b = AccountingConfig.builder()
                .put("transport", transport.name().toLowerCase(java.util.Locale.ROOT))
                .put("baseUrl", baseUrl().toString())
                .put("companyId", IntacctSimulator.COMPANY_ID)
                .put("pageSize", "2")
                .put("lineQuantityField", "KOMMO_QUANTITY")
                .put("lineUnitPriceField", "KOMMO_UNIT_PRICE")
                .attach(Clock.class, clock)
                .attach(RetrySettings.class, RetrySettings.noBackoff(1));
        if (transport == IntacctTransport.XML) {
            b.put("senderId", IntacctSimulator.SENDER_ID).putSecret("senderPassword", IntacctSimulator.SENDER_PASSWORD)
                    .put("userId", IntacctSimulator.USER_ID).putSecret("userPassword", IntacctSimulator.USER_PASSWORD);
        } else {
            b.put("clientId", IntacctSimulator.CLIENT_ID).putSecret("clientSecret", IntacctSimulator.CLIENT_SECRET)
                    .put("grant", "client_credentials").put("userId", IntacctSimulator.USER_ID)
                    .put("refreshOnUnauthorized", "false");
        }
        return b.build();
    }

    @Override
    public AccountingConfig invalidConfig() {
        return AccountingConfig.builder().put("transport", transport.name().toLowerCase(java.util.Locale.ROOT))
                .put("baseUrl", "not a url").putSecret("senderPassword", IntacctSimulator.SENDER_PASSWORD)
                .putSecret("clientSecret", IntacctSimulator.CLIENT_SECRET).build();
    }

    @Override
    public Set<String> expectedInvalidKeys() {
        return transport == IntacctTransport.XML ? Set.of("baseUrl", "companyId", "senderId", "userId")
                : Set.of("baseUrl", "companyId", "clientId");
    }

    @Override
    public CanonicalLedger ledger() {
        return CanonicalLedger.builder().revenueAccounts("4000", "4010").expenseAccount("6000")
                .inactiveRevenueAccount("4990").taxCodes(STANDARD, ZERO).unknownInvoiceId("999999")
                .dimension(DimensionType.DEPARTMENT, "D100", "D200").build();
    }

    @Override
    public Customer existingCustomer() {
        return new Customer("C-EXISTING", "Existing Customer Ltd", Optional.of(EXISTING_EMAIL), Optional.empty());
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public void markPaid(String invoiceId) {
        sim.company().markPaid(Long.parseLong(invoiceId));
    }

    @Override
    public void markPartlyPaid(String invoiceId, BigDecimal amount) {
        sim.company().recordPayment(Long.parseLong(invoiceId), amount);
    }

    @Override
    public void voidInLedger(String invoiceId) {
        sim.company().reverse(Long.parseLong(invoiceId));
    }

    @Override
    public int countInvoicesWithReference(String reference) {
        return sim.company().countInvoicesWithReference(reference);
    }

    @Override
    public int countCustomersWithEmail(String email) {
        return sim.company().countCustomersWithEmail(email);
    }

    @Override
    public void failNextCall(PortOperation operation, SimulatedFailure failure) {
        sim.failNext(vendorOperation(operation), fault(failure));
    }

    String vendorOperation(PortOperation operation) {
        if (transport == IntacctTransport.XML) {
            return switch (operation) {
                case CREATE_INVOICE, CREATE_INVOICES -> "create_invoice";
                case CREATE_CUSTOMER -> "create";
                case INVOICE -> "read";
                default -> "query";
            };
        }
        return switch (operation) {
            case CREATE_INVOICE, CREATE_INVOICES -> "POST /objects/accounts-receivable/invoice";
            case CREATE_CUSTOMER -> "POST /objects/accounts-receivable/customer";
            case INVOICE -> "GET /objects/accounts-receivable/invoice/{key}";
            default -> "POST /services/core/query";
        };
    }

    IntacctFault fault(SimulatedFailure failure) {
        if (failure instanceof SimulatedFailure.RateLimited r) {
            return IntacctFault.rateLimited(r.retryAfter());
        }
        if (failure instanceof SimulatedFailure.ServerError s) {
            return IntacctFault.status(s.status());
        }
        if (failure instanceof SimulatedFailure.Validation v) {
            return new IntacctFault.Rejection(v.status(), vendorField(v.field()), v.message());
        }
        if (failure instanceof SimulatedFailure.Unauthorized) {
            return IntacctFault.status(401);
        }
        return new IntacctFault.LostAnswer();
    }

    String vendorField(String field) {
        if (field.equals("reference")) {
            return transport == IntacctTransport.XML ? "ponumber" : "referenceNumber";
        }
        return field;
    }

    @Override
    public OptionalInt changesPageSize() {
        return OptionalInt.of(2);
    }

    @Override
    public Set<String> secretValues() {
        return Set.of(IntacctSimulator.SENDER_PASSWORD, IntacctSimulator.USER_PASSWORD, IntacctSimulator.CLIENT_SECRET);
    }

    @Override
    public void close() {
        sim.close();
    }
}
