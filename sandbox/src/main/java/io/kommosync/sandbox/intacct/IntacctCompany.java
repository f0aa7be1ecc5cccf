package io.kommosync.sandbox.intacct;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one company the {@link IntacctSimulator} hosts: its chart (GL accounts with {@code REQUIRE*} flags, tax
 * details, dimension values), customers and AR invoices, and the admin actions a person would take in Intacct
 * (recording payments, reversing an invoice, raising one by hand).
 *
 * <p>Thread-safe: every method locks the company, so the gateways see each request's changes as a whole.
 */
public final class IntacctCompany {

    private final Clock clock;
    private final String companyId;
    private final Set<String> entities = new HashSet<>();
    private final Map<String, GlAccount> accounts = new LinkedHashMap<>();
    private final Map<String, TaxDetail> taxDetails = new LinkedHashMap<>();
    private final Map<IntacctDimension, Map<String, String>> dimensionValues = new EnumMap<>(IntacctDimension.class);
    private Map<Long, ArCustomer> customers = new LinkedHashMap<>();
    private Map<Long, ArInvoice> invoices = new TreeMap<>();
    private Set<String> completedControlIds = new HashSet<>();
    private long nextRecordNo = 100;
    private int nextInvoiceNumber = 1;
    private int nextCustomerNumber = 1;
    private boolean documentSequencing = true;

