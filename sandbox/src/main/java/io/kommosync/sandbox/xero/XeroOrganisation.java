package io.kommosync.sandbox.xero;

import io.kommosync.sandbox.SandboxException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One simulated Xero organisation (a tenant): its chart of accounts, tax rates, tracking categories, contacts,
 * invoices and payments, with the admin API tests and fixtures use to act "in Xero" as a person would (raise an
 * invoice by hand, record a payment, void).
 *
 * <p>Thread-safe: one lock per organisation. Changes made here or through the HTTP API fire webhook events
 * ({@code INVOICE}/{@code CONTACT}, {@code CREATE}/{@code UPDATE}) to the simulator's subscription.
 */
public final class XeroOrganisation {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final XeroSimulator simulator;
    private final String tenantId;
    private final String name;
    private final String baseCurrency;
    private final ZoneId zone;
    private final Instant createdAt;

    private final Set<String> currencies = new LinkedHashSet<>();
    private final Map<String, XeroAccount> accounts = new LinkedHashMap<>();
    private final Map<String, XeroTaxRate> taxRates = new LinkedHashMap<>();
    private final Map<String, XeroTrackingCategory> tracking = new LinkedHashMap<>();
    private final Map<String, XeroContact> contacts = new LinkedHashMap<>();
    private final Map<String, InvoiceState> invoices = new LinkedHashMap<>();
    private final Map<String, Stored> idempotent = new LinkedHashMap<>();
    private final Map<String, List<HistoryNote>> history = new LinkedHashMap<>();
    private int invoiceNumbers;
    private long changeSeq;

    /** A response remembered under an idempotency key. */
    record Stored(String operation, int status, byte[] body) {
    }

    /** A note of an invoice's history. */
    record HistoryNote(String details, Instant at) {
    }

    XeroOrganisation(XeroSimulator simulator, String name, String baseCurrency, ZoneId zone) {
        this.simulator = simulator;
        this.tenantId = UUID.randomUUID().toString();
        this.name = name;
        this.baseCurrency = baseCurrency;
        this.zone = zone;
        this.createdAt = simulator.clock().instant();
        this.currencies.add(baseCurrency);
    }

    // ------------------------------------------------------------------------------------------ identity

    /** @return the tenant id, the value of the {@code xero-tenant-id} header */
    public String tenantId() {
        return tenantId;
    }

    /** @return the organisation's name */
    public String name() {
        return name;
    }

    /** @return the base currency */
    public String baseCurrency() {
        return baseCurrency;
    }

    /** @return the organisation's time zone, which decides "today" */
    public ZoneId zone() {
        return zone;
    }

    /** @return today's date in the organisation's time zone, by the simulator's clock */
    public LocalDate today() {
        return LocalDate.ofInstant(simulator.clock().instant(), zone);
    }

    Instant createdAt() {
        return createdAt;
    }

    // ------------------------------------------------------------------------------------------ chart

    /**
     * Seeds a UK chart: accounts {@code 200} Sales and {@code 260} Other Revenue (active revenue), {@code 270}
     * Interest Income (other income), {@code 299} Old Sales (archived revenue), {@code 400} Advertising (expense),
     * {@code 090} Business Bank Account (bank, accepts payments); tax rates {@code OUTPUT2} 20 %,
     * {@code RROUTPUT} 5 %, {@code ZERORATEDOUTPUT} 0 %, {@code NONE} 0 % (sales) and {@code INPUT2} 20 %
     * (purchases only); tracking categories {@code Region} (North, South) and {@code Channel} (Online, Retail).
     *
     * @return this organisation
     */
    public XeroOrganisation withDemoChart() {
        addAccount("200", "Sales", "REVENUE", "OUTPUT2");
        addAccount("260", "Other Revenue", "REVENUE", "OUTPUT2");
        addAccount("270", "Interest Income", "OTHERINCOME", "NONE");
        addAccount("299", "Old Sales", "SALES", "OUTPUT2");
        archiveAccount("299");
        addAccount("400", "Advertising", "EXPENSE", "INPUT2");
        addAccount("090", "Business Bank Account", "BANK", "NONE");
        addTaxRate("OUTPUT2", "20% (VAT on Income)", new BigDecimal("20.0000"), true);
        addTaxRate("RROUTPUT", "5% (VAT on Income)", new BigDecimal("5.0000"), true);
        addTaxRate("ZERORATEDOUTPUT", "Zero Rated Income", new BigDecimal("0.0000"), true);
        addTaxRate("NONE", "No VAT", new BigDecimal("0.0000"), true);
        addTaxRate("INPUT2", "20% (VAT on Expenses)", new BigDecimal("20.0000"), false);
        addTrackingCategory("Region", "North", "South");
        addTrackingCategory("Channel", "Online", "Retail");
        return this;
    }

