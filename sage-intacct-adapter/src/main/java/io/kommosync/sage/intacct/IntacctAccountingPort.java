package io.kommosync.sage.intacct;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.Capability;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.ConflictException;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.ErrorContext;
import io.kommosync.accounting.spi.FieldError;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceChanges;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.Money;
import io.kommosync.accounting.spi.NotFoundException;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.accounting.spi.TaxRate;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.client.retry.FailureClassifier;
import io.kommosync.client.retry.RetryPolicies;
import io.kommosync.sage.intacct.internal.IntacctDimensions;
import io.kommosync.sage.intacct.internal.IntacctSettings;
import io.kommosync.sage.intacct.internal.LedgerGateway;
import io.kommosync.sage.intacct.internal.LedgerInvoice;
import io.kommosync.sage.intacct.internal.LedgerLine;
import io.kommosync.sage.intacct.internal.LedgerPage;
import io.kommosync.sage.intacct.internal.NewInvoice;
import io.kommosync.sage.intacct.internal.VendorFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The Sage Intacct port: the checks and mappings both transports share (dimension requirements before any call,
 * totals, normalised status with {@code OVERDUE} derived from the clock, change cursors), in-call retries and the
 * client-side concurrency limit, over one {@link LedgerGateway}.
 */
final class IntacctAccountingPort implements AccountingPort {

    static final String PROVIDER_ID = "sage-intacct";
    /** The tax code of a line read back without a tax entry. */
    static final String NO_TAX = "NO_TAX";
    private static final Duration CHART_TTL = Duration.ofMinutes(5);
    private static final String CURSOR_PREFIX = "intacct:";

    private final IntacctTransport transport;
    private final LedgerGateway gateway;
    private final IntacctSettings settings;
    private final Set<Capability> capabilities;
    private final RetryPolicy<Object> retry;
    private final Semaphore permits;
    private volatile CachedChart chart;

    private record CachedChart(ChartOfAccounts chart, Instant fetchedAt, boolean withDimensionValues) {
    }

    IntacctAccountingPort(IntacctTransport transport, LedgerGateway gateway, IntacctSettings settings) {
        this.transport = transport;
        this.gateway = gateway;
        this.settings = settings;
        this.capabilities = transport == IntacctTransport.XML
                ? Set.of(Capability.DIMENSIONS, Capability.IDEMPOTENCY_KEYS)
                : Set.of(Capability.DIMENSIONS);
        this.retry = RetryPolicies.transientFailures(settings.retry(), new FailureClassifier() {
            @Override
            public boolean isRetryable(Throwable failure) {
                return failure instanceof VendorFailure v && v.retryInCall();
            }

            @Override
            public Optional<Duration> retryAfter(Throwable failure) {
                return failure instanceof VendorFailure v ? v.retryAfter() : Optional.empty();
            }
        });
        this.permits = new Semaphore(settings.maxConcurrent(), true);
    }

    @Override
    public String providerId() {
        return PROVIDER_ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public ChartOfAccounts chartOfAccounts() {
        return chart("chartOfAccounts", true);
    }

    @Override
    public Optional<Customer> findCustomerByEmail(String email) {
        String trimmed = require(email, "email", "findCustomerByEmail").trim();
        return call("findCustomerByEmail", () -> gateway.customersByEmail(trimmed)).stream().findFirst();
    }

    @Override
    public Optional<Customer> findCustomerById(String customerId) {
        String id = require(customerId, "customerId", "findCustomerById").trim();
        return call("findCustomerById", () -> gateway.customerById(id));
    }

    @Override
    public Customer createCustomer(CustomerDraft draft, IdempotencyKey key) {
        require(draft, "draft", "createCustomer");
        require(key, "key", "createCustomer");
        return call("createCustomer", () -> gateway.createCustomer(draft, key));
    }

    @Override
    public Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key) {
        require(draft, "draft", "createInvoice");
        require(key, "key", "createInvoice");
        NewInvoice invoice = map(draft, chart("createInvoice", false));
        Optional<String> created = call("createInvoice", () -> gateway.createInvoice(invoice, key));
        String recordNo = created.or(() -> call("createInvoice", () -> gateway.invoicesByReference(draft.reference()))
                        .stream().findFirst())
                .orElseThrow(() -> new ConflictException(ErrorContext.of(PROVIDER_ID, "createInvoice"),
                        "Intacct refused invoice " + draft.reference() + " as a repeated write, but no invoice "
                                + "carries that reference; check the company's AR invoices"));
        LedgerInvoice read = call("createInvoice", () -> gateway.invoice(recordNo)).orElseThrow(() ->
                new TransientAccountingException(ErrorContext.of(PROVIDER_ID, "createInvoice"),
                        "invoice " + recordNo + " was created but cannot be read back yet; retry with the same key"));
        return toInvoice(read);
    }

