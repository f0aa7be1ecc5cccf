package io.kommosync.sage.intacct.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Response;
import feign.RetryableException;
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
import io.kommosync.client.http.BearerTokenInterceptor;
import io.kommosync.client.http.FeignClients;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.http.HttpResponses;
import io.kommosync.client.http.JsonMapper;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.oauth.ReauthorizationRequiredException;
import io.kommosync.client.oauth.TokenRefreshException;
import io.kommosync.sage.intacct.internal.IntacctDimensions;
import io.kommosync.sage.intacct.internal.IntacctSettings;
import io.kommosync.sage.intacct.internal.Keys;
import io.kommosync.sage.intacct.internal.LedgerGateway;
import io.kommosync.sage.intacct.internal.LedgerInvoice;
import io.kommosync.sage.intacct.internal.LedgerLine;
import io.kommosync.sage.intacct.internal.LedgerPage;
import io.kommosync.sage.intacct.internal.NewInvoice;
import io.kommosync.sage.intacct.internal.VendorFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The REST transport. Every call carries a bearer token (refreshed once on a 401 when configured) and, for an
 * entity, {@code X-IA-API-Param-Entity}. REST has no idempotency header, so a create first looks its reference up
 * and writes for one key are serialised in this process; a retry after a lost answer finds the first invoice by
 * reference. Amounts travel as decimal strings, as the invoice-line OpenAPI types {@code txnAmount}. Thread-safe.
 */
public final class RestTransport implements LedgerGateway {

    private final IntacctSettings settings;
    private final RestCredentials credentials;
    private final AccessTokenProvider tokens;
    private final IntacctRestApi api;
    private final ObjectMapper json = JsonMapper.create();
    private final Map<String, Object> keyLocks = new ConcurrentHashMap<>();

    /**
     * Creates the transport; makes no call.
     *
     * @param settings    the settings
     * @param credentials how to get tokens
     */
    public RestTransport(IntacctSettings settings, RestCredentials credentials) {
        this.settings = settings;
        this.credentials = credentials;
        URI root = settings.baseUrl().resolve("ia/api/v1/");
        HttpOptions options = HttpOptions.defaults().withReadTimeout(settings.timeout());
        this.tokens = credentials.tokens(root.resolve("oauth2/token"), settings.companyId(), settings.entityId(),
                settings.clock(), options);
        this.api = FeignClients.builder(io.kommosync.sage.intacct.xml.XmlTransport.noSilentRetries(options),
                        options.userAgent(), json, (key, response) ->
                        new IllegalStateException("unreachable: raw responses are returned"))
                .requestInterceptor(new BearerTokenInterceptor(tokens))
                .requestInterceptor(template -> settings.entityId().ifPresent(e ->
                        template.header("X-IA-API-Param-Entity", e)))
                .target(IntacctRestApi.class, root.toString().replaceAll("/$", ""));
    }

    // ------------------------------------------------------------------------------------------------ gateway

    @Override
    public ChartOfAccounts chart(boolean withDimensionValues) {
        List<String> fields = new ArrayList<>(List.of("key", "id", "name", "accountType", "status"));
        IntacctDimensions.ALL.forEach(d -> fields.add("requireDimensions." + d.restKey()));
        List<LedgerAccount> accounts = new ArrayList<>();
        for (JsonNode a : queryAll("general-ledger/account", fields, List.of(), "id")) {
            String id = a.path("id").asText("");
            Set<DimensionType> required = EnumSet.noneOf(DimensionType.class);
            for (IntacctDimensions d : IntacctDimensions.ALL) {
                if ("true".equals(a.path("requireDimensions." + d.restKey()).asText())) {
                    required.add(d.type());
                }
            }
            boolean income = "incomeStatement".equals(a.path("accountType").asText());
            AccountType type = !income ? AccountType.OTHER : id.startsWith("4") ? AccountType.REVENUE
                    : id.startsWith("5") || id.startsWith("6") || id.startsWith("7") ? AccountType.EXPENSE
                    : AccountType.OTHER_INCOME;
            accounts.add(new LedgerAccount(a.path("key").asText(id), id, a.path("name").asText(id), type,
                    "active".equals(a.path("status").asText()), income ? required : Set.of()));
        }
        List<TaxRate> rates = new ArrayList<>();
        for (JsonNode t : queryAll("tax/tax-detail", List.of("key", "id", "description", "taxRate", "status"),
                List.of(filter("$eq", "taxType", "sale")), "id")) {
            String id = t.path("id").asText("");
            rates.add(new TaxRate(t.path("key").asText(id), id, t.path("description").asText(id),
                    new BigDecimal(t.path("taxRate").asText("0")), "active".equals(t.path("status").asText())));
        }
        Map<DimensionType, List<DimensionValue>> values = new EnumMap<>(DimensionType.class);
        for (IntacctDimensions d : IntacctDimensions.ALL) {
            if (!withDimensionValues || !d.listedInChart()) {
                continue;
            }
            List<DimensionValue> list = new ArrayList<>();
            for (JsonNode v : queryAll(d.restObject(), List.of("id", "name", "status"), List.of(), "id")) {
                list.add(new DimensionValue(d.type(), v.path("id").asText(""), v.path("name").asText(""),
                        !"inactive".equals(v.path("status").asText())));
            }
            if (!list.isEmpty()) {
                values.put(d.type(), list);
            }
        }
        return new ChartOfAccounts(accounts, rates, values);
    }