    /**
     * Adds an active account.
     *
     * @param code    the code, unique, at most 10 characters
     * @param name    the name
     * @param type    Xero's type ({@code REVENUE}, {@code SALES}, {@code OTHERINCOME}, {@code EXPENSE},
     *                {@code BANK}…)
     * @param taxType the default tax type
     * @return the account
     * @throws SandboxException if the code is taken or malformed
     */
    public synchronized XeroAccount addAccount(String code, String name, String type, String taxType) {
        Objects.requireNonNull(code, "code");
        if (code.isBlank() || code.length() > 10) {
            throw new SandboxException("an account code has 1 to 10 characters, was '" + code + "'");
        }
        if (accounts.containsKey(code)) {
            throw new SandboxException("account code " + code + " is taken in " + name());
        }
        XeroAccount account = new XeroAccount(UUID.randomUUID().toString(), code, name,
                type.toUpperCase(Locale.ROOT), "ACTIVE", taxType);
        accounts.put(code, account);
        return account;
    }

    /**
     * Archives an account: lines can no longer post to it.
     *
     * @param code the account code
     * @return the archived account
     * @throws SandboxException if there is no such account
     */
    public synchronized XeroAccount archiveAccount(String code) {
        XeroAccount account = accounts.get(code);
        if (account == null) {
            throw new SandboxException("no account " + code + " in " + name() + "; add it with addAccount");
        }
        XeroAccount archived = account.withStatus("ARCHIVED");
        accounts.put(code, archived);
        return archived;
    }

    /**
     * Adds an active tax rate.
     *
     * @param taxType           the code, unique
     * @param name              the name
     * @param rate              the rate in percent
     * @param canApplyToRevenue whether sales lines may use it
     * @return the tax rate
     * @throws SandboxException if the code is taken
     */
    public synchronized XeroTaxRate addTaxRate(String taxType, String name, BigDecimal rate,
                                               boolean canApplyToRevenue) {
        if (taxRates.containsKey(taxType)) {
            throw new SandboxException("tax type " + taxType + " is taken in " + name());
        }
        XeroTaxRate taxRate = new XeroTaxRate(taxType, name, rate, canApplyToRevenue, "ACTIVE");
        taxRates.put(taxType, taxRate);
        return taxRate;
    }

    /**
     * Adds an active tracking category with active options.
     *
     * @param name    the category's name, unique
     * @param options the options' names
     * @return the category
     * @throws SandboxException if the name is taken
     */
    public synchronized XeroTrackingCategory addTrackingCategory(String name, String... options) {
        if (tracking.values().stream().anyMatch(c -> c.name().equalsIgnoreCase(name))) {
            throw new SandboxException("tracking category " + name + " exists in " + name());
        }
        List<XeroTrackingOption> opts = new ArrayList<>();
        for (String option : options) {
            opts.add(new XeroTrackingOption(UUID.randomUUID().toString(), option, "ACTIVE"));
        }
        XeroTrackingCategory category = new XeroTrackingCategory(UUID.randomUUID().toString(), name, "ACTIVE", opts);
        tracking.put(category.categoryId(), category);
        return category;
    }

    /**
     * Lets invoices use another currency besides the base currency.
     *
     * @param currencyCode an ISO 4217 code
     * @return this organisation
     */
    public synchronized XeroOrganisation enableCurrency(String currencyCode) {
        currencies.add(Currency.getInstance(currencyCode).getCurrencyCode());
        return this;
    }

    /** @return the accounts in the order added */
    public synchronized List<XeroAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    /**
     * An account by code.
     *
     * @param code the code
     * @return the account
     * @throws SandboxException if there is none
     */
    public synchronized XeroAccount account(String code) {
        return Optional.ofNullable(accounts.get(code)).orElseThrow(() ->
                new SandboxException("no account " + code + " in " + name()));
    }

    /** @return the tax rates in the order added */
    public synchronized List<XeroTaxRate> taxRates() {
        return List.copyOf(taxRates.values());
    }

    /** @return the tracking categories in the order added */
    public synchronized List<XeroTrackingCategory> trackingCategories() {
        return List.copyOf(tracking.values());
    }

    /**
     * A tracking category by name, ignoring case.
     *
     * @param categoryName the name
     * @return the category
     * @throws SandboxException if there is none
     */
    public synchronized XeroTrackingCategory trackingCategory(String categoryName) {
        return tracking.values().stream().filter(c -> c.name().equalsIgnoreCase(categoryName)).findFirst()
                .orElseThrow(() -> new SandboxException("no tracking category " + categoryName + " in " + name()));
    }

    // ------------------------------------------------------------------------------------------ contacts

    /**
     * Adds an active contact, as a person would in Xero.
     *
     * @param contactName the unique name
     * @param email       the e-mail address, or {@code null}
     * @return the contact
     * @throws SandboxException if an active contact has the name
     */
    public XeroContact addContact(String contactName, String email) {
        return addContact(contactName, email, null);
    }