    @Override
    public Optional<Invoice> findInvoiceByReference(String reference) {
        require(reference, "reference", "findInvoiceByReference");
        List<String> ids = call("findInvoiceByReference", () -> gateway.invoicesByReference(reference));
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return call("findInvoiceByReference", () -> gateway.invoice(ids.get(0))).map(this::toInvoice);
    }

    @Override
    public Invoice invoice(String invoiceId) {
        require(invoiceId, "invoiceId", "invoice");
        return call("invoice", () -> gateway.invoice(invoiceId)).map(this::toInvoice).orElseThrow(() ->
                new NotFoundException(ErrorContext.of(PROVIDER_ID, "invoice"), "no AR invoice with RECORDNO "
                        + invoiceId));
    }

    @Override
    public InvoiceChanges invoiceChangesSince(ChangeCursor cursor) {
        require(cursor, "cursor", "invoiceChangesSince");
        Instant after;
        Optional<String> afterRecord;
        if (cursor.sinceInstant().isPresent()) {
            after = cursor.sinceInstant().get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            afterRecord = Optional.empty();
        } else if (cursor.value().startsWith(CURSOR_PREFIX)) {
            String[] parts = cursor.value().substring(CURSOR_PREFIX.length()).split("\\|", 2);
            try {
                after = Instant.parse(parts[0]);
            } catch (DateTimeParseException e) {
                throw badCursor(cursor);
            }
            afterRecord = parts.length == 2 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
        } else {
            throw badCursor(cursor);
        }
        LedgerPage page = call("invoiceChangesSince", () -> gateway.changedSince(after, afterRecord,
                settings.pageSize()));
        List<Invoice> invoices = page.invoices().stream().map(this::toInvoice).toList();
        ChangeCursor next = cursor;
        if (!page.invoices().isEmpty()) {
            LedgerInvoice last = page.invoices().get(page.invoices().size() - 1);
            next = new ChangeCursor(CURSOR_PREFIX + last.modifiedAt() + "|" + last.recordNo());
        }
        return new InvoiceChanges(invoices, next, page.full());
    }

    @Override
    public void close() {
        gateway.close();
    }

    @Override
    public String toString() {
        return "IntacctAccountingPort[" + transport.name().toLowerCase(Locale.ROOT) + ", " + settings + "]";
    }

    // ------------------------------------------------------------------------------------------------ mapping

