package io.kommosync.sage.intacct.xml;

import feign.Feign;
import feign.Response;
import feign.RetryableException;
import feign.Target;
import feign.codec.Encoder;
import io.kommosync.accounting.spi.AccountType;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.DimensionValue;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.FieldError;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.TaxRate;
import io.kommosync.client.Secret;
import io.kommosync.client.http.FeignClients;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.http.HttpResponses;
import io.kommosync.client.http.JsonMapper;
import io.kommosync.sage.intacct.internal.IntacctDimensions;
import io.kommosync.sage.intacct.internal.IntacctSettings;
import io.kommosync.sage.intacct.internal.Keys;
import io.kommosync.sage.intacct.internal.LedgerGateway;
import io.kommosync.sage.intacct.internal.LedgerInvoice;
import io.kommosync.sage.intacct.internal.LedgerLine;
import io.kommosync.sage.intacct.internal.LedgerPage;
import io.kommosync.sage.intacct.internal.NewInvoice;
import io.kommosync.sage.intacct.internal.VendorFailure;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The XML gateway transport. Logs in once with the sender and user credentials ({@code getAPISession}, in the
 * configured entity), then sends every call with the session to the endpoint the session named; renews the session
 * when its {@code sessiontimeout} has passed or the gateway rejects it. Writes carry {@code uniqueid=true} and a
 * function {@code controlid} derived from the idempotency key, so the gateway refuses a repeat. Thread-safe.
 */
public final class XmlTransport implements LedgerGateway {

