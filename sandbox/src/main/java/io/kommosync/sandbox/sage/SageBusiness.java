package io.kommosync.sandbox.sage;

import io.kommosync.sandbox.SandboxException;
import io.kommosync.sandbox.http.SimulatedResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One simulated Sage Business Cloud Accounting business and its admin API: seed the chart of accounts, tax rates and
 * customers; act as a person using Sage would (raise an invoice by hand, record a payment, void an invoice); and read
 * the state back for assertions, all without HTTP.
 *
 * <p>A new business has a bank account ({@link #bankAccountId()}) and nothing else; {@link #seedStandardChart()}
 * adds a UK chart and the UK tax rates.
 *
 * <p>Thread-safe: every operation runs atomically under the business's lock. Getters return immutable snapshots.
 * Misuse (an unknown id, a payment on a draft) throws {@link SandboxException} naming the argument.
 */
public final class SageBusiness {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TAX_TOLERANCE = new BigDecimal("0.01");
    private static final int DEFAULT_CREDIT_DAYS = 30;

    final Object lock = new Object();
    private final SageCloudSimulator simulator;
    private final String id;
    private final String name;
    private final Currency currency;
    private final String bankAccountId;
    private final Map<String, SageLedgerAccount> ledgerAccounts = new LinkedHashMap<>();
    private final Map<String, SageTaxRate> taxRates = new LinkedHashMap<>();
    private final Map<String, SageContact> contacts = new LinkedHashMap<>();
    private final Map<String, SageSalesInvoice> invoices = new LinkedHashMap<>();
    private final Map<String, SageContactPayment> payments = new LinkedHashMap<>();
    private final Map<String, SimulatedResponse> idempotentReplies = new HashMap<>();
    private int nextInvoiceNumber = 1;

    SageBusiness(SageCloudSimulator simulator, String id, String name, Currency currency) {
        this.simulator = simulator;
        this.id = id;
        this.name = name;
        this.currency = currency;
        this.bankAccountId = simulator.newId("bank_account");
    }

    /** @return Sage's id of the business, the value of the {@code X-Business} header */
    public String id() {
        return id;
    }

    /** @return the business name */
    public String name() {
        return name;
    }

    /** @return the base currency */
    public Currency currency() {
        return currency;
    }

    /** @return the id of the business's current bank account, for {@code POST /contact_payments} */
    public String bankAccountId() {
        return bankAccountId;
    }

    // ------------------------------------------------------------------------------------------------ chart

    /**
     * Adds a UK chart and the UK tax rates:
     * <ul>
     *   <li>4000 Sales Type A, 4010 Sales Type B, 4020 Sales Type C ({@code SALES}, offered on sales);</li>
     *   <li>4900 Miscellaneous Income ({@code OTHER_INCOME}, offered on sales);</li>
     *   <li>4990 Sales Type Z, a sales account taken out of the chart (inactive), still offered on sales;</li>
     *   <li>5000 Cost of sales - goods ({@code DIRECT_EXPENSES}), which its user made visible on sales;</li>
     *   <li>7500 Office costs ({@code OVERHEADS}) and 1200 Bank Current Account ({@code BANK}), not on sales;</li>
     *   <li>tax rates {@code GB_STANDARD} 20 %, {@code GB_LOWER} 5 %, {@code GB_ZERO}, {@code GB_EXEMPT} and
     *       {@code GB_NO_TAX} 0 %.</li>
     * </ul>
     *
     * @return this business
     */
    public SageBusiness seedStandardChart() {
        addTaxRate("GB_STANDARD", "Standard", new BigDecimal("20.00"));
        addTaxRate("GB_LOWER", "Lower Rate", new BigDecimal("5.00"));
        addTaxRate("GB_ZERO", "Zero Rated", new BigDecimal("0.00"));
        addTaxRate("GB_EXEMPT", "Exempt", new BigDecimal("0.00"));
        addTaxRate("GB_NO_TAX", "No Tax", new BigDecimal("0.00"));
        addLedgerAccount(4000, "Sales Type A", SageLedgerAccountType.SALES, true);
        addLedgerAccount(4010, "Sales Type B", SageLedgerAccountType.SALES, true);
        addLedgerAccount(4020, "Sales Type C", SageLedgerAccountType.SALES, true);
        addLedgerAccount(4900, "Miscellaneous Income", SageLedgerAccountType.OTHER_INCOME, true);
        addLedgerAccount(4990, "Sales Type Z", SageLedgerAccountType.SALES, true);
        removeFromChart(4990);
        addLedgerAccount(5000, "Cost of sales - goods", SageLedgerAccountType.DIRECT_EXPENSES, true);
        addLedgerAccount(7500, "Office costs", SageLedgerAccountType.OVERHEADS, false);
        addLedgerAccount(1200, "Bank Current Account", SageLedgerAccountType.BANK, false);
        return this;
    }

    /**
     * Adds a ledger account, in the chart.
     *
     * @param nominalCode    the nominal code, unique in the business
     * @param accountName    the name
     * @param type           the type
     * @param visibleInSales whether sales artefacts offer it
     * @return the account
     * @throws SandboxException if the nominal code is taken
     */
    public SageLedgerAccount addLedgerAccount(int nominalCode, String accountName, SageLedgerAccountType type,
            boolean visibleInSales) {
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(type, "type");
        synchronized (lock) {
            if (findLedgerAccount(nominalCode).isPresent()) {
                throw new SandboxException("nominal code " + nominalCode + " is already used in business " + name);
            }
            Instant now = simulator.now();
            Optional<String> taxRate = type.group().equals("INCOME") && taxRates.containsKey("GB_STANDARD")
                    ? Optional.of("GB_STANDARD") : Optional.empty();
            SageLedgerAccount account = new SageLedgerAccount(simulator.newId("ledger_account"), nominalCode,
                    accountName, type, visibleInSales, true, taxRate, now, now);
            ledgerAccounts.put(account.id(), account);
            return account;
        }
    }

    /**
     * Takes a ledger account out of the chart of accounts, as a person hiding an unused account does: it is listed
     * with {@code included_in_chart: false} and nothing can be posted to it.
     *
     * @param nominalCode the account's nominal code
     * @return the changed account
     * @throws SandboxException if there is no such account
     */
    public SageLedgerAccount removeFromChart(int nominalCode) {
        synchronized (lock) {
            SageLedgerAccount account = ledgerAccount(nominalCode).withChart(false, simulator.now());
            ledgerAccounts.put(account.id(), account);
            return account;
        }
    }

    /**
     * Adds a tax rate, visible.
     *
     * @param rateId     the id, for example {@code GB_STANDARD}
     * @param rateName   the name
     * @param percentage the percentage, not negative
     * @return the tax rate
     * @throws SandboxException if the id is taken
     */
    public SageTaxRate addTaxRate(String rateId, String rateName, BigDecimal percentage) {
        synchronized (lock) {
            if (taxRates.containsKey(rateId)) {
                throw new SandboxException("tax rate " + rateId + " already exists in business " + name);
            }
            Instant now = simulator.now();
            SageTaxRate rate = new SageTaxRate(rateId, rateName, percentage, true, now, now);
            taxRates.put(rateId, rate);
            return rate;
        }
    }

    /** @return every ledger account, in creation order */
    public List<SageLedgerAccount> ledgerAccounts() {
        synchronized (lock) {
            return List.copyOf(ledgerAccounts.values());
        }
    }

    /**
     * The ledger account with a nominal code.
     *
     * @param nominalCode the nominal code
     * @return the account
     * @throws SandboxException if there is none
     */
    public SageLedgerAccount ledgerAccount(int nominalCode) {
        return findLedgerAccount(nominalCode).orElseThrow(() -> new SandboxException("business " + name
                + " has no ledger account " + nominalCode + "; add it with addLedgerAccount or seedStandardChart()"));
    }

    private Optional<SageLedgerAccount> findLedgerAccount(int nominalCode) {
        synchronized (lock) {
            return ledgerAccounts.values().stream().filter(a -> a.nominalCode() == nominalCode).findFirst();
        }
    }

    Optional<SageLedgerAccount> ledgerAccountById(String accountId) {
        synchronized (lock) {
            return Optional.ofNullable(ledgerAccounts.get(accountId));
        }
    }

    /** @return every tax rate, in creation order */
    public List<SageTaxRate> taxRates() {
        synchronized (lock) {
            return List.copyOf(taxRates.values());
        }
    }

    Optional<SageTaxRate> taxRate(String rateId) {
        synchronized (lock) {
            return Optional.ofNullable(taxRates.get(rateId));
        }
    }

    // ------------------------------------------------------------------------------------------------ contacts

    /**
     * Adds a customer whose main contact person has an e-mail address.
     *
     * @param customerName the name
     * @param email        the e-mail address, kept as given (case included)
     * @return the customer
     */
    public SageContact addCustomer(String customerName, String email) {
        Objects.requireNonNull(customerName, "customerName");
        Objects.requireNonNull(email, "email");
        synchronized (lock) {
            return createContact(customerName, "CUSTOMER", Optional.empty(), Optional.of(email), Optional.empty());
        }
    }

    /** @return every contact, in creation order */
    public List<SageContact> contacts() {
        synchronized (lock) {
            return List.copyOf(contacts.values());
        }
    }

    /**
     * A contact by id.
     *
     * @param contactId the id
     * @return the contact
     * @throws SandboxException if there is none
     */
    public SageContact contact(String contactId) {
        return findContact(contactId).orElseThrow(() -> new SandboxException("business " + name + " has no contact "
                + contactId));
    }

    Optional<SageContact> findContact(String contactId) {
        synchronized (lock) {
            return Optional.ofNullable(contacts.get(contactId));
        }
    }

    /**
     * Counts the contacts whose e-mail address equals this one, ignoring case and surrounding white space.
     *
     * @param email the address
     * @return how many contacts have it
     */
    public int countContactsWithEmail(String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        synchronized (lock) {
            return (int) contacts.values().stream()
                    .filter(c -> c.email().map(e -> e.trim().toLowerCase(Locale.ROOT).equals(wanted)).orElse(false))
                    .count();
        }
    }

    SageContact createContact(String contactName, String typeId, Optional<String> reference, Optional<String> email,
            Optional<String> telephone) {
        synchronized (lock) {
            if (contactName.isBlank()) {
                throw SageRuleViolation.invalid("name", "can't be blank");
            }
            if (!typeId.equals("CUSTOMER") && !typeId.equals("VENDOR")) {
                throw SageRuleViolation.invalid("contact_type_ids", "contact type " + typeId + " is not valid; use "
                        + "CUSTOMER or VENDOR");
            }
            if (reference.isPresent() && contacts.values().stream()
                    .anyMatch(c -> c.reference().map(r -> r.equalsIgnoreCase(reference.get())).orElse(false))) {
                throw SageRuleViolation.invalid("reference", "has already been taken");
            }
            Instant now = simulator.now();
            SageContact contact = new SageContact(simulator.newId("contact"), contactName, List.of(typeId), reference,
                    email, telephone, now, now);
            contacts.put(contact.id(), contact);
            return contact;
        }
    }

    // ------------------------------------------------------------------------------------------------ invoices

    /** @return every sales invoice, in creation order (deleted drafts excluded) */
    public List<SageSalesInvoice> invoices() {
        synchronized (lock) {
            return List.copyOf(invoices.values());
        }
    }

    /**
     * A sales invoice by id.
     *
     * @param invoiceId the id
     * @return the invoice
     * @throws SandboxException if there is none
     */
    public SageSalesInvoice invoice(String invoiceId) {
        return findInvoice(invoiceId).orElseThrow(() -> new SandboxException("business " + name
                + " has no sales invoice " + invoiceId));
    }

    Optional<SageSalesInvoice> findInvoice(String invoiceId) {
        synchronized (lock) {
            return Optional.ofNullable(invoices.get(invoiceId));
        }
    }

    /**
     * The invoices carrying a reference, voided ones included.
     *
     * @param reference the reference, compared exactly
     * @return the invoices, in creation order
     */
    public List<SageSalesInvoice> invoicesWithReference(String reference) {
        synchronized (lock) {
            return invoices.values().stream().filter(i -> i.reference().equals(Optional.of(reference))).toList();
        }
    }

    /**
     * Counts the invoices carrying a reference, voided ones included.
     *
     * @param reference the reference, compared exactly
     * @return how many invoices carry it
     */
    public int countInvoicesWithReference(String reference) {
        return invoicesWithReference(reference).size();
    }

    /**
     * Raises an approved invoice by hand, without a reference, as a person using Sage would: the simulator computes
     * each line's net and tax at the line's rate. Its number is the next in the sequence.
     *
     * @param contactId the customer
     * @param dueDate   the due date, not before today
     * @param lines     the lines, at least one
     * @return the invoice, {@code UNPAID}
     * @throws SandboxException if the customer, an account or a tax rate does not exist
     */
    public SageSalesInvoice raiseInvoiceByHand(String contactId, LocalDate dueDate, List<SageLineDraft> lines) {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(dueDate, "dueDate");
        synchronized (lock) {
            List<LineInput> inputs = new ArrayList<>();
            for (SageLineDraft line : lines) {
                BigDecimal pct = taxRate(line.taxRateId()).map(SageTaxRate::percentage).orElseThrow(() ->
                        new SandboxException("business " + name + " has no tax rate " + line.taxRateId()));
                BigDecimal net = line.quantity().multiply(line.unitPrice()).setScale(2, RoundingMode.HALF_UP);
                BigDecimal tax = net.multiply(pct).divide(HUNDRED, 2, RoundingMode.HALF_UP);
                inputs.add(new LineInput(line.description(), line.ledgerAccountId(), Optional.of(line.quantity()),
                        line.unitPrice(), Optional.empty(), Optional.empty(), Optional.of(line.taxRateId()),
                        Optional.of(tax)));
            }
            try {
                return createInvoice(new InvoiceInput(contactId, simulator.today(), Optional.of(dueDate),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), inputs));
            } catch (SageRuleViolation e) {
                throw new SandboxException("cannot raise the invoice: " + e.errors(), e);
            }
        }
    }

    /**
     * Records a customer receipt of part or all of an approved invoice's outstanding amount: the invoice becomes
     * {@code PART_PAID} or {@code PAID} and its {@code updated_at} moves.
     *
     * @param invoiceId the invoice
     * @param amount    the amount, positive and at most the outstanding amount
     * @return the invoice after the payment
     * @throws SandboxException if the invoice is not posted (draft, pro-forma, void) or the amount is out of range
     */
    public SageSalesInvoice recordPayment(String invoiceId, BigDecimal amount) {
        Objects.requireNonNull(amount, "amount");
        synchronized (lock) {
            SageSalesInvoice invoice = invoice(invoiceId);
            try {
                return applyPayment(invoice, amount, simulator.today(), Optional.empty());
            } catch (SageRuleViolation e) {
                throw new SandboxException("cannot pay invoice " + invoiceId + ": " + e.errors(), e);
            }
        }
    }

    /**
     * Records a payment of the whole outstanding amount.
     *
     * @param invoiceId the invoice
     * @return the invoice, {@code PAID}
     * @throws SandboxException if the invoice is not posted or nothing is outstanding
     */
    public SageSalesInvoice markPaid(String invoiceId) {
        synchronized (lock) {
            return recordPayment(invoiceId, invoice(invoiceId).outstandingAmount());
        }
    }

    /**
     * Voids an invoice as a person would in Sage (a draft is deleted instead).
     *
     * @param invoiceId the invoice
     * @param reason    why
     * @return the invoice as voided (for a draft, as it was when deleted)
     * @throws SandboxException if the invoice has payments or is already void
     */
    public SageSalesInvoice voidInvoice(String invoiceId, String reason) {
        synchronized (lock) {
            try {
                return voidOrDelete(invoice(invoiceId).id(), Optional.of(reason));
            } catch (SageRuleViolation e) {
                throw new SandboxException("cannot void invoice " + invoiceId + ": " + e.errors(), e);
            }
        }
    }

    /** @return every customer receipt, in the order recorded */
    public List<SageContactPayment> payments() {
        synchronized (lock) {
            return List.copyOf(payments.values());
        }
    }

    // ------------------------------------------------------------------------------------------------ rules

    record InvoiceInput(String contactId, LocalDate date, Optional<LocalDate> dueDate, Optional<String> reference,
                        Optional<String> notes, Optional<String> currencyId, Optional<String> statusId,
                        List<LineInput> lines) {
    }

    record LineInput(String description, String ledgerAccountId, Optional<BigDecimal> quantity, BigDecimal unitPrice,
                     Optional<BigDecimal> discountAmount, Optional<BigDecimal> discountPercentage,
                     Optional<String> taxRateId, Optional<BigDecimal> taxAmount) {
    }

    SageSalesInvoice createInvoice(InvoiceInput input) {
        synchronized (lock) {
            List<SageError> errors = new ArrayList<>();
            SageContact contact = contacts.get(input.contactId());
            if (contact == null) {
                errors.add(new SageError("RecordInvalid", "contact " + input.contactId() + " does not exist",
                        "contact_id"));
            } else if (!contact.isCustomer()) {
                errors.add(new SageError("RecordInvalid", "contact is not a customer", "contact_id"));
            }
            LocalDate dueDate = input.dueDate().orElse(input.date().plusDays(DEFAULT_CREDIT_DAYS));
            if (dueDate.isBefore(input.date())) {
                errors.add(new SageError("RecordInvalid", "must be on or after the invoice date", "due_date"));
            }
            Currency invoiceCurrency = currency;
            if (input.currencyId().isPresent()) {
                try {
                    invoiceCurrency = Currency.getInstance(input.currencyId().get());
                } catch (IllegalArgumentException e) {
                    errors.add(new SageError("RecordInvalid", "currency " + input.currencyId().get()
                            + " is not valid", "currency_id"));
                }
            }
            SageInvoiceStatus status = SageInvoiceStatus.UNPAID;
            if (input.statusId().isPresent()) {
                switch (input.statusId().get()) {
                    case "DRAFT" -> status = SageInvoiceStatus.DRAFT;
                    case "PRO_FORMA" -> status = SageInvoiceStatus.PRO_FORMA;
                    case "UNPAID" -> status = SageInvoiceStatus.UNPAID;
                    default -> errors.add(new SageError("RecordInvalid", "a new invoice can only be DRAFT, PRO_FORMA "
                            + "or UNPAID", "status_id"));
                }
            }
            if (input.lines().isEmpty()) {
                errors.add(new SageError("RecordInvalid", "an invoice needs at least one line", "invoice_lines"));
            }
            List<SageInvoiceLine> lines = new ArrayList<>();
            for (int i = 0; i < input.lines().size(); i++) {
                lines.add(line(i, input.lines().get(i), errors));
            }
            if (!errors.isEmpty()) {
                throw new SageRuleViolation(422, errors);
            }
            BigDecimal net = sum(lines, SageInvoiceLine::netAmount);
            BigDecimal tax = sum(lines, SageInvoiceLine::taxAmount);
            Instant now = simulator.now();
            SageSalesInvoice invoice = new SageSalesInvoice(simulator.newId("sales_invoice"),
                    "SI-" + nextInvoiceNumber++, contact.id(), contact.name(), input.reference(), input.notes(),
                    input.date(), dueDate, invoiceCurrency, lines, net, tax, net.add(tax),
                    BigDecimal.ZERO.setScale(2), status, Optional.empty(), Optional.empty(), now, now);
            invoices.put(invoice.id(), invoice);
            return invoice;
        }
    }

    private SageInvoiceLine line(int index, LineInput in, List<SageError> errors) {
        String at = "invoice_lines[" + index + "].";
        SageLedgerAccount account = ledgerAccounts.get(in.ledgerAccountId());
        if (account == null) {
            errors.add(new SageError("RecordInvalid", "ledger account " + in.ledgerAccountId() + " does not exist",
                    at + "ledger_account_id"));
        } else if (!account.includedInChart()) {
            errors.add(new SageError("RecordInvalid", "ledger account " + account.nominalCode()
                    + " is not in the chart of accounts", at + "ledger_account_id"));
        }
        BigDecimal quantity = in.quantity().orElse(BigDecimal.ONE);
        if (quantity.signum() <= 0) {
            errors.add(new SageError("RecordInvalid", "must be greater than 0", at + "quantity"));
        }
        BigDecimal gross = quantity.multiply(in.unitPrice());
        BigDecimal discount = in.discountAmount()
                .or(() -> in.discountPercentage().map(p -> gross.multiply(p).divide(HUNDRED, 2, RoundingMode.HALF_UP)))
                .orElse(BigDecimal.ZERO);
        if (discount.signum() < 0 || discount.compareTo(gross) > 0) {
            errors.add(new SageError("RecordInvalid", "must be between 0 and the line amount", at + "discount_amount"));
        }
        BigDecimal net = gross.subtract(discount).setScale(2, RoundingMode.HALF_UP);
        SageTaxRate rate = in.taxRateId().map(taxRates::get).orElse(null);
        if (in.taxRateId().isEmpty()) {
            errors.add(new SageError("RecordInvalid", "can't be blank", at + "tax_rate_id"));
        } else if (rate == null) {
            errors.add(new SageError("RecordInvalid", "tax rate " + in.taxRateId().get() + " does not exist",
                    at + "tax_rate_id"));
        }
        BigDecimal tax = BigDecimal.ZERO.setScale(2);
        if (rate != null) {
            BigDecimal expected = net.multiply(rate.percentage()).divide(HUNDRED, 2, RoundingMode.HALF_UP);
            if (in.taxAmount().isEmpty() && rate.percentage().signum() != 0) {
                errors.add(new SageError("RecordInvalid", "is required in v3.1 unless the tax rate is zero, exempt "
                        + "or no tax", at + "tax_amount"));
            } else if (in.taxAmount().isPresent()
                    && in.taxAmount().get().subtract(expected).abs().compareTo(TAX_TOLERANCE) > 0) {
                errors.add(new SageError("RecordInvalid", "does not match " + rate.displayedAs() + " of the net amount "
                        + net.toPlainString() + " (expected " + expected.toPlainString() + ")", at + "tax_amount"));
            }
            tax = in.taxAmount().orElse(expected).setScale(2, RoundingMode.HALF_UP);
        }
        return new SageInvoiceLine(simulator.newId("invoice_line"), in.description(), in.ledgerAccountId(), quantity,
                in.unitPrice(), discount.setScale(2, RoundingMode.HALF_UP), net,
                in.taxRateId().orElse(""), tax, net.add(tax));
    }

    private static BigDecimal sum(List<SageInvoiceLine> lines, java.util.function.Function<SageInvoiceLine,
            BigDecimal> amount) {
        return lines.stream().map(amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** Voids a posted invoice, or deletes a draft; answers the invoice as it ends up (or was). */
    SageSalesInvoice voidOrDelete(String invoiceId, Optional<String> reason) {
        synchronized (lock) {
            SageSalesInvoice invoice = invoices.get(invoiceId);
            if (invoice == null) {
                throw SageRuleViolation.notFound("Sales invoice " + invoiceId);
            }
            switch (invoice.status()) {
                case DRAFT -> {
                    invoices.remove(invoiceId);
                    return invoice;
                }
                case VOID -> throw SageRuleViolation.invalid("status", "the invoice is already void");
                case PART_PAID, PAID -> throw new SageRuleViolation(422, List.of(new SageError("RecordInvalid",
                        "an invoice with payments or allocations cannot be voided; remove them first", "status")));
                default -> {
                    if (reason.isEmpty() || reason.get().isBlank()) {
                        throw SageRuleViolation.invalid("void_reason", "can't be blank unless the invoice is a draft");
                    }
                    SageSalesInvoice voided = invoice.withStatus(SageInvoiceStatus.VOID, reason, simulator.now());
                    invoices.put(invoiceId, voided);
                    return voided;
                }
            }
        }
    }

    SageSalesInvoice release(String invoiceId) {
        synchronized (lock) {
            SageSalesInvoice invoice = invoices.get(invoiceId);
            if (invoice == null) {
                throw SageRuleViolation.notFound("Sales invoice " + invoiceId);
            }
            if (invoice.status() != SageInvoiceStatus.DRAFT && invoice.status() != SageInvoiceStatus.PRO_FORMA) {
                throw SageRuleViolation.invalid("status", "only DRAFT or PRO_FORMA invoices can be released");
            }
            SageSalesInvoice released = invoice.withStatus(SageInvoiceStatus.UNPAID, Optional.empty(), simulator.now());
            invoices.put(invoiceId, released);
            return released;
        }
    }

    SageSalesInvoice applyPayment(SageSalesInvoice invoice, BigDecimal amount, LocalDate on, Optional<String> source) {
        synchronized (lock) {
            String field = source.orElse("amount");
            if (invoice.status() != SageInvoiceStatus.UNPAID && invoice.status() != SageInvoiceStatus.PART_PAID) {
                throw SageRuleViolation.invalid(field, "invoice " + invoice.invoiceNumber() + " is "
                        + invoice.status() + " and cannot take payments");
            }
            if (amount.signum() <= 0 || amount.compareTo(invoice.outstandingAmount()) > 0) {
                throw SageRuleViolation.invalid(field, "must be greater than 0 and at most the outstanding amount "
                        + invoice.outstandingAmount().toPlainString());
            }
            SageSalesInvoice paid = invoice.withPayment(amount, on, simulator.now());
            invoices.put(paid.id(), paid);
            if (source.isEmpty()) {
                String paymentId = simulator.newId("contact_payment");
                payments.put(paymentId, new SageContactPayment(paymentId, invoice.contactId(), on, amount,
                        Map.of(invoice.id(), amount), Optional.empty(), simulator.now()));
            }
            return paid;
        }
    }

    SageContactPayment recordReceipt(String contactId, LocalDate date, BigDecimal total,
            Map<String, BigDecimal> allocations, Optional<String> reference) {
        synchronized (lock) {
            SageContact contact = contacts.get(contactId);
            if (contact == null || !contact.isCustomer()) {
                throw SageRuleViolation.invalid("contact_id", "customer " + contactId + " does not exist");
            }
            BigDecimal allocated = allocations.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (allocated.compareTo(total) > 0) {
                throw SageRuleViolation.invalid("allocated_artefacts", "allocate at most the total amount");
            }
            List<SageSalesInvoice> targets = new ArrayList<>();
            for (Map.Entry<String, BigDecimal> a : allocations.entrySet()) {
                SageSalesInvoice invoice = invoices.get(a.getKey());
                if (invoice == null || !invoice.contactId().equals(contactId)) {
                    throw SageRuleViolation.invalid("allocated_artefacts.artefact_id", "sales invoice " + a.getKey()
                            + " of this customer does not exist");
                }
                if (invoice.status() != SageInvoiceStatus.UNPAID && invoice.status() != SageInvoiceStatus.PART_PAID
                        || a.getValue().signum() <= 0 || a.getValue().compareTo(invoice.outstandingAmount()) > 0) {
                    throw SageRuleViolation.invalid("allocated_artefacts.amount", "invoice " + invoice.invoiceNumber()
                            + " can take at most " + invoice.outstandingAmount().toPlainString());
                }
                targets.add(invoice);
            }
            for (SageSalesInvoice invoice : targets) {
                applyPayment(invoice, allocations.get(invoice.id()), date, Optional.of("allocated_artefacts"));
            }
            SageContactPayment payment = new SageContactPayment(simulator.newId("contact_payment"), contactId, date,
                    total, allocations, reference, simulator.now());
            payments.put(payment.id(), payment);
            return payment;
        }
    }

    // ------------------------------------------------------------------------------------------------ idempotency

    Optional<SimulatedResponse> replay(String resource, String idempotencyId) {
        synchronized (lock) {
            return Optional.ofNullable(idempotentReplies.get(resource + ":" + idempotencyId.toLowerCase(Locale.ROOT)));
        }
    }

    void remember(String resource, String idempotencyId, SimulatedResponse response) {
        synchronized (lock) {
            idempotentReplies.put(resource + ":" + idempotencyId.toLowerCase(Locale.ROOT), response);
        }
    }

    List<SageSalesInvoice> invoicesSorted(Comparator<SageSalesInvoice> order) {
        synchronized (lock) {
            return invoices.values().stream().sorted(order).toList();
        }
    }

    @Override
    public String toString() {
        return "SageBusiness[" + name + ", " + id + ", " + currency + "]";
    }
}
