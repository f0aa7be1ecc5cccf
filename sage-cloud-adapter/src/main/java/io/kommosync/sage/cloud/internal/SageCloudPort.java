package io.kommosync.sage.cloud.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import feign.RequestInterceptor;
import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.Capability;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.ConfigProblem;
import io.kommosync.accounting.spi.ConflictException;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.FieldError;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.InvalidConfigurationException;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceChanges;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.NotFoundException;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.Money;
import io.kommosync.accounting.spi.TaxRate;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.client.Secret;
import io.kommosync.client.http.BearerTokenInterceptor;
import io.kommosync.client.http.FeignClients;
import io.kommosync.client.http.HttpResponses;
import io.kommosync.client.http.JsonMapper;
import io.kommosync.client.retry.RetryPolicies;
import io.kommosync.sage.cloud.SageCloudAccountingPort;
import io.kommosync.sage.cloud.SageCloudBusiness;
import io.kommosync.sage.cloud.SageCloudConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sage Business Cloud Accounting v3.1 port. Every call: rate-limit permit for the business, Feign over OkHttp
 * with the bearer token, {@code X-Business} and {@code Accept: application/json}; one token refresh and retry after a
 * 401 (when configured); Failsafe retries of transient failures honouring {@code Retry-After}; Sage's errors mapped
 * by {@link SageFailures}.
 *
 * <p>Thread-safe.
 */
public final class SageCloudPort implements SageCloudAccountingPort {

    private static final Logger LOG = LoggerFactory.getLogger(SageCloudPort.class);

    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(
            EnumSet.of(Capability.IDEMPOTENCY_KEYS, Capability.INVOICE_LINKS, Capability.VOID_INVOICES));
    private static final String INVOICE_ATTRIBUTES = "invoice_number,contact,date,due_date,reference,currency,"
            + "net_amount,tax_amount,total_amount,total_paid,outstanding_amount,status,links,invoice_lines,"
            + "created_at,updated_at,deleted_at";
    private static final String ACCOUNT_ATTRIBUTES = "name,nominal_code,ledger_account_type,included_in_chart,"
            + "visible_in_sales";
    private static final String TAX_RATE_ATTRIBUTES = "name,percentage,is_visible";
    private static final String CONTACT_ATTRIBUTES = "name,email,reference,created_at";
    private static final Pattern SAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final int MAX_PAGES = 10_000;
    private static final int STRIPES = 64;
    /** An invoice line on an account the cached chart lacks reloads the chart, at most this often. */
    private static final Duration MIN_CHART_RELOAD_INTERVAL = Duration.ofMinutes(1);

    private final SageSettings settings;
    private final SageUris uris;
    private final SageApi api;
    private final SageCoreApi core;
    private final RetryPolicy<Object> retryPolicy;
    private final Object[] stripes = new Object[STRIPES];
    private final Object businessLock = new Object();
    private final Object chartLock = new Object();
    private volatile String businessId;
    private volatile ChartSnapshot chart;

    private SageCloudPort(SageSettings settings) {
        this.settings = settings;
        this.uris = new SageUris(settings.baseUrl());
        this.businessId = settings.businessId().orElse(null);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        ObjectMapper json = JsonMapper.create();
        SageErrorDecoder errors = new SageErrorDecoder(json, settings.clock());
        OkHttpClient http = FeignClients.okHttpClient(settings.httpOptions());
        RequestInterceptor bearer = new BearerTokenInterceptor(settings.tokens());
        RequestInterceptor accept = template -> {
            if (HttpResponses.firstValue(template.headers(), "Accept").isEmpty()) {
                template.headerLiteral("Accept", "application/json");
            }
        };
        this.api = FeignClients.builder(http, settings.httpOptions().userAgent(), json, errors)
                .requestInterceptor(bearer).requestInterceptor(accept)
                .requestInterceptor(template -> {
                    template.removeHeader("X-Business");
                    template.headerLiteral("X-Business", currentBusiness());
                })
                .target(SageApi.class, uris.base());
        this.core = FeignClients.builder(http, settings.httpOptions().userAgent(), json, errors)
                .requestInterceptor(bearer).requestInterceptor(accept)
                .target(SageCoreApi.class, uris.base());
        this.retryPolicy = RetryPolicies.transientFailures(settings.retrySettings(), new SageFailures());
    }