    private static final Logger LOG = LoggerFactory.getLogger(XmlTransport.class);
    private static final String GATEWAY_PATH = "ia/xml/xmlgw.phtml";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);
    private static final Duration RENEW_MARGIN = Duration.ofSeconds(30);

    private record Session(Secret id, URI endpoint, Instant expiresAt) {
    }

    private final IntacctSettings settings;
    private final XmlGatewayApi api;
    private final URI loginEndpoint;
    private final Object sessionLock = new Object();
    private volatile Session session;

    /**
     * Creates the transport; makes no call.
     *
     * @param settings the settings
     */
    public XmlTransport(IntacctSettings settings) {
        this.settings = settings;
        this.loginEndpoint = settings.baseUrl().resolve(GATEWAY_PATH);
        HttpOptions options = HttpOptions.defaults().withReadTimeout(settings.timeout());
        Feign.Builder builder = FeignClients.builder(noSilentRetries(options), options.userAgent(),
                JsonMapper.create(), (key, response) ->
                        new IllegalStateException("unreachable: raw responses are returned"));
        this.api = builder.encoder(new Encoder.Default()).target(Target.EmptyTarget.create(XmlGatewayApi.class));
    }

    /**
     * OkHttp silently re-sends a request whose pooled connection broke; for a write whose answer was lost that
     * hides the loss (and, without Intacct's duplicate check, would post twice). The port decides about retries.
     *
     * @param options the HTTP options
     * @return a client that never re-sends on its own
     */
    public static okhttp3.OkHttpClient noSilentRetries(HttpOptions options) {
        return FeignClients.okHttpClient(options).newBuilder().retryOnConnectionFailure(false).build();
    }

    // ------------------------------------------------------------------------------------------------ gateway

    @Override
    public ChartOfAccounts chart(boolean withDimensionValues) {
        List<String> accountFields = new ArrayList<>(List.of("RECORDNO", "ACCOUNTNO", "TITLE", "ACCOUNTTYPE",
                "STATUS"));
        IntacctDimensions.ALL.forEach(d -> accountFields.add(d.requireFlag()));
        List<LedgerAccount> accounts = new ArrayList<>();
        for (Map<String, String> r : queryAll("GLACCOUNT", accountFields, null, false, "ACCOUNTNO")) {
            boolean income = "incomestatement".equalsIgnoreCase(r.getOrDefault("ACCOUNTTYPE", ""));
            Set<DimensionType> required = java.util.EnumSet.noneOf(DimensionType.class);
            IntacctDimensions.ALL.forEach(d -> {
                if (income && "true".equalsIgnoreCase(r.getOrDefault(d.requireFlag(), ""))) {
                    required.add(d.type());
                }
            });
            String no = r.getOrDefault("ACCOUNTNO", "");
            accounts.add(new LedgerAccount(r.getOrDefault("RECORDNO", no), no, r.getOrDefault("TITLE", no),
                    accountType(no, r.getOrDefault("ACCOUNTTYPE", "")), "active".equalsIgnoreCase(r.get("STATUS")),
                    required));
        }
        List<TaxRate> rates = new ArrayList<>();
        for (Map<String, String> r : queryAll("TAXDETAIL", List.of("RECORDNO", "DETAILID", "DESCRIPTION", "VALUE",
                "STATUS"), Query.equalTo("TAXTYPE", "Sale"), false, "DETAILID")) {
            String id = r.getOrDefault("DETAILID", "");
            rates.add(new TaxRate(r.getOrDefault("RECORDNO", id), id, r.getOrDefault("DESCRIPTION", id),
                    decimal(r.get("VALUE")), "active".equalsIgnoreCase(r.get("STATUS"))));
        }
        Map<DimensionType, List<DimensionValue>> values = new EnumMap<>(DimensionType.class);
        for (IntacctDimensions d : IntacctDimensions.ALL) {
            if (!withDimensionValues || !d.listedInChart()) {
                continue;
            }
            String idField = d.xmlObject() + "ID";
            List<DimensionValue> list = new ArrayList<>();
            for (Map<String, String> r : queryAll(d.xmlObject(), List.of(idField, "NAME", "STATUS"), null, false,
                    idField)) {
                list.add(new DimensionValue(d.type(), r.getOrDefault(idField, ""), r.getOrDefault("NAME", ""),
                        !"inactive".equalsIgnoreCase(r.get("STATUS"))));
            }
            if (!list.isEmpty()) {
                values.put(d.type(), list);
            }
        }
        return new ChartOfAccounts(accounts, rates, values);
    }

    private static AccountType accountType(String accountNo, String type) {
        return "incomestatement".equalsIgnoreCase(type) && accountNo.startsWith("4") ? AccountType.REVENUE
                : "incomestatement".equalsIgnoreCase(type) && (accountNo.startsWith("5") || accountNo.startsWith("6")
                || accountNo.startsWith("7")) ? AccountType.EXPENSE
                : "incomestatement".equalsIgnoreCase(type) ? AccountType.OTHER_INCOME : AccountType.OTHER;
    }

    @Override
    public List<Customer> customersByEmail(String email) {
        Query q = query("CUSTOMER", List.of("RECORDNO", "CUSTOMERID", "NAME", "DISPLAYCONTACT.EMAIL1"),
                Query.equalTo("DISPLAYCONTACT.EMAIL1", email), true, "RECORDNO");
        return records(run(function(q), false)).stream().map(r -> new Customer(r.getOrDefault("CUSTOMERID", ""),
                r.getOrDefault("NAME", ""), Optional.ofNullable(r.get("DISPLAYCONTACT.EMAIL1"))
                .filter(e -> !e.isBlank()), Optional.empty())).toList();
    }

    @Override
    public Customer createCustomer(CustomerDraft draft, IdempotencyKey key) {
        XmlRequest.CustomerRecord record = new XmlRequest.CustomerRecord();
        record.customerid = Keys.customerId(key);
        record.name = draft.name();
        record.displaycontact = new XmlRequest.Contact();
        record.displaycontact.printas = draft.name();
        record.displaycontact.companyname = draft.companyName().orElse(null);
        record.displaycontact.phone1 = draft.phone().orElse(null);
        record.displaycontact.email1 = draft.email().trim();
        record.status = "active";
        XmlRequest.Function fn = new XmlRequest.Function();
        fn.controlid = Keys.controlId(key, "customer");
        fn.create = new XmlRequest.Create();
        fn.create.customer = record;
        XmlResponse.Result result = execute(fn, true, false);
        if (!"success".equals(result.status)) {
            Optional<Customer> existing = customerById(record.customerid);
            if (existing.isPresent()) {
                return existing.get();
            }
            throw resultFailure(result);
        }
        return new Customer(record.customerid, draft.name(), Optional.of(draft.email().trim()), Optional.empty());
    }

    @Override
    public Optional<Customer> customerById(String customerId) {
        Query q = query("CUSTOMER", List.of("RECORDNO", "CUSTOMERID", "NAME", "DISPLAYCONTACT.EMAIL1"),
                Query.equalTo("CUSTOMERID", customerId), false, "RECORDNO");
        return records(run(function(q), false)).stream().findFirst().map(r -> new Customer(r.get("CUSTOMERID"),
                r.getOrDefault("NAME", ""), Optional.ofNullable(r.get("DISPLAYCONTACT.EMAIL1"))
                .filter(e -> !e.isBlank()), Optional.empty()));
    }

    @Override
    public Optional<String> createInvoice(NewInvoice invoice, IdempotencyKey key) {
        XmlRequest.Function fn = new XmlRequest.Function();
        fn.controlid = Keys.controlId(key, "invoice");
        fn.createInvoice = createInvoiceElement(invoice, settings);
        XmlResponse.Result result = execute(fn, true, false);
        if ("success".equals(result.status) && result.key != null && !result.key.isBlank()) {
            return Optional.of(result.key.trim());
        }
        if ("success".equals(result.status)) {
            return Optional.empty();
        }
        if (!invoicesByReference(invoice.reference()).isEmpty()) {
            LOG.debug("Intacct refused function {} and an invoice with its reference exists; it is the first write",
                    fn.controlid);
            return Optional.empty();
        }
        throw resultFailure(result);
    }

    /**
     * The {@code create_invoice} element for an invoice, elements in DTD order.
     *
     * @param invoice  the invoice
     * @param settings the settings (custom field names)
     * @return the element
     */
    static CreateInvoice createInvoiceElement(NewInvoice invoice, IntacctSettings settings) {
        CreateInvoice c = new CreateInvoice();
        c.customerid = invoice.customerId();
        c.datecreated = CreateInvoice.DateParts.of(invoice.invoiceDate());
        c.datedue = CreateInvoice.DateParts.of(invoice.dueDate());
        c.action = invoice.draft() ? "Draft" : "Submit";
        c.ponumber = invoice.reference();
        c.description = invoice.description().orElse(null);
        c.currency = invoice.currency();
        for (LedgerLine line : invoice.lines()) {
            CreateInvoice.LineItem item = new CreateInvoice.LineItem();
            item.glaccountno = line.accountNo();
            item.amount = line.amount().toPlainString();
            item.memo = line.memo();
            Dimensions d = line.dimensions();
            item.locationid = d.get(DimensionType.LOCATION).orElse(null);
            item.departmentid = d.get(DimensionType.DEPARTMENT).orElse(null);
            item.projectid = d.get(DimensionType.PROJECT).orElse(null);
            item.customerid = d.get(DimensionType.CUSTOMER).orElse(null);
            item.vendorid = d.get(DimensionType.VENDOR).orElse(null);
            item.employeeid = d.get(DimensionType.EMPLOYEE).orElse(null);
            item.itemid = d.get(DimensionType.ITEM).orElse(null);
            item.classid = d.get(DimensionType.CLASS).orElse(null);
            CreateInvoice.CustomFields custom = new CreateInvoice.CustomFields();
            settings.quantityField().ifPresent(f -> line.quantity().ifPresent(q ->
                    custom.fields.add(new CreateInvoice.CustomField(f, q.toPlainString()))));
            settings.unitPriceField().ifPresent(f -> line.unitPrice().ifPresent(p ->
                    custom.fields.add(new CreateInvoice.CustomField(f, p.toPlainString()))));
            item.customfields = custom.fields.isEmpty() ? null : custom;
            if (!line.taxDetailId().isEmpty()) {
                CreateInvoice.TaxEntry entry = new CreateInvoice.TaxEntry();
                entry.detailid = line.taxDetailId();
                entry.trxTax = line.tax().toPlainString();
                item.taxentries = new CreateInvoice.TaxEntries();
                item.taxentries.entries.add(entry);
            }
            c.invoiceitems.lines.add(item);
        }
        return c;
    }

    @Override
    public List<String> invoicesByReference(String reference) {
        Query q = query("ARINVOICE", List.of("RECORDNO"), Query.equalTo("DOCNUMBER", reference), false, "RECORDNO");
        return records(run(function(q), false)).stream().map(r -> r.getOrDefault("RECORDNO", ""))
                .filter(s -> !s.isBlank()).toList();
    }

    @Override
    public Optional<LedgerInvoice> invoice(String recordNo) {
        if (!recordNo.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        XmlRequest.Function fn = new XmlRequest.Function();
        fn.controlid = "read-" + UUID.randomUUID();
        fn.read = new XmlRequest.Read();
        fn.read.object = "ARINVOICE";
        fn.read.keys = recordNo;
        fn.read.fields = "*";
        XmlResponse.Result result = run(fn, false);
        if (result.data == null || result.data.records.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(invoiceOf(result.data.records.get(0), true));
    }

    @Override
    public LedgerPage changedSince(Instant after, Optional<String> afterRecord, int pageSize) {
        String at = DATE_TIME.format(after.atOffset(ZoneOffset.UTC));
        Query.Criteria filter;
        if (afterRecord.isEmpty()) {
            filter = new Query.Criteria();
            filter.greaterthanorequalto.add(new Query.Condition("WHENMODIFIED", at));
        } else {
            Query.Criteria sameInstant = new Query.Criteria();
            sameInstant.equalto.add(new Query.Condition("WHENMODIFIED", at));
            sameInstant.greaterthan.add(new Query.Condition("RECORDNO", afterRecord.get()));
            Query.Criteria either = new Query.Criteria();
            either.greaterthan.add(new Query.Condition("WHENMODIFIED", at));
            either.and.add(sameInstant);
            filter = new Query.Criteria();
            filter.or.add(either);
        }
        Query q = query("ARINVOICE", List.of("RECORDNO", "RECORDID", "DOCNUMBER", "CUSTOMERID", "STATE",
                "WHENCREATED", "WHENDUE", "CURRENCY", "TOTALENTERED", "TOTALPAID", "TOTALDUE", "WHENMODIFIED"),
                filter, false, "WHENMODIFIED", "RECORDNO");
        q.pagesize = Integer.toString(pageSize);
        XmlResponse.Result result = run(function(q), false);
        List<LedgerInvoice> invoices = new ArrayList<>();
        if (result.data != null) {
            result.data.records.forEach(e -> invoices.add(invoiceOf(e, false)));
        }
        return new LedgerPage(invoices, invoices.size() >= pageSize);
    }

    @Override
    public void close() {
        session = null;
    }

    @Override
    public String toString() {
        return "XmlTransport[" + loginEndpoint + "]";
    }

    // ------------------------------------------------------------------------------------------------ reading

    private LedgerInvoice invoiceOf(Element record, boolean withLines) {
        Map<String, String> f = fields(record);
        List<LedgerLine> lines = new ArrayList<>();
        if (withLines) {
            for (Element items : elements(record, "ARINVOICEITEMS")) {
                for (Element item : elements(items, "arinvoiceitem")) {
                    lines.add(lineOf(item));
                }
            }
        }
        return new LedgerInvoice(f.getOrDefault("RECORDNO", ""), f.getOrDefault("RECORDID", ""),
                f.getOrDefault("DOCNUMBER", ""), f.getOrDefault("CUSTOMERID", ""), date(f.get("WHENCREATED")),
                date(f.get("WHENDUE")), f.getOrDefault("CURRENCY", "USD").isBlank() ? "USD" : f.get("CURRENCY"),
                state(f.getOrDefault("STATE", "")), decimal(f.get("TOTALENTERED")), decimal(f.get("TOTALPAID")),
                decimal(f.get("TOTALDUE")), dateTime(f.get("WHENMODIFIED")), lines);
    }

    private LedgerLine lineOf(Element item) {
        Map<String, String> f = fields(item);
        Map<DimensionType, String> dims = new EnumMap<>(DimensionType.class);
        for (IntacctDimensions d : IntacctDimensions.ALL) {
            String v = f.getOrDefault(d.readField(), "");
            if (!v.isBlank()) {
                dims.put(d.type(), v);
            }
        }
        String detail = "";
        BigDecimal tax = BigDecimal.ZERO;
        for (Element entries : elements(item, "TAXENTRIES")) {
            for (Element entry : elements(entries, "TAXENTRY")) {
                Map<String, String> t = fields(entry);
                detail = t.getOrDefault("DETAILID", "");
                tax = tax.add(decimal(t.get("TRX_TAX")));
            }
        }
        Optional<BigDecimal> quantity = settings.quantityField().map(n -> f.get(n.toUpperCase(Locale.ROOT)))
                .filter(v -> !v.isBlank()).map(BigDecimal::new);
        Optional<BigDecimal> price = settings.unitPriceField().map(n -> f.get(n.toUpperCase(Locale.ROOT)))
                .filter(v -> !v.isBlank()).map(BigDecimal::new);
        return new LedgerLine(f.getOrDefault("ACCOUNTNO", ""), decimal(f.get("AMOUNT")),
                f.getOrDefault("ENTRYDESCRIPTION", ""), new Dimensions(dims), quantity, price, detail, tax);
    }

    private static String state(String state) {
        return switch (state.trim().toLowerCase(Locale.ROOT)) {
            case "draft" -> "draft";
            case "partially paid" -> "partiallyPaid";
            case "paid" -> "paid";
            case "reversed", "reversal", "voided", "deleted" -> "reversed";
            default -> "posted";
        };
    }

    private static Map<String, String> fields(Element e) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && elements(child).isEmpty()) {
                out.put(child.getTagName(), child.getTextContent().trim());
            }
        }
        return out;
    }

    private static List<Element> elements(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                out.add(child);
            }
        }
        return out;
    }

    private static List<Element> elements(Element e, String name) {
        return elements(e).stream().filter(c -> c.getTagName().equals(name)).toList();
    }

    private static List<Map<String, String>> records(XmlResponse.Result result) {
        return result.data == null ? List.of() : result.data.records.stream().map(XmlTransport::fields).toList();
    }

    private static BigDecimal decimal(String s) {
        try {
            return s == null || s.isBlank() ? BigDecimal.ZERO : new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw VendorFailure.of(VendorFailure.Kind.TRANSIENT, "Intacct answered a malformed amount '" + s + "'");
        }
    }

    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s == null ? "" : s.trim(), DATE);
        } catch (DateTimeParseException e) {
            throw VendorFailure.of(VendorFailure.Kind.TRANSIENT, "Intacct answered a malformed date '" + s + "'");
        }
    }

    private static Instant dateTime(String s) {
        try {
            return LocalDateTime.parse(s == null ? "" : s.trim(), DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw VendorFailure.of(VendorFailure.Kind.TRANSIENT, "Intacct answered a malformed time '" + s + "'");
        }
    }

    // ------------------------------------------------------------------------------------------------ queries

    private Query query(String object, List<String> fields, Query.Criteria filter, boolean caseInsensitive,
                        String... orderBy) {
        Query q = new Query();
        q.object = object;
        q.select.fields.addAll(fields);
        q.filter = filter;
        if (orderBy.length > 0) {
            q.orderby = new Query.OrderBy();
            for (String field : orderBy) {
                Query.Order o = new Query.Order();
                o.field = field;
                o.ascending = new Query.Empty();
                q.orderby.orders.add(o);
            }
        }
        if (caseInsensitive) {
            q.options = new Query.Options();
            q.options.caseinsensitive = "true";
        }
        q.pagesize = Integer.toString(settings.pageSize());
        return q;
    }

    private List<Map<String, String>> queryAll(String object, List<String> fields, Query.Criteria filter,
                                               boolean caseInsensitive, String orderBy) {
        List<Map<String, String>> out = new ArrayList<>();
        int offset = 0;
        int pageSize = Math.max(100, settings.pageSize());
        while (true) {
            Query q = query(object, fields, filter, caseInsensitive, orderBy);
            q.pagesize = Integer.toString(pageSize);
            q.offset = offset == 0 ? null : Integer.toString(offset);
            XmlResponse.Result result = run(function(q), false);
            List<Map<String, String>> page = records(result);
            out.addAll(page);
            int remaining = result.data == null || result.data.numremaining == null ? 0
                    : Integer.parseInt(result.data.numremaining.trim());
            if (page.isEmpty() || remaining <= 0) {
                return out;
            }
            offset += page.size();
        }
    }

    private static XmlRequest.Function function(Query q) {
        XmlRequest.Function fn = new XmlRequest.Function();
        fn.controlid = "query-" + UUID.randomUUID();
        fn.query = q;
        return fn;
    }

    private XmlResponse.Result run(XmlRequest.Function fn, boolean uniqueId) {
        XmlResponse.Result result = execute(fn, uniqueId, false);
        if (!"success".equals(result.status)) {
            throw resultFailure(result);
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------------ envelope

    /**
     * Sends one function with the session (renewing it first when it has expired, and once more when the gateway
     * rejects it), checks the control and authentication levels and answers the function's result.
     */
    private XmlResponse.Result execute(XmlRequest.Function fn, boolean uniqueId, boolean renewed) {
        return execute(fn, uniqueId, renewed, null);
    }

    private XmlResponse.Result execute(XmlRequest.Function fn, boolean uniqueId, boolean renewed, Session rejected) {
        Session s = session(rejected);
        XmlRequest request = envelope(fn.controlid, uniqueId);
        request.operation.authentication = new XmlRequest.Authentication();
        request.operation.authentication.sessionid = s.id().reveal();
        request.operation.content.functions.add(fn);
        XmlResponse response = send(s.endpoint(), request);
        XmlResponse.Authentication auth = response.operation.authentication;
        if (auth == null || !"success".equals(auth.status)) {
            if (!renewed) {
                LOG.debug("Intacct rejected the API session; getting a new one");
                return execute(fn, uniqueId, true, s);
            }
            throw authenticationFailure(response.operation.errormessage, fn.controlid);
        }
        extendSession(s, auth.sessiontimeout);
        if (response.operation.results.isEmpty()) {
            throw VendorFailure.of(VendorFailure.Kind.TRANSIENT, "Intacct answered without a result");
        }
        return response.operation.results.get(0);
    }

    /** The current session, or a new one when there is none, it has expired, or it is the one just rejected. */
    private Session session(Session rejected) {
        Session current = session;
        if (current != null && current != rejected && usable(current)) {
            return current;
        }
        synchronized (sessionLock) {
            current = session;
            if (current != null && current != rejected && usable(current)) {
                return current;
            }
            Session fresh = login();
            session = fresh;
            return fresh;
        }
    }

    private boolean usable(Session s) {
        return settings.clock().instant().plus(RENEW_MARGIN).isBefore(s.expiresAt());
    }

    private void extendSession(Session s, String timeout) {
        Optional<Instant> until = instant(timeout);
        if (until.isPresent() && session == s && until.get().isAfter(s.expiresAt())) {
            synchronized (sessionLock) {
                if (session == s) {
                    session = new Session(s.id(), s.endpoint(), until.get());
                }
            }
        }
    }

    private Session login() {
        XmlRequest.Function fn = new XmlRequest.Function();
        fn.controlid = "session-" + UUID.randomUUID();
        fn.getAPISession = new XmlRequest.GetApiSession();
        fn.getAPISession.locationid = settings.entityId().orElse(null);
        XmlRequest request = envelope(fn.controlid, false);
        XmlRequest.Login login = new XmlRequest.Login();
        login.userid = settings.userId();
        login.companyid = settings.companyId();
        login.password = settings.userPassword().orElseThrow().reveal();
        login.locationid = settings.entityId().orElse(null);
        request.operation.authentication = new XmlRequest.Authentication();
        request.operation.authentication.login = login;
        request.operation.content.functions.add(fn);
        XmlResponse response = send(loginEndpoint, request);
        XmlResponse.Authentication auth = response.operation.authentication;
        if (auth == null || !"success".equals(auth.status)) {
            throw authenticationFailure(response.operation.errormessage, fn.controlid);
        }
        XmlResponse.Result result = response.operation.results.isEmpty() ? null : response.operation.results.get(0);
        if (result == null || !"success".equals(result.status) || result.data == null
                || result.data.records.isEmpty()) {
            throw result == null ? VendorFailure.of(VendorFailure.Kind.TRANSIENT, "getAPISession answered nothing")
                    : resultFailure(result);
        }
        Map<String, String> api = fields(result.data.records.get(0));
        String id = api.getOrDefault("sessionid", "");
        URI endpoint = endpoint(api.getOrDefault("endpoint", ""));
        Instant expires = instant(auth.sessiontimeout).orElse(settings.clock().instant().plus(Duration.ofMinutes(30)));
        if (id.isBlank()) {
            throw VendorFailure.of(VendorFailure.Kind.AUTHENTICATION, "getAPISession answered no session id");
        }
        LOG.debug("Intacct API session opened for company {} at {}", settings.companyId(), endpoint);
        return new Session(Secret.of(id), endpoint, expires);
    }

    /** The endpoint a session names, accepted only on the configured host or an {@code *.intacct.com} host. */
    private URI endpoint(String text) {
        if (text.isBlank()) {
            return loginEndpoint;
        }
        try {
            URI uri = URI.create(text.trim());
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean sameHost = host.equals(settings.baseUrl().getHost().toLowerCase(Locale.ROOT))
                    && uri.getPort() == settings.baseUrl().getPort();
            boolean intacct = "https".equals(uri.getScheme()) && (host.equals("intacct.com")
                    || host.endsWith(".intacct.com"));
            if (sameHost || intacct) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw VendorFailure.of(VendorFailure.Kind.AUTHENTICATION, "getAPISession named an endpoint outside "
                + "intacct.com and the configured host; refusing to send the session there");
    }

    private XmlRequest envelope(String controlId, boolean uniqueId) {
        XmlRequest request = new XmlRequest();
        request.control = new XmlRequest.Control();
        request.control.senderid = settings.senderId();
        request.control.password = settings.senderPassword().orElseThrow().reveal();
        request.control.controlid = controlId;
        request.control.uniqueid = Boolean.toString(uniqueId);
        request.control.dtdversion = "3.0";
        request.control.includewhitespace = "false";
        request.operation = new XmlRequest.Operation();
        request.operation.transaction = "false";
        return request;
    }

    private XmlResponse send(URI endpoint, XmlRequest request) {
        byte[] body = XmlCodec.write(request);
        String controlId = request.control.controlid;
        try (Response response = api.post(endpoint, body)) {
            int status = response.status();
            byte[] bytes = response.body() == null ? new byte[0]
                    : HttpResponses.bodyBytes(response, XmlCodec.MAX_BODY_BYTES + 1);
            XmlResponse parsed = null;
            try {
                parsed = bytes.length == 0 ? null : XmlCodec.read(bytes, XmlResponse.class);
            } catch (SAXException e) {
                if (status / 100 == 2) {
                    throw new VendorFailure(VendorFailure.Kind.TRANSIENT, "Intacct answered a document that is "
                            + "not a safe, well-formed response (" + e.getMessage() + ")", OptionalInt.of(status),
                            Optional.of(controlId), Optional.empty(), List.of(), false, null);
                }
            }
            if (status / 100 != 2) {
                throw httpFailure(status, response, parsed, controlId);
            }
            if (parsed == null || parsed.control == null) {
                throw new VendorFailure(VendorFailure.Kind.TRANSIENT, "Intacct answered without a control block",
                        OptionalInt.of(status), Optional.of(controlId), Optional.empty(), List.of(), false, null);
            }
            if (!"success".equals(parsed.control.status)) {
                throw controlFailure(parsed, controlId);
            }
            if (parsed.operation == null) {
                throw new VendorFailure(VendorFailure.Kind.TRANSIENT, "Intacct answered without an operation",
                        OptionalInt.of(status), Optional.of(controlId), Optional.empty(), List.of(), false, null);
            }
            return parsed;
        } catch (RetryableException e) {
            throw new VendorFailure(VendorFailure.Kind.TRANSIENT, "could not reach Intacct ("
                    + e.getClass().getSimpleName() + "); the call may or may not have been applied",
                    OptionalInt.empty(), Optional.of(controlId), Optional.empty(), List.of(), true, null);
        } catch (feign.FeignException e) {
            throw new VendorFailure(VendorFailure.Kind.TRANSIENT, "Intacct call failed (" + e.getClass()
                    .getSimpleName() + ")", OptionalInt.empty(), Optional.of(controlId), Optional.empty(), List.of(),
                    true, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ errors

    private VendorFailure httpFailure(int status, Response response, XmlResponse parsed, String controlId) {
        Optional<Duration> retryAfter = HttpResponses.retryAfter(response, settings.clock());
        List<XmlResponse.Error> errors = parsed == null ? List.of() : allErrors(parsed);
        String detail = errors.isEmpty() ? "" : ": " + describe(errors);
        VendorFailure.Kind kind = status == 429 ? VendorFailure.Kind.RATE_LIMITED
                : status == 401 || status == 403 ? VendorFailure.Kind.AUTHENTICATION
                : status == 404 ? VendorFailure.Kind.NOT_FOUND
                : status >= 500 || status == 408 ? VendorFailure.Kind.TRANSIENT
                : VendorFailure.Kind.VALIDATION;
        boolean retry = kind == VendorFailure.Kind.RATE_LIMITED
                || kind == VendorFailure.Kind.TRANSIENT && status != 524;
        return new VendorFailure(kind, "Intacct answered HTTP " + status + detail, OptionalInt.of(status),
                Optional.of(controlId), retryAfter, fieldErrors(errors), retry, null);
    }

    private static List<XmlResponse.Error> allErrors(XmlResponse r) {
        List<XmlResponse.Error> out = new ArrayList<>();
        if (r.errormessage != null) {
            out.addAll(r.errormessage.errors);
        }
        if (r.operation != null) {
            if (r.operation.errormessage != null) {
                out.addAll(r.operation.errormessage.errors);
            }
            for (XmlResponse.Result result : r.operation.results) {
                if (result.errormessage != null) {
                    out.addAll(result.errormessage.errors);
                }
            }
        }
        return out;
    }

    private static VendorFailure controlFailure(XmlResponse r, String controlId) {
        List<XmlResponse.Error> errors = r.errormessage == null ? List.of() : r.errormessage.errors;
        boolean credentials = errors.stream().anyMatch(e -> "XL03000005".equals(e.errorno)
                || "XL03000006".equals(e.errorno));
        return new VendorFailure(credentials ? VendorFailure.Kind.AUTHENTICATION : VendorFailure.Kind.VALIDATION,
                "Intacct refused the request at control level: " + describe(errors), OptionalInt.empty(),
                Optional.of(controlId), Optional.empty(), credentials ? List.of() : fieldErrors(errors), false, null);
    }

    private static VendorFailure authenticationFailure(XmlResponse.ErrorMessage message, String controlId) {
        List<XmlResponse.Error> errors = message == null ? List.of() : message.errors;
        return new VendorFailure(VendorFailure.Kind.AUTHENTICATION, "Intacct rejected the sign-in: "
                + describe(errors) + "; check the user id, company id, entity and password", OptionalInt.empty(),
                Optional.of(controlId), Optional.empty(), List.of(), false, null);
    }

    private static VendorFailure resultFailure(XmlResponse.Result result) {
        List<XmlResponse.Error> errors = result.errormessage == null ? List.of() : result.errormessage.errors;
        return new VendorFailure(VendorFailure.Kind.VALIDATION, "Intacct refused " + result.function + ": "
                + describe(errors), OptionalInt.empty(), Optional.ofNullable(result.controlid), Optional.empty(),
                fieldErrors(errors), false, null);
    }

    private static String describe(List<XmlResponse.Error> errors) {
        if (errors.isEmpty()) {
            return "no error details";
        }
        List<String> parts = new ArrayList<>();
        for (XmlResponse.Error e : errors) {
            parts.add(join(e.errorno, e.description, e.description2, e.correction));
        }
        return String.join("; ", parts);
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                present.add(p.trim());
            }
        }
        return String.join(" ", present);
    }

    /** Intacct's elements, as they appear in error texts, and the SPI fields they carry. */
    private static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("ponumber", "reference");
        FIELDS.put("customerid", "customerId");
        FIELDS.put("datedue", "dueDate");
        FIELDS.put("datecreated", "issueDate");
        FIELDS.put("currency", "currency");
        FIELDS.put("glaccountno", "ledgerAccountCode");
        FIELDS.put("detailid", "taxCode");
        FIELDS.put("amount", "amount");
        FIELDS.put("memo", "description");
        for (IntacctDimensions d : IntacctDimensions.ALL) {
            FIELDS.put(d.lineElement(), "dimensions." + d.type());
        }
        FIELDS.put("EMAIL1", "email");
        FIELDS.put("NAME", "name");
    }

    static List<FieldError> fieldErrors(List<XmlResponse.Error> errors) {
        List<FieldError> out = new ArrayList<>();
        for (XmlResponse.Error e : errors) {
            String text = join(e.description, e.description2);
            String field = "";
            for (Map.Entry<String, String> f : FIELDS.entrySet()) {
                if (java.util.regex.Pattern.compile("\\b" + f.getKey() + "\\b").matcher(text).find()) {
                    field = f.getValue();
                    java.util.regex.Matcher line = java.util.regex.Pattern.compile("\\bline (\\d+)").matcher(text);
                    if (line.find() && !List.of("reference", "customerId", "dueDate", "issueDate", "currency")
                            .contains(field)) {
                        field = "lines[" + (Integer.parseInt(line.group(1)) - 1) + "]." + field;
                    }
                    break;
                }
            }
            out.add(new FieldError(field, text.isEmpty() ? "rejected" : text, e.errorno == null ? "" : e.errorno));
        }
        return out;
    }

    private static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
