package io.kommosync.accounting.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kommosync.accounting.spi.AccountType;
import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPortProvider;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.Capability;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.ConfigProblem;
import io.kommosync.accounting.spi.ConflictException;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.DimensionValue;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.InvalidConfigurationException;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceChanges;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceOutcome;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.InvoiceTotals;
import io.kommosync.accounting.spi.KeyedDraft;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.Money;
import io.kommosync.accounting.spi.NotFoundException;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.accounting.spi.TaxRate;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.UnsupportedCapabilityException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.accounting.spi.WebhookRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compatibility kit every {@link AccountingPort} passes: an abstract JUnit 5 class whose {@code @Nested}
 * groups check, against a fresh ledger for each test, everything the engine relies on.
 *
 * <p>An adapter adds one small test class that extends the kit and names its provider and its fixture:
 *
 * <pre>{@code
 * class XeroCompatibilityTest extends AccountingPortCompatibilityKit {
 *     @Override
 *     protected String expectedProviderId() {
 *         return "xero";
 *     }
 *
 *     @Override
 *     protected LedgerFixture createFixture() {
 *         return new XeroWireMockFixture();   // or a sandbox-backed fixture
 *     }
 * }
 * }</pre>
 *
 * <p>Before each test the kit asks for a new {@link LedgerFixture}, finds the provider through
 * {@link AccountingPorts#discover(ClassLoader) ServiceLoader discovery} by {@link #expectedProviderId()} and builds
 * the port under test from {@link LedgerFixture#validConfig()}; after the test it closes the port, then the
 * fixture. Groups:
 * <ul>
 *   <li><b>discovery</b>: the provider is found by its id, ports report it, capabilities are honest;</li>
 *   <li><b>configuration</b>: every bad key is reported in one exception, with a fix, and without secrets;</li>
 *   <li><b>the chart of accounts</b>: the canonical accounts with their codes, types and active flags; the tax
 *       rates with their percents;</li>
 *   <li><b>customers</b>: found by e-mail whatever its case and white space; created once per key;</li>
 *   <li><b>invoices</b>: a three-line invoice (two revenue accounts, both tax codes, a fractional quantity, a
 *       percentage and an amount discount) keeps every line and has totals exact to the cent, as
 *       {@link InvoiceDraft#totals(ChartOfAccounts)} computes them; drafts; links; invalid lines rejected;</li>
 *   <li><b>idempotent writes</b>: one key, one invoice, also from two threads and after a lost answer;</li>
 *   <li><b>finding an invoice by reference</b>;</li>
 *   <li><b>invoice status</b>: paid, part-paid, void, and {@code OVERDUE} derived from the due date;</li>
 *   <li><b>voiding through the port</b> (with {@link Capability#VOID_INVOICES});</li>
 *   <li><b>invoice changes</b>: no change lost across pages, repeats tolerated, later changes seen from the stored
 *       cursor;</li>
 *   <li><b>invoices in a batch</b>: one outcome per draft in order, a bad draft does not fail the others;</li>
 *   <li><b>dimensions</b> (with {@link Capability#DIMENSIONS}): each line keeps its own dimension value;</li>
 *   <li><b>vendor errors</b>: 429 ⇒ {@link RateLimitedException} with the retry-after, 5xx ⇒
 *       {@link TransientAccountingException}, 400/422 ⇒ {@link ValidationException} naming the field, 401 ⇒
 *       {@link AuthenticationException}; each names the provider and the operation and shows no secret.</li>
 * </ul>
 * Scenarios needing what a port or fixture lacks (a {@link Capability}, a {@link LedgerFixture.Feature}, a
 * {@link SimulatedFailure.Kind}) are skipped, not passed.
 *
 * <p>Every scenario uses fixed values (references {@code TCK-…}, the keys {@code IdempotencyKey.derive("tck",
 * name)}, the e-mail addresses and amounts below), so that WireMock stubs can match them.
 *
 * <p>Subclasses may add their own tests and use {@link #fixture()} and {@link #port()} in them.
 */
@Timeout(60)
public abstract class AccountingPortCompatibilityKit {

    private static final String NEW_CUSTOMER_EMAIL = "New.Customer@Example.org";
    private static final String UNKNOWN_EMAIL = "nobody.at.all@example.invalid";
    private static final String UNKNOWN_ACCOUNT = "TCK-NO-SUCH-ACCOUNT";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(7);

    private LedgerFixture fixture;
    private AccountingPort port;

    /** Creates the kit. */
    protected AccountingPortCompatibilityKit() {
    }

    /**
     * The id the adapter's provider has, for example {@code "xero"}; the kit finds the provider by it through
     * {@link java.util.ServiceLoader}, with this class's class loader.
     *
     * @return the provider id
     */
    protected abstract String expectedProviderId();

    /**
     * A new fixture: a fresh ledger holding the canonical chart and the existing customer, and no invoice. Called
     * once before each test; the kit closes it after the test.
     *
     * @return a new fixture
     */
    protected abstract LedgerFixture createFixture();

    /**
     * The fixture of the running test.
     *
     * @return the fixture
     * @throws IllegalStateException outside a test
     */
    protected final LedgerFixture fixture() {
        if (fixture == null) {
            throw new IllegalStateException("the fixture exists only while a test runs");
        }
        return fixture;
    }

    /**
     * The port under test, built by the provider from the fixture's valid configuration.
     *
     * @return the port
     * @throws IllegalStateException outside a test
     */
    protected final AccountingPort port() {
        if (port == null) {
            throw new IllegalStateException("the port exists only while a test runs");
        }
        return port;
    }

    @BeforeEach
    final void openFixtureAndPort() {
        LedgerFixture created = Objects.requireNonNull(createFixture(), "createFixture() returned null");
        try {
            port = Objects.requireNonNull(discover().create(expectedProviderId(), created.validConfig()),
                    "the provider built a null port");
            fixture = created;
        } catch (RuntimeException | Error e) {
            created.close();
            throw e;
        }
    }

    @AfterEach
    final void closePortAndFixture() {
        try {
            if (port != null) {
                port.close();
            }
        } finally {
            port = null;
            if (fixture != null) {
                LedgerFixture f = fixture;
                fixture = null;
                f.close();
            }
        }
    }

    private AccountingPorts discover() {
        return AccountingPorts.discover(getClass().getClassLoader());
    }

    // ================================================================================================ groups

    @Nested
    @DisplayName("discovery")
    class DiscoveryTck {

        @Test
        @DisplayName("finds the provider through ServiceLoader by its id")
        void findsProviderById() {
            AccountingPorts ports = discover();
            assertThat(ports.ids()).as("provider ids found by ServiceLoader (failures: %s)", ports.failures())
                    .contains(expectedProviderId());
            assertThat(ports.provider(expectedProviderId()).id()).isEqualTo(expectedProviderId());
        }

        @Test
        @DisplayName("builds ports that report the provider's id")
        void portReportsProviderId() {
            assertThat(port().providerId()).isEqualTo(expectedProviderId());
        }

        @Test
        @DisplayName("declares its capabilities in a set no caller can change")
        void capabilitiesAreUnmodifiable() {
            Set<Capability> capabilities = port().capabilities();
            assertThat(capabilities).isNotNull();
            Throwable t = catchThrowable(() -> capabilities.add(Capability.STATUS_WEBHOOKS));
            assertThat(t).as("adding to capabilities()").isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("refuses webhooks with UnsupportedCapabilityException when it declares none")
        void refusesWebhooksWithoutTheCapability() {
            assumeFalse(port().capabilities().contains(Capability.STATUS_WEBHOOKS), "the port has webhooks");
            WebhookRequest request = new WebhookRequest("POST", "/webhooks/ledger", Map.of(), new byte[0]);
            UnsupportedCapabilityException e = thrown(UnsupportedCapabilityException.class,
                    () -> port().verifyWebhook(request));
            assertReportedBy(e, PortOperation.VERIFY_WEBHOOK, OptionalInt.empty());
            assertThat(e.retryable()).isFalse();
        }

        @Test
        @DisplayName("refuses to void with UnsupportedCapabilityException when it declares it cannot")
        void refusesVoidingWithoutTheCapability() {
            assumeFalse(port().capabilities().contains(Capability.VOID_INVOICES), "the port can void invoices");
            Invoice invoice = raise("discovery-void", "TCK-DISCOVERY-VOID");
            UnsupportedCapabilityException e = thrown(UnsupportedCapabilityException.class,
                    () -> port().voidInvoice(invoice.id(), "compatibility kit"));
            assertReportedBy(e, PortOperation.VOID_INVOICE, OptionalInt.empty());
        }
    }

    @Nested
    @DisplayName("configuration")
    class ConfigurationTck {

        @Test
        @DisplayName("reports every bad key of a configuration together in one exception")
        void reportsEveryBadKeyTogether() {
            Set<String> expected = fixture().expectedInvalidKeys();
            assertThat(expected).as("LedgerFixture.expectedInvalidKeys() must name at least two keys").hasSizeGreaterThanOrEqualTo(2);
            InvalidConfigurationException e = invalidConfigurationError();
            assertThat(e.problems()).extracting(ConfigProblem::key).as("keys reported in one exception")
                    .containsAll(expected);
            assertThat(e.providerId()).isEqualTo(expectedProviderId());
            assertThat(e.retryable()).isFalse();
        }

        @Test
        @DisplayName("says how to fix each configuration problem")
        void saysHowToFixEachProblem() {
            InvalidConfigurationException e = invalidConfigurationError();
            assertThat(e.problems()).allSatisfy(p -> {
                assertThat(p.problem()).as("problem of %s", p.key()).isNotBlank();
                assertThat(p.fix()).as("fix of %s", p.key()).isNotBlank();
            });
        }

        @Test
        @DisplayName("keeps secret values out of configuration errors and of toString")
        void keepsSecretsOutOfConfiguration() {
            InvalidConfigurationException e = invalidConfigurationError();
            assertNoSecretsIn(e.getMessage(), "the configuration error");
            e.problems().forEach(p -> assertNoSecretsIn(p.toString(), "configuration problem " + p.key()));
            assertNoSecretsIn(fixture().validConfig().toString(), "the valid configuration's toString");
            assertNoSecretsIn(fixture().invalidConfig().toString(), "the invalid configuration's toString");
            assertNoSecretsIn(port().toString(), "the port's toString");
        }

        private InvalidConfigurationException invalidConfigurationError() {
            AccountingPortProvider provider = discover().provider(expectedProviderId());
            return thrown(InvalidConfigurationException.class, () -> provider.create(fixture().invalidConfig()));
        }
    }

    @Nested
    @DisplayName("the chart of accounts")
    class ChartOfAccountsTck {

        @Test
        @DisplayName("lists the two revenue accounts as active REVENUE accounts")
        void listsRevenueAccounts() {
            ChartOfAccounts chart = port().chartOfAccounts();
            for (String code : List.of(canon().revenueAccount(), canon().otherRevenueAccount())) {
                LedgerAccount account = account(chart, code);
                assertThat(account.type()).as("type of revenue account %s", code).isEqualTo(AccountType.REVENUE);
                assertThat(account.active()).as("account %s is active", code).isTrue();
                assertThat(account.id()).as("id of account %s", code).isNotBlank();
            }
        }

        @Test
        @DisplayName("lists the expense account with a type invoices do not post to")
        void listsExpenseAccountAsNotIncome() {
            LedgerAccount account = account(port().chartOfAccounts(), canon().expenseAccount());
            assertThat(account.type().isIncome()).as("expense account %s has an income type (%s)",
                    account.code(), account.type()).isFalse();
        }

        @Test
        @DisplayName("lists the inactive revenue account, flagged inactive")
        void flagsInactiveAccount() {
            LedgerAccount account = account(port().chartOfAccounts(), canon().inactiveRevenueAccount());
            assertThat(account.active()).as("account %s is flagged inactive", account.code()).isFalse();
        }

        @Test
        @DisplayName("lists the standard tax rate at 20 % and the zero rate at 0 %")
        void listsTaxRatesWithPercents() {
            ChartOfAccounts chart = port().chartOfAccounts();
            TaxRate standard = taxRate(chart, canon().standardTaxCode());
            TaxRate zero = taxRate(chart, canon().zeroTaxCode());
            assertThat(standard.percent()).as("percent of %s", standard.code())
                    .isEqualByComparingTo(CanonicalLedger.standardTaxPercent());
            assertThat(zero.percent()).as("percent of %s", zero.code()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(standard.active()).as("%s is active", standard.code()).isTrue();
            assertThat(zero.active()).as("%s is active", zero.code()).isTrue();
        }
    }

    @Nested
    @DisplayName("customers")
    class CustomersTck {

        @Test
        @DisplayName("finds a customer by e-mail whatever its case")
        void findsCustomerWhateverTheCase() {
            Customer existing = existingCustomer();
            String email = existing.email().orElseThrow();
            for (String asked : List.of(email.toLowerCase(java.util.Locale.ROOT), email.toUpperCase(java.util.Locale.ROOT))) {
                assertThat(port().findCustomerByEmail(asked)).as("customer found by '%s'", asked)
                        .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(existing.id()));
            }
        }

        @Test
        @DisplayName("finds a customer by e-mail with white space around it")
        void findsCustomerDespiteWhiteSpace() {
            Customer existing = existingCustomer();
            String asked = "  " + existing.email().orElseThrow() + " \t";
            assertThat(port().findCustomerByEmail(asked)).as("customer found by '%s'", asked)
                    .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(existing.id()));
        }

        @Test
        @DisplayName("finds nobody for an e-mail no customer has")
        void findsNobodyForUnknownEmail() {
            assertThat(port().findCustomerByEmail(UNKNOWN_EMAIL)).isEmpty();
        }

        @Test
        @DisplayName("creates a customer that can then be found by e-mail")
        void createsCustomerThatCanBeFound() {
            Customer created = port().createCustomer(newCustomer(), key("customer-new"));
            assertThat(created.id()).isNotBlank();
            assertThat(created.name()).isEqualTo(newCustomer().name());
            assertThat(created.email()).hasValueSatisfying(e -> assertThat(e).isEqualToIgnoringCase(NEW_CUSTOMER_EMAIL));
            assertThat(port().findCustomerByEmail(NEW_CUSTOMER_EMAIL.toUpperCase(java.util.Locale.ROOT)))
                    .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(created.id()));
        }

        @Test
        @DisplayName("creates one customer when a create is repeated with the same key")
        void createsOneCustomerPerKey() {
            Customer first = port().createCustomer(newCustomer(), key("customer-repeated"));
            Customer second = port().createCustomer(newCustomer(), key("customer-repeated"));
            assertThat(second.id()).as("id of the repeated create").isEqualTo(first.id());
            assertThat(fixture().countCustomersWithEmail(NEW_CUSTOMER_EMAIL)).as("customers in the ledger with %s",
                    NEW_CUSTOMER_EMAIL).isEqualTo(1);
        }

        private CustomerDraft newCustomer() {
            return new CustomerDraft("Newly Created Ltd", NEW_CUSTOMER_EMAIL, Optional.of("Newly Created Ltd"),
                    Optional.of("+44 20 7946 0000"), Optional.of("kommo-contact-1001"));
        }
    }

    @Nested
    @DisplayName("invoices")
    class InvoicesTck {

        @Test
        @DisplayName("creates an approved invoice whose totals are exact to the cent")
        void totalsAreExact() {
            InvoiceDraft draft = threeLineDraft("TCK-INV-TOTALS", InvoiceDraft.Approval.APPROVED);
            Invoice invoice = port().createInvoice(draft, key("invoice-totals"));
            assertTotals(invoice, draft.totals(port().chartOfAccounts()));
            assertSameAmount(invoice.amountDue(), invoice.total(), "amount due of a new invoice");
        }

        @Test
        @DisplayName("gives an approved invoice a number and the status AWAITING_PAYMENT")
        void approvedInvoiceHasNumberAndStatus() {
            Invoice invoice = raise("invoice-approved", "TCK-INV-APPROVED");
            assertThat(invoice.id()).isNotBlank();
            assertThat(invoice.number()).as("number of an approved invoice").isNotBlank();
            assertThat(invoice.status()).isEqualTo(InvoiceStatus.AWAITING_PAYMENT);
        }

        @Test
        @DisplayName("keeps the reference, customer, currency, issue date and due date")
        void keepsHeaderFields() {
            InvoiceDraft draft = threeLineDraft("TCK-INV-HEADER", InvoiceDraft.Approval.APPROVED);
            Invoice invoice = port().createInvoice(draft, key("invoice-header"));
            assertThat(invoice.reference()).hasValue(draft.reference());
            assertThat(invoice.customerId()).isEqualTo(draft.customerId());
            assertThat(invoice.currency()).isEqualTo(draft.currency());
            assertThat(invoice.issueDate()).isEqualTo(draft.issueDate());
            assertThat(invoice.dueDate()).isEqualTo(draft.dueDate());
        }

        @Test
        @DisplayName("keeps each line with its own ledger account, tax code, quantity, price and discount")
        void keepsEachLine() {
            InvoiceDraft draft = threeLineDraft("TCK-INV-LINES", InvoiceDraft.Approval.APPROVED);
            Invoice invoice = port().createInvoice(draft, key("invoice-lines"));
            assertLines(invoice, draft);
            assertLines(port().invoice(invoice.id()), draft);
        }

        @Test
        @DisplayName("reads back the invoice it created")
        void readsBackTheInvoice() {
            InvoiceDraft draft = threeLineDraft("TCK-INV-READ", InvoiceDraft.Approval.APPROVED);
            Invoice created = port().createInvoice(draft, key("invoice-read"));
            Invoice read = port().invoice(created.id());
            assertThat(read.id()).isEqualTo(created.id());
            assertThat(read.number()).isEqualTo(created.number());
            assertThat(read.status()).isEqualTo(created.status());
            assertThat(read.reference()).hasValue(draft.reference());
            assertTotals(read, draft.totals(port().chartOfAccounts()));
            assertSameAmount(read.amountDue(), read.total(), "amount due");
        }

        @Test
        @DisplayName("creates a draft invoice when asked for a draft")
        void createsDraft() {
            InvoiceDraft draft = threeLineDraft("TCK-INV-DRAFT", InvoiceDraft.Approval.DRAFT);
            Invoice invoice = port().createInvoice(draft, key("invoice-draft"));
            assertThat(invoice.status()).isEqualTo(InvoiceStatus.DRAFT);
            assertThat(port().invoice(invoice.id()).status()).isEqualTo(InvoiceStatus.DRAFT);
            assertTotals(invoice, draft.totals(port().chartOfAccounts()));
        }

        @Test
        @DisplayName("gives each invoice a link a person can open, when it offers links")
        void givesLinks() {
            assumeTrue(port().capabilities().contains(Capability.INVOICE_LINKS), "the port offers no links");
            Invoice invoice = raise("invoice-link", "TCK-INV-LINK");
            assertThat(invoice.link()).as("link of a new invoice").hasValueSatisfying(AccountingPortCompatibilityKit::assertWebLink);
            assertThat(port().invoice(invoice.id()).link()).as("link of a read invoice")
                    .hasValueSatisfying(AccountingPortCompatibilityKit::assertWebLink);
        }

        @Test
        @DisplayName("rejects a line posting to an account the chart does not have, naming the field")
        void rejectsUnknownAccount() {
            assumeFeature(LedgerFixture.Feature.REJECTS_INVALID_LINES);
            InvoiceDraft draft = oneLineDraft("TCK-INV-UNKNOWN-ACCOUNT", UNKNOWN_ACCOUNT);
            ValidationException e = thrown(ValidationException.class,
                    () -> port().createInvoice(draft, key("invoice-unknown-account")));
            assertReportedBy(e, PortOperation.CREATE_INVOICE, OptionalInt.empty());
            assertThat(e.retryable()).isFalse();
            assertThat(e.fieldErrors()).as("field errors").isNotEmpty();
            assertThat(fixture().countInvoicesWithReference(draft.reference())).isZero();
        }

        @Test
        @DisplayName("rejects a line posting to an inactive account")
        void rejectsInactiveAccount() {
            assumeFeature(LedgerFixture.Feature.REJECTS_INVALID_LINES);
            InvoiceDraft draft = oneLineDraft("TCK-INV-INACTIVE-ACCOUNT", canon().inactiveRevenueAccount());
            ValidationException e = thrown(ValidationException.class,
                    () -> port().createInvoice(draft, key("invoice-inactive-account")));
            assertReportedBy(e, PortOperation.CREATE_INVOICE, OptionalInt.empty());
            assertThat(e.retryable()).isFalse();
            assertThat(fixture().countInvoicesWithReference(draft.reference())).isZero();
        }

        @Test
        @DisplayName("reports NotFoundException for an invoice id that does not exist")
        void reportsUnknownInvoice() {
            NotFoundException e = thrown(NotFoundException.class, () -> port().invoice(canon().unknownInvoiceId()));
            assertReportedBy(e, PortOperation.INVOICE, OptionalInt.empty());
            assertThat(e.retryable()).isFalse();
        }
    }

    @Nested
    @DisplayName("idempotent writes")
    class IdempotencyTck {

        @Test
        @DisplayName("returns the first invoice when the same key is sent twice")
        void sameKeyTwiceMakesOneInvoice() {
            InvoiceDraft draft = threeLineDraft("TCK-IDEM-TWICE", InvoiceDraft.Approval.APPROVED);
            Invoice first = port().createInvoice(draft, key("idempotency-twice"));
            Invoice second = port().createInvoice(draft, key("idempotency-twice"));
            assertThat(second.id()).as("id of the repeated write").isEqualTo(first.id());
            assertThat(second.number()).as("number of the repeated write").isEqualTo(first.number());
            assertSameAmount(second.total(), first.total(), "total of the repeated write");
            assertThat(fixture().countInvoicesWithReference(draft.reference())).as("invoices in the ledger with %s",
                    draft.reference()).isEqualTo(1);
        }

        @Test
        @DisplayName("creates one invoice when two threads send the same key at once")
        void sameKeyFromTwoThreadsMakesOneInvoice() throws Exception {
            assumeFeature(LedgerFixture.Feature.CONCURRENT_CALLS);
            InvoiceDraft draft = threeLineDraft("TCK-IDEM-CONCURRENT", InvoiceDraft.Approval.APPROVED);
            IdempotencyKey key = key("idempotency-concurrent");
            CyclicBarrier start = new CyclicBarrier(2);
            Callable<Invoice> write = () -> {
                start.await(10, TimeUnit.SECONDS);
                return port().createInvoice(draft, key);
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Invoice> a = pool.submit(write);
                Future<Invoice> b = pool.submit(write);
                Invoice first = a.get(30, TimeUnit.SECONDS);
                Invoice second = b.get(30, TimeUnit.SECONDS);
                assertThat(second.id()).as("ids returned to the two threads").isEqualTo(first.id());
            } finally {
                pool.shutdownNow();
            }
            assertThat(fixture().countInvoicesWithReference(draft.reference())).as("invoices in the ledger with %s",
                    draft.reference()).isEqualTo(1);
        }

        @Test
        @DisplayName("creates two invoices for two keys with two references")
        void twoKeysMakeTwoInvoices() {
            Invoice first = raise("idempotency-first", "TCK-IDEM-FIRST");
            Invoice second = raise("idempotency-second", "TCK-IDEM-SECOND");
            assertThat(second.id()).isNotEqualTo(first.id());
            assertThat(second.number()).isNotEqualTo(first.number());
            assertThat(fixture().countInvoicesWithReference("TCK-IDEM-FIRST")).isEqualTo(1);
            assertThat(fixture().countInvoicesWithReference("TCK-IDEM-SECOND")).isEqualTo(1);
        }

        @Test
        @DisplayName("creates one invoice when a write whose answer was lost is retried with its key")
        void retryAfterLostAnswerMakesOneInvoice() {
            assumeFailure(SimulatedFailure.Kind.LOST_RESPONSE);
            InvoiceDraft draft = threeLineDraft("TCK-IDEM-LOST", InvoiceDraft.Approval.APPROVED);
            fixture().failNextCall(PortOperation.CREATE_INVOICE, SimulatedFailure.lostResponse());
            TransientAccountingException e = thrown(TransientAccountingException.class,
                    () -> port().createInvoice(draft, key("idempotency-lost")));
            assertReportedBy(e, PortOperation.CREATE_INVOICE, OptionalInt.empty());
            assertThat(e.retryable()).isTrue();
            Optional<Invoice> found = port().findInvoiceByReference(draft.reference());
            assertThat(found).as("the invoice the lost write made, found by reference").isPresent();
            Invoice retried = port().createInvoice(draft, key("idempotency-lost"));
            assertThat(retried.id()).as("id returned by the retry").isEqualTo(found.orElseThrow().id());
            assertThat(fixture().countInvoicesWithReference(draft.reference())).as("invoices in the ledger with %s",
                    draft.reference()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("finding an invoice by reference")
    class FindByReferenceTck {

        @Test
        @DisplayName("finds the invoice carrying a reference")
        void findsByReference() {
            Invoice invoice = raise("reference-found", "TCK-REF-FOUND");
            assertThat(port().findInvoiceByReference("TCK-REF-FOUND"))
                    .hasValueSatisfying(found -> {
                        assertThat(found.id()).isEqualTo(invoice.id());
                        assertThat(found.reference()).hasValue("TCK-REF-FOUND");
                    });
        }

        @Test
        @DisplayName("finds nothing for a reference no invoice carries")
        void findsNothingForUnknownReference() {
            raise("reference-other", "TCK-REF-OTHER");
            assertThat(port().findInvoiceByReference("TCK-REF-NOBODY")).isEmpty();
        }

        @Test
        @DisplayName("still finds an invoice once it is voided")
        void findsVoidedInvoice() {
            Invoice invoice = raise("reference-voided", "TCK-REF-VOIDED");
            fixture().voidInLedger(invoice.id());
            assertThat(port().findInvoiceByReference("TCK-REF-VOIDED"))
                    .hasValueSatisfying(found -> {
                        assertThat(found.id()).isEqualTo(invoice.id());
                        assertThat(found.status()).isEqualTo(InvoiceStatus.VOID);
                    });
        }
    }

    @Nested
    @DisplayName("invoice status")
    class StatusTck {

        @Test
        @DisplayName("is PAID once the ledger records full payment, with nothing due")
        void paid() {
            Invoice invoice = raise("status-paid", "TCK-STATUS-PAID");
            fixture().markPaid(invoice.id());
            Invoice read = port().invoice(invoice.id());
            assertThat(read.status()).isEqualTo(InvoiceStatus.PAID);
            assertThat(read.amountDue().amount()).as("amount due").isEqualByComparingTo(BigDecimal.ZERO);
        }

        @Test
        @DisplayName("is PARTIALLY_PAID after a part payment, with the amount due reduced")
        void partiallyPaid() {
            Invoice invoice = raise("status-part-paid", "TCK-STATUS-PART");
            BigDecimal paid = new BigDecimal("100.00");
            fixture().markPartlyPaid(invoice.id(), paid);
            Invoice read = port().invoice(invoice.id());
            assertThat(read.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
            assertSameAmount(read.amountDue(), invoice.total().minus(new Money(paid, invoice.currency())),
                    "amount due after paying " + paid);
        }

        @Test
        @DisplayName("is VOID once the invoice is voided in the ledger")
        void voided() {
            Invoice invoice = raise("status-void", "TCK-STATUS-VOID");
            fixture().voidInLedger(invoice.id());
            assertThat(port().invoice(invoice.id()).status()).isEqualTo(InvoiceStatus.VOID);
        }

        @Test
        @DisplayName("is not yet overdue on its due date")
        void notOverdueOnDueDate() {
            Invoice invoice = raise("status-due-today", "TCK-STATUS-DUE");
            daysPass(30);
            assertThat(fixture().clock().today()).isEqualTo(invoice.dueDate());
            assertThat(port().invoice(invoice.id()).status()).isEqualTo(InvoiceStatus.AWAITING_PAYMENT);
        }

        @Test
        @DisplayName("is OVERDUE once the due date has passed with an amount due")
        void overdue() {
            Invoice invoice = raise("status-overdue", "TCK-STATUS-OVERDUE");
            daysPass(31);
            assertThat(port().invoice(invoice.id()).status()).as("status read by id").isEqualTo(InvoiceStatus.OVERDUE);
            assertThat(port().findInvoiceByReference("TCK-STATUS-OVERDUE")).as("status found by reference")
                    .hasValueSatisfying(found -> assertThat(found.status()).isEqualTo(InvoiceStatus.OVERDUE));
        }

        @Test
        @DisplayName("is OVERDUE when part-paid past its due date")
        void partPaidOverdue() {
            Invoice invoice = raise("status-part-overdue", "TCK-STATUS-PART-OVERDUE");
            fixture().markPartlyPaid(invoice.id(), new BigDecimal("100.00"));
            daysPass(31);
            assertThat(port().invoice(invoice.id()).status()).isEqualTo(InvoiceStatus.OVERDUE);
        }

        @Test
        @DisplayName("never reports a paid invoice as overdue")
        void paidNeverOverdue() {
            Invoice invoice = raise("status-paid-late", "TCK-STATUS-PAID-LATE");
            fixture().markPaid(invoice.id());
            daysPass(31);
            assertThat(port().invoice(invoice.id()).status()).isEqualTo(InvoiceStatus.PAID);
        }

        @Test
        @DisplayName("never reports a void invoice as overdue")
        void voidNeverOverdue() {
            Invoice invoice = raise("status-void-late", "TCK-STATUS-VOID-LATE");
            fixture().voidInLedger(invoice.id());
            daysPass(31);
            assertThat(port().invoice(invoice.id()).status()).isEqualTo(InvoiceStatus.VOID);
        }

        @Test
        @DisplayName("never reports a draft as overdue")
        void draftNeverOverdue() {
            Invoice invoice = port().createInvoice(threeLineDraft("TCK-STATUS-DRAFT-LATE", InvoiceDraft.Approval.DRAFT),
                    key("status-draft-late"));
            daysPass(31);
            assertThat(port().invoice(invoice.id()).status()).isEqualTo(InvoiceStatus.DRAFT);
        }
    }

    @Nested
    @DisplayName("voiding through the port")
    class VoidingTck {

        @Test
        @DisplayName("voids an unpaid invoice")
        void voidsUnpaidInvoice() {
            assumeCapability(Capability.VOID_INVOICES);
            Invoice invoice = raise("void-unpaid", "TCK-VOID-UNPAID");
            Invoice voided = port().voidInvoice(invoice.id(), "raised by mistake");
            assertThat(voided.status()).isEqualTo(InvoiceStatus.VOID);
            assertThat(port().invoice(invoice.id()).status()).isEqualTo(InvoiceStatus.VOID);
            assertThat(fixture().countInvoicesWithReference("TCK-VOID-UNPAID")).isEqualTo(1);
        }

        @Test
        @DisplayName("refuses to void a paid invoice with a ConflictException")
        void refusesToVoidPaidInvoice() {
            assumeCapability(Capability.VOID_INVOICES);
            Invoice invoice = raise("void-paid", "TCK-VOID-PAID");
            fixture().markPaid(invoice.id());
            ConflictException e = thrown(ConflictException.class,
                    () -> port().voidInvoice(invoice.id(), "raised by mistake"));
            assertReportedBy(e, PortOperation.VOID_INVOICE, OptionalInt.empty());
            assertThat(e.retryable()).isFalse();
            assertThat(port().invoice(invoice.id()).status()).isEqualTo(InvoiceStatus.PAID);
        }
    }

    @Nested
    @DisplayName("invoice changes since a cursor")
    class ChangesTck {

        @Test
        @DisplayName("sees every invoice created since the start, across pages, at least once")
        void seesEveryInvoiceAcrossPages() {
            Instant start = fixture().clock().instant();
            List<Invoice> created = raiseMany();
            Reading reading = readToTheEnd(ChangeCursor.since(start));
            assertThat(reading.latest.keySet()).as("invoices seen reading %d pages", reading.pages)
                    .containsAll(created.stream().map(Invoice::id).toList());
            OptionalInt pageSize = fixture().changesPageSize();
            if (pageSize.isPresent()) {
                assertThat(reading.largestPage).as("largest page, with page size %d", pageSize.getAsInt())
                        .isLessThanOrEqualTo(pageSize.getAsInt());
            }
        }

        @Test
        @DisplayName("sees a payment made after the last page when reading on from the stored cursor")
        void seesLaterChangeFromStoredCursor() {
            Instant start = fixture().clock().instant();
            List<Invoice> created = raiseMany();
            ChangeCursor stored = readToTheEnd(ChangeCursor.since(start)).next;
            fixture().clock().advance(Duration.ofMinutes(1));
            Invoice paid = created.get(0);
            fixture().markPaid(paid.id());
            Reading later = readToTheEnd(stored);
            assertThat(later.latest).as("invoices seen after the payment").containsKey(paid.id());
            assertThat(later.latest.get(paid.id()).status()).isEqualTo(InvoiceStatus.PAID);
        }

        private List<Invoice> raiseMany() {
            int count = fixture().changesPageSize().stream().map(size -> 2 * size + 1).findFirst().orElse(5);
            List<Invoice> created = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                created.add(raise("changes-" + i, "TCK-CHANGES-" + i));
            }
            return created;
        }

        private Reading readToTheEnd(ChangeCursor from) {
            Reading reading = new Reading();
            ChangeCursor cursor = from;
            int limit = 1000;
            while (true) {
                InvoiceChanges page = port().invoiceChangesSince(cursor);
                reading.pages++;
                reading.largestPage = Math.max(reading.largestPage, page.invoices().size());
                page.invoices().forEach(i -> reading.latest.put(i.id(), i));
                cursor = page.next();
                if (!page.hasMore()) {
                    reading.next = cursor;
                    return reading;
                }
                if (reading.pages >= limit) {
                    return fail("invoiceChangesSince still had more after " + limit + " pages; it never reaches the end");
                }
            }
        }
    }

    /** What reading changes to the end saw. */
    private static final class Reading {
        final Map<String, Invoice> latest = new LinkedHashMap<>();
        int pages;
        int largestPage;
        ChangeCursor next;
    }

    @Nested
    @DisplayName("invoices in a batch")
    class BatchTck {

        @Test
        @DisplayName("answers one outcome per draft, in the order of the drafts")
        void oneOutcomePerDraftInOrder() {
            List<KeyedDraft> drafts = List.of(
                    new KeyedDraft(key("batch-1"), threeLineDraft("TCK-BATCH-1", InvoiceDraft.Approval.APPROVED)),
                    new KeyedDraft(key("batch-2"), threeLineDraft("TCK-BATCH-2", InvoiceDraft.Approval.APPROVED)),
                    new KeyedDraft(key("batch-3"), threeLineDraft("TCK-BATCH-3", InvoiceDraft.Approval.APPROVED)));
            List<InvoiceOutcome> outcomes = port().createInvoices(drafts);
            assertThat(outcomes).hasSize(3);
            ChartOfAccounts chart = port().chartOfAccounts();
            for (int i = 0; i < drafts.size(); i++) {
                KeyedDraft d = drafts.get(i);
                assertThat(outcomes.get(i).key()).as("key of outcome %d", i).isEqualTo(d.key());
                assertThat(outcomes.get(i)).as("outcome %d", i).isInstanceOf(InvoiceOutcome.Created.class);
                Invoice invoice = ((InvoiceOutcome.Created) outcomes.get(i)).invoice();
                assertThat(invoice.reference()).as("reference of outcome %d", i).hasValue(d.draft().reference());
                assertTotals(invoice, d.draft().totals(chart));
            }
        }

        @Test
        @DisplayName("reports a bad draft in its own outcome without failing the others")
        void badDraftDoesNotFailOthers() {
            assumeFeature(LedgerFixture.Feature.REJECTS_INVALID_LINES);
            List<KeyedDraft> drafts = List.of(
                    new KeyedDraft(key("batch-good-1"), threeLineDraft("TCK-BATCH-GOOD-1", InvoiceDraft.Approval.APPROVED)),
                    new KeyedDraft(key("batch-bad"), oneLineDraft("TCK-BATCH-BAD", UNKNOWN_ACCOUNT)),
                    new KeyedDraft(key("batch-good-2"), threeLineDraft("TCK-BATCH-GOOD-2", InvoiceDraft.Approval.APPROVED)));
            List<InvoiceOutcome> outcomes = port().createInvoices(drafts);
            assertThat(outcomes).hasSize(3);
            assertThat(outcomes).extracting(InvoiceOutcome::key).containsExactly(
                    drafts.get(0).key(), drafts.get(1).key(), drafts.get(2).key());
            assertThat(outcomes.get(0)).isInstanceOf(InvoiceOutcome.Created.class);
            assertThat(outcomes.get(2)).isInstanceOf(InvoiceOutcome.Created.class);
            assertThat(outcomes.get(1)).isInstanceOfSatisfying(InvoiceOutcome.Failed.class, failed -> {
                assertThat(failed.failure()).isInstanceOf(ValidationException.class);
                assertThat(failed.failure().retryable()).isFalse();
                assertThat(failed.failure().providerId()).isEqualTo(expectedProviderId());
            });
            assertThat(fixture().countInvoicesWithReference("TCK-BATCH-GOOD-1")).isEqualTo(1);
            assertThat(fixture().countInvoicesWithReference("TCK-BATCH-BAD")).isZero();
            assertThat(fixture().countInvoicesWithReference("TCK-BATCH-GOOD-2")).isEqualTo(1);
        }

        @Test
        @DisplayName("creates nothing twice when a batch is repeated with the same keys")
        void repeatedBatchCreatesNothingTwice() {
            List<KeyedDraft> drafts = List.of(
                    new KeyedDraft(key("batch-again-1"), threeLineDraft("TCK-BATCH-AGAIN-1", InvoiceDraft.Approval.APPROVED)),
                    new KeyedDraft(key("batch-again-2"), threeLineDraft("TCK-BATCH-AGAIN-2", InvoiceDraft.Approval.APPROVED)));
            List<InvoiceOutcome> first = port().createInvoices(drafts);
            List<InvoiceOutcome> second = port().createInvoices(drafts);
            for (int i = 0; i < drafts.size(); i++) {
                assertThat(second.get(i)).isInstanceOf(InvoiceOutcome.Created.class);
                assertThat(((InvoiceOutcome.Created) second.get(i)).invoice().id()).as("id of repeated draft %d", i)
                        .isEqualTo(((InvoiceOutcome.Created) first.get(i)).invoice().id());
                assertThat(fixture().countInvoicesWithReference(drafts.get(i).draft().reference()))
                        .as("invoices in the ledger with %s", drafts.get(i).draft().reference()).isEqualTo(1);
            }
        }
    }

    @Nested
    @DisplayName("dimensions")
    class DimensionsTck {

        @Test
        @DisplayName("lists the canonical dimension's values in the chart of accounts")
        void listsDimensionValues() {
            CanonicalLedger.Dimension dimension = requireDimension();
            List<DimensionValue> values = port().chartOfAccounts().dimensionValues(dimension.type());
            assertThat(values).extracting(DimensionValue::id).as("values of %s", dimension.type())
                    .contains(dimension.valueId(), dimension.otherValueId());
        }

        @Test
        @DisplayName("keeps each line's own dimension value")
        void keepsEachLinesDimension() {
            CanonicalLedger.Dimension dimension = requireDimension();
            Invoice created = raise("dimensions-lines", "TCK-DIMENSIONS");
            for (Invoice invoice : List.of(created, port().invoice(created.id()))) {
                assertThat(invoice.lines()).hasSize(3);
                assertThat(invoice.lines().get(0).dimensions().get(dimension.type())).as("line 1 %s", dimension.type())
                        .hasValue(dimension.valueId());
                assertThat(invoice.lines().get(1).dimensions().get(dimension.type())).as("line 2 %s", dimension.type())
                        .hasValue(dimension.otherValueId());
            }
        }

        private CanonicalLedger.Dimension requireDimension() {
            assumeCapability(Capability.DIMENSIONS);
            return canon().dimension().orElseGet(() -> fail("the port declares DIMENSIONS, so the fixture's "
                    + "CanonicalLedger must name a dimension (CanonicalLedger.Builder.dimension)"));
        }
    }

    @Nested
    @DisplayName("vendor errors")
    class ErrorMappingTck {

        @Test
        @DisplayName("maps 429 to a retryable RateLimitedException carrying the retry-after, and recovers")
        void rateLimited() {
            assumeFailure(SimulatedFailure.Kind.RATE_LIMITED);
            InvoiceDraft draft = threeLineDraft("TCK-ERR-429", InvoiceDraft.Approval.APPROVED);
            fixture().failNextCall(PortOperation.CREATE_INVOICE, SimulatedFailure.rateLimited(RETRY_AFTER));
            RateLimitedException e = thrown(RateLimitedException.class,
                    () -> port().createInvoice(draft, key("error-429")));
            assertReportedBy(e, PortOperation.CREATE_INVOICE, OptionalInt.of(429));
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).as("retry-after").hasValue(RETRY_AFTER);
            Invoice retried = port().createInvoice(draft, key("error-429"));
            assertThat(retried.reference()).hasValue(draft.reference());
            assertThat(fixture().countInvoicesWithReference(draft.reference())).isEqualTo(1);
        }

        @ParameterizedTest(name = "maps HTTP {0} to a retryable TransientAccountingException")
        @ValueSource(ints = {500, 503})
        @DisplayName("maps 5xx to a retryable TransientAccountingException")
        void serverError(int status) {
            assumeFailure(SimulatedFailure.Kind.SERVER_ERROR);
            fixture().failNextCall(PortOperation.FIND_INVOICE_BY_REFERENCE, SimulatedFailure.serverError(status));
            TransientAccountingException e = thrown(TransientAccountingException.class,
                    () -> port().findInvoiceByReference("TCK-ERR-5XX"));
            assertReportedBy(e, PortOperation.FIND_INVOICE_BY_REFERENCE, OptionalInt.of(status));
            assertThat(e.retryable()).isTrue();
            assertThat(port().findInvoiceByReference("TCK-ERR-5XX")).as("the next call").isEmpty();
        }

        @ParameterizedTest(name = "maps HTTP {0} to a ValidationException naming the field, not retryable")
        @ValueSource(ints = {400, 422})
        @DisplayName("maps 400 and 422 to a ValidationException naming the field, not retryable")
        void validation(int status) {
            assumeFailure(SimulatedFailure.Kind.VALIDATION);
            InvoiceDraft draft = threeLineDraft("TCK-ERR-" + status, InvoiceDraft.Approval.APPROVED);
            fixture().failNextCall(PortOperation.CREATE_INVOICE, SimulatedFailure.validation(status, "reference"));
            ValidationException e = thrown(ValidationException.class,
                    () -> port().createInvoice(draft, key("error-" + status)));
            assertReportedBy(e, PortOperation.CREATE_INVOICE, OptionalInt.of(status));
            assertThat(e.retryable()).isFalse();
            assertThat(e.fieldErrors()).as("field errors").anySatisfy(fieldError ->
                    assertThat(fieldError.field()).containsIgnoringCase("reference"));
        }

        @Test
        @DisplayName("maps 401 to an AuthenticationException, not retryable")
        void unauthorized() {
            assumeFailure(SimulatedFailure.Kind.UNAUTHORIZED);
            fixture().failNextCall(PortOperation.FIND_CUSTOMER_BY_EMAIL, SimulatedFailure.unauthorized());
            String email = existingCustomer().email().orElseThrow();
            AuthenticationException e = thrown(AuthenticationException.class, () -> port().findCustomerByEmail(email));
            assertReportedBy(e, PortOperation.FIND_CUSTOMER_BY_EMAIL, OptionalInt.of(401));
            assertThat(e.retryable()).isFalse();
            assertThat(port().findCustomerByEmail(email)).as("the next call").isPresent();
        }
    }

    // ================================================================================================ helpers

    private CanonicalLedger canon() {
        return Objects.requireNonNull(fixture().ledger(), "LedgerFixture.ledger() returned null");
    }

    private Customer existingCustomer() {
        Customer c = Objects.requireNonNull(fixture().existingCustomer(), "LedgerFixture.existingCustomer() returned null");
        assertThat(c.email()).as("LedgerFixture.existingCustomer() must have an e-mail address").isPresent();
        return c;
    }

    private static IdempotencyKey key(String name) {
        return IdempotencyKey.derive("tck", name);
    }

    private Invoice raise(String keyName, String reference) {
        return port().createInvoice(threeLineDraft(reference, InvoiceDraft.Approval.APPROVED), key(keyName));
    }

    private void daysPass(int days) {
        fixture().clock().advance(Duration.ofDays(days));
    }

    /**
     * The kit's canonical invoice, issued today and due in 30 days, for the existing customer:
     * 2.5 × 99.99 less 10 % on the first revenue account at the standard rate; 3 × 33.33 less 5.00 on the other
     * revenue account at the standard rate; 1 × 19.99 on the first revenue account at the zero rate. In GBP at
     * 20 % that is net 339.96, tax 64.00, total 403.96. With dimensions, the first line carries the canonical
     * dimension's first value and the second line its other value.
     */
    private InvoiceDraft threeLineDraft(String reference, InvoiceDraft.Approval approval) {
        CanonicalLedger c = canon();
        List<InvoiceLine> lines = List.of(
                new InvoiceLine("Consulting days", new BigDecimal("2.5"), new BigDecimal("99.99"),
                        Discount.percent(new BigDecimal("10")), c.revenueAccount(), c.standardTaxCode(),
                        lineDimensions(0), Optional.empty()),
                new InvoiceLine("Annual licence", new BigDecimal("3"), new BigDecimal("33.33"),
                        Discount.amount(new BigDecimal("5.00")), c.otherRevenueAccount(), c.standardTaxCode(),
                        lineDimensions(1), Optional.empty()),
                new InvoiceLine("Printed manual", BigDecimal.ONE, new BigDecimal("19.99"), Discount.none(),
                        c.revenueAccount(), c.zeroTaxCode(), Dimensions.none(), Optional.empty()));
        LocalDate today = fixture().clock().today();
        return new InvoiceDraft(existingCustomer().id(), c.currency(), today, today.plusDays(30), reference, lines,
                Dimensions.none(), approval, Optional.of("Raised by the kommo-sync compatibility kit"));
    }

    private InvoiceDraft oneLineDraft(String reference, String accountCode) {
        CanonicalLedger c = canon();
        LocalDate today = fixture().clock().today();
        InvoiceLine line = new InvoiceLine("Consulting days", BigDecimal.ONE, new BigDecimal("100.00"), Discount.none(),
                accountCode, c.standardTaxCode(), lineDimensions(0), Optional.empty());
        return new InvoiceDraft(existingCustomer().id(), c.currency(), today, today.plusDays(30), reference,
                List.of(line), Dimensions.none(), InvoiceDraft.Approval.APPROVED, Optional.empty());
    }

    private Dimensions lineDimensions(int line) {
        if (!port().capabilities().contains(Capability.DIMENSIONS)) {
            return Dimensions.none();
        }
        return canon().dimension()
                .map(d -> Dimensions.of(d.type(), line == 0 ? d.valueId() : d.otherValueId()))
                .orElse(Dimensions.none());
    }

    private static LedgerAccount account(ChartOfAccounts chart, String code) {
        return chart.account(code).orElseGet(() -> fail("the chart of accounts does not list account '" + code
                + "' named by the fixture's CanonicalLedger; it lists " + chart.accounts().stream()
                .map(LedgerAccount::code).toList()));
    }

    private static TaxRate taxRate(ChartOfAccounts chart, String code) {
        return chart.taxRate(code).orElseGet(() -> fail("the chart of accounts does not list tax rate '" + code
                + "' named by the fixture's CanonicalLedger; it lists " + chart.taxRates().stream()
                .map(TaxRate::code).toList()));
    }

    private static void assertTotals(Invoice invoice, InvoiceTotals expected) {
        assertSameAmount(invoice.net(), expected.net(), "net of invoice " + invoice.id());
        assertSameAmount(invoice.tax(), expected.tax(), "tax of invoice " + invoice.id());
        assertSameAmount(invoice.total(), expected.total(), "total of invoice " + invoice.id());
    }

    private static void assertSameAmount(Money actual, Money expected, String what) {
        assertThat(actual.currency()).as("currency of the %s", what).isEqualTo(expected.currency());
        assertThat(actual.amount()).as(what).isEqualByComparingTo(expected.amount());
    }

    private static void assertLines(Invoice invoice, InvoiceDraft draft) {
        assertThat(invoice.lines()).as("lines of invoice %s", invoice.id()).hasSameSizeAs(draft.lines());
        for (int i = 0; i < draft.lines().size(); i++) {
            InvoiceLine expected = draft.lines().get(i);
            InvoiceLine actual = invoice.lines().get(i);
            String line = "line " + (i + 1);
            assertThat(actual.ledgerAccountCode()).as("account of %s", line).isEqualTo(expected.ledgerAccountCode());
            assertThat(actual.taxCode()).as("tax code of %s", line).isEqualTo(expected.taxCode());
            assertThat(actual.quantity()).as("quantity of %s", line).isEqualByComparingTo(expected.quantity());
            assertThat(actual.unitPrice()).as("unit price of %s", line).isEqualByComparingTo(expected.unitPrice());
            assertThat(actual.netAmount(draft.currency())).as("net amount (after discount) of %s", line)
                    .isEqualByComparingTo(expected.netAmount(draft.currency()));
            assertThat(actual.description()).as("description of %s", line).isEqualTo(expected.description());
        }
    }

    private static void assertWebLink(URI link) {
        assertThat(link.isAbsolute()).as("%s is absolute", link).isTrue();
        assertThat(link.getScheme()).as("scheme of %s", link).isIn("http", "https");
    }

    private void assertReportedBy(AccountingException e, PortOperation operation, OptionalInt simulatedStatus) {
        assertThat(e.providerId()).as("providerId of %s", e.getClass().getSimpleName()).isEqualTo(expectedProviderId());
        assertThat(e.operation()).as("operation of %s", e.getClass().getSimpleName()).isEqualTo(operation.methodName());
        if (simulatedStatus.isPresent() && e.httpStatus().isPresent()) {
            assertThat(e.httpStatus().getAsInt()).as("httpStatus of %s", e.getClass().getSimpleName())
                    .isEqualTo(simulatedStatus.getAsInt());
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            assertNoSecretsIn(String.valueOf(t.getMessage()), "the message of " + t.getClass().getSimpleName());
            assertNoSecretsIn(t.toString(), "the toString of " + t.getClass().getSimpleName());
        }
    }

    private void assertNoSecretsIn(String text, String where) {
        for (String secret : fixture().secretValues()) {
            if (text.contains(secret)) {
                fail(where + " shows a secret value of the configuration (" + secret.length() + " characters)");
            }
        }
    }

    private void assumeCapability(Capability capability) {
        assumeTrue(port().capabilities().contains(capability), "the port does not declare " + capability);
    }

    private void assumeFeature(LedgerFixture.Feature feature) {
        assumeTrue(fixture().features().contains(feature), "the fixture does not offer " + feature);
    }

    private void assumeFailure(SimulatedFailure.Kind kind) {
        assumeTrue(fixture().supportedFailures().contains(kind), "the fixture cannot simulate " + kind);
    }

    private static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        if (t == null) {
            return fail("expected the port to throw " + type.getSimpleName() + " but the call returned normally");
        }
        assertThat(t).as("what the port threw").isInstanceOf(type);
        return type.cast(t);
    }
}
