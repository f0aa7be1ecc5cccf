package io.kommosync.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.RequestInterceptor;
import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.Capability;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.ConfigProblem;
import io.kommosync.accounting.spi.ConflictException;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.FieldError;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.InboundWebhook;
import io.kommosync.accounting.spi.InvalidConfigurationException;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceChanges;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceEvent;
import io.kommosync.accounting.spi.InvoiceOutcome;
import io.kommosync.accounting.spi.KeyedDraft;
import io.kommosync.accounting.spi.NotFoundException;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.UnsupportedCapabilityException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.accounting.spi.WebhookRequest;
import io.kommosync.client.http.FeignClients;
import io.kommosync.client.http.JsonMapper;
import io.kommosync.client.webhook.SignatureEncoding;
import io.kommosync.client.webhook.WebhookSignatures;
import io.kommosync.xero.internal.ChangePosition;
import io.kommosync.xero.internal.ChartSnapshot;
import io.kommosync.xero.internal.ConnectionsApi;
import io.kommosync.xero.internal.InvoiceMapping;
import io.kommosync.xero.internal.SingleFlight;
import io.kommosync.xero.internal.WhereClause;
import io.kommosync.xero.internal.XeroApi;
import io.kommosync.xero.internal.XeroCalls;
import io.kommosync.xero.internal.XeroDates;
import io.kommosync.xero.internal.XeroErrorDecoder;
import io.kommosync.xero.internal.XeroFailures;
import io.kommosync.xero.internal.XeroJson;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AccountingPort} for one Xero organisation (tenant), built by {@link XeroAccountingPortProvider}.
 *
 * <ul>
 *   <li><b>Chart:</b> {@code GET /Accounts} (every account but deleted ones, typed by Xero's class), {@code GET
 *       /TaxRates} (those with {@code CanApplyToRevenue}), {@code GET /TrackingCategories} (at most two, as
 *       {@code TRACKING_1}/{@code TRACKING_2}, valued by tracking option id).</li>
 *   <li><b>Customers:</b> found by e-mail with {@code where=EmailAddress!=null&&EmailAddress=="..."} (or with
 *       {@code searchTerm} when the address holds a quote, which no filter can carry); created with the Kommo
 *       contact id in {@code ContactNumber}; a name already taken gets the e-mail address appended.</li>
 *   <li><b>Invoices:</b> {@code ACCREC}, tax-exclusive, {@code DRAFT} or {@code AUTHORISED}, with the
 *       {@code Idempotency-Key} header and {@code summarizeErrors=false}; batches of up to 50 with one outcome per
 *       element; the online invoice URL for approved ones; found again by {@code Reference}.</li>
 *   <li><b>Status:</b> Xero has no overdue status: {@code OVERDUE} is derived from {@code DueDate} and
 *       {@code AmountDue} by the attached clock; changes are polled with {@code If-Modified-Since}.</li>
 *   <li><b>Webhooks:</b> {@code x-xero-signature} checked in constant time over the raw body; the intent-to-receive
 *       handshake answered; {@code INVOICE} events of this tenant returned with stable event ids.</li>
 *   <li><b>Limits:</b> {@link XeroRateLimits} client-side, Xero's limit headers read, a daily-limit 429 parks the
 *       tenant.</li>
 * </ul>
 *
 * <p>Thread-safe. Nullness: nothing is {@code null}.
 */
public final class XeroAccountingPort implements AccountingPort {

    private static final Logger LOG = LoggerFactory.getLogger(XeroAccountingPort.class);
    private static final int MAX_LINKS_CACHED = 10_000;

