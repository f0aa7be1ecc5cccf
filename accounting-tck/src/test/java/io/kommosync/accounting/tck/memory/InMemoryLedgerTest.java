package io.kommosync.accounting.tck.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kommosync.accounting.spi.AccountType;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.FieldError;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceChanges;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.accounting.tck.MutableClock;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The admin API the engine's tests and the demo use, beyond what the kit checks. */
class InMemoryLedgerTest {

    private static final Currency GBP = Currency.getInstance("GBP");

    private final MutableClock clock = MutableClock.at(Instant.parse("2025-06-02T08:00:00Z"), ZoneOffset.UTC);
    private final InMemoryLedger ledger = InMemoryLedger.create(clock).withCanonicalChart();
    private final Customer acme = ledger.addCustomer("Acme Ltd", "Accounts@Acme.example");
    private final AccountingPort port = InMemoryAccountingPort.builder(ledger).pageSize(2).build();

    private InvoiceDraft draft(String reference, InvoiceDraft.Approval approval, InvoiceLine... lines) {
        LocalDate today = clock.today();
        return new InvoiceDraft(acme.id(), GBP, today, today.plusDays(14), reference, List.of(lines),
                Dimensions.none(), approval, Optional.empty());
    }

    private static InvoiceLine line(String account, String tax) {
        return InvoiceLine.of("Widget", BigDecimal.ONE, new BigDecimal("50.00"), account, tax);
    }

    private Invoice raise(String reference) {
        return port.createInvoice(draft(reference, InvoiceDraft.Approval.APPROVED,
                line(InMemoryLedger.SALES_ACCOUNT, InMemoryLedger.STANDARD_TAX)), IdempotencyKey.derive(reference));
    }

    @Test
    @DisplayName("numbers approved invoices INV-0001, INV-0002, and a draft once it is approved")
    void numbersInvoices() {
        assertThat(raise("deal-1").number()).isEqualTo("INV-0001");
        Invoice draft = port.createInvoice(draft("deal-2", InvoiceDraft.Approval.DRAFT,
                line(InMemoryLedger.SALES_ACCOUNT, InMemoryLedger.STANDARD_TAX)), IdempotencyKey.derive("deal-2"));
        assertThat(draft.number()).isEmpty();
        assertThat(raise("deal-3").number()).isEqualTo("INV-0002");
        assertThat(ledger.approve(draft.id()).number()).isEqualTo("INV-0003");
        assertThat(port.invoice(draft.id()).status()).isEqualTo(InvoiceStatus.AWAITING_PAYMENT);
    }

    @Test
    @DisplayName("gives every invoice a deterministic link")
    void linksInvoices() {
        Invoice invoice = raise("deal-link");
        assertThat(invoice.link()).hasValueSatisfying(link ->
                assertThat(link).hasToString("https://ledger.invalid/invoices/" + invoice.id()));
    }

    @Test
    @DisplayName("lists every problem of a draft together, naming each field")
    void listsEveryProblem() {
        InvoiceDraft bad = new InvoiceDraft("cus-404", GBP, clock.today(), clock.today(), "deal-bad",
                List.of(line("9999", InMemoryLedger.STANDARD_TAX), line(InMemoryLedger.SALES_ACCOUNT, "NOPE"),
                        line(InMemoryLedger.RETIRED_SALES_ACCOUNT, InMemoryLedger.ZERO_TAX)),
                Dimensions.of(DimensionType.DEPARTMENT, "D999"), InvoiceDraft.Approval.APPROVED, Optional.empty());
        ValidationException e = (ValidationException) catchThrowable(() -> port.createInvoice(bad, IdempotencyKey.derive("bad")));
        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("customerId",
                "dimensions.DEPARTMENT", "lines[0].ledgerAccountCode", "lines[1].taxCode", "lines[2].ledgerAccountCode");
        assertThat(e.httpStatus()).hasValue(422);
        assertThat(ledger.invoices()).isEmpty();
    }

    @Test
    @DisplayName("rejects a line without a dimension its account requires")
    void enforcesRequiredDimensions() {
        ledger.addAccount(new LedgerAccount("4100", "4100", "Projects", AccountType.REVENUE, true,
                Set.of(DimensionType.DEPARTMENT)));
        ValidationException e = (ValidationException) catchThrowable(() -> port.createInvoice(
                draft("deal-dim", InvoiceDraft.Approval.APPROVED, line("4100", InMemoryLedger.STANDARD_TAX)),
                IdempotencyKey.derive("deal-dim")));
        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("lines[0].dimensions.DEPARTMENT");
        InvoiceLine withDepartment = line("4100", InMemoryLedger.STANDARD_TAX)
                .withDimensions(Dimensions.of(DimensionType.DEPARTMENT, InMemoryLedger.SALES_DEPARTMENT));
        assertThat(port.createInvoice(draft("deal-dim", InvoiceDraft.Approval.APPROVED, withDepartment),
                IdempotencyKey.derive("deal-dim")).status()).isEqualTo(InvoiceStatus.AWAITING_PAYMENT);
    }