    /**
     * Adds an active contact with a contact number.
     *
     * @param contactName   the unique name
     * @param email         the e-mail address, or {@code null}
     * @param contactNumber the contact number, or {@code null}
     * @return the contact
     * @throws SandboxException if an active contact has the name
     */
    public XeroContact addContact(String contactName, String email, String contactNumber) {
        XeroContact contact;
        synchronized (this) {
            List<String> problems = contactProblems(contactName, email);
            if (!problems.isEmpty()) {
                throw new SandboxException(String.join("; ", problems));
            }
            contact = storeContact(contactName, email, contactNumber, null);
        }
        simulator.flushWebhooks();
        return contact;
    }

    /** @return every contact, in the order created */
    public synchronized List<XeroContact> contacts() {
        return List.copyOf(contacts.values());
    }

    /**
     * A contact by id.
     *
     * @param contactId the id
     * @return the contact, or empty
     */
    public synchronized Optional<XeroContact> contact(String contactId) {
        return Optional.ofNullable(contacts.get(contactId));
    }

    /**
     * Counts contacts whose e-mail address equals this one ignoring case and surrounding white space.
     *
     * @param email the address
     * @return how many contacts have it
     */
    public synchronized int countContactsWithEmail(String email) {
        String wanted = email.trim();
        return (int) contacts.values().stream()
                .filter(c -> c.email().filter(e -> e.equalsIgnoreCase(wanted)).isPresent()).count();
    }

    // ------------------------------------------------------------------------------------------ invoices

    /** @return every invoice, in the order created */
    public synchronized List<XeroInvoice> invoices() {
        return invoices.values().stream().map(InvoiceState::snapshot).toList();
    }

    /**
     * An invoice by id.
     *
     * @param invoiceId the id
     * @return the invoice, or empty
     */
    public synchronized Optional<XeroInvoice> invoice(String invoiceId) {
        return Optional.ofNullable(invoices.get(invoiceId)).map(InvoiceState::snapshot);
    }

    /**
     * The invoices carrying a reference, deleted and voided ones included.
     *
     * @param reference the reference, compared exactly
     * @return the invoices, in the order created
     */
    public synchronized List<XeroInvoice> invoicesWithReference(String reference) {
        return invoices.values().stream().filter(i -> reference.equals(i.reference)).map(InvoiceState::snapshot)
                .toList();
    }

    /**
     * Counts the invoices carrying a reference, deleted and voided ones included.
     *
     * @param reference the reference, compared exactly
     * @return how many carry it
     */
    public int countInvoicesWithReference(String reference) {
        return invoicesWithReference(reference).size();
    }

    /**
     * Raises and approves a sales invoice as a person would in Xero: no reference, numbered, status
     * {@code AUTHORISED}, dated today, tax-exclusive lines. Fires an {@code INVOICE CREATE} event — the engine's
     * "create a deal from a ledger invoice" path.
     *
     * @param contactId    the contact
     * @param currencyCode the currency, the base currency or an enabled one
     * @param dueDate      the due date
     * @param lines        at least one line
     * @return the invoice
     * @throws SandboxException naming every problem (unknown contact, account, tax type, tracking option…)
     */
    public XeroInvoice raiseInvoiceByHand(String contactId, String currencyCode, LocalDate dueDate,
                                          List<XeroNewLine> lines) {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(currencyCode, "currencyCode");
        Objects.requireNonNull(dueDate, "dueDate");
        if (lines.isEmpty()) {
            throw new SandboxException("an invoice raised by hand needs at least one line");
        }
        XeroInvoice created;
        synchronized (this) {
            List<LineDraft> drafts = new ArrayList<>();
            for (XeroNewLine l : lines) {
                List<TrackingRef> refs = new ArrayList<>();
                l.tracking().forEach((category, option) -> refs.add(new TrackingRef(null, category, null, option)));
                drafts.add(new LineDraft(l.description(), l.quantity(), l.unitAmount(), l.accountCode(), l.taxType(),
                        l.discountRate().orElse(null), null, null, refs));
            }
            InvoiceDraft draft = new InvoiceDraft("ACCREC", contactId, null, today(), dueDate, currencyCode,
                    "Exclusive", null, null, "AUTHORISED", drafts);
            Result result = create(draft);
            if (!result.errors().isEmpty()) {
                throw new SandboxException("cannot raise the invoice: " + String.join("; ", result.errors()));
            }
            created = result.invoice();
        }
        simulator.flushWebhooks();
        return created;
    }

