package io.kommosync.accounting.tck.memory;

import io.kommosync.accounting.spi.AccountType;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.ConflictException;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.DimensionValue;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.ErrorContext;
import io.kommosync.accounting.spi.FieldError;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.Money;
import io.kommosync.accounting.spi.NotFoundException;
import io.kommosync.accounting.spi.TaxRate;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.accounting.tck.CanonicalLedger;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A ledger held in memory: the "vendor" behind {@link InMemoryAccountingPort}. Tests, the engine's tests and the
 * demo set it up and act on it from the ledger's side (as an accountant or a customer paying would) while the
 * engine talks to it through the port.
 *
 * <pre>{@code
 * InMemoryLedger ledger = InMemoryLedger.create(clock).withCanonicalChart();
 * Customer acme = ledger.addCustomer("Acme Ltd", "Accounts@Acme.example");
 * AccountingPort port = InMemoryAccountingPort.builder(ledger).build();
 * // ... the engine raises an invoice through the port ...
 * ledger.markPaid(ledger.findInvoiceByReference("kommo-deal-42").orElseThrow().id());
 * ledger.failNext(PortOperation.CREATE_INVOICE, SimulatedFailure.rateLimited(Duration.ofSeconds(30)));
 * assertThat(ledger.callCount(PortOperation.CREATE_INVOICE)).isEqualTo(2);
 * }</pre>
 *
 * <p>What it models: ledger accounts, tax rates and dimension values; customers; invoices numbered
 * {@code INV-0001}, {@code INV-0002}… when approved (drafts have no number until {@link #approve}), with
 * payments and voiding; {@code updatedAt} from the ledger's {@link Clock}; a change log the port pages through;
 * idempotency keys remembered per write; failures scripted per operation; and a count of calls per operation.
 * Every invoice has the link {@code https://ledger.invalid/invoices/{id}}.
 *
 * <p>Ledgers can be registered under a name ({@link #named(String)}, {@link #register(String)}) so that a port
 * built from configuration ({@code ledger=<name>}) and the test or demo reach the same ledger.
 *
 * <p><b>Thread-safety:</b> thread-safe; every method is atomic. <b>Nullness:</b> no method accepts or returns
 * {@code null}. Methods acting on an invoice or customer id throw {@link IllegalArgumentException} when the
 * ledger has no such id.
 */
public final class InMemoryLedger {

    /** Code of the first canonical revenue account ("Sales"). */
    public static final String SALES_ACCOUNT = "4000";
    /** Code of the second canonical revenue account ("Services"). */
    public static final String SERVICES_ACCOUNT = "4010";
    /** Code of the canonical expense account ("Cost of sales"). */
    public static final String COST_OF_SALES_ACCOUNT = "5000";
    /** Code of the canonical inactive revenue account ("Old sales"). */
    public static final String RETIRED_SALES_ACCOUNT = "4990";
    /** Code of the canonical 20 % tax rate. */
    public static final String STANDARD_TAX = "STANDARD";
    /** Code of the canonical 0 % tax rate. */
    public static final String ZERO_TAX = "ZERO";
    /** Code of the canonical 5 % tax rate. */
    public static final String REDUCED_TAX = "REDUCED";
    /** Id of the canonical department "Sales". */
    public static final String SALES_DEPARTMENT = "D100";
    /** Id of the canonical department "Support". */
    public static final String SUPPORT_DEPARTMENT = "D200";
    /** Where invoice links point: this prefix followed by the invoice id. */
    public static final String LINK_PREFIX = "https://ledger.invalid/invoices/";

    private static final ConcurrentMap<String, InMemoryLedger> REGISTRY = new ConcurrentHashMap<>();

    private final Clock clock;
    private final Map<String, LedgerAccount> accounts = new LinkedHashMap<>();
    private final Map<String, TaxRate> taxRates = new LinkedHashMap<>();
    private final Map<DimensionType, Map<String, DimensionValue>> dimensionValues = new EnumMap<>(DimensionType.class);
    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<IdempotencyKey, String> customerKeys = new HashMap<>();
    private final Map<String, Entry> invoices = new LinkedHashMap<>();
    private final Map<IdempotencyKey, String> invoiceKeys = new HashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final Map<PortOperation, Deque<SimulatedFailure>> scripted = new EnumMap<>(PortOperation.class);
    private final Map<PortOperation, Integer> calls = new EnumMap<>(PortOperation.class);
    private String requiredAccessToken;
    private long customerSeq;
    private long invoiceSeq;
    private long numberSeq;
    private long changeSeq;
    private long requestSeq;

    private InMemoryLedger(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * An empty ledger on the system clock (UTC).
     *
     * @return the ledger
     */
    public static InMemoryLedger create() {
        return new InMemoryLedger(Clock.systemUTC());
    }

    /**
     * An empty ledger on a clock, which stamps {@code updatedAt}, dates hand-raised invoices and decides
     * "today" for {@link #invoices()}.
     *
     * @param clock the clock, for example a {@link io.kommosync.accounting.tck.MutableClock}
     * @return the ledger
     */
    public static InMemoryLedger create(Clock clock) {
        return new InMemoryLedger(clock);
    }

    /**
     * The ledger registered under a name, created empty on the system clock if there is none yet.
     *
     * @param name the name
     * @return the ledger
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static InMemoryLedger named(String name) {
        return REGISTRY.computeIfAbsent(requireName(name), n -> create());
    }

    /**
     * Registers this ledger under a name, replacing any ledger registered under it, so that ports configured
     * with {@code ledger=<name>} use it.
     *
     * @param name the name
     * @return this ledger
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public InMemoryLedger register(String name) {
        REGISTRY.put(requireName(name), this);
        return this;
    }

    /**
     * Forgets the ledger registered under a name; ports already using it keep it.
     *
     * @param name the name
     */
    public static void unregister(String name) {
        REGISTRY.remove(Objects.requireNonNull(name, "name"));
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a ledger name must not be blank");
        }
        return name;
    }

    /**
     * How the compatibility kit names this ledger's canonical chart (see {@link #withCanonicalChart()}), with
     * department {@value #SALES_DEPARTMENT} and {@value #SUPPORT_DEPARTMENT} as the lines' dimension, in GBP.
     *
     * @return the canonical ledger
     */
    public static CanonicalLedger canonical() {
        return CanonicalLedger.builder()
                .revenueAccounts(SALES_ACCOUNT, SERVICES_ACCOUNT)
                .expenseAccount(COST_OF_SALES_ACCOUNT)
                .inactiveRevenueAccount(RETIRED_SALES_ACCOUNT)
                .taxCodes(STANDARD_TAX, ZERO_TAX)
                .unknownInvoiceId("inv-does-not-exist")
                .dimension(DimensionType.DEPARTMENT, SALES_DEPARTMENT, SUPPORT_DEPARTMENT)
                .build();
    }

    /**
     * Adds the canonical chart: accounts {@value #SALES_ACCOUNT} Sales and {@value #SERVICES_ACCOUNT} Services
     * (revenue), {@value #COST_OF_SALES_ACCOUNT} Cost of sales (expense), {@value #RETIRED_SALES_ACCOUNT} Old sales
     * (revenue, inactive); tax rates {@value #STANDARD_TAX} 20 %, {@value #REDUCED_TAX} 5 % and {@value #ZERO_TAX}
     * 0 %; departments {@value #SALES_DEPARTMENT} Sales and {@value #SUPPORT_DEPARTMENT} Support. Adding it twice
     * changes nothing.
     *
     * @return this ledger
     */
    public synchronized InMemoryLedger withCanonicalChart() {
        addAccount(SALES_ACCOUNT, "Sales", AccountType.REVENUE);
        addAccount(SERVICES_ACCOUNT, "Services", AccountType.REVENUE);
        addAccount(COST_OF_SALES_ACCOUNT, "Cost of sales", AccountType.EXPENSE);
        addAccount(new LedgerAccount(RETIRED_SALES_ACCOUNT, RETIRED_SALES_ACCOUNT, "Old sales", AccountType.REVENUE,
                false, Set.of()));
        addTaxRate(STANDARD_TAX, "Standard 20%", BigDecimal.valueOf(20));
        addTaxRate(REDUCED_TAX, "Reduced 5%", BigDecimal.valueOf(5));
        addTaxRate(ZERO_TAX, "Zero rated", BigDecimal.ZERO);
        addDimensionValue(DimensionType.DEPARTMENT, SALES_DEPARTMENT, "Sales");
        addDimensionValue(DimensionType.DEPARTMENT, SUPPORT_DEPARTMENT, "Support");
        return this;
    }

    // ---------------------------------------------------------------- chart of accounts

    /**
     * Adds or replaces a ledger account.
     *
     * @param account the account
     * @return this ledger
     */
    public synchronized InMemoryLedger addAccount(LedgerAccount account) {
        accounts.put(account.code(), Objects.requireNonNull(account, "account"));
        return this;
    }

    /**
     * Adds or replaces an active account that requires no dimension; its id is its code.
     *
     * @param code the account code
     * @param name the display name
     * @param type the account type
     * @return this ledger
     */
    public InMemoryLedger addAccount(String code, String name, AccountType type) {
        return addAccount(LedgerAccount.of(code, code, name, type));
    }

    /**
     * Marks an account inactive, as archiving it in the ledger would.
     *
     * @param code the account code
     * @return this ledger
     * @throws IllegalArgumentException if there is no such account
     */
    public synchronized InMemoryLedger deactivateAccount(String code) {
        LedgerAccount a = accounts.get(code);
        if (a == null) {
            throw new IllegalArgumentException("no ledger account with code " + code + "; add it first");
        }
        accounts.put(code, new LedgerAccount(a.id(), a.code(), a.name(), a.type(), false, a.requiredDimensions()));
        return this;
    }

    /**
     * Adds or replaces a tax rate.
     *
     * @param rate the tax rate
     * @return this ledger
     */
    public synchronized InMemoryLedger addTaxRate(TaxRate rate) {
        taxRates.put(rate.code(), Objects.requireNonNull(rate, "rate"));
        return this;
    }

    /**
     * Adds or replaces an active tax rate whose id is its code.
     *
     * @param code    the tax code
     * @param name    the display name
     * @param percent the rate in percent
     * @return this ledger
     */
    public InMemoryLedger addTaxRate(String code, String name, BigDecimal percent) {
        return addTaxRate(new TaxRate(code, code, name, percent, true));
    }

    /**
     * Adds or replaces an active dimension value.
     *
     * @param type the dimension type
     * @param id   the value's id, as lines carry it
     * @param name the display name
     * @return this ledger
     */
    public synchronized InMemoryLedger addDimensionValue(DimensionType type, String id, String name) {
        dimensionValues.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(id, new DimensionValue(type, id, name, true));
        return this;
    }

    /**
     * The chart of accounts as the port reports it.
     *
     * @return the accounts, tax rates and dimension values
     */
    public synchronized ChartOfAccounts chartOfAccounts() {
        Map<DimensionType, List<DimensionValue>> dims = new EnumMap<>(DimensionType.class);
        dimensionValues.forEach((type, values) -> dims.put(type, List.copyOf(values.values())));
        return new ChartOfAccounts(List.copyOf(accounts.values()), List.copyOf(taxRates.values()), dims);
    }

    // ---------------------------------------------------------------- customers

    /**
     * Adds a customer by hand, as a person would in the ledger.
     *
     * @param name  the display name
     * @param email the e-mail address, kept as given
     * @return the customer
     */
    public synchronized Customer addCustomer(String name, String email) {
        CustomerDraft draft = CustomerDraft.of(name, email);
        return storeCustomer(draft);
    }

    private Customer storeCustomer(CustomerDraft draft) {
        String id = "cus-" + (++customerSeq);
        Customer c = new Customer(id, draft.name(), Optional.of(draft.email()), draft.externalReference());
        customers.put(id, c);
        return c;
    }

    /**
     * Every customer, oldest first.
     *
     * @return an unmodifiable snapshot
     */
    public synchronized List<Customer> customers() {
        return List.copyOf(customers.values());
    }

    /**
     * A customer by id.
     *
     * @param id the customer id
     * @return the customer, or empty
     */
    public synchronized Optional<Customer> customer(String id) {
        return Optional.ofNullable(customers.get(id));
    }

    /**
     * The oldest customer whose e-mail address equals this one, ignoring case and surrounding white space.
     *
     * @param email the e-mail address
     * @return the customer, or empty
     */
    public synchronized Optional<Customer> findCustomerByEmail(String email) {
        String wanted = normaliseEmail(email);
        return customers.values().stream()
                .filter(c -> c.email().map(InMemoryLedger::normaliseEmail).filter(wanted::equals).isPresent())
                .findFirst();
    }

    /**
     * How many customers have this e-mail address, ignoring case and surrounding white space.
     *
     * @param email the e-mail address
     * @return the count
     */
    public synchronized int countCustomersWithEmail(String email) {
        String wanted = normaliseEmail(email);
        return (int) customers.values().stream()
                .filter(c -> c.email().map(InMemoryLedger::normaliseEmail).filter(wanted::equals).isPresent())
                .count();
    }

    private static String normaliseEmail(String email) {
        return Objects.requireNonNull(email, "email").trim().toLowerCase(Locale.ROOT);
    }

    synchronized Customer createCustomer(CustomerDraft draft, IdempotencyKey key) {
        String existing = customerKeys.get(key);
        if (existing != null) {
            return customers.get(existing);
        }
        Customer c = storeCustomer(draft);
        customerKeys.put(key, c.id());
        return c;
    }

    // ---------------------------------------------------------------- invoices

    /**
     * Every invoice, oldest first, with its status as of the ledger's clock ({@code OVERDUE} derived).
     *
     * @return an unmodifiable snapshot
     */
    public synchronized List<Invoice> invoices() {
        LocalDate today = LocalDate.now(clock);
        return invoices.values().stream().map(e -> e.snapshot(today)).toList();
    }

    /**
     * An invoice by id, with its status as of the ledger's clock.
     *
     * @param id the invoice id
     * @return the invoice, or empty
     */
    public synchronized Optional<Invoice> invoice(String id) {
        return Optional.ofNullable(invoices.get(id)).map(e -> e.snapshot(LocalDate.now(clock)));
    }

    /**
     * The oldest invoice carrying a reference, voided ones included, with its status as of the ledger's clock.
     *
     * @param reference the reference
     * @return the invoice, or empty
     */
    public synchronized Optional<Invoice> findInvoiceByReference(String reference) {
        Objects.requireNonNull(reference, "reference");
        return invoices.values().stream().filter(e -> e.reference.filter(reference::equals).isPresent()).findFirst()
                .map(e -> e.snapshot(LocalDate.now(clock)));
    }

    /**
     * How many invoices carry a reference, voided ones included.
     *
     * @param reference the reference
     * @return the count
     */
    public synchronized int countInvoicesWithReference(String reference) {
        Objects.requireNonNull(reference, "reference");
        return (int) invoices.values().stream().filter(e -> e.reference.filter(reference::equals).isPresent()).count();
    }

    /**
     * Raises an approved invoice by hand in the ledger, with no reference: what the reverse sync turns into a
     * new Kommo deal. Dated today by the ledger's clock.
     *
     * @param customerId the customer's id
     * @param currency   the currency
     * @param dueDate    the due date
     * @param lines      the lines, on accounts and tax codes of this ledger
     * @return the invoice
     * @throws IllegalArgumentException if the customer, an account or a tax code is unknown
     */
    public synchronized Invoice raiseInvoiceByHand(String customerId, Currency currency, LocalDate dueDate,
                                                   List<InvoiceLine> lines) {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(dueDate, "dueDate");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an invoice needs at least one line");
        }
        List<FieldError> problems = problemsWith(customerId, List.copyOf(lines), Dimensions.none());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the ledger cannot raise this invoice: " + problems);
        }
        Entry e = store(customerId, Optional.empty(), currency, LocalDate.now(clock), dueDate, lines,
                InvoiceStatus.AWAITING_PAYMENT);
        return e.snapshot(LocalDate.now(clock));
    }

    /**
     * Approves a draft invoice, giving it the next number.
     *
     * @param invoiceId the invoice id
     * @return the invoice
     * @throws IllegalStateException if it is not a draft
     */
    public synchronized Invoice approve(String invoiceId) {
        Entry e = entry(invoiceId);
        if (e.status != InvoiceStatus.DRAFT) {
            throw new IllegalStateException("invoice " + invoiceId + " is " + e.status + ", not a draft");
        }
        e.status = InvoiceStatus.AWAITING_PAYMENT;
        e.number = nextNumber();
        touch(e);
        return e.snapshot(LocalDate.now(clock));
    }

    /**
     * Records a payment against an approved invoice: part-paid while something is still due, paid once nothing
     * is.
     *
     * @param invoiceId the invoice id
     * @param amount    the amount paid, positive, at most the amount due
     * @return the invoice
     * @throws IllegalStateException    if the invoice is a draft, void or paid
     * @throws IllegalArgumentException if the amount is not positive or more than is due
     */
    public synchronized Invoice recordPayment(String invoiceId, BigDecimal amount) {
        Entry e = entry(invoiceId);
        if (e.status != InvoiceStatus.AWAITING_PAYMENT && e.status != InvoiceStatus.PARTIALLY_PAID) {
            throw new IllegalStateException("invoice " + invoiceId + " is " + e.status + " and cannot take a payment");
        }
        BigDecimal due = e.amountDue();
        if (amount.signum() <= 0 || amount.compareTo(due) > 0) {
            throw new IllegalArgumentException("a payment on invoice " + invoiceId + " must be more than 0 and at most "
                    + due + ", got " + amount);
        }
        e.paid = e.paid.add(amount);
        e.status = e.amountDue().signum() == 0 ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID;
        touch(e);
        return e.snapshot(LocalDate.now(clock));
    }

    /**
     * Records payment of everything still due on an approved invoice.
     *
     * @param invoiceId the invoice id
     * @return the invoice, now paid
     * @throws IllegalStateException if the invoice is a draft, void or already paid
     */
    public synchronized Invoice markPaid(String invoiceId) {
        return recordPayment(invoiceId, entry(invoiceId).amountDue());
    }

    /**
     * Voids an invoice in the ledger, whatever its state (as an accountant may); nothing is due afterwards.
     *
     * @param invoiceId the invoice id
     * @return the invoice, now void
     */
    public synchronized Invoice voidInvoice(String invoiceId) {
        Entry e = entry(invoiceId);
        if (e.status != InvoiceStatus.VOID) {
            e.status = InvoiceStatus.VOID;
            touch(e);
        }
        return e.snapshot(LocalDate.now(clock));
    }

    synchronized Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key, ErrorContext context,
                                       LocalDate today) {
        String existing = invoiceKeys.get(key);
        if (existing != null) {
            return invoices.get(existing).snapshot(today);
        }
        List<FieldError> problems = problemsWith(draft.customerId(), draft.lines(), draft.dimensions());
        if (!problems.isEmpty()) {
            throw new ValidationException(context.withHttpStatus(422),
                    "the ledger rejected invoice " + draft.reference(), problems);
        }
        Entry e = store(draft.customerId(), Optional.of(draft.reference()), draft.currency(), draft.issueDate(),
                draft.dueDate(), draft.lines(), draft.approval() == InvoiceDraft.Approval.APPROVED
                        ? InvoiceStatus.AWAITING_PAYMENT : InvoiceStatus.DRAFT);
        invoiceKeys.put(key, e.id);
        return e.snapshot(today);
    }

    synchronized Invoice voidUnpaid(String invoiceId, ErrorContext context, LocalDate today) {
        Entry e = invoices.get(invoiceId);
        if (e == null) {
            throw new NotFoundException(context.withHttpStatus(404), "the ledger has no invoice with id " + invoiceId);
        }
        if (e.status != InvoiceStatus.VOID) {
            if (e.paid.signum() > 0) {
                throw new ConflictException(context.withHttpStatus(409), "invoice " + e.number
                        + " has payments and cannot be voided; remove the payments in the ledger first");
            }
            e.status = InvoiceStatus.VOID;
            touch(e);
        }
        return e.snapshot(today);
    }

    synchronized Optional<Invoice> invoiceAsOf(String id, LocalDate today) {
        return Optional.ofNullable(invoices.get(id)).map(e -> e.snapshot(today));
    }

    synchronized Optional<Invoice> findByReferenceAsOf(String reference, LocalDate today) {
        return invoices.values().stream().filter(e -> e.reference.filter(reference::equals).isPresent()).findFirst()
                .map(e -> e.snapshot(today));
    }

    private List<FieldError> problemsWith(String customerId, List<InvoiceLine> lines, Dimensions header) {
        List<FieldError> problems = new ArrayList<>();
        if (!customers.containsKey(customerId)) {
            problems.add(new FieldError("customerId", "no customer has the id " + customerId, "unknown_customer"));
        }
        problems.addAll(dimensionProblems("dimensions", header));
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            String at = "lines[" + i + "].";
            LedgerAccount account = accounts.get(line.ledgerAccountCode());
            if (account == null) {
                problems.add(new FieldError(at + "ledgerAccountCode",
                        "no ledger account has the code " + line.ledgerAccountCode(), "unknown_account"));
            } else if (!account.active()) {
                problems.add(new FieldError(at + "ledgerAccountCode",
                        "ledger account " + account.code() + " is inactive", "inactive_account"));
            } else {
                Dimensions effective = line.dimensions().orElse(header);
                for (DimensionType required : account.requiredDimensions()) {
                    if (effective.get(required).isEmpty()) {
                        problems.add(new FieldError(at + "dimensions." + required,
                                "ledger account " + account.code() + " requires a " + required, "dimension_required"));
                    }
                }
            }
            TaxRate rate = taxRates.get(line.taxCode());
            if (rate == null) {
                problems.add(new FieldError(at + "taxCode", "no tax rate has the code " + line.taxCode(), "unknown_tax_code"));
            } else if (!rate.active()) {
                problems.add(new FieldError(at + "taxCode", "tax rate " + rate.code() + " is inactive", "inactive_tax_code"));
            }
            problems.addAll(dimensionProblems(at + "dimensions", line.dimensions()));
        }
        return problems;
    }

    private List<FieldError> dimensionProblems(String at, Dimensions dims) {
        List<FieldError> problems = new ArrayList<>();
        dims.values().forEach((type, valueId) -> {
            DimensionValue v = dimensionValues.getOrDefault(type, Map.of()).get(valueId);
            if (v == null) {
                problems.add(new FieldError(at + "." + type, "no " + type + " has the id " + valueId, "unknown_dimension_value"));
            } else if (!v.active()) {
                problems.add(new FieldError(at + "." + type, type + " " + valueId + " is inactive", "inactive_dimension_value"));
            }
        });
        return problems;
    }

    private Entry store(String customerId, Optional<String> reference, Currency currency, LocalDate issueDate,
                        LocalDate dueDate, List<InvoiceLine> lines, InvoiceStatus status) {
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (InvoiceLine line : lines) {
            net = net.add(line.netAmount(currency));
            tax = tax.add(line.taxAmount(currency, taxRates.get(line.taxCode())));
        }
        Entry e = new Entry("inv-" + (++invoiceSeq), customerId, reference, currency, issueDate, dueDate,
                List.copyOf(lines), new Money(net, currency).rounded(), new Money(tax, currency).rounded());
        e.status = status;
        e.number = status == InvoiceStatus.DRAFT ? "" : nextNumber();
        invoices.put(e.id, e);
        touch(e);
        return e;
    }

    private String nextNumber() {
        return String.format(Locale.ROOT, "INV-%04d", ++numberSeq);
    }

    private void touch(Entry e) {
        e.updatedAt = clock.instant();
        changes.add(new Change(++changeSeq, e.id, e.updatedAt));
    }

    private Entry entry(String invoiceId) {
        Entry e = invoices.get(Objects.requireNonNull(invoiceId, "invoiceId"));
        if (e == null) {
            throw new IllegalArgumentException("this ledger has no invoice with id " + invoiceId);
        }
        return e;
    }

    // ---------------------------------------------------------------- changes

    /** One change of the log: its sequence number, the invoice, and when. */
    record Change(long seq, String invoiceId, Instant at) {
    }

    /** A page of the change log. */
    record ChangePage(List<Invoice> invoices, long lastSeq, boolean hasMore) {
    }

    synchronized long lastSeqBefore(Instant instant) {
        for (Change c : changes) {
            if (!c.at().isBefore(instant)) {
                return c.seq() - 1;
            }
        }
        return changeSeq;
    }

    synchronized ChangePage changesAfter(long afterSeq, int pageSize, LocalDate today) {
        Set<String> ids = new LinkedHashSet<>();
        long last = afterSeq;
        for (Change c : changes) {
            if (c.seq() <= afterSeq) {
                continue;
            }
            if (!ids.contains(c.invoiceId()) && ids.size() == pageSize) {
                break;
            }
            ids.add(c.invoiceId());
            last = c.seq();
        }
        List<Invoice> page = ids.stream().map(id -> invoices.get(id).snapshot(today)).toList();
        return new ChangePage(page, last, last < changeSeq);
    }

    // ---------------------------------------------------------------- failures, credentials, call counts

    /**
     * Makes the next calls of an operation fail, one failure per call in the order given; later calls succeed
     * again. Failures add to any already scripted for the operation.
     *
     * @param operation the operation
     * @param failures  one failure per call
     * @return this ledger
     */
    public synchronized InMemoryLedger failNext(PortOperation operation, SimulatedFailure... failures) {
        Objects.requireNonNull(operation, "operation");
        Deque<SimulatedFailure> queue = scripted.computeIfAbsent(operation, o -> new ArrayDeque<>());
        Arrays.stream(failures).map(f -> Objects.requireNonNull(f, "failure")).forEach(queue::addLast);
        return this;
    }

    /**
     * Drops every scripted failure not yet used.
     *
     * @return this ledger
     */
    public synchronized InMemoryLedger clearFailures() {
        scripted.clear();
        return this;
    }

    /**
     * Requires ports to present this access token (configuration key {@code accessToken}); calls from ports
     * presenting another, or none, fail with HTTP 401. Changing it is how a test revokes a connection's access.
     *
     * @param token the token
     * @return this ledger
     */
    public synchronized InMemoryLedger requireAccessToken(String token) {
        this.requiredAccessToken = Objects.requireNonNull(token, "token");
        return this;
    }

    /**
     * How many calls of an operation ports have made, failed ones included.
     *
     * @param operation the operation
     * @return the count
     */
    public synchronized int callCount(PortOperation operation) {
        return calls.getOrDefault(Objects.requireNonNull(operation, "operation"), 0);
    }

    /**
     * How many calls ports have made, all operations together.
     *
     * @return the count
     */
    public synchronized int totalCalls() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Sets every call count back to zero.
     *
     * @return this ledger
     */
    public synchronized InMemoryLedger resetCallCounts() {
        calls.clear();
        return this;
    }

    /**
     * The ledger's clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /** A call a port is about to make: the vendor's request id, and the failure to produce, if any. */
    record Call(String requestId, Optional<SimulatedFailure> failure) {
    }

    synchronized Call begin(PortOperation operation, Optional<String> accessToken) {
        calls.merge(operation, 1, Integer::sum);
        String requestId = "mem-req-" + (++requestSeq);
        if (requiredAccessToken != null && !accessToken.filter(requiredAccessToken::equals).isPresent()) {
            return new Call(requestId, Optional.of(SimulatedFailure.unauthorized()));
        }
        Deque<SimulatedFailure> queue = scripted.get(operation);
        return new Call(requestId, Optional.ofNullable(queue == null ? null : queue.pollFirst()));
    }

    @Override
    public synchronized String toString() {
        return "InMemoryLedger[" + accounts.size() + " accounts, " + taxRates.size() + " tax rates, "
                + customers.size() + " customers, " + invoices.size() + " invoices]";
    }

    private static final class Entry {
        final String id;
        final String customerId;
        final Optional<String> reference;
        final Currency currency;
        final LocalDate issueDate;
        final LocalDate dueDate;
        final List<InvoiceLine> lines;
        final Money net;
        final Money tax;
        String number;
        InvoiceStatus status;
        BigDecimal paid = BigDecimal.ZERO;
        Instant updatedAt;

        Entry(String id, String customerId, Optional<String> reference, Currency currency, LocalDate issueDate,
              LocalDate dueDate, List<InvoiceLine> lines, Money net, Money tax) {
            this.id = id;
            this.customerId = customerId;
            this.reference = reference;
            this.currency = currency;
            this.issueDate = issueDate;
            this.dueDate = dueDate;
            this.lines = lines;
            this.net = net;
            this.tax = tax;
        }

        Money total() {
            return net.plus(tax);
        }

        BigDecimal amountDue() {
            if (status == InvoiceStatus.VOID) {
                return BigDecimal.ZERO.setScale(net.amount().scale());
            }
            return total().amount().subtract(paid);
        }

        Invoice snapshot(LocalDate today) {
            BigDecimal due = amountDue();
            InvoiceStatus derived = InvoiceStatus.derive(status, dueDate, due, today);
            return new Invoice(id, number, customerId, reference, currency, issueDate, dueDate, derived, net, tax,
                    total(), new Money(due, currency), Optional.of(URI.create(LINK_PREFIX + id)), lines, updatedAt);
        }
    }
}