    @Override
    public List<Customer> customersByEmail(String email) {
        List<Customer> out = new ArrayList<>();
        for (JsonNode c : queryPage("accounts-receivable/customer", List.of("key", "id", "name",
                "contacts.default.email1"), List.of(filter("$eq", "contacts.default.email1", email)), false, "key",
                1, settings.pageSize()).path("ia::result")) {
            out.add(customer(c));
        }
        return out;
    }

    private static Customer customer(JsonNode c) {
        String email = c.path("contacts.default.email1").asText("");
        return new Customer(c.path("id").asText(""), c.path("name").asText(""),
                email.isBlank() ? Optional.empty() : Optional.of(email), Optional.empty());
    }

    @Override
    public Customer createCustomer(CustomerDraft draft, IdempotencyKey key) {
        String customerId = Keys.customerId(key);
        synchronized (lock("customer:" + customerId)) {
            Optional<Customer> existing = customerById(customerId);
            if (existing.isPresent()) {
                return existing.get();
            }
            ObjectNode body = json.createObjectNode().put("id", customerId).put("name", draft.name())
                    .put("status", "active");
            ObjectNode contact = json.createObjectNode().put("printAs", draft.name())
                    .put("email1", draft.email().trim());
            draft.companyName().ifPresent(n -> contact.put("companyName", n));
            draft.phone().ifPresent(p -> contact.put("phone1", p));
            body.set("contacts", json.createObjectNode().set("default", contact));
            try {
                exchange(() -> api.createCustomer(body));
            } catch (VendorFailure f) {
                Optional<Customer> again = f.kind() == VendorFailure.Kind.VALIDATION ? customerById(customerId)
                        : Optional.empty();
                if (again.isPresent()) {
                    return again.get();
                }
                throw f;
            }
            return new Customer(customerId, draft.name(), Optional.of(draft.email().trim()), Optional.empty());
        }
    }

    @Override
    public Optional<Customer> customerById(String customerId) {
        JsonNode rows = queryPage("accounts-receivable/customer", List.of("key", "id", "name",
                "contacts.default.email1"), List.of(filter("$eq", "id", customerId)), false, "key", 1, 1)
                .path("ia::result");
        return rows.isEmpty() ? Optional.empty() : Optional.of(customer(rows.get(0)));
    }

    @Override
    public Optional<String> createInvoice(NewInvoice invoice, IdempotencyKey key) {
        synchronized (lock("invoice:" + key.value())) {
            if (!invoicesByReference(invoice.reference()).isEmpty()) {
                return Optional.empty();
            }
            JsonNode created = exchange(() -> api.createInvoice(invoiceBody(invoice)));
            String recordNo = created.path("ia::result").path("key").asText("");
            return recordNo.isEmpty() ? Optional.empty() : Optional.of(recordNo);
        }
    }

    /**
     * The body of {@code POST /objects/accounts-receivable/invoice}.
     *
     * @param invoice the invoice
     * @return the JSON body
     */
    ObjectNode invoiceBody(NewInvoice invoice) {
        ObjectNode body = json.createObjectNode();
        body.set("customer", json.createObjectNode().put("id", invoice.customerId()));
        body.put("invoiceDate", invoice.invoiceDate().toString());
        body.put("dueDate", invoice.dueDate().toString());
        body.put("referenceNumber", invoice.reference());
        invoice.description().ifPresent(d -> body.put("description", d));
        body.set("currency", json.createObjectNode().put("txnCurrency", invoice.currency()));
        body.put("state", invoice.draft() ? "draft" : "posted");
        ArrayNode lines = body.putArray("lines");
        for (LedgerLine l : invoice.lines()) {
            lines.add(line(json, l, settings));
        }
        return body;
    }