    IntacctCompany(Clock clock, String companyId) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.companyId = Objects.requireNonNull(companyId, "companyId");
    }

    /** @return the company id users sign in to */
    public String companyId() {
        return companyId;
    }

    // ------------------------------------------------------------------------------------------------ admin: chart

    /**
     * Adds an entity (a top-level location of a multi-entity company).
     *
     * @param entityId the entity id
     * @return this company
     */
    public synchronized IntacctCompany addEntity(String entityId) {
        entities.add(Objects.requireNonNull(entityId, "entityId"));
        dimensionValues.computeIfAbsent(IntacctDimension.LOCATION, k -> new LinkedHashMap<>())
                .putIfAbsent(entityId, entityId);
        return this;
    }

    /**
     * Adds an active GL account.
     *
     * @param accountNo       the account number
     * @param title           the title
     * @param incomeStatement income statement ({@code true}) or balance sheet
     * @param required        the dimensions lines posting to it must carry
     * @return this company
     */
    public synchronized IntacctCompany addGlAccount(String accountNo, String title, boolean incomeStatement,
                                                    IntacctDimension... required) {
        Set<IntacctDimension> flags = required.length == 0 ? Set.of() : EnumSet.copyOf(List.of(required));
        accounts.put(accountNo, new GlAccount(nextRecordNo++, accountNo, title, incomeStatement,
                incomeStatement ? "credit" : "debit", true, flags));
        return this;
    }

    /**
     * Marks a GL account inactive.
     *
     * @param accountNo the account number
     * @return this company
     */
    public synchronized IntacctCompany deactivateGlAccount(String accountNo) {
        accounts.computeIfPresent(accountNo, (k, a) -> a.withActive(false));
        return this;
    }

    /**
     * Adds an active sales tax detail.
     *
     * @param detailId the tax detail id
     * @param percent  the rate in percent
     * @return this company
     */
    public synchronized IntacctCompany addSaleTaxDetail(String detailId, BigDecimal percent) {
        taxDetails.put(detailId, new TaxDetail(nextRecordNo++, detailId, detailId, true, percent, true));
        return this;
    }

    /**
     * Adds a dimension value.
     *
     * @param dimension the dimension
     * @param id        the value id
     * @param name      the name
     * @return this company
     */
    public synchronized IntacctCompany addDimensionValue(IntacctDimension dimension, String id, String name) {
        dimensionValues.computeIfAbsent(dimension, k -> new LinkedHashMap<>()).put(id, name);
        return this;
    }

    /**
     * Turns document sequencing on (the default: invoices are numbered {@code INV-0001}… and customers
     * {@code CUST-0001}… when created without an id) or off.
     *
     * @param on whether sequencing is on
     * @return this company
     */
    public synchronized IntacctCompany documentSequencing(boolean on) {
        this.documentSequencing = on;
        return this;
    }

    /** @return the GL accounts */
    public synchronized List<GlAccount> glAccounts() {
        return List.copyOf(accounts.values());
    }

    /** @return the tax details */
    public synchronized List<TaxDetail> taxDetails() {
        return List.copyOf(taxDetails.values());
    }

    /**
     * The values of one dimension.
     *
     * @param dimension the dimension
     * @return value id to name
     */
    public synchronized Map<String, String> dimensionValues(IntacctDimension dimension) {
        return Map.copyOf(dimensionValues.getOrDefault(dimension, Map.of()));
    }

    // ------------------------------------------------------------------------------------------- admin: customers

    /**
     * Adds a customer.
     *
     * @param customerId the customer id
     * @param name       the name
     * @param email      the e-mail address
     * @return the customer
     */
    public synchronized ArCustomer addCustomer(String customerId, String name, String email) {
        return createCustomer(customerId, name, email, "");
    }

    /** @return every customer */
    public synchronized List<ArCustomer> customers() {
        return List.copyOf(customers.values());
    }

    /**
     * Counts customers by e-mail, ignoring case.
     *
     * @param email the address
     * @return how many have it
     */
    public synchronized int countCustomersWithEmail(String email) {
        return (int) customers.values().stream().filter(c -> c.email().equalsIgnoreCase(email.trim())).count();
    }

    // -------------------------------------------------------------------------------------------- admin: invoices

    /** @return every invoice, by record number */
    public synchronized List<ArInvoice> invoices() {
        return List.copyOf(invoices.values());
    }

    /**
     * An invoice by record number.
     *
     * @param recordNo the record number
     * @return the invoice, or empty
     */
    public synchronized Optional<ArInvoice> invoice(long recordNo) {
        return Optional.ofNullable(invoices.get(recordNo));
    }

    /**
     * Counts invoices by reference number ({@code DOCNUMBER}), reversed ones included.
     *
     * @param docNumber the reference number
     * @return how many carry it
     */
    public synchronized int countInvoicesWithReference(String docNumber) {
        return (int) invoices.values().stream().filter(i -> i.docNumber().equals(docNumber)).count();
    }

    /**
     * Applies a payment to a posted invoice.
     *
     * @param recordNo the invoice
     * @param amount   the amount paid
     * @return the invoice after the payment
     * @throws IllegalStateException when the invoice is not open or the amount exceeds what is due
     */
    public synchronized ArInvoice recordPayment(long recordNo, BigDecimal amount) {
        ArInvoice i = require(recordNo);
        if (!(i.state().equals("Posted") || i.state().equals("Partially Paid"))) {
            throw new IllegalStateException("invoice " + recordNo + " is " + i.state() + "; only posted invoices take payments");
        }
        if (amount.signum() <= 0 || amount.compareTo(i.totalDue()) > 0) {
            throw new IllegalStateException("payment " + amount + " must be positive and at most " + i.totalDue());
        }
        BigDecimal paid = i.totalPaid().add(amount);
        String state = paid.compareTo(i.totalEntered()) >= 0 ? "Paid" : "Partially Paid";
        return put(new ArInvoice(i.recordNo(), i.recordId(), i.docNumber(), i.customerId(), i.whenCreated(),
                i.whenDue(), i.currency(), i.description(), state, i.totalEntered(), paid, now(), i.entity(),
                i.lines()));
    }

    /**
     * Pays what is due on a posted invoice.
     *
     * @param recordNo the invoice
     * @return the invoice after the payment
     */
    public synchronized ArInvoice markPaid(long recordNo) {
        return recordPayment(recordNo, require(recordNo).totalDue());
    }

    /**
     * Reverses an invoice, as a person voids one in Intacct.
     *
     * @param recordNo the invoice
     * @return the reversed invoice
     */
    public synchronized ArInvoice reverse(long recordNo) {
        ArInvoice i = require(recordNo);
        return put(new ArInvoice(i.recordNo(), i.recordId(), i.docNumber(), i.customerId(), i.whenCreated(),
                i.whenDue(), i.currency(), i.description(), "Reversed", i.totalEntered(), i.totalPaid(), now(),
                i.entity(), i.lines()));
    }

    /**
     * Raises a posted invoice by hand, with no reference number, as a person would in the Intacct UI.
     *
     * @param customerId the customer
     * @param currency   the currency
     * @param whenDue    the due date
     * @param lines      the lines
     * @return the invoice
     */
    public synchronized ArInvoice raiseInvoiceByHand(String customerId, String currency, LocalDate whenDue,
                                                     List<ArInvoiceLine> lines) {
        return createInvoice(new NewInvoice(customerId, LocalDate.ofInstant(now(), ZoneOffset.UTC), whenDue, "", "",
                currency, false, lines, ""));
    }

    // ---------------------------------------------------------------------------------- used by the gateways

    record NewInvoice(String customerId, LocalDate whenCreated, LocalDate whenDue, String docNumber,
                      String description, String currency, boolean draft, List<ArInvoiceLine> lines, String entity) {
    }

    record Snapshot(Map<Long, ArCustomer> customers, Map<Long, ArInvoice> invoices, Set<String> controlIds,
                    long nextRecordNo, int nextInvoiceNumber, int nextCustomerNumber) {
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(new LinkedHashMap<>(customers), new TreeMap<>(invoices), new HashSet<>(completedControlIds),
                nextRecordNo, nextInvoiceNumber, nextCustomerNumber);
    }

    synchronized void restore(Snapshot s) {
        customers = new LinkedHashMap<>(s.customers());
        invoices = new TreeMap<>(s.invoices());
        completedControlIds = new HashSet<>(s.controlIds());
        nextRecordNo = s.nextRecordNo();
        nextInvoiceNumber = s.nextInvoiceNumber();
        nextCustomerNumber = s.nextCustomerNumber();
    }

    synchronized boolean controlIdCompleted(String controlId) {
        return completedControlIds.contains(controlId);
    }

    synchronized void completeControlId(String controlId) {
        completedControlIds.add(controlId);
    }

    synchronized boolean hasEntity(String entityId) {
        return entities.contains(entityId);
    }

    synchronized Optional<ArCustomer> customerById(String customerId) {
        return customers.values().stream().filter(c -> c.customerId().equals(customerId)).findFirst();
    }

    synchronized Optional<ArCustomer> customerByRecordNo(long recordNo) {
        return Optional.ofNullable(customers.get(recordNo));
    }

    synchronized ArCustomer createCustomer(String customerId, String name, String email, String phone) {
        if (name == null || name.isBlank()) {
            throw IntacctError.of("BL01001973", "Missing required field", "NAME is required", "Enter a name",
                    "NAME", "name");
        }
        String id = customerId;
        if (id == null || id.isBlank()) {
            if (!documentSequencing) {
                throw IntacctError.of("BL01001973", "Missing required field", "CUSTOMERID is required",
                        "Enter a customer id or turn on document sequencing", "CUSTOMERID", "id");
            }
            id = String.format(Locale.ROOT, "CUST-%04d", nextCustomerNumber++);
        }
        if (customerById(id).isPresent()) {
            throw IntacctError.duplicate("BL01001973", "Another customer with the given value(s) " + id
                    + " already exists", "CUSTOMERID", "id");
        }
        ArCustomer c = new ArCustomer(nextRecordNo++, id, name, email == null ? "" : email.trim(),
                phone == null ? "" : phone, now());
        customers.put(c.recordNo(), c);
        return c;
    }

    synchronized ArInvoice createInvoice(NewInvoice n) {
        List<IntacctError.Detail> errors = new ArrayList<>();
        if (customerById(n.customerId()).isEmpty()) {
            errors.add(detail("BL03000018", "Invalid customer", "Customer " + n.customerId() + " does not exist",
                    "customerid", "customer"));
        }
        if (n.lines().isEmpty()) {
            errors.add(detail("BL03000018", "Missing line items", "An invoice needs at least one line item",
                    "invoiceitems", "lines"));
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < n.lines().size(); i++) {
            ArInvoiceLine line = n.lines().get(i);
            String where = "line " + (i + 1);
            GlAccount account = accounts.get(line.accountNo());
            if (account == null) {
                errors.add(detail("BL03000018", "Invalid GL account", where + ": GL account " + line.accountNo()
                        + " does not exist", "glaccountno", "lines/" + i + "/glAccount"));
            } else {
                if (!account.active()) {
                    errors.add(detail("BL03000018", "Inactive GL account", where + ": GL account " + line.accountNo()
                            + " is inactive", "glaccountno", "lines/" + i + "/glAccount"));
                }
                for (IntacctDimension d : account.required()) {
                    if (!line.dimensions().containsKey(d)) {
                        errors.add(detail("BL03000018", "Missing dimension", where + ": GL account "
                                + line.accountNo() + " requires a " + d + " (" + d.lineElement() + ")",
                                d.lineElement(), "lines/" + i + "/dimensions/" + d.restKey()));
                    }
                }
            }
            for (Map.Entry<IntacctDimension, String> e : line.dimensions().entrySet()) {
                IntacctDimension d = e.getKey();
                String value = e.getValue();
                boolean known = d == IntacctDimension.CUSTOMER ? customerById(value).isPresent()
                        : dimensionValues.getOrDefault(d, Map.of()).containsKey(value);
                if (!known) {
                    errors.add(detail("BL03000018", "Invalid dimension", where + ": " + d + " " + value
                            + " does not exist", d.lineElement(), "lines/" + i + "/dimensions/" + d.restKey()));
                }
            }
            if (!line.taxDetailId().isEmpty()) {
                TaxDetail t = taxDetails.get(line.taxDetailId());
                if (t == null || !t.sale() || !t.active()) {
                    errors.add(detail("BL03000018", "Invalid tax detail", where + ": tax detail "
                            + line.taxDetailId() + " is not an active sales tax detail", "detailid",
                            "lines/" + i + "/taxEntries/0/orderEntryTaxDetail"));
                }
            }
            total = total.add(line.amount()).add(line.tax());
        }
        if (n.whenDue().isBefore(n.whenCreated())) {
            errors.add(detail("BL03000018", "Invalid due date", "The due date is before the invoice date",
                    "datedue", "dueDate"));
        }
        if (!errors.isEmpty()) {
            throw new IntacctError(errors, false, false);
        }
        String recordId = documentSequencing ? String.format(Locale.ROOT, "INV-%04d", nextInvoiceNumber++) : "";
        ArInvoice invoice = new ArInvoice(nextRecordNo++, recordId, n.docNumber(), n.customerId(), n.whenCreated(),
                n.whenDue(), n.currency(), n.description(), n.draft() ? "Draft" : "Posted",
                total.setScale(2, RoundingMode.HALF_UP), BigDecimal.ZERO.setScale(2), now(), n.entity(), n.lines());
        return put(invoice);
    }

    synchronized Map<String, Map<String, String>> dimensionValuesByRestObject() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        dimensionValues.forEach((d, values) -> out.put(d.restKey(), Map.copyOf(values)));
        return out;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static IntacctError.Detail detail(String errorno, String description, String description2,
                                              String xmlField, String restField) {
        return new IntacctError.Detail(errorno, description, description2, "Correct " + xmlField, xmlField,
                restField);
    }

    private ArInvoice require(long recordNo) {
        ArInvoice i = invoices.get(recordNo);
        if (i == null) {
            throw new IllegalArgumentException("no invoice with RECORDNO " + recordNo);
        }
        return i;
    }

    private ArInvoice put(ArInvoice invoice) {
        invoices.put(invoice.recordNo(), invoice);
        return invoice;
    }
}