    @Test
    @DisplayName("fails the next calls of an operation as scripted, then succeeds, counting every call")
    void scriptsFailuresAndCountsCalls() {
        ledger.failNext(PortOperation.CREATE_INVOICE, SimulatedFailure.serverError(503),
                SimulatedFailure.rateLimited(Duration.ofSeconds(30)));
        assertThat(catchThrowable(() -> raise("deal-retry"))).isInstanceOf(TransientAccountingException.class);
        RateLimitedException limited = (RateLimitedException) catchThrowable(() -> raise("deal-retry"));
        assertThat(limited.retryAfter()).hasValue(Duration.ofSeconds(30));
        assertThat(limited.vendorRequestId()).hasValue("mem-req-2");
        assertThat(raise("deal-retry").reference()).hasValue("deal-retry");
        assertThat(ledger.callCount(PortOperation.CREATE_INVOICE)).isEqualTo(3);
        assertThat(ledger.callCount(PortOperation.INVOICE)).isZero();
        assertThat(ledger.totalCalls()).isEqualTo(3);
        assertThat(ledger.countInvoicesWithReference("deal-retry")).isEqualTo(1);
        ledger.resetCallCounts();
        assertThat(ledger.totalCalls()).isZero();
    }

    @Test
    @DisplayName("rejects every call of a port whose access token it no longer accepts")
    void revokesAccess() {
        ledger.requireAccessToken("token-a");
        AccountingPort authorised = InMemoryAccountingPort.builder(ledger).accessToken("token-a").build();
        assertThat(authorised.findCustomerByEmail("accounts@acme.example")).isPresent();
        ledger.requireAccessToken("token-b");
        Throwable t = catchThrowable(() -> authorised.findCustomerByEmail("accounts@acme.example"));
        assertThat(t).isInstanceOf(AuthenticationException.class).hasMessageNotContaining("token-a");
        assertThat(catchThrowable(port::chartOfAccounts)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    @DisplayName("raises an invoice by hand with no reference, and reports it as a change")
    void raisesInvoiceByHand() {
        Instant start = clock.instant();
        Invoice byHand = ledger.raiseInvoiceByHand(acme.id(), GBP, clock.today().plusDays(30),
                List.of(line(InMemoryLedger.SERVICES_ACCOUNT, InMemoryLedger.REDUCED_TAX)));
        assertThat(byHand.reference()).isEmpty();
        assertThat(byHand.number()).isEqualTo("INV-0001");
        assertThat(byHand.total().amount()).isEqualByComparingTo("52.50");
        InvoiceChanges changes = port.invoiceChangesSince(ChangeCursor.since(start));
        assertThat(changes.invoices()).extracting(Invoice::id).containsExactly(byHand.id());
        assertThat(changes.hasMore()).isFalse();
    }

    @Test
    @DisplayName("pages changes in log order, one entry per invoice per page, resuming from its cursor")
    void pagesChanges() {
        Instant start = clock.instant();
        Invoice a = raise("deal-a");
        Invoice b = raise("deal-b");
        ledger.markPaid(a.id());
        Invoice c = raise("deal-c");
        InvoiceChanges first = port.invoiceChangesSince(ChangeCursor.since(start));
        assertThat(first.invoices()).extracting(Invoice::id).containsExactly(a.id(), b.id());
        assertThat(first.invoices().get(0).status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(first.hasMore()).isTrue();
        InvoiceChanges second = port.invoiceChangesSince(first.next());
        assertThat(second.invoices()).extracting(Invoice::id).containsExactly(c.id());
        assertThat(second.hasMore()).isFalse();
        InvoiceChanges nothingNew = port.invoiceChangesSince(second.next());
        assertThat(nothingNew.invoices()).isEmpty();
        assertThat(nothingNew.next()).isEqualTo(second.next());
    }

    @Test
    @DisplayName("starts after every change when the starting instant is later than all of them")
    void startsAfterEverything() {
        raise("deal-early");
        clock.advance(Duration.ofHours(1));
        InvoiceChanges page = port.invoiceChangesSince(ChangeCursor.since(clock.instant()));
        assertThat(page.invoices()).isEmpty();
        Invoice later = raise("deal-later");
        assertThat(port.invoiceChangesSince(page.next()).invoices()).extracting(Invoice::id).containsExactly(later.id());
    }

    @Test
    @DisplayName("rejects a cursor it did not make")
    void rejectsForeignCursor() {
        ValidationException e = (ValidationException) catchThrowable(() ->
                port.invoiceChangesSince(new ChangeCursor("xero:page=4")));
        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("cursor");
    }

    @Test
    @DisplayName("refuses payments a real ledger would refuse")
    void refusesImpossiblePayments() {
        Invoice invoice = raise("deal-pay");
        assertThatThrownBy(() -> ledger.recordPayment(invoice.id(), new BigDecimal("1000.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 60.00");
        ledger.voidInvoice(invoice.id());
        assertThatThrownBy(() -> ledger.markPaid(invoice.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VOID");
        assertThatThrownBy(() -> ledger.markPaid("inv-404")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inv-404");
    }

    @Test
    @DisplayName("creates one invoice when eight threads send the same key at once")
    void oneInvoiceUnderContention() throws Exception {
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Invoice>> results = new ArrayList<>();
            Callable<Invoice> write = () -> {
                go.await(10, TimeUnit.SECONDS);
                return raise("deal-race");
            };
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(write));
            }
            go.countDown();
            for (Future<Invoice> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS).number()).isEqualTo("INV-0001");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.countInvoicesWithReference("deal-race")).isEqualTo(1);
    }

    @Test
    @DisplayName("reaches the same ledger by name from tests and from configured ports")
    void registersLedgersByName() {
        String name = "ledger-test-" + System.identityHashCode(this);
        try {
            InMemoryLedger named = InMemoryLedger.named(name).withCanonicalChart();
            assertThat(InMemoryLedger.named(name)).isSameAs(named);
            InMemoryLedger replacement = InMemoryLedger.create().register(name);
            assertThat(InMemoryLedger.named(name)).isSameAs(replacement).isNotSameAs(named);
        } finally {
            InMemoryLedger.unregister(name);
        }
    }
}