    static ObjectNode line(ObjectMapper json, LedgerLine l, IntacctSettings settings) {
        ObjectNode line = json.createObjectNode();
        line.set("glAccount", json.createObjectNode().put("id", l.accountNo()));
        line.put("txnAmount", l.amount().toPlainString());
        line.put("memo", l.memo());
        ObjectNode dims = json.createObjectNode();
        for (IntacctDimensions d : IntacctDimensions.ALL) {
            l.dimensions().get(d.type()).ifPresent(v -> dims.set(d.restKey(), json.createObjectNode().put("id", v)));
        }
        if (!dims.isEmpty()) {
            line.set("dimensions", dims);
        }
        if (!l.taxDetailId().isEmpty()) {
            ObjectNode entry = json.createObjectNode().put("txnTaxAmount", l.tax().toPlainString());
            entry.set("orderEntryTaxDetail", json.createObjectNode().put("id", l.taxDetailId()));
            line.putArray("taxEntries").add(entry);
        }
        settings.quantityField().ifPresent(f -> l.quantity().ifPresent(q -> line.put(f, q.toPlainString())));
        settings.unitPriceField().ifPresent(f -> l.unitPrice().ifPresent(p -> line.put(f, p.toPlainString())));
        return line;
    }

    @Override
    public List<String> invoicesByReference(String reference) {
        List<String> out = new ArrayList<>();
        queryPage("accounts-receivable/invoice", List.of("key"), List.of(filter("$eq", "referenceNumber", reference)),
                false, "key", 1, settings.pageSize()).path("ia::result").forEach(r -> out.add(r.path("key").asText()));
        return out;
    }

    @Override
    public Optional<LedgerInvoice> invoice(String recordNo) {
        if (!recordNo.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        try {
            JsonNode body = exchange(() -> api.invoice(recordNo));
            return Optional.of(invoiceOf(body.path("ia::result"), true));
        } catch (VendorFailure f) {
            if (f.kind() == VendorFailure.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw f;
        }
    }

    @Override
    public LedgerPage changedSince(Instant after, Optional<String> afterRecord, int pageSize) {
        List<ObjectNode> filters = new ArrayList<>();
        String expression;
        String at = after.toString();
        if (afterRecord.isEmpty()) {
            filters.add(filter("$gte", "audit.modifiedDateTime", at));
            expression = "1";
        } else {
            filters.add(filter("$gt", "audit.modifiedDateTime", at));
            filters.add(filter("$eq", "audit.modifiedDateTime", at));
            filters.add(filter("$gt", "key", afterRecord.get()));
            expression = "1 or (2 and 3)";
        }
        ObjectNode q = queryBody("accounts-receivable/invoice", List.of("key", "invoiceNumber", "referenceNumber",
                "customer.id", "state", "invoiceDate", "dueDate", "currency.txnCurrency", "totalTxnAmount",
                "totalTxnAmountPaid", "totalTxnAmountDue", "audit.modifiedDateTime"), filters, false, 1, pageSize);
        q.put("filterExpression", expression);
        ArrayNode order = q.putArray("orderBy");
        order.add(json.createObjectNode().put("audit.modifiedDateTime", "asc"));
        order.add(json.createObjectNode().put("key", "asc"));
        JsonNode rows = exchange(() -> api.query(q)).path("ia::result");
        List<LedgerInvoice> invoices = new ArrayList<>();
        rows.forEach(r -> invoices.add(invoiceOf(flat(r), false)));
        return new LedgerPage(invoices, invoices.size() >= pageSize);
    }

    @Override
    public void close() {
        keyLocks.clear();
    }

    @Override
    public String toString() {
        return "RestTransport[" + settings.baseUrl() + ", " + credentials + "]";
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Query rows come back with dotted names; nest them so one reader serves rows and objects. */
    private ObjectNode flat(JsonNode row) {
        ObjectNode out = json.createObjectNode();
        row.fields().forEachRemaining(e -> {
            String[] parts = e.getKey().split("\\.");
            ObjectNode at = out;
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.has(parts[i]) ? (ObjectNode) at.get(parts[i]) : at.putObject(parts[i]);
            }
            at.set(parts[parts.length - 1], e.getValue());
        });
        return out;
    }

    private LedgerInvoice invoiceOf(JsonNode i, boolean withLines) {
        List<LedgerLine> lines = new ArrayList<>();
        if (withLines) {
            for (JsonNode l : i.path("lines")) {
                Map<DimensionType, String> dims = new EnumMap<>(DimensionType.class);
                for (IntacctDimensions d : IntacctDimensions.ALL) {
                    JsonNode ref = l.path("dimensions").path(d.restKey());
                    String v = ref.path("id").isTextual() ? ref.path("id").asText() : ref.path("key").asText("");
                    if (!v.isBlank()) {
                        dims.put(d.type(), v);
                    }
                }
                JsonNode entry = l.path("taxEntries").path(0);
                Optional<BigDecimal> quantity = settings.quantityField().map(f -> l.path(f).asText(""))
                        .filter(v -> !v.isBlank()).map(BigDecimal::new);
                Optional<BigDecimal> price = settings.unitPriceField().map(f -> l.path(f).asText(""))
                        .filter(v -> !v.isBlank()).map(BigDecimal::new);
                lines.add(new LedgerLine(l.path("glAccount").path("id").asText(""), decimal(l.path("txnAmount")),
                        l.path("memo").asText(""), new Dimensions(dims), quantity, price,
                        entry.path("orderEntryTaxDetail").path("id").asText(""), decimal(entry.path("txnTaxAmount"))));
            }
        }
        return new LedgerInvoice(i.path("key").asText(""), i.path("invoiceNumber").asText(""),
                i.path("referenceNumber").asText(""), i.path("customer").path("id").asText(""),
                date(i.path("invoiceDate").asText()), date(i.path("dueDate").asText()),
                i.path("currency").path("txnCurrency").asText("USD"), i.path("state").asText("posted"),
                decimal(i.path("totalTxnAmount")), decimal(i.path("totalTxnAmountPaid")),
                decimal(i.path("totalTxnAmountDue")), instant(i.path("audit").path("modifiedDateTime").asText()),
                lines);
    }

    private static BigDecimal decimal(JsonNode n) {
        String s = n.asText("");
        try {
            return s.isBlank() ? BigDecimal.ZERO : new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw VendorFailure.of(VendorFailure.Kind.TRANSIENT, "Intacct answered a malformed amount '" + s + "'");
        }
    }

    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw VendorFailure.of(VendorFailure.Kind.TRANSIENT, "Intacct answered a malformed date '" + s + "'");
        }
    }