    /**
     * Approves a draft or submitted invoice ({@code AUTHORISED}).
     *
     * @param invoiceId the invoice
     * @return the invoice
     * @throws SandboxException if there is no such invoice or it is not a draft
     */
    public XeroInvoice approve(String invoiceId) {
        XeroInvoice result;
        synchronized (this) {
            InvoiceState i = state(invoiceId);
            if (!i.status.equals("DRAFT") && !i.status.equals("SUBMITTED")) {
                throw new SandboxException("invoice " + i.number + " is " + i.status + "; only drafts can be approved");
            }
            i.status = "AUTHORISED";
            touch(i);
            result = i.snapshot();
        }
        simulator.flushWebhooks();
        return result;
    }

    /**
     * Records a payment of part or all of an approved invoice, into the first bank account.
     *
     * @param invoiceId the invoice
     * @param amount    the amount, positive and not more than the amount due
     * @return the invoice after the payment ({@code PAID} when nothing is left to pay)
     * @throws SandboxException if the invoice is not approved or the amount is out of range
     */
    public XeroInvoice recordPayment(String invoiceId, BigDecimal amount) {
        XeroInvoice result;
        synchronized (this) {
            List<String> problems = applyPayment(state(invoiceId), amount, today());
            if (!problems.isEmpty()) {
                throw new SandboxException(String.join("; ", problems));
            }
            result = state(invoiceId).snapshot();
        }
        simulator.flushWebhooks();
        return result;
    }

    /**
     * Pays the whole amount due of an approved invoice.
     *
     * @param invoiceId the invoice
     * @return the {@code PAID} invoice
     * @throws SandboxException if the invoice is not approved
     */
    public XeroInvoice markPaid(String invoiceId) {
        BigDecimal due;
        synchronized (this) {
            due = state(invoiceId).amountDue();
        }
        return recordPayment(invoiceId, due);
    }

    /**
     * Voids an approved invoice without payments ({@code VOIDED}) or deletes a draft ({@code DELETED}), as a
     * person would in Xero.
     *
     * @param invoiceId the invoice
     * @return the invoice
     * @throws SandboxException if it has payments or is already void
     */
    public XeroInvoice voidInvoice(String invoiceId) {
        XeroInvoice result;
        synchronized (this) {
            InvoiceState i = state(invoiceId);
            String target = i.status.equals("DRAFT") || i.status.equals("SUBMITTED") ? "DELETED" : "VOIDED";
            List<String> problems = changeStatus(i, target);
            if (!problems.isEmpty()) {
                throw new SandboxException(String.join("; ", problems));
            }
            result = i.snapshot();
        }
        simulator.flushWebhooks();
        return result;
    }

    /**
     * The history notes of an invoice, oldest first.
     *
     * @param invoiceId the invoice
     * @return the notes' texts
     */
    public synchronized List<String> history(String invoiceId) {
        return history.getOrDefault(invoiceId, List.of()).stream().map(HistoryNote::details).toList();
    }

    @Override
    public String toString() {
        return "XeroOrganisation[" + name + ", " + tenantId + "]";
    }

    // ========================================================================================== internals

    /**
     * Runs an operation once per idempotency key and operation (method and path); a repeat returns the first answer.
     * Holds the lock, so concurrent repeats wait for the first.
     */
    synchronized Stored idempotent(String key, String operation, Supplier<Stored> action) {
        if (key == null) {
            return action.get();
        }
        String scoped = operation + "|" + key;
        Stored earlier = idempotent.get(scoped);
        if (earlier != null) {
            return earlier;
        }
        Stored stored = action.get();
        if (stored.status() < 500) {
            idempotent.put(scoped, stored);
        }
        return stored;
    }

    synchronized Map<String, XeroAccount> accountsByCode() {
        return Map.copyOf(accounts);
    }

    synchronized List<XeroInvoice> invoicesInChangeOrder() {
        return invoices.values().stream()
                .sorted(Comparator.comparing((InvoiceState i) -> i.updatedAt).thenComparingLong(i -> i.changeSeq))
                .map(InvoiceState::snapshot).toList();
    }

    synchronized List<HistoryNote> historyNotes(String invoiceId) {
        return List.copyOf(history.getOrDefault(invoiceId, List.of()));
    }

    synchronized void addHistory(String invoiceId, String details) {
        state(invoiceId);
        history.computeIfAbsent(invoiceId, k -> new ArrayList<>())
                .add(new HistoryNote(details, simulator.clock().instant()));
    }

    synchronized Optional<XeroInvoice> invoiceByOnlineToken(String token) {
        return invoices.values().stream().filter(i -> token.equals(i.onlineToken)).findFirst()
                .map(InvoiceState::snapshot);
    }

    /** A contact to create; errors are Xero's messages. */
    synchronized ContactResult createContact(String contactName, String email, String contactNumber, String phone) {
        List<String> problems = contactProblems(contactName, email);
        if (contactNumber != null && contactNumber.length() > 50) {
            problems.add("The ContactNumber must be 50 characters or fewer.");
        }
        if (!problems.isEmpty()) {
            return new ContactResult(null, problems);
        }
        return new ContactResult(storeContact(contactName, email, contactNumber, phone), List.of());
    }