    /**
     * Builds a port. Makes no remote call.
     *
     * @param settings the validated settings
     * @return the port
     */
    public static SageCloudPort create(SageSettings settings) {
        return new SageCloudPort(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public String providerId() {
        return SageFailures.PROVIDER_ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    // ================================================================================================ businesses

    @Override
    public List<SageCloudBusiness> businesses() {
        return listBusinesses("businesses");
    }

    private List<SageCloudBusiness> listBusinesses(String operation) {
        List<SageWire.Business> items = pages(operation, uris.of("/businesses"), core::businesses,
                "connection:" + settings.connectionId());
        return items.stream().filter(b -> b.id() != null)
                .map(b -> new SageCloudBusiness(b.id(), b.displayedAs() == null ? b.id() : b.displayedAs())).toList();
    }

    @Override
    public String businessId() {
        return resolveBusiness("businessId");
    }

    private String resolveBusiness(String operation) {
        String known = businessId;
        if (known != null) {
            return known;
        }
        synchronized (businessLock) {
            if (businessId != null) {
                return businessId;
            }
            List<SageCloudBusiness> reachable = listBusinesses(operation);
            if (reachable.size() != 1) {
                String listed = reachable.stream().map(b -> b.name() + " (" + b.id() + ")")
                        .reduce((a, b) -> a + ", " + b).orElse("none");
                throw new InvalidConfigurationException(providerId(), List.of(new ConfigProblem(
                        SageCloudConfig.BUSINESS_ID, "not set, and the Sage user can reach " + reachable.size()
                        + " businesses: " + listed, reachable.isEmpty()
                        ? "authorise a Sage user who has access to the business"
                        : "set '" + SageCloudConfig.BUSINESS_ID + "' to the id of the business to use; the port "
                        + "never falls back on Sage's lead business")));
            }
            businessId = reachable.get(0).id();
            LOG.info("Sage connection {} works on its only business {} ({})", settings.connectionId(),
                    reachable.get(0).name(), businessId);
            return businessId;
        }
    }

    private String currentBusiness() {
        String id = businessId;
        if (id == null) {
            throw new IllegalStateException("the Sage business is not resolved yet");
        }
        return id;
    }

    // ================================================================================================ chart

    @Override
    public ChartOfAccounts chartOfAccounts() {
        return chart("chartOfAccounts").chart();
    }

    @Override
    public ChartOfAccounts refreshChartOfAccounts() {
        return reloadChart("refreshChartOfAccounts").chart();
    }

    private ChartSnapshot chart(String operation) {
        ChartSnapshot current = chart;
        Instant now = settings.clock().instant();
        if (current != null && now.isBefore(current.loadedAt().plus(settings.chartCacheTtl()))) {
            return current;
        }
        synchronized (chartLock) {
            current = chart;
            if (current != null && settings.clock().instant().isBefore(current.loadedAt().plus(settings.chartCacheTtl()))) {
                return current;
            }
            return reloadChart(operation);
        }
    }

    private ChartSnapshot reloadChart(String operation) {
        synchronized (chartLock) {
            resolveBusiness(operation);
            List<SageWire.LedgerAccount> accounts = pages(operation, uris.of("/ledger_accounts",
                    "visible_in", "sales", "items_per_page", settings.pageSize(), "attributes", ACCOUNT_ATTRIBUTES),
                    api::ledgerAccounts, null);
            List<SageWire.TaxRate> rates = pages(operation, uris.of("/tax_rates", "usage", "sales",
                    "items_per_page", settings.pageSize(), "attributes", TAX_RATE_ATTRIBUTES), api::taxRates, null);
            ChartSnapshot loaded = new ChartSnapshot(accounts, rates, settings.clock().instant());
            chart = loaded;
            return loaded;
        }
    }

    // ================================================================================================ customers

    @Override
    public Optional<Customer> findCustomerByEmail(String email) {
        return findCustomer("findCustomerByEmail", normalisedEmail("findCustomerByEmail", email));
    }

    @Override
    public Optional<Customer> findCustomerById(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        String operation = "findCustomerById";
        if (!SAGE_ID.matcher(customerId).matches()) {
            return Optional.empty();
        }
        resolveBusiness(operation);
        try {
            SageWire.Contact contact = call(operation, () -> api.contact(uris.of("/contacts/" + customerId,
                    "attributes", CONTACT_ATTRIBUTES)), null);
            return Optional.of(toCustomer(contact, Optional.empty()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<Customer> findCustomer(String operation, String email) {
        resolveBusiness(operation);
        List<SageWire.Contact> contacts = pages(operation, uris.of("/contacts", "email", email, "contact_type_id",
                "CUSTOMER", "items_per_page", settings.pageSize(), "attributes", CONTACT_ATTRIBUTES),
                api::contacts, null);
        return contacts.stream()
                .filter(c -> c.id() != null && emailOf(c).map(e -> e.trim().equalsIgnoreCase(email)).orElse(false))
                .min(Comparator.comparing((SageWire.Contact c) -> c.createdAt() == null ? Instant.MAX
                        : c.createdAt().toInstant()))
                .map(c -> toCustomer(c, Optional.empty()));
    }

    @Override
    public Customer createCustomer(CustomerDraft draft, IdempotencyKey key) {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(key, "key");
        String operation = "createCustomer";
        String email = normalisedEmail(operation, draft.email());
        synchronized (stripe(email.toLowerCase(Locale.ROOT))) {
            Optional<Customer> existing = findCustomer(operation, email);
            if (existing.isPresent()) {
                return existing.get();
            }
            SageWire.NewContactRequest request = new SageWire.NewContactRequest(new SageWire.NewContact(
                    draft.name().trim(), List.of("CUSTOMER"), draft.externalReference().orElse(null),
                    new SageWire.NewContactPerson(draft.name().trim(), email, draft.phone().orElse(null), Boolean.TRUE),
                    sageIdempotencyId(key)));
            SageWire.Contact created = call(operation, () -> api.createContact(request), null);
            return toCustomer(created, Optional.of(email));
        }
    }

    private static Optional<String> emailOf(SageWire.Contact c) {
        if (c.email() != null && !c.email().isBlank()) {
            return Optional.of(c.email());
        }
        return Optional.ofNullable(c.mainContactPerson()).map(SageWire.ContactPerson::email)
                .filter(e -> !e.isBlank());
    }

    private static Customer toCustomer(SageWire.Contact c, Optional<String> fallbackEmail) {
        String name = c.name() != null ? c.name() : c.displayedAs() != null ? c.displayedAs() : c.id();
        return new Customer(c.id(), name, emailOf(c).or(() -> fallbackEmail),
                Optional.ofNullable(c.reference()).filter(r -> !r.isBlank()));
    }

    private static String normalisedEmail(String operation, String email) {
        Objects.requireNonNull(email, "email");
        String trimmed = email.strip();
        if (trimmed.isEmpty() || trimmed.indexOf('@') < 1) {
            throw new ValidationException(SageFailures.context(operation), "not an e-mail address",
                    List.of(new FieldError("email", "'" + email + "' is not an e-mail address", "")));
        }
        return trimmed;
    }

    // ================================================================================================ invoices

    @Override
    public Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key) {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(key, "key");
        String operation = "createInvoice";
        resolveBusiness(operation);
        ChartSnapshot snapshot = chart(operation);
        if (!knowsEveryCode(snapshot, draft)) {
            snapshot = reloadChart(operation);
        }
        List<SageWire.NewInvoiceLine> lines = new ArrayList<>();
        List<FieldError> problems = new ArrayList<>();
        int digits = minorDigits(draft.currency());
        for (int i = 0; i < draft.lines().size(); i++) {
            InvoiceLine line = draft.lines().get(i);
            Optional<LedgerAccount> account = snapshot.accountByCode(line.ledgerAccountCode());
            Optional<TaxRate> rate = snapshot.rateByCode(line.taxCode());
            String at = "lines[" + i + "].";
            if (account.isEmpty()) {
                problems.add(new FieldError(at + "ledgerAccountCode", "no ledger account with code "
                        + line.ledgerAccountCode() + " is visible on sales in this Sage business", "UnknownLedgerAccount"));
            } else if (!account.get().active()) {
                problems.add(new FieldError(at + "ledgerAccountCode", "ledger account " + line.ledgerAccountCode()
                        + " is not in the chart of accounts; include it in Sage or map the line elsewhere",
                        "InactiveLedgerAccount"));
            }
            if (rate.isEmpty()) {
                problems.add(new FieldError(at + "taxCode", "no sales tax rate with id " + line.taxCode()
                        + " in this Sage business", "UnknownTaxRate"));
            } else if (!rate.get().active()) {
                problems.add(new FieldError(at + "taxCode", "tax rate " + line.taxCode() + " is hidden in Sage",
                        "InactiveTaxRate"));
            }
            if (account.isPresent() && rate.isPresent()) {
                BigDecimal net = line.netAmount(draft.currency());
                BigDecimal discount = line.discount().isNone() ? null
                        : line.grossAmount().setScale(digits, RoundingMode.HALF_UP).subtract(net);
                lines.add(new SageWire.NewInvoiceLine(line.description(), account.get().id(), line.quantity(),
                        line.unitPrice(), discount == null || discount.signum() == 0 ? null : discount,
                        rate.get().id(), line.taxAmount(draft.currency(), rate.get())));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(SageFailures.context(operation), "invoice " + draft.reference()
                    + " does not match the Sage chart of accounts", problems);
        }
        SageWire.NewSalesInvoiceRequest request = new SageWire.NewSalesInvoiceRequest(new SageWire.NewSalesInvoice(
                draft.customerId(), draft.issueDate(), draft.dueDate(), draft.reference(), draft.memo().orElse(null),
                draft.currency().getCurrencyCode(), draft.approval() == InvoiceDraft.Approval.DRAFT ? "DRAFT" : null,
                lines, sageIdempotencyId(key)));
        synchronized (stripe(key.value())) {
            SageWire.SalesInvoice created = call(operation, () -> api.createSalesInvoice(request), null);
            return toInvoice(operation, created);
        }
    }

    private static boolean knowsEveryCode(ChartSnapshot snapshot, InvoiceDraft draft) {
        return draft.lines().stream().allMatch(l -> snapshot.accountByCode(l.ledgerAccountCode()).isPresent()
                && snapshot.rateByCode(l.taxCode()).isPresent());
    }

    @Override
    public Optional<Invoice> findInvoiceByReference(String reference) {
        Objects.requireNonNull(reference, "reference");
        String operation = "findInvoiceByReference";
        resolveBusiness(operation);
        List<SageWire.SalesInvoice> found = pages(operation, uris.of("/sales_invoices", "search", reference,
                "items_per_page", settings.pageSize(), "attributes", INVOICE_ATTRIBUTES), api::salesInvoices, null);
        return found.stream().filter(i -> reference.equals(i.reference()))
                .min(Comparator.comparing((SageWire.SalesInvoice i) -> i.createdAt() == null ? Instant.MAX
                        : i.createdAt().toInstant()))
                .map(i -> toInvoice(operation, i));
    }

    @Override
    public Invoice invoice(String invoiceId) {
        return toInvoice("invoice", fetch("invoice", invoiceId));
    }

    private SageWire.SalesInvoice fetch(String operation, String invoiceId) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        if (!SAGE_ID.matcher(invoiceId).matches()) {
            throw new ValidationException(SageFailures.context(operation), "not a Sage invoice id",
                    List.of(new FieldError("invoiceId", "'" + invoiceId + "' is not a Sage id (letters and digits)",
                            "")));
        }
        resolveBusiness(operation);
        return call(operation, () -> api.salesInvoice(uris.of("/sales_invoices/" + invoiceId)), null);
    }

    @Override
    public InvoiceChanges invoiceChangesSince(ChangeCursor cursor) {
        Objects.requireNonNull(cursor, "cursor");
        String operation = "invoiceChangesSince";
        ChangesCursor position = ChangesCursor.decode(cursor).orElseThrow(() -> new ValidationException(
                SageFailures.context(operation), "not a cursor of this port", List.of(new FieldError("cursor",
                "'" + cursor.value() + "' was not made by ChangeCursor.since(...) or by this port", ""))));
        resolveBusiness(operation);
        Instant since = position.since().truncatedTo(ChronoUnit.SECONDS);
        URI uri = uris.of("/sales_invoices", "updated_or_created_since",
                SINCE.format(OffsetDateTime.ofInstant(since, ZoneOffset.UTC)), "sort", "updated_at",
                "items_per_page", settings.pageSize(), "page", position.page(), "attributes", INVOICE_ATTRIBUTES);
        SageWire.Page<SageWire.SalesInvoice> page = call(operation, () -> api.salesInvoices(uri), null);
        List<Invoice> invoices = new ArrayList<>();
        Instant newest = since;
        for (SageWire.SalesInvoice item : page.itemsOrEmpty()) {
            Invoice invoice = toInvoice(operation, item);
            invoices.add(invoice);
            if (invoice.updatedAt().isAfter(newest)) {
                newest = invoice.updatedAt();
            }
        }
        boolean hasMore = page.next() != null && !page.next().isBlank() && !invoices.isEmpty();
        ChangesCursor next;
        if (hasMore) {
            // Restart from the newest change seen (inclusive) rather than follow $next: an invoice that changes while
            // we read moves to the end of the updated_at order, and page numbers would then skip the one behind it.
            // Only when the whole page shares one timestamp does $next (the following page) make progress.
            next = newest.isAfter(since) ? new ChangesCursor(newest, 1) : new ChangesCursor(since, position.page() + 1);
        } else {
            Instant back = newest.minus(settings.changesOverlap());
            next = new ChangesCursor(back.isAfter(since) ? back : since, 1);
        }
        return new InvoiceChanges(invoices, next.encode(), hasMore);
    }

    @Override
    public Invoice voidInvoice(String invoiceId, String reason) {
        Objects.requireNonNull(reason, "reason");
        String operation = "voidInvoice";
        if (reason.isBlank()) {
            throw new ValidationException(SageFailures.context(operation), "a void needs a reason",
                    List.of(new FieldError("reason", "must not be blank; Sage records it as void_reason", "")));
        }
        Invoice current = toInvoice(operation, fetch(operation, invoiceId));
        switch (current.status()) {
            case VOID:
                return current;
            case PAID:
            case PARTIALLY_PAID:
                throw new ConflictException(SageFailures.context(operation), "invoice " + current.number()
                        + " has payments or allocations; remove them in Sage before voiding it");
            default:
                break;
        }
        if (current.amountDue().amount().compareTo(current.total().amount()) < 0) {
            throw new ConflictException(SageFailures.context(operation), "invoice " + current.number()
                    + " has payments or allocations; remove them in Sage before voiding it");
        }
        URI uri = uris.of("/sales_invoices/" + invoiceId, "void_reason", reason.strip());
        SageWire.SalesInvoice answer;
        try {
            answer = call(operation, () -> api.deleteSalesInvoice(uri), null);
        } catch (ValidationException | ConflictException e) {
            Invoice after = toInvoice(operation, fetch(operation, invoiceId));
            if (after.status() == InvoiceStatus.VOID) {
                return after;
            }
            throw new ConflictException(e.context(), "Sage refused to void invoice " + current.number() + ": "
                    + e.getMessage(), e);
        }
        if (answer != null && answer.id() != null) {
            return toInvoice(operation, answer);
        }
        if (current.status() == InvoiceStatus.DRAFT) {
            return current.withStatus(InvoiceStatus.VOID);
        }
        return toInvoice(operation, fetch(operation, invoiceId));
    }

    // ================================================================================================ mapping

    private Invoice toInvoice(String operation, SageWire.SalesInvoice s) {
        Currency currency = currencyOf(s);
        String status = s.status() == null || s.status().id() == null ? "" : s.status().id().toUpperCase(Locale.ROOT);
        BigDecimal total = orZero(s.totalAmount());
        BigDecimal due = s.outstandingAmount() != null ? s.outstandingAmount() : total.subtract(orZero(s.totalPaid()));
        InvoiceStatus base = s.deletedAt() != null ? InvoiceStatus.VOID : statusOf(status, s.id());
        LocalDate issued = s.date() != null ? s.date() : LocalDate.now(settings.clock());
        LocalDate dueDate = s.dueDate() != null ? s.dueDate() : issued;
        InvoiceStatus derived = InvoiceStatus.derive(base, dueDate, due, LocalDate.now(settings.clock()));
        List<InvoiceLine> lines = new ArrayList<>();
        if (s.invoiceLines() != null && !s.invoiceLines().isEmpty()) {
            ChartSnapshot snapshot = chart(operation);
            boolean unknownAccount = s.invoiceLines().stream().anyMatch(l -> l.ledgerAccount() != null
                    && l.ledgerAccount().id() != null && snapshot.accountById(l.ledgerAccount().id()).isEmpty());
            ChartSnapshot used = unknownAccount && snapshot.loadedAt().plus(MIN_CHART_RELOAD_INTERVAL)
                    .isBefore(settings.clock().instant()) ? reloadChart(operation) : snapshot;
            for (SageWire.InvoiceLine line : s.invoiceLines()) {
                lines.add(toLine(line, used));
            }
        }
        Instant updated = s.updatedAt() != null ? s.updatedAt().toInstant()
                : s.createdAt() != null ? s.createdAt().toInstant() : settings.clock().instant();
        return new Invoice(s.id(), numberOf(s), s.contact() == null || s.contact().id() == null ? "" : s.contact().id(),
                Optional.ofNullable(s.reference()).filter(r -> !r.isBlank()), currency, issued, dueDate, derived,
                money(s.netAmount(), currency), money(s.taxAmount(), currency), money(total, currency),
                money(due, currency), linkOf(s), lines, updated);
    }

    private static InvoiceLine toLine(SageWire.InvoiceLine line, ChartSnapshot snapshot) {
        String accountId = line.ledgerAccount() == null ? null : line.ledgerAccount().id();
        String accountCode = accountId == null ? "UNKNOWN"
                : snapshot.accountById(accountId).map(LedgerAccount::code).orElse(accountId);
        String taxCode = line.taxRate() == null || line.taxRate().id() == null || line.taxRate().id().isBlank()
                ? "NONE" : line.taxRate().id();
        BigDecimal quantity = line.quantity();
        BigDecimal unitPrice = orZero(line.unitPrice());
        if (quantity == null || quantity.signum() <= 0) {
            quantity = BigDecimal.ONE;
            unitPrice = orZero(line.netAmount());
        }
        BigDecimal discount = orZero(line.discountAmount());
        String description = line.description() == null || line.description().isBlank() ? "(no description)"
                : line.description();
        return new InvoiceLine(description, quantity, unitPrice,
                discount.signum() > 0 ? Discount.amount(discount)
                        : Discount.none(),
                accountCode, taxCode, Dimensions.none(), Optional.empty());
    }

    /**
     * Sage's status ids onto the SPI's: {@code DRAFT}/{@code PRO_FORMA} ⇒ draft, {@code UNPAID} ⇒ awaiting
     * payment, {@code PART_PAID} ⇒ partially paid, {@code PAID} ⇒ paid, {@code VOID} ⇒ void; OVERDUE is derived.
     */
    static InvoiceStatus statusOf(String sageStatus, String invoiceId) {
        return switch (sageStatus) {
            case "DRAFT", "PRO_FORMA" -> InvoiceStatus.DRAFT;
            case "UNPAID" -> InvoiceStatus.AWAITING_PAYMENT;
            case "PART_PAID" -> InvoiceStatus.PARTIALLY_PAID;
            case "PAID" -> InvoiceStatus.PAID;
            case "VOID" -> InvoiceStatus.VOID;
            default -> {
                LOG.warn("Sage invoice {} has the unknown status '{}'; reading it as awaiting payment", invoiceId,
                        sageStatus);
                yield InvoiceStatus.AWAITING_PAYMENT;
            }
        };
    }

    private Currency currencyOf(SageWire.SalesInvoice s) {
        if (s.currency() != null && s.currency().id() != null) {
            try {
                return Currency.getInstance(s.currency().id().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                LOG.warn("Sage invoice {} has the unknown currency '{}'; using {}", s.id(), s.currency().id(),
                        settings.fallbackCurrency());
            }
        }
        return settings.fallbackCurrency();
    }

    private static String numberOf(SageWire.SalesInvoice s) {
        if (s.invoiceNumber() != null) {
            return s.invoiceNumber();
        }
        return s.displayedAs() == null ? "" : s.displayedAs();
    }

    private static Optional<URI> linkOf(SageWire.SalesInvoice s) {
        if (s.links() == null) {
            return Optional.empty();
        }
        return s.links().stream()
                .filter(l -> l.href() != null && "alternate".equalsIgnoreCase(l.rel())
                        && (l.type() == null || l.type().toLowerCase(Locale.ROOT).startsWith("text/html")))
                .findFirst()
                .flatMap(l -> {
                    try {
                        URI uri = URI.create(l.href());
                        return uri.isAbsolute() ? Optional.of(uri) : Optional.<URI>empty();
                    } catch (IllegalArgumentException e) {
                        return Optional.<URI>empty();
                    }
                });
    }

    private static Money money(BigDecimal amount, Currency currency) {
        return new Money(orZero(amount), currency);
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static int minorDigits(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        return digits < 0 ? 2 : digits;
    }

    /**
     * Sage asks for "a random 32 character hyphenless GUID": keys already in that form (as
     * {@link IdempotencyKey#derive} makes them) go as they are, others as the first 32 hex digits of their SHA-256.
     */
    static String sageIdempotencyId(IdempotencyKey key) {
        String value = key.value().toLowerCase(Locale.ROOT);
        if (HEX32.matcher(value).matches()) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // ================================================================================================ calls

    private <T> List<T> pages(String operation, URI first, Function<URI, SageWire.Page<T>> fetch, String rateKey) {
        List<T> items = new ArrayList<>();
        Set<URI> seen = new LinkedHashSet<>();
        URI uri = first;
        while (uri != null && seen.add(uri) && seen.size() <= MAX_PAGES) {
            URI current = uri;
            SageWire.Page<T> page = call(operation, () -> fetch.apply(current), rateKey);
            items.addAll(page.itemsOrEmpty());
            if (page.next() == null || page.next().isBlank() || page.itemsOrEmpty().isEmpty()) {
                break;
            }
            uri = uris.next(page.next()).orElseThrow(() -> new TransientAccountingException(
                    SageFailures.context(operation), "Sage answered a $next link to another host; the port does not "
                    + "send its token there"));
        }
        return items;
    }

    /**
     * One logical call: Failsafe retries of transient failures around attempts that each take a rate-limit permit
     * and refresh the token once after a 401.
     */
    private <T> T call(String operation, Supplier<T> request, String rateKey) {
        String key = rateKey != null ? rateKey : currentBusiness();
        try {
            return Failsafe.with(retryPolicy).get(() -> attempt(request, key));
        } catch (FailsafeException e) {
            throw SageFailures.translate(operation, e.getCause() == null ? e : e.getCause());
        } catch (AccountingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SageFailures.translate(operation, e);
        }
    }

    private <T> T attempt(Supplier<T> request, String key) {
        settings.limiter().acquire(key);
        try {
            return request.get();
        } catch (SageHttpFailure failure) {
            if (failure.status() != 401 || !settings.refreshTokenOnUnauthorized()
                    || failure.rejectedToken().isEmpty()) {
                throw failure;
            }
            Optional<Secret> fresh = settings.tokens().refreshAfterUnauthorized(failure.rejectedToken().get());
            if (fresh.isEmpty()) {
                throw failure;
            }
            settings.limiter().acquire(key);
            return request.get();
        }
    }

    private Object stripe(String key) {
        return stripes[Math.floorMod(key.hashCode(), STRIPES)];
    }

    @Override
    public String toString() {
        return "SageCloudPort[baseUrl=" + uris + ", connection=" + settings.connectionId() + ", business="
                + (businessId == null ? "(not resolved)" : businessId) + "]";
    }
}