    private static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw VendorFailure.of(VendorFailure.Kind.TRANSIENT, "Intacct answered a malformed time '" + s + "'");
        }
    }

    // ------------------------------------------------------------------------------------------------ queries

    private ObjectNode filter(String op, String field, String value) {
        return json.createObjectNode().set(op, json.createObjectNode().put(field, value));
    }

    private ObjectNode queryBody(String object, List<String> fields, List<ObjectNode> filters, boolean caseSensitive,
                                 int start, int size) {
        ObjectNode q = json.createObjectNode().put("object", object);
        ArrayNode f = q.putArray("fields");
        fields.forEach(f::add);
        if (!filters.isEmpty()) {
            ArrayNode fs = q.putArray("filters");
            filters.forEach(fs::add);
        }
        q.set("filterParameters", json.createObjectNode().put("caseSensitiveComparison", caseSensitive));
        q.put("start", start);
        q.put("size", size);
        return q;
    }

    private JsonNode queryPage(String object, List<String> fields, List<ObjectNode> filters, boolean caseSensitive,
                               String orderBy, int start, int size) {
        ObjectNode q = queryBody(object, fields, filters, caseSensitive, start, size);
        q.putArray("orderBy").add(json.createObjectNode().put(orderBy, "asc"));
        return exchange(() -> api.query(q));
    }

    private List<JsonNode> queryAll(String object, List<String> fields, List<ObjectNode> filters, String orderBy) {
        List<JsonNode> out = new ArrayList<>();
        int start = 1;
        int size = Math.max(100, settings.pageSize());
        while (true) {
            JsonNode page = queryPage(object, fields, filters, true, orderBy, start, size);
            page.path("ia::result").forEach(out::add);
            JsonNode next = page.path("ia::meta").path("next");
            if (!next.canConvertToInt() || next.asInt() <= start) {
                return out;
            }
            start = next.asInt();
        }
    }

    // ------------------------------------------------------------------------------------------------ exchange

    private JsonNode exchange(java.util.function.Supplier<Response> call) {
        return exchangeOnce(call, true);
    }

    private JsonNode exchangeOnce(java.util.function.Supplier<Response> call, boolean mayRefresh) {
        Response response;
        try {
            response = call.get();
        } catch (RetryableException e) {
            throw new VendorFailure(VendorFailure.Kind.TRANSIENT, "could not reach Intacct (" + e.getClass()
                    .getSimpleName() + "); the call may or may not have been applied", OptionalInt.empty(),
                    Optional.empty(), Optional.empty(), List.of(), true, null);
        } catch (ReauthorizationRequiredException e) {
            throw new VendorFailure(VendorFailure.Kind.AUTHENTICATION, "the Intacct connection must be authorised "
                    + "again: " + e.getMessage(), OptionalInt.empty(), Optional.empty(), Optional.empty(), List.of(),
                    false, null);
        } catch (TokenRefreshException e) {
            throw new VendorFailure(e.retryable() ? VendorFailure.Kind.TRANSIENT : VendorFailure.Kind.AUTHENTICATION,
                    e.getMessage(), OptionalInt.empty(), Optional.empty(), e.retryAfter(), List.of(), e.retryable(),
                    null);
        }
        try (response) {
            int status = response.status();
            byte[] bytes = response.body() == null ? new byte[0] : HttpResponses.bodyBytes(response,
                    8 * 1024 * 1024);
            JsonNode body = parse(bytes);
            Optional<String> requestId = HttpResponses.firstHeader(response, "ia-request-id")
                    .or(() -> Optional.ofNullable(body.path("ia::result").path("ia::error").path("supportId")
                            .textValue()));
            if (status / 100 == 2) {
                return body;
            }
            if (status == 401 && mayRefresh && credentials.refreshOnUnauthorized()) {
                Optional<Secret> rejected = BearerTokenInterceptor.bearerToken(response.request());
                if (rejected.isPresent() && tokens.refreshAfterUnauthorized(rejected.get()).isPresent()) {
                    return exchangeOnce(call, false);
                }
            }
            throw failure(status, response, body, requestId);
        }
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private VendorFailure failure(int status, Response response, JsonNode body, Optional<String> requestId) {
        JsonNode error = body.path("ia::result").path("ia::error");
        List<FieldError> fields = new ArrayList<>();
        for (JsonNode d : error.path("details")) {
            fields.add(new FieldError(field(d.path("target").asText("")), d.path("message").asText(""),
                    d.path("errorId").asText("")));
        }
        String message = "Intacct answered HTTP " + status + (error.isMissingNode() ? ""
                : " (" + error.path("errorId").asText("") + " " + error.path("code").asText("") + ": "
                + error.path("message").asText("") + ")");
        Optional<Duration> retryAfter = HttpResponses.retryAfter(response, settings.clock());
        VendorFailure.Kind kind = status == 429 ? VendorFailure.Kind.RATE_LIMITED
                : status == 401 || status == 403 ? VendorFailure.Kind.AUTHENTICATION
                : status == 404 ? VendorFailure.Kind.NOT_FOUND
                : status >= 500 || status == 408 ? VendorFailure.Kind.TRANSIENT
                : VendorFailure.Kind.VALIDATION;
        boolean retry = kind == VendorFailure.Kind.RATE_LIMITED || kind == VendorFailure.Kind.TRANSIENT;
        if (kind == VendorFailure.Kind.VALIDATION && fields.isEmpty()) {
            fields.add(new FieldError("", error.path("message").asText("rejected"), error.path("errorId").asText("")));
        }
        return new VendorFailure(kind, message, OptionalInt.of(status), requestId, retryAfter, fields, retry, null);
    }

    /** A REST target such as {@code /lines/0/glAccount} named in the SPI's terms. */
    static String field(String target) {
        String t = target.startsWith("/") ? target.substring(1) : target;
        Map<String, String> names = Map.of("referenceNumber", "reference", "customer", "customerId",
                "dueDate", "dueDate", "invoiceDate", "issueDate", "glAccount", "ledgerAccountCode",
                "txnAmount", "amount", "memo", "description", "taxEntries", "taxCode");
        String[] parts = t.split("/");
        if (parts.length >= 3 && parts[0].equals("lines")) {
            String rest = parts[2].equals("dimensions") && parts.length > 3
                    ? "dimensions." + IntacctDimensions.ALL.stream().filter(d -> d.restKey().equals(parts[3]))
                    .map(d -> d.type().name()).findFirst().orElse(parts[3])
                    : names.getOrDefault(parts[2], parts[2]);
            return "lines[" + parts[1] + "]." + rest;
        }
        return parts.length == 0 ? "" : names.getOrDefault(parts[0], parts[0]);
    }

    private Object lock(String key) {
        return keyLocks.computeIfAbsent(key, k -> new Object());
    }
}