    record ContactResult(XeroContact contact, List<String> errors) {
    }

    private List<String> contactProblems(String contactName, String email) {
        List<String> problems = new ArrayList<>();
        if (contactName == null || contactName.isBlank()) {
            problems.add("The contact name must be specified.");
        } else if (contacts.values().stream().anyMatch(c -> c.status().equals("ACTIVE")
                && c.name().equalsIgnoreCase(contactName.trim()))) {
            problems.add("The contact name " + contactName.trim() + " is already assigned to another contact. "
                    + "The contact name must be unique across all active contacts.");
        }
        if (email != null && !email.isBlank() && !EMAIL.matcher(email.trim()).matches()) {
            problems.add("Email address must be valid.");
        }
        return problems;
    }

    private XeroContact storeContact(String contactName, String email, String contactNumber, String phone) {
        XeroContact contact = new XeroContact(UUID.randomUUID().toString(), contactName.trim(),
                Optional.ofNullable(email).filter(e -> !e.isBlank()).map(String::trim),
                Optional.ofNullable(contactNumber).filter(n -> !n.isBlank()),
                Optional.ofNullable(phone).filter(p -> !p.isBlank()), "ACTIVE", simulator.clock().instant());
        contacts.put(contact.contactId(), contact);
        simulator.enqueueEvent(this, "CONTACT", "CREATE", contact.contactId());
        return contact;
    }

    // ------------------------------------------------------------------------------------------ invoice writes

    /** What a create or update asks for, parsed from JSON or built by the admin API. */
    record InvoiceDraft(String type, String contactId, String contactName, LocalDate date, LocalDate dueDate,
                        String currencyCode, String lineAmountTypes, String invoiceNumber, String reference,
                        String status, List<LineDraft> lines) {
    }

    /** One line of a draft; nulls for what was not given. */
    record LineDraft(String description, BigDecimal quantity, BigDecimal unitAmount, String accountCode,
                     String taxType, BigDecimal discountRate, BigDecimal discountAmount, String itemCode,
                     List<TrackingRef> tracking) {
    }

    /** A tracking reference as given: by ids or by names. */
    record TrackingRef(String categoryId, String categoryName, String optionId, String optionName) {
    }

    /** The outcome of one element: the invoice, or Xero's validation messages. */
    record Result(XeroInvoice invoice, List<String> errors) {
    }