    private final XeroPortSettings settings;
    private final ObjectMapper json = JsonMapper.create();
    private final XeroFailures failures = new XeroFailures(json);
    private final XeroCalls calls;
    private final XeroApi api;
    private final ConnectionsApi connections;
    private final AtomicReference<String> tenant = new AtomicReference<>();
    private final Set<Capability> capabilities;
    private final SingleFlight<Invoice> invoiceFlights = new SingleFlight<>();
    private final SingleFlight<Customer> customerFlights = new SingleFlight<>();
    private final Map<String, URI> links = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, URI> eldest) {
            return size() > MAX_LINKS_CACHED;
        }
    });
    private volatile ChartSnapshot chart;

    XeroAccountingPort(XeroPortSettings settings) {
        this.settings = settings;
        settings.tenantId().ifPresent(tenant::set);
        this.calls = new XeroCalls(failures, settings.retrySettings(), settings.tokens(),
                settings.refreshOnUnauthorized());
        OkHttpClient http = FeignClients.okHttpClient(settings.http()).newBuilder()
                .retryOnConnectionFailure(false)
                .addInterceptor(new LimitingInterceptor(settings.limits(), settings.appKey(), settings.clock()))
                .build();
        RequestInterceptor accept = t -> t.header("Accept", "application/json");
        RequestInterceptor tenantHeader = t -> {
            String id = tenant.get();
            if (id != null) {
                t.header("xero-tenant-id", id);
            }
        };
        XeroErrorDecoder errors = new XeroErrorDecoder(settings.clock());
        this.api = builder(http, errors).requestInterceptor(tenantHeader).requestInterceptor(accept)
                .target(XeroApi.class, withoutTrailingSlash(settings.baseUrl()));
        this.connections = builder(http, errors).requestInterceptor(accept)
                .target(ConnectionsApi.class, settings.connectionsUrl().toString());
        EnumSet<Capability> caps = EnumSet.of(Capability.DIMENSIONS, Capability.BATCH_INVOICES,
                Capability.IDEMPOTENCY_KEYS, Capability.VOID_INVOICES);
        if (settings.onlineInvoiceLinks()) {
            caps.add(Capability.INVOICE_LINKS);
        }
        if (settings.webhookKey().isPresent()) {
            caps.add(Capability.STATUS_WEBHOOKS);
        }
        this.capabilities = Collections.unmodifiableSet(caps);
    }

    private Feign.Builder builder(OkHttpClient http, XeroErrorDecoder errors) {
        return FeignClients.builder(http, settings.http().userAgent(), json, errors)
                .requestInterceptor(new io.kommosync.client.http.BearerTokenInterceptor(settings.tokens()));
    }

    private static String withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    // ========================================================================================== identity

    @Override
    public String providerId() {
        return XeroAccountingPortProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /**
     * The tenant this port works on: the configured one, or the one {@code GET /connections} gave.
     *
     * @return the tenant id, or empty before the first call when none was configured
     */
    public Optional<String> tenantId() {
        return Optional.ofNullable(tenant.get());
    }

    /**
     * What Xero last said about this tenant's remaining allowance.
     *
     * @return the quota, or empty before the first answer
     */
    public Optional<XeroQuota> quota() {
        return tenantId().flatMap(settings.limits()::quota);
    }

    /** @return the rate limits this port keeps to (shared when one was attached) */
    public XeroRateLimits rateLimits() {
        return settings.limits();
    }

    private String ensureTenant(String operation) {
        String id = tenant.get();
        if (id != null) {
            return id;
        }
        synchronized (tenant) {
            if (tenant.get() != null) {
                return tenant.get();
            }
            List<XeroJson.Connection> all = calls.call(operation, connections::connections);
            List<XeroJson.Connection> orgs = all == null ? List.of() : all.stream()
                    .filter(c -> c.tenantId() != null && (c.tenantType() == null
                            || "ORGANISATION".equalsIgnoreCase(c.tenantType()))).toList();
            if (orgs.isEmpty()) {
                throw new AuthenticationException(XeroFailures.context(operation), "the Xero token reaches no "
                        + "organisation; connect one through the consent flow");
            }
            if (orgs.size() > 1) {
                throw new InvalidConfigurationException(XeroAccountingPortProvider.ID, List.of(new ConfigProblem(
                        XeroConfigKeys.TENANT_ID, "the token reaches " + orgs.size() + " organisations: "
                        + orgs.stream().map(c -> c.tenantName() + " (" + c.tenantId() + ")")
                        .collect(Collectors.joining(", ")), "set 'tenantId' to the one this port works on")));
            }
            tenant.set(orgs.get(0).tenantId());
            LOG.info("Xero port uses tenant {} ({}), the only organisation its token reaches",
                    orgs.get(0).tenantId(), orgs.get(0).tenantName());
            return orgs.get(0).tenantId();
        }
    }

    // ========================================================================================== chart

    @Override
    public ChartOfAccounts chartOfAccounts() {
        return readChart("chartOfAccounts").chart();
    }

    private ChartSnapshot readChart(String operation) {
        ensureTenant(operation);
        XeroJson.Accounts accounts = calls.call(operation, api::accounts);
        XeroJson.TaxRates taxRates = calls.call(operation, api::taxRates);
        XeroJson.TrackingCategories tracking = calls.call(operation, api::trackingCategories);
        ChartSnapshot snapshot = ChartSnapshot.of(listOf(accounts == null ? null : accounts.accounts()),
                listOf(taxRates == null ? null : taxRates.taxRates()),
                listOf(tracking == null ? null : tracking.trackingCategories()), settings.trackingCategories(),
                settings.clock().instant());
        chart = snapshot;
        return snapshot;
    }

    private ChartSnapshot cachedChart(String operation) {
        ChartSnapshot current = chart;
        if (current == null || !current.readAt().plus(settings.chartCacheTtl()).isAfter(settings.clock().instant())) {
            return readChart(operation);
        }
        return current;
    }

    // ========================================================================================== customers

    @Override
    public Optional<Customer> findCustomerByEmail(String email) {
        String op = "findCustomerByEmail";
        String wanted = requireEmail(email, op);
        ensureTenant(op);
        Map<String, Object> query = new LinkedHashMap<>();
        Optional<String> where = WhereClause.equalsOptional("EmailAddress", wanted);
        if (where.isPresent()) {
            query.put("where", where.get());
        } else {
            query.put("searchTerm", wanted);
        }
        XeroJson.Contacts found = calls.call(op, () -> api.contacts(query));
        return listOf(found == null ? null : found.contacts()).stream()
                .filter(c -> c.emailAddress() != null && c.emailAddress().trim().equalsIgnoreCase(wanted))
                .filter(c -> c.contactStatus() == null || "ACTIVE".equals(c.contactStatus()))
                .findFirst().map(XeroAccountingPort::customer);
    }

    @Override
    public Optional<Customer> findCustomerById(String customerId) {
        String op = "findCustomerById";
        Objects.requireNonNull(customerId, "customerId");
        if (!customerId.matches("[0-9a-fA-F-]{36}")) {
            return Optional.empty();
        }
        ensureTenant(op);
        try {
            XeroJson.Contacts found = calls.call(op, () -> api.contact(customerId));
            return listOf(found == null ? null : found.contacts()).stream().findFirst().map(XeroAccountingPort::customer);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Customer createCustomer(CustomerDraft draft, IdempotencyKey key) {
        String op = "createCustomer";
        List<FieldError> problems = new ArrayList<>();
        draft.externalReference().filter(r -> r.length() > 50).ifPresent(r -> problems.add(new FieldError(
                "externalReference", "Xero's ContactNumber has at most 50 characters", "too_long")));
        draft.phone().filter(p -> p.length() > 50).ifPresent(p -> problems.add(new FieldError(
                "phone", "Xero's PhoneNumber has at most 50 characters", "too_long")));
        if (draft.name().length() > 255) {
            problems.add(new FieldError("name", "Xero's contact Name has at most 255 characters", "too_long"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(XeroFailures.context(op), "the customer cannot be sent to Xero", problems);
        }
        ensureTenant(op);
        return customerFlights.run(key.value(), () -> {
            XeroJson.Contact created = writeContact(op, draft, draft.name().trim(), key);
            if (failed(created.validationErrors()) && nameTaken(created.validationErrors())) {
                String unique = draft.name().trim() + " (" + draft.email().trim() + ")";
                LOG.info("Xero already has an active contact named like the new customer; creating it as a "
                        + "contact with the e-mail address in its name");
                created = writeContact(op, draft, unique, key.forStep("unique-name"));
            }
            if (failed(created.validationErrors())) {
                throw XeroFailures.elementFailure(op, created.validationErrors(), "Contacts[0].");
            }
            return customer(created);
        });
    }

    private XeroJson.Contact writeContact(String op, CustomerDraft draft, String name, IdempotencyKey key) {
        XeroJson.Contact contact = new XeroJson.Contact(null, draft.externalReference().orElse(null), null, name,
                draft.email().trim(), draft.phone().map(p -> List.of(new XeroJson.Phone("DEFAULT", p))).orElse(null),
                null, null);
        XeroJson.Contacts answer = calls.call(op, () -> api.createContacts(idempotency(key),
                new XeroJson.Contacts(List.of(contact))));
        List<XeroJson.Contact> elements = listOf(answer == null ? null : answer.contacts());
        if (elements.size() != 1) {
            throw new TransientAccountingException(XeroFailures.context(op), "Xero answered " + elements.size()
                    + " contacts for one created; retry with the same key");
        }
        return elements.get(0);
    }

    private static boolean nameTaken(List<XeroJson.ValidationError> errors) {
        return errors.stream().anyMatch(e -> e.message() != null
                && e.message().toLowerCase(Locale.ROOT).contains("already assigned to another contact"));
    }

    private static Customer customer(XeroJson.Contact c) {
        return new Customer(c.contactId(), c.name() == null ? "" : c.name(),
                Optional.ofNullable(c.emailAddress()).filter(e -> !e.isBlank()),
                Optional.ofNullable(c.contactNumber()).filter(n -> !n.isBlank()));
    }

    private static String requireEmail(String email, String op) {
        if (email == null || email.isBlank()) {
            throw new ValidationException(XeroFailures.context(op), "an e-mail address is needed to find a customer",
                    List.of(new FieldError("email", "blank; pass the customer's e-mail address", "blank")));
        }
        return email.trim();
    }

    // ========================================================================================== invoices

    @Override
    public Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key) {
        String op = "createInvoice";
        ensureTenant(op);
        return invoiceFlights.run(key.value(), () -> {
            InvoiceMapping.Prepared prepared = InvoiceMapping.toXero(draft, () -> cachedChart(op));
            if (!prepared.problems().isEmpty()) {
                throw new ValidationException(XeroFailures.context(op), "invoice " + draft.reference()
                        + " cannot be sent to Xero", prepared.problems());
            }
            XeroJson.Invoices answer = calls.call(op, () -> api.createInvoices(idempotency(key),
                    new XeroJson.Invoices(List.of(prepared.invoice()))));
            List<XeroJson.Invoice> elements = listOf(answer == null ? null : answer.invoices());
            if (elements.size() != 1) {
                throw new TransientAccountingException(XeroFailures.context(op), "Xero answered " + elements.size()
                        + " invoices for one created; retry with the same key");
            }
            XeroJson.Invoice created = elements.get(0);
            if (failed(created.validationErrors())) {
                throw XeroFailures.elementFailure(op, created.validationErrors(), "Invoices[0].");
            }
            return invoice(created, op, true);
        });
    }

    @Override
    public List<InvoiceOutcome> createInvoices(List<KeyedDraft> drafts) {
        String op = "createInvoices";
        if (drafts.isEmpty()) {
            return List.of();
        }
        ensureTenant(op);
        InvoiceOutcome[] outcomes = new InvoiceOutcome[drafts.size()];
        List<Integer> sendable = new ArrayList<>();
        List<XeroJson.Invoice> bodies = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            KeyedDraft d = drafts.get(i);
            try {
                InvoiceMapping.Prepared prepared = InvoiceMapping.toXero(d.draft(), () -> cachedChart(op));
                if (!prepared.problems().isEmpty()) {
                    outcomes[i] = new InvoiceOutcome.Failed(d.key(), new ValidationException(XeroFailures.context(op),
                            "invoice " + d.draft().reference() + " cannot be sent to Xero", prepared.problems()));
                    continue;
                }
                sendable.add(i);
                bodies.add(prepared.invoice());
            } catch (AuthenticationException e) {
                throw e;
            } catch (AccountingException e) {
                outcomes[i] = new InvoiceOutcome.Failed(d.key(), e);
            }
        }
        for (int from = 0; from < sendable.size(); from += settings.batchSize()) {
            List<Integer> chunk = sendable.subList(from, Math.min(sendable.size(), from + settings.batchSize()));
            List<XeroJson.Invoice> chunkBodies = bodies.subList(from, from + chunk.size());
            String[] keyParts = new String[chunk.size() + 1];
            keyParts[0] = "xero-batch";
            for (int j = 0; j < chunk.size(); j++) {
                keyParts[j + 1] = drafts.get(chunk.get(j)).key().value();
            }
            IdempotencyKey batchKey = IdempotencyKey.derive(keyParts);
            List<XeroJson.Invoice> elements;
            try {
                XeroJson.Invoices answer = calls.call(op, () -> api.createInvoices(idempotency(batchKey),
                        new XeroJson.Invoices(List.copyOf(chunkBodies))));
                elements = listOf(answer == null ? null : answer.invoices());
                if (elements.size() != chunk.size()) {
                    throw new TransientAccountingException(XeroFailures.context(op), "Xero answered "
                            + elements.size() + " invoices for " + chunk.size() + " sent; retry the batch");
                }
            } catch (AuthenticationException e) {
                throw e;
            } catch (AccountingException e) {
                for (int index : chunk) {
                    outcomes[index] = new InvoiceOutcome.Failed(drafts.get(index).key(), e);
                }
                continue;
            }
            for (int j = 0; j < chunk.size(); j++) {
                int index = chunk.get(j);
                XeroJson.Invoice el = elements.get(j);
                IdempotencyKey key = drafts.get(index).key();
                if (failed(el.validationErrors())) {
                    outcomes[index] = new InvoiceOutcome.Failed(key,
                            XeroFailures.elementFailure(op, el.validationErrors(), "Invoices[" + index + "]."));
                } else {
                    try {
                        outcomes[index] = new InvoiceOutcome.Created(key, invoice(el, op, false));
                    } catch (AuthenticationException e) {
                        throw e;
                    } catch (AccountingException e) {
                        outcomes[index] = new InvoiceOutcome.Failed(key, e);
                    }
                }
            }
        }
        return List.of(outcomes);
    }

    @Override
    public Optional<Invoice> findInvoiceByReference(String reference) {
        String op = "findInvoiceByReference";
        if (reference == null || reference.isBlank()) {
            throw new ValidationException(XeroFailures.context(op), "a reference is needed",
                    List.of(new FieldError("reference", "blank; pass the reference the draft carried", "blank")));
        }
        ensureTenant(op);
        Map<String, Object> query = new LinkedHashMap<>();
        Optional<String> where = WhereClause.equalsRequired("Reference", reference);
        if (where.isPresent()) {
            query.put("where", "Type==\"ACCREC\"&&" + where.get());
        } else {
            query.put("searchTerm", reference);
        }
        query.put("page", 1);
        query.put("unitdp", 4);
        XeroJson.Invoices found = calls.call(op, () -> api.invoices(query, Map.of()));
        List<XeroJson.Invoice> matching = listOf(found == null ? null : found.invoices()).stream()
                .filter(i -> reference.equals(i.reference()) && (i.type() == null || "ACCREC".equals(i.type())))
                .toList();
        Optional<XeroJson.Invoice> chosen = matching.stream()
                .filter(i -> !"VOIDED".equals(i.status()) && !"DELETED".equals(i.status())).findFirst()
                .or(() -> matching.stream().findFirst());
        return chosen.map(i -> invoice(i, op, true));
    }

    @Override
    public Invoice invoice(String invoiceId) {
        String op = "invoice";
        return invoice(read(op, invoiceId), op, true);
    }

    private XeroJson.Invoice read(String op, String invoiceId) {
        if (invoiceId == null || !XeroAccountingPortProvider.isUuid(invoiceId)) {
            throw new NotFoundException(XeroFailures.context(op), "'" + invoiceId + "' is not a Xero invoice id (a "
                    + "UUID), so Xero has no such invoice");
        }
        ensureTenant(op);
        XeroJson.Invoices found = calls.call(op, () -> api.invoice(invoiceId));
        return listOf(found == null ? null : found.invoices()).stream().findFirst().orElseThrow(() ->
                new NotFoundException(XeroFailures.context(op), "Xero has no invoice " + invoiceId));
    }

    @Override
    public InvoiceChanges invoiceChangesSince(ChangeCursor cursor) {
        String op = "invoiceChangesSince";
        ChangePosition position = ChangePosition.of(cursor).orElseThrow(() -> new ValidationException(
                XeroFailures.context(op), "the cursor was not made by the Xero port", List.of(new FieldError(
                "cursor", "'" + cursor.value() + "' is unknown; start with ChangeCursor.since(instant)", "unknown"))));
        ensureTenant(op);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("where", "Type==\"ACCREC\"");
        query.put("order", "UpdatedDateUTC ASC");
        query.put("page", position.page());
        query.put("pageSize", settings.pageSize());
        query.put("unitdp", 4);
        Map<String, Object> headers = Map.of("If-Modified-Since", position.since().toString());
        XeroJson.Invoices found = calls.call(op, () -> api.invoices(query, headers));
        List<XeroJson.Invoice> page = listOf(found == null ? null : found.invoices());
        List<Invoice> invoices = new ArrayList<>(page.size());
        for (XeroJson.Invoice i : page) {
            invoices.add(invoice(i, op, false));
        }
        Optional<Instant> last = page.isEmpty() ? Optional.empty()
                : XeroDates.instant(page.get(page.size() - 1).updatedDateUtc());
        ChangePosition next = position.after(page.size(), settings.pageSize(), last);
        return new InvoiceChanges(invoices, next.cursor(), page.size() >= settings.pageSize());
    }

    @Override
    public Invoice voidInvoice(String invoiceId, String reason) {
        String op = "voidInvoice";
        XeroJson.Invoice current = read(op, invoiceId);
        String status = current.status() == null ? "" : current.status();
        if (status.equals("VOIDED") || status.equals("DELETED")) {
            return invoice(current, op, false);
        }
        boolean paid = status.equals("PAID") || positive(current.amountPaid()) || positive(current.amountCredited());
        if (paid) {
            throw new ConflictException(XeroFailures.context(op), "invoice " + current.invoiceNumber() + " has "
                    + "payments or credits; remove them in Xero before voiding it");
        }
        String target = status.equals("DRAFT") || status.equals("SUBMITTED") ? "DELETED" : "VOIDED";
        IdempotencyKey key = IdempotencyKey.derive("xero-void", invoiceId);
        XeroJson.Invoices answer;
        try {
            answer = calls.call(op, () -> api.updateInvoice(invoiceId, idempotency(key),
                    new XeroJson.Invoices(List.of(XeroJson.Invoice.statusChange(invoiceId, target)))));
        } catch (ValidationException e) {
            throw new ConflictException(e.context(), "Xero refused to void invoice " + current.invoiceNumber()
                    + ": " + e.getMessage(), e);
        }
        XeroJson.Invoice voided = listOf(answer == null ? null : answer.invoices()).stream().findFirst()
                .orElseThrow(() -> new TransientAccountingException(XeroFailures.context(op),
                        "Xero answered no invoice for the void; read the invoice to learn its status"));
        if (failed(voided.validationErrors())) {
            throw new ConflictException(XeroFailures.context(op), "Xero refused to void invoice "
                    + current.invoiceNumber() + ": " + voided.validationErrors().get(0).message());
        }
        if (reason != null && !reason.isBlank()) {
            try {
                calls.call(op, () -> api.addHistory(invoiceId, new XeroJson.HistoryRecords(List.of(
                        new XeroJson.HistoryRecord("Voided by kommo-sync: " + reason.trim())))));
            } catch (AccountingException e) {
                LOG.warn("Invoice {} was voided but its history note could not be added: {}", invoiceId,
                        e.getMessage());
            }
        }
        return invoice(voided, op, false);
    }

    private Invoice invoice(XeroJson.Invoice json, String op, boolean fetchLink) {
        Optional<URI> link = link(json, op, fetchLink);
        LocalDate today = LocalDate.ofInstant(settings.clock().instant(), settings.zone());
        try {
            return InvoiceMapping.fromXero(json, link, today, () -> cachedChart(op));
        } catch (IllegalArgumentException e) {
            throw new TransientAccountingException(XeroFailures.context(op), "Xero returned an invoice this port "
                    + "cannot read: " + e.getMessage(), e);
        }
    }

    private Optional<URI> link(XeroJson.Invoice json, String op, boolean fetch) {
        if (!settings.onlineInvoiceLinks() || json.invoiceId() == null) {
            return Optional.empty();
        }
        URI cached = links.get(json.invoiceId());
        if (cached != null) {
            return Optional.of(cached);
        }
        boolean approved = "AUTHORISED".equals(json.status()) || "PAID".equals(json.status());
        if (!fetch || !approved) {
            return Optional.empty();
        }
        try {
            XeroJson.OnlineInvoices online = calls.call(op, () -> api.onlineInvoice(json.invoiceId()));
            Optional<URI> url = listOf(online == null ? null : online.onlineInvoices()).stream()
                    .map(XeroJson.OnlineInvoice::onlineInvoiceUrl).filter(u -> u != null && !u.isBlank())
                    .findFirst().map(URI::create);
            url.ifPresent(u -> links.put(json.invoiceId(), u));
            return url;
        } catch (AuthenticationException e) {
            throw e;
        } catch (AccountingException | IllegalArgumentException e) {
            LOG.warn("The online invoice URL of invoice {} could not be read; the invoice goes without a link: {}",
                    json.invoiceId(), e.getMessage());
            return Optional.empty();
        }
    }

    // ========================================================================================== webhooks

    @Override
    public Optional<InboundWebhook> verifyWebhook(WebhookRequest request) {
        String op = "verifyWebhook";
        if (settings.webhookKey().isEmpty()) {
            throw new UnsupportedCapabilityException(XeroFailures.context(op), "no webhook key is configured; set '"
                    + XeroConfigKeys.WEBHOOK_KEY + "' to the key of the app's webhook");
        }
        byte[] body = request.body();
        Optional<String> signature = request.header("x-xero-signature");
        if (!WebhookSignatures.verify(body, signature.orElse(null), settings.webhookKey().get(),
                SignatureEncoding.BASE64)) {
            LOG.warn("Rejected a Xero webhook with {} signature", signature.isPresent() ? "a wrong" : "no");
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            LOG.warn("A correctly signed Xero webhook carried no JSON; answering 200 without events");
            return Optional.of(InboundWebhook.ok(List.of()));
        }
        List<JsonNode> invoiceEvents = new ArrayList<>();
        for (JsonNode e : root == null ? List.<JsonNode>of() : iterable(root.path("events"))) {
            if ("INVOICE".equalsIgnoreCase(e.path("eventCategory").asText())) {
                invoiceEvents.add(e);
            }
        }
        if (invoiceEvents.isEmpty()) {
            return Optional.of(InboundWebhook.ok(List.of()));
        }
        String ours = ensureTenant(op);
        List<InvoiceEvent> events = new ArrayList<>();
        for (JsonNode e : invoiceEvents) {
            String tenantId = e.path("tenantId").asText("");
            String resourceId = e.path("resourceId").asText("");
            if (!tenantId.equalsIgnoreCase(ours) || resourceId.isEmpty()) {
                continue;
            }
            String type = e.path("eventType").asText("");
            String at = e.path("eventDateUtc").asText("");
            InvoiceEvent.Kind kind = "CREATE".equalsIgnoreCase(type) ? InvoiceEvent.Kind.CREATED
                    : InvoiceEvent.Kind.UPDATED;
            Instant occurred = XeroDates.instant(at).orElse(settings.clock().instant());
            String eventId = IdempotencyKey.derive("xero-webhook", tenantId.toLowerCase(Locale.ROOT),
                    resourceId.toLowerCase(Locale.ROOT), "INVOICE", type.toUpperCase(Locale.ROOT), at).value();
            events.add(new InvoiceEvent(resourceId, kind, occurred, eventId));
        }
        return Optional.of(InboundWebhook.ok(events));
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    // ========================================================================================== helpers

    private static Map<String, Object> idempotency(IdempotencyKey key) {
        return Map.of("Idempotency-Key", key.value());
    }

    private static boolean failed(List<XeroJson.ValidationError> errors) {
        return errors != null && !errors.isEmpty();
    }

    private static boolean positive(java.math.BigDecimal value) {
        return value != null && value.signum() > 0;
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    @Override
    public String toString() {
        return "XeroAccountingPort[tenant=" + tenantId().orElse("(from /connections)") + ", baseUrl="
                + settings.baseUrl() + ", capabilities=" + capabilities + "]";
    }
}
