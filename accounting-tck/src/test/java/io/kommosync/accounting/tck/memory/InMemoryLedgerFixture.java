package io.kommosync.accounting.tck.memory;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.tck.CanonicalLedger;
import io.kommosync.accounting.tck.LedgerFixture;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.Set;

/** The kit's fixture for the in-memory port: a fresh {@link InMemoryLedger} per test, attached to the config. */
public final class InMemoryLedgerFixture implements LedgerFixture {

    static final String ACCESS_TOKEN = "mem-token-5f1c2a9e7b";
    static final int PAGE_SIZE = 2;

    private final MutableClock clock = MutableClock.at(Instant.parse("2025-03-10T09:30:00Z"), ZoneOffset.UTC);
    private final InMemoryLedger ledger = InMemoryLedger.create(clock).withCanonicalChart()
            .requireAccessToken(ACCESS_TOKEN);
    private final Customer existing = ledger.addCustomer("Existing Customer Ltd", "Existing.Customer@Example.com");

    /** The ledger behind the port, for tests that look at it directly. */
    public InMemoryLedger inMemoryLedger() {
        return ledger;
    }

    @Override
    public AccountingConfig validConfig() {
        return AccountingConfig.builder()
                .attach(InMemoryLedger.class, ledger)
                .attach(Clock.class, clock)
                .put("pageSize", Integer.toString(PAGE_SIZE))
                .putSecret("accessToken", ACCESS_TOKEN)
                .build();
    }

    @Override
    public AccountingConfig invalidConfig() {
        return AccountingConfig.builder()
                .put("pageSize", "many")
                .putSecret("accessToken", ACCESS_TOKEN)
                .build();
    }

    @Override
    public Set<String> expectedInvalidKeys() {
        return Set.of("ledger", "pageSize");
    }

    @Override
    public CanonicalLedger ledger() {
        return InMemoryLedger.canonical();
    }

    @Override
    public Customer existingCustomer() {
        return existing;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public void markPaid(String invoiceId) {
        ledger.markPaid(invoiceId);
    }

    @Override
    public void markPartlyPaid(String invoiceId, BigDecimal amount) {
        ledger.recordPayment(invoiceId, amount);
    }

    @Override
    public void voidInLedger(String invoiceId) {
        ledger.voidInvoice(invoiceId);
    }

    @Override
    public int countInvoicesWithReference(String reference) {
        return ledger.countInvoicesWithReference(reference);
    }

    @Override
    public int countCustomersWithEmail(String email) {
        return ledger.countCustomersWithEmail(email);
    }

    @Override
    public void failNextCall(PortOperation operation, SimulatedFailure failure) {
        ledger.failNext(operation, failure);
    }

    @Override
    public OptionalInt changesPageSize() {
        return OptionalInt.of(PAGE_SIZE);
    }

    @Override
    public Set<String> secretValues() {
        return Set.of(ACCESS_TOKEN);
    }
}