    synchronized Result create(InvoiceDraft draft) {
        List<String> errors = new ArrayList<>();
        String type = draft.type() == null ? null : draft.type().toUpperCase(Locale.ROOT);
        if (type == null) {
            errors.add("Invoice Type must be specified.");
        } else if (!type.equals("ACCREC") && !type.equals("ACCPAY")) {
            errors.add("Invoice Type " + type + " is not supported by the Xero simulator; use ACCREC or ACCPAY.");
        }
        XeroContact contact = null;
        if (draft.contactId() != null) {
            contact = contacts.get(draft.contactId());
            if (contact == null) {
                errors.add("The contact with ContactID " + draft.contactId() + " could not be found.");
            }
        } else if (draft.contactName() != null && !draft.contactName().isBlank()) {
            contact = contacts.values().stream().filter(c -> c.status().equals("ACTIVE")
                    && c.name().equalsIgnoreCase(draft.contactName().trim())).findFirst().orElse(null);
        } else {
            errors.add("A Contact must be specified for this type of transaction.");
        }
        String status = draft.status() == null ? "DRAFT" : draft.status().toUpperCase(Locale.ROOT);
        if (!Set.of("DRAFT", "SUBMITTED", "AUTHORISED").contains(status)) {
            errors.add("Invoice Status " + status + " is not valid when creating an invoice.");
        }
        String currency = draft.currencyCode() == null ? baseCurrency : draft.currencyCode().toUpperCase(Locale.ROOT);
        if (!currencies.contains(currency)) {
            errors.add("Organisation is not subscribed to currency " + currency + ".");
        }
        String amountTypes = normaliseAmountTypes(draft.lineAmountTypes());
        if (amountTypes == null) {
            errors.add("LineAmountTypes " + draft.lineAmountTypes()
                    + " is not valid; use Exclusive, Inclusive or NoTax.");
        }
        if (draft.invoiceNumber() != null && invoices.values().stream().anyMatch(i -> !i.status.equals("DELETED")
                && i.number.equalsIgnoreCase(draft.invoiceNumber()))) {
            errors.add("Invoice # must be unique.");
        }
        LocalDate date = draft.date() == null ? today() : draft.date();
        LocalDate due = draft.dueDate() == null ? date.plusDays(30) : draft.dueDate();
        if (due.isBefore(date)) {
            errors.add("Due Date must be on or after the invoice date.");
        }
        if (draft.lines().isEmpty() && !status.equals("DRAFT")) {
            errors.add("Invoices must have at least one line item to be approved.");
        }
        Currency cur = safeCurrency(currency);
        List<XeroLineItem> lines = new ArrayList<>();
        for (LineDraft l : draft.lines()) {
            XeroLineItem line = line(l, type, amountTypes == null ? "Exclusive" : amountTypes, cur, status, errors);
            if (line != null) {
                lines.add(line);
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        if (contact == null) {
            contact = storeContact(draft.contactName(), null, null, null);
        }
        InvoiceState i = new InvoiceState();
        i.id = UUID.randomUUID().toString();
        i.type = type;
        i.number = draft.invoiceNumber() != null ? draft.invoiceNumber()
                : type.equals("ACCREC") ? String.format(Locale.ROOT, "INV-%04d", ++invoiceNumbers) : "";
        i.reference = draft.reference() == null || draft.reference().isEmpty() ? null : draft.reference();
        i.contactId = contact.contactId();
        i.currency = currency;
        i.date = date;
        i.dueDate = due;
        i.status = status;
        i.amountTypes = amountTypes;
        i.lines = List.copyOf(lines);
        i.scale = cur.getDefaultFractionDigits() < 0 ? 2 : cur.getDefaultFractionDigits();
        invoices.put(i.id, i);
        touch(i);
        simulator.enqueueEvent(this, "INVOICE", "CREATE", i.id);
        return new Result(i.snapshot(), List.of());
    }

    synchronized Result update(String invoiceId, String newStatus, String newReference, LocalDate newDueDate) {
        InvoiceState i = invoices.get(invoiceId);
        if (i == null) {
            return new Result(null, List.of("Invoice " + invoiceId + " could not be found."));
        }
        List<String> errors = new ArrayList<>();
        boolean changed = false;
        if (newReference != null || newDueDate != null) {
            if (!Set.of("DRAFT", "SUBMITTED", "AUTHORISED").contains(i.status) || !i.payments.isEmpty()) {
                errors.add("Invoice not of valid status for modification");
            } else {
                if (newReference != null && !newReference.equals(i.reference)) {
                    i.reference = newReference.isEmpty() ? null : newReference;
                    changed = true;
                }
                if (newDueDate != null && !newDueDate.equals(i.dueDate)) {
                    i.dueDate = newDueDate;
                    changed = true;
                }
            }
        }
        if (errors.isEmpty() && newStatus != null && !newStatus.equalsIgnoreCase(i.status)) {
            errors.addAll(changeStatus(i, newStatus.toUpperCase(Locale.ROOT)));
            changed = errors.isEmpty();
        } else if (errors.isEmpty() && changed) {
            touch(i);
            simulator.enqueueEvent(this, "INVOICE", "UPDATE", i.id);
        }
        return errors.isEmpty() ? new Result(i.snapshot(), List.of()) : new Result(null, errors);
    }

    /** Changes the status of an invoice; returns Xero's messages when the change is not allowed. */
    private List<String> changeStatus(InvoiceState i, String target) {
        String from = i.status;
        boolean allowed = switch (from) {
            case "DRAFT" -> Set.of("SUBMITTED", "AUTHORISED", "DELETED").contains(target);
            case "SUBMITTED" -> Set.of("DRAFT", "AUTHORISED", "DELETED").contains(target);
            case "AUTHORISED" -> target.equals("VOIDED");
            default -> false;
        };
        if (from.equals("AUTHORISED") && target.equals("VOIDED") && !i.payments.isEmpty()) {
            return List.of("This document cannot be edited as it has a payment or credit note allocated to it.");
        }
        if (!allowed) {
            return List.of("Invoice not of valid status for modification. It is " + from + " and cannot become "
                    + target + ".");
        }
        if (target.equals("AUTHORISED") && i.lines.isEmpty()) {
            return List.of("Invoices must have at least one line item to be approved.");
        }
        i.status = target;
        touch(i);
        simulator.enqueueEvent(this, "INVOICE", "UPDATE", i.id);
        return List.of();
    }

    /** Applies a payment; returns Xero's messages when it is not allowed. */
    synchronized List<String> applyPayment(InvoiceState i, BigDecimal amount, LocalDate date) {
        if (!i.status.equals("AUTHORISED")) {
            return List.of("Payments can only be made against Authorised documents; invoice " + i.number + " is "
                    + i.status + ".");
        }
        if (amount.signum() <= 0) {
            return List.of("The payment amount must be greater than zero.");
        }
        if (amount.compareTo(i.amountDue()) > 0) {
            return List.of("Payment amount " + amount.toPlainString() + " exceeds the amount outstanding on this "
                    + "document (" + i.amountDue().toPlainString() + ").");
        }
        i.payments.add(new XeroPayment(UUID.randomUUID().toString(), amount.setScale(i.scale, RoundingMode.HALF_UP),
                date));
        if (i.amountDue().signum() == 0) {
            i.status = "PAID";
            i.fullyPaidOn = date;
        }
        touch(i);
        simulator.enqueueEvent(this, "INVOICE", "UPDATE", i.id);
        return List.of();
    }

    synchronized Optional<InvoiceState> stateIfPresent(String invoiceId) {
        return Optional.ofNullable(invoices.get(invoiceId));
    }

    private InvoiceState state(String invoiceId) {
        InvoiceState i = invoices.get(Objects.requireNonNull(invoiceId, "invoiceId"));
        if (i == null) {
            throw new SandboxException("no invoice " + invoiceId + " in " + name());
        }
        return i;
    }

    private XeroLineItem line(LineDraft l, String type, String amountTypes, Currency currency, String status,
                              List<String> errors) {
        int before = errors.size();
        if (l.description() == null || l.description().isBlank()) {
            errors.add("Description must be specified for every line item.");
        }
        if (l.itemCode() != null) {
            errors.add("Item code '" + l.itemCode() + "' is not valid.");
        }
        XeroAccount account = null;
        if (l.accountCode() == null || l.accountCode().isBlank()) {
            if (!status.equals("DRAFT")) {
                errors.add("Account code must be specified for every line item of an approved invoice.");
            }
        } else {
            account = accounts.get(l.accountCode());
            if (account == null) {
                errors.add("Account code '" + l.accountCode() + "' is not a valid code for this document.");
            } else if (!account.active()) {
                errors.add("Account code '" + l.accountCode() + "' has been archived, or has been deleted. Each line "
                        + "item must reference a valid account.");
            } else if (account.type().equals("BANK")) {
                errors.add("Account code '" + l.accountCode() + "' is a bank account and cannot be used on invoices.");
            }
        }
        String taxType = l.taxType() != null ? l.taxType() : account != null ? account.taxType() : "NONE";
        XeroTaxRate rate = taxRates.get(taxType);
        if (rate == null || !rate.active() || ("ACCREC".equals(type) && !rate.canApplyToRevenue())) {
            errors.add("The TaxType code " + taxType + " does not exist or cannot be used with this type of "
                    + "transaction.");
        }
        BigDecimal quantity = l.quantity() == null ? BigDecimal.ONE : l.quantity();
        BigDecimal unit = l.unitAmount() == null ? BigDecimal.ZERO : l.unitAmount();
        if (quantity.scale() > 4 || unit.scale() > 4) {
            errors.add("Quantity and UnitAmount have at most 4 decimal places.");
        }
        if (l.discountRate() != null && l.discountAmount() != null) {
            errors.add("A line item can have a DiscountRate or a DiscountAmount, not both.");
        }
        if (l.discountRate() != null && (l.discountRate().signum() < 0 || l.discountRate().compareTo(HUNDRED) > 0)) {
            errors.add("DiscountRate must be between 0 and 100.");
        }
        if ((l.discountRate() != null || l.discountAmount() != null) && !"ACCREC".equals(type)) {
            errors.add("Discounts can only be given on sales invoices.");
        }
        List<XeroTracking> tracking = new ArrayList<>();
        if (l.tracking().size() > 2) {
            errors.add("A line item can have at most two tracking categories.");
        }
        for (TrackingRef ref : l.tracking()) {
            XeroTracking resolved = resolve(ref, errors);
            if (resolved != null) {
                if (tracking.stream().anyMatch(t -> t.categoryId().equals(resolved.categoryId()))) {
                    errors.add("Tracking category " + resolved.name() + " is given twice on one line item.");
                }
                tracking.add(resolved);
            }
        }
        if (errors.size() > before) {
            return null;
        }
        int scale = currency.getDefaultFractionDigits() < 0 ? 2 : currency.getDefaultFractionDigits();
        BigDecimal gross = quantity.multiply(unit);
        BigDecimal lineAmount;
        if (l.discountRate() != null) {
            lineAmount = gross.subtract(gross.multiply(l.discountRate()).divide(HUNDRED));
        } else if (l.discountAmount() != null) {
            lineAmount = gross.subtract(l.discountAmount());
        } else {
            lineAmount = gross;
        }
        lineAmount = lineAmount.setScale(scale, RoundingMode.HALF_UP);
        BigDecimal percent = rate.rate();
        BigDecimal tax = switch (amountTypes) {
            case "Inclusive" -> lineAmount.multiply(percent).divide(HUNDRED.add(percent), scale, RoundingMode.HALF_UP);
            case "NoTax" -> BigDecimal.ZERO.setScale(scale);
            default -> lineAmount.multiply(percent).divide(HUNDRED, scale, RoundingMode.HALF_UP);
        };
        return new XeroLineItem(UUID.randomUUID().toString(), l.description(), quantity, unit,
                l.accountCode() == null ? "" : l.accountCode(), taxType, Optional.ofNullable(l.discountRate()),
                Optional.ofNullable(l.discountAmount()), lineAmount, tax, tracking);
    }

    private XeroTracking resolve(TrackingRef ref, List<String> errors) {
        XeroTrackingCategory category = ref.categoryId() != null ? tracking.get(ref.categoryId())
                : ref.categoryName() == null ? null : tracking.values().stream()
                        .filter(c -> c.name().equalsIgnoreCase(ref.categoryName())).findFirst().orElse(null);
        if (category == null || !category.status().equals("ACTIVE")) {
            errors.add("Tracking category '" + (ref.categoryName() != null ? ref.categoryName() : ref.categoryId())
                    + "' does not exist or is not active.");
            return null;
        }
        XeroTrackingOption option = ref.optionId() != null
                ? category.options().stream().filter(o -> o.optionId().equals(ref.optionId())).findFirst().orElse(null)
                : ref.optionName() == null ? null : category.option(ref.optionName()).orElse(null);
        if (option == null || !option.status().equals("ACTIVE")) {
            errors.add("Tracking option '" + (ref.optionName() != null ? ref.optionName() : ref.optionId())
                    + "' does not exist in tracking category " + category.name() + ".");
            return null;
        }
        return new XeroTracking(category.categoryId(), category.name(), option.optionId(), option.name());
    }

    private static String normaliseAmountTypes(String given) {
        if (given == null) {
            return "Exclusive";
        }
        return switch (given.toUpperCase(Locale.ROOT)) {
            case "EXCLUSIVE" -> "Exclusive";
            case "INCLUSIVE" -> "Inclusive";
            case "NOTAX" -> "NoTax";
            default -> null;
        };
    }

    private static Currency safeCurrency(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            return Currency.getInstance("GBP");
        }
    }

    private void touch(InvoiceState i) {
        i.updatedAt = simulator.clock().instant();
        i.changeSeq = ++changeSeq;
        if (i.onlineToken == null && !i.status.equals("DRAFT") && !i.status.equals("SUBMITTED")
                && !i.status.equals("DELETED") && i.type.equals("ACCREC")) {
            i.onlineToken = simulator.newOnlineToken();
        }
    }

    /** The mutable state of one invoice; guarded by the organisation's lock. */
    final class InvoiceState {
        String id;
        String type;
        String number;
        String reference;
        String contactId;
        String currency;
        LocalDate date;
        LocalDate dueDate;
        String status;
        String amountTypes;
        List<XeroLineItem> lines;
        int scale;
        final List<XeroPayment> payments = new ArrayList<>();
        LocalDate fullyPaidOn;
        Instant updatedAt;
        long changeSeq;
        String onlineToken;

        BigDecimal subTotal() {
            BigDecimal sum = BigDecimal.ZERO.setScale(scale);
            for (XeroLineItem l : lines) {
                sum = sum.add(amountTypes.equals("Inclusive") ? l.lineAmount().subtract(l.taxAmount())
                        : l.lineAmount());
            }
            return sum;
        }

        BigDecimal totalTax() {
            BigDecimal sum = BigDecimal.ZERO.setScale(scale);
            for (XeroLineItem l : lines) {
                sum = sum.add(l.taxAmount());
            }
            return sum;
        }

        BigDecimal total() {
            return subTotal().add(totalTax());
        }

        BigDecimal amountPaid() {
            BigDecimal sum = BigDecimal.ZERO.setScale(scale);
            for (XeroPayment p : payments) {
                sum = sum.add(p.amount());
            }
            return sum;
        }

        BigDecimal amountDue() {
            if (status.equals("VOIDED") || status.equals("DELETED")) {
                return BigDecimal.ZERO.setScale(scale);
            }
            return total().subtract(amountPaid());
        }

        XeroInvoice snapshot() {
            Optional<URI> online = onlineToken == null ? Optional.empty()
                    : Optional.of(simulator.onlineInvoiceUri(onlineToken));
            return new XeroInvoice(id, type, number, Optional.ofNullable(reference), contactId, currency, date,
                    Optional.ofNullable(dueDate), status, amountTypes, lines, subTotal(), totalTax(), total(),
                    amountPaid(), amountDue(), payments, updatedAt, online);
        }
    }

    synchronized Optional<LocalDate> fullyPaidOn(String invoiceId) {
        return Optional.ofNullable(invoices.get(invoiceId)).map(i -> i.fullyPaidOn);
    }

    synchronized String contactName(String contactId) {
        XeroContact c = contacts.get(contactId);
        return c == null ? "" : c.name();
    }

    synchronized boolean hasSalesInvoices(String contactId) {
        return invoices.values().stream().anyMatch(i -> i.contactId.equals(contactId) && i.type.equals("ACCREC"));
    }

    synchronized Optional<XeroTaxRate> taxRate(String taxType) {
        return Optional.ofNullable(taxRates.get(taxType));
    }
}