    private NewInvoice map(InvoiceDraft draft, ChartOfAccounts chart) {
        List<FieldError> problems = new ArrayList<>();
        List<LedgerLine> lines = new ArrayList<>();
        for (int i = 0; i < draft.lines().size(); i++) {
            InvoiceLine line = draft.lines().get(i);
            String at = "lines[" + i + "]";
            Dimensions dims = line.dimensions().orElse(draft.dimensions());
            if (line.itemCode().isPresent() && dims.get(DimensionType.ITEM).isEmpty()) {
                dims = dims.with(DimensionType.ITEM, line.itemCode().get());
            }
            for (DimensionType type : dims.types()) {
                if (IntacctDimensions.of(type).isEmpty()) {
                    problems.add(new FieldError(at + ".dimensions." + type, "Intacct lines have no " + type
                            + " dimension; map it to LOCATION, DEPARTMENT, PROJECT, CLASS, CUSTOMER, ITEM, EMPLOYEE "
                            + "or VENDOR", ""));
                }
            }
            Optional<LedgerAccount> account = chart.account(line.ledgerAccountCode());
            if (account.isEmpty()) {
                problems.add(new FieldError(at + ".ledgerAccountCode", "GL account " + line.ledgerAccountCode()
                        + " is not an income-statement account of the company; fix the mapping row", ""));
            } else {
                if (!account.get().active()) {
                    problems.add(new FieldError(at + ".ledgerAccountCode", "GL account " + line.ledgerAccountCode()
                            + " is inactive; map the line to an active account", ""));
                }
                for (DimensionType required : account.get().requiredDimensions()) {
                    if (dims.get(required).isEmpty()) {
                        problems.add(new FieldError(at + ".dimensions." + required, "GL account "
                                + line.ledgerAccountCode() + " requires a " + required + " on every line; set it in "
                                + "the mapping row, a deal field or the connection defaults", ""));
                    }
                }
            }
            Optional<TaxRate> rate = chart.taxRate(line.taxCode());
            if (rate.isEmpty() || !rate.get().active()) {
                problems.add(new FieldError(at + ".taxCode", "tax detail " + line.taxCode()
                        + " is not an active sales tax detail of the company", ""));
            }
            if (problems.isEmpty()) {
                lines.add(new LedgerLine(line.ledgerAccountCode(), line.netAmount(draft.currency()),
                        line.description(), dims, Optional.of(line.quantity()), Optional.of(line.unitPrice()),
                        line.taxCode(), line.taxAmount(draft.currency(), rate.get())));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(ErrorContext.of(PROVIDER_ID, "createInvoice"), "invoice "
                    + draft.reference() + " does not fit the Intacct chart; nothing was sent", problems);
        }
        return new NewInvoice(draft.customerId(), draft.issueDate(), draft.dueDate(), draft.reference(),
                draft.currency().getCurrencyCode(), draft.approval() == InvoiceDraft.Approval.DRAFT, draft.memo(),
                lines);
    }

    private Invoice toInvoice(LedgerInvoice r) {
        Currency currency = Currency.getInstance(r.currency());
        List<InvoiceLine> lines = new ArrayList<>();
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (LedgerLine l : r.lines()) {
            BigDecimal quantity = l.quantity().filter(q -> q.signum() > 0).orElse(BigDecimal.ONE);
            BigDecimal unitPrice = l.unitPrice().orElse(l.amount());
            BigDecimal off = quantity.multiply(unitPrice).subtract(l.amount());
            Discount discount = off.signum() > 0 ? Discount.amount(off) : Discount.none();
            lines.add(new InvoiceLine(l.memo().isBlank() ? "(no memo)" : l.memo(), quantity, unitPrice, discount,
                    l.accountNo(), l.taxDetailId().isEmpty() ? NO_TAX : l.taxDetailId(), l.dimensions(),
                    l.dimensions().get(DimensionType.ITEM)));
            net = net.add(l.amount());
            tax = tax.add(l.tax());
        }
        Money total = new Money(r.total(), currency);
        Money netMoney = r.lines().isEmpty() ? total : new Money(net, currency);
        Money taxMoney = r.lines().isEmpty() ? Money.zero(currency) : new Money(tax, currency);
        LocalDate today = LocalDate.ofInstant(settings.clock().instant(), settings.clock().getZone());
        InvoiceStatus base = switch (r.state()) {
            case "draft" -> InvoiceStatus.DRAFT;
            case "reversed" -> InvoiceStatus.VOID;
            case "paid" -> InvoiceStatus.PAID;
            case "partiallyPaid" -> InvoiceStatus.PARTIALLY_PAID;
            default -> r.totalDue().signum() == 0 && r.total().signum() > 0 ? InvoiceStatus.PAID
                    : r.totalPaid().signum() > 0 ? InvoiceStatus.PARTIALLY_PAID : InvoiceStatus.AWAITING_PAYMENT;
        };
        InvoiceStatus status = InvoiceStatus.derive(base, r.dueDate(), r.totalDue(), today);
        return new Invoice(r.recordNo(), r.number(), r.customerId(),
                r.reference().isBlank() ? Optional.empty() : Optional.of(r.reference()), currency, r.invoiceDate(),
                r.dueDate(), status, netMoney, taxMoney, netMoney.plus(taxMoney),
                new Money(r.totalDue(), currency), Optional.empty(), lines, r.modifiedAt());
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    /**
     * The chart; {@code fresh} (the public {@code chartOfAccounts()}) always reads it whole, with dimension values;
     * the check before a write reuses a chart younger than {@link #CHART_TTL} and reads only accounts and tax
     * details when it has none.
     */
    private ChartOfAccounts chart(String operation, boolean fresh) {
        CachedChart cached = chart;
        Instant now = settings.clock().instant();
        if (!fresh && cached != null && cached.fetchedAt().plus(CHART_TTL).isAfter(now)) {
            return cached.chart();
        }
        ChartOfAccounts loaded = call(operation, () -> gateway.chart(fresh));
        chart = new CachedChart(loaded, now, fresh);
        return loaded;
    }

    private <T> T call(String operation, Supplier<T> work) {
        try {
            return Failsafe.with(retry).get(() -> {
                permits.acquire();
                try {
                    return work.get();
                } finally {
                    permits.release();
                }
            });
        } catch (VendorFailure f) {
            throw map(operation, f);
        } catch (dev.failsafe.FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new TransientAccountingException(ErrorContext.of(PROVIDER_ID, operation),
                        "interrupted while waiting for a free connection to Intacct", e);
            }
            throw e;
        }
    }

    static AccountingException map(String operation, VendorFailure f) {
        ErrorContext context = ErrorContext.of(PROVIDER_ID, operation);
        if (f.httpStatus().isPresent()) {
            context = context.withHttpStatus(f.httpStatus().getAsInt());
        }
        context = context.withVendorRequestId(f.requestId().orElse(null));
        return switch (f.kind()) {
            case AUTHENTICATION -> new AuthenticationException(context, f.getMessage(), f);
            case RATE_LIMITED -> new RateLimitedException(context, f.getMessage(), f.retryAfter().orElse(null),
                    RateLimitedException.Window.SHORT);
            case TRANSIENT -> new TransientAccountingException(context, f.getMessage(), f);
            case VALIDATION -> new ValidationException(context, f.getMessage(), f.fieldErrors());
            case NOT_FOUND -> new NotFoundException(context, f.getMessage(), f);
            case CONFLICT -> new ConflictException(context, f.getMessage(), f);
        };
    }

    private static <T> T require(T value, String name, String operation) {
        if (value == null) {
            throw new ValidationException(ErrorContext.of(PROVIDER_ID, operation), name + " must not be null",
                    List.of(new FieldError(name, "missing", "")));
        }
        return value;
    }

    private static ValidationException badCursor(ChangeCursor cursor) {
        return new ValidationException(ErrorContext.of(PROVIDER_ID, "invoiceChangesSince"), "cursor '"
                + cursor.value() + "' was not made by this port; start with ChangeCursor.since(instant)",
                List.of(new FieldError("cursor", "unknown cursor format", "")));
    }

    static Map<DimensionType, String> emptyDimensions() {
        return new EnumMap<>(DimensionType.class);
    }
}
