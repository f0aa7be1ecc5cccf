package io.kommosync.sandbox.intacct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sandbox.http.DroppedConnection;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.RejectedRequest;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.http.SimulatedResponse;
import io.kommosync.sandbox.http.SimulatorServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The REST API under {@code /ia/api/v1}: OAuth2 token endpoint (authorization code with rotating refresh tokens,
 * client credentials with {@code user@company|entity}), {@code X-IA-API-Param-Entity}, the customer and invoice
 * objects, GL accounts, and the query service; errors as {@code ia::error}. Invoice lines are checked against the
 * shapes of the official invoice-line OpenAPI ({@code txnAmount} a decimal string, {@code glAccount} and each
 * dimension a {@code {key|id}} reference).
 */
final class RestApi {

    private static final Duration ACCESS_LIFETIME = Duration.ofHours(12);
    private static final Set<String> LINE_PROPERTIES = Set.of("glAccount", "overrideOffsetGLAccount", "txnAmount",
            "memo", "allocation", "accountLabel", "taxEntries", "dimensions", "invoice");

    private record Grant(String userId, String entity, Instant expiresAt) {
    }

    private final IntacctSimulator simulator;
    private final IntacctCompany company;
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, String[]> codes = new ConcurrentHashMap<>();

    RestApi(IntacctSimulator simulator, IntacctCompany company) {
        this.simulator = simulator;
        this.company = company;
    }

    void register(SimulatorServer server) {
        String p = IntacctSimulator.REST_PATH;
        server.route("POST", p + "/oauth2/token", this::token);
        server.route("POST", p + "/objects/accounts-receivable/customer", r -> guarded(r, this::createCustomer));
        server.route("GET", p + "/objects/accounts-receivable/customer/{key}", r -> guarded(r, this::readCustomer));
        server.route("POST", p + "/objects/accounts-receivable/invoice", r -> guarded(r, this::createInvoice));
        server.route("GET", p + "/objects/accounts-receivable/invoice/{key}", r -> guarded(r, this::readInvoice));
        server.route("GET", p + "/objects/general-ledger/account", r -> guarded(r, this::listAccounts));
        server.route("POST", p + "/services/core/query", r -> guarded(r, this::query));
    }

    void reset() {
        accessTokens.clear();
        refreshTokens.clear();
        codes.clear();
    }

    void expireAccessTokens() {
        accessTokens.clear();
    }

    String issueAuthorizationCode(String userId, String redirectUri) {
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new String[] {userId, redirectUri});
        return code;
    }

    // ------------------------------------------------------------------------------------------------ OAuth2

    private SimulatedResponse token(SimulatedRequest request) {
        Map<String, List<String>> form = request.form();
        String clientId = first(form, "client_id");
        String clientSecret = first(form, "client_secret");
        if (!IntacctSimulator.CLIENT_ID.equals(clientId) || !IntacctSimulator.CLIENT_SECRET.equals(clientSecret)) {
            return oauthError(401, "invalid_client", "Client authentication failed");
        }
        String grant = first(form, "grant_type");
        String userId;
        String entity = "";
        boolean withRefresh = true;
        switch (grant) {
            case "authorization_code" -> {
                String[] code = codes.remove(first(form, "code"));
                if (code == null || !code[1].equals(first(form, "redirect_uri"))) {
                    return oauthError(400, "invalid_grant", "The authorization code is invalid or was used");
                }
                userId = code[0];
            }
            case "refresh_token" -> {
                userId = refreshTokens.remove(first(form, "refresh_token"));
                if (userId == null) {
                    return oauthError(400, "invalid_grant", "Token is not valid");
                }
            }
            case "client_credentials" -> {
                String username = first(form, "username");
                int at = username.indexOf('@');
                if (at < 1) {
                    return oauthError(400, "invalid_request", "username must be user@company or user@company|entity");
                }
                userId = username.substring(0, at);
                String companyPart = username.substring(at + 1);
                int bar = companyPart.indexOf('|');
                if (bar >= 0) {
                    entity = companyPart.substring(bar + 1);
                    companyPart = companyPart.substring(0, bar);
                }
                if (!companyPart.equals(company.companyId()) || (!entity.isEmpty() && !company.hasEntity(entity))
                        || !simulator.userAccepted(userId, simulator.userPasswordFor(userId))) {
                    return oauthError(400, "invalid_grant", "Unknown user, company or entity");
                }
                withRefresh = false;
            }
            default -> {
                return oauthError(400, "unsupported_grant_type", "grant_type " + grant + " is not supported");
            }
        }
        String access = "at-" + UUID.randomUUID();
        accessTokens.put(access, new Grant(userId, entity, simulator.clock().instant().plus(ACCESS_LIFETIME)));
        ObjectNode body = Json.object().put("token_type", "Bearer").put("access_token", access)
                .put("expires_in", ACCESS_LIFETIME.toSeconds());
        if (withRefresh) {
            String refresh = "rt-" + UUID.randomUUID();
            refreshTokens.put(refresh, userId);
            body.put("refresh_token", refresh);
        }
        return SimulatedResponse.json(200, SimulatedResponse.APPLICATION_JSON, body);
    }

    private static SimulatedResponse oauthError(int status, String error, String description) {
        return SimulatedResponse.json(status, SimulatedResponse.APPLICATION_JSON,
                Json.object().put("error", error).put("error_description", description));
    }

    // ------------------------------------------------------------------------------------------------ pipeline

    @FunctionalInterface
    private interface Handler {
        SimulatedResponse handle(SimulatedRequest request, String entity);
    }

    private SimulatedResponse guarded(SimulatedRequest request, Handler handler) {
        String operation = request.method() + " " + request.path().substring(IntacctSimulator.REST_PATH.length())
                .replaceAll("/\\d+$", "/{key}");
        Optional<IntacctFault> fault = simulator.takeFault(operation);
        if (fault.isPresent() && fault.get() instanceof IntacctFault.Status s) {
            SimulatedResponse r = s.status() == 401
                    ? error(401, "unauthorized", "Token is not valid", "REST-2102", List.of())
                    : s.status() == 429 ? error(429, "tooManyRequests", "Too many requests", "REST-1400", List.of())
                    : error(s.status(), "internalError", "Internal error", "REST-5000", List.of());
            return s.retryAfter().isZero() ? r : r.withHeader("Retry-After", Long.toString(s.retryAfter().toSeconds()));
        }
        if (fault.isPresent() && fault.get() instanceof IntacctFault.Rejection rej) {
            return error(rej.status(), "invalidRequest", "Payload contains errors", "REST-1064",
                    List.of(detail("/" + rej.field(), rej.field() + " " + rej.message())));
        }
        String auth = request.header("Authorization").orElse("");
        Grant grant = auth.startsWith("Bearer ") ? accessTokens.get(auth.substring(7).trim()) : null;
        if (grant == null || !simulator.clock().instant().isBefore(grant.expiresAt())) {
            return error(401, "unauthorized", "Token is not valid", "REST-2102", List.of());
        }
        String entity = request.header("X-IA-API-Param-Entity").orElse(grant.entity());
        if (!entity.isEmpty() && !company.hasEntity(entity)) {
            return error(400, "invalidRequest", "Entity " + entity + " does not exist", "REST-1050", List.of());
        }
        SimulatedResponse response;
        try {
            response = handler.handle(request, entity);
        } catch (IntacctError e) {
            List<ObjectNode> details = e.details().stream().map(d -> detail("/" + d.restField(), d.description2()))
                    .toList();
            int status = e.isNotFound() ? 404 : 400;
            response = error(status, e.isNotFound() ? "notFound" : e.isDuplicate() ? "duplicate" : "invalidRequest",
                    e.details().get(0).description2(), e.isNotFound() ? "REST-1104" : "REST-1064", details);
        }
        if (fault.isPresent()) {
            throw new DroppedConnection();
        }
        return response;
    }

    // ------------------------------------------------------------------------------------------------ objects

    private SimulatedResponse createCustomer(SimulatedRequest request, String entity) {
        JsonNode body = body(request);
        JsonNode contact = body.path("contacts").path("default");
        ArCustomer c = company.createCustomer(body.path("id").asText(""), body.path("name").asText(""),
                contact.path("email1").asText(""), contact.path("phone1").asText(""));
        return created("accounts-receivable/customer", c.recordNo(), c.customerId());
    }

    private SimulatedResponse readCustomer(SimulatedRequest request, String entity) {
        ArCustomer c = parseKey(request).flatMap(company::customerByRecordNo)
                .orElseThrow(() -> IntacctError.notFound("No customer with key " + request.pathVariable("key")));
        return result(customerJson(c));
    }

    private SimulatedResponse createInvoice(SimulatedRequest request, String entity) {
        JsonNode body = body(request);
        List<ObjectNode> problems = new ArrayList<>();
        LocalDate invoiceDate = date(body, "invoiceDate", problems);
        LocalDate dueDate = date(body, "dueDate", problems);
        String customerId = body.path("customer").path("id").asText("");
        if (customerId.isEmpty()) {
            problems.add(detail("/customer", "customer.id is required"));
        }
        JsonNode lines = body.path("lines");
        List<ArInvoiceLine> parsed = new ArrayList<>();
        if (!lines.isArray() || lines.isEmpty()) {
            problems.add(detail("/lines", "an invoice needs at least one line"));
        } else {
            for (int i = 0; i < lines.size(); i++) {
                parsed.add(line(lines.get(i), "/lines/" + i, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new RejectedRequest(error(400, "invalidRequest", "Payload contains errors", "REST-1064", problems));
        }
        String state = body.path("state").asText("posted");
        ArInvoice invoice = company.createInvoice(new IntacctCompany.NewInvoice(customerId, invoiceDate, dueDate,
                body.path("referenceNumber").asText(""), body.path("description").asText(""),
                body.path("currency").path("txnCurrency").asText("USD"), state.equals("draft"), parsed, entity));
        return created("accounts-receivable/invoice", invoice.recordNo(), Long.toString(invoice.recordNo()));
    }

    private SimulatedResponse readInvoice(SimulatedRequest request, String entity) {
        ArInvoice i = parseKey(request).flatMap(company::invoice)
                .orElseThrow(() -> IntacctError.notFound("No invoice with key " + request.pathVariable("key")));
        return result(invoiceJson(i));
    }

    private SimulatedResponse listAccounts(SimulatedRequest request, String entity) {
        ArrayNode list = Json.array();
        company.glAccounts().forEach(a -> list.add(Json.object().put("key", Long.toString(a.recordNo()))
                .put("id", a.accountNo()).put("href", "/objects/general-ledger/account/" + a.recordNo())));
        ObjectNode out = Json.object();
        out.set("ia::result", list);
        out.set("ia::meta", Json.object().put("totalCount", list.size()).put("start", 1).put("pageSize", 100));
        return SimulatedResponse.json(200, SimulatedResponse.APPLICATION_JSON, out);
    }

    private SimulatedResponse query(SimulatedRequest request, String entity) {
        JsonNode body = body(request);
        String object = body.path("object").asText("");
        List<ObjectNode> rows = switch (object) {
            case "accounts-receivable/customer" -> company.customers().stream().map(RestApi::customerJson).toList();
            case "accounts-receivable/invoice" -> company.invoices().stream().map(RestApi::invoiceJson).toList();
            case "general-ledger/account" -> company.glAccounts().stream().map(RestApi::accountJson).toList();
            case "tax/tax-detail" -> company.taxDetails().stream().map(RestApi::taxJson).toList();
            default -> dimensionRows(object);
        };
        boolean caseSensitive = body.path("filterParameters").path("caseSensitiveComparison").asBoolean(true);
        List<Predicate<JsonNode>> filters = new ArrayList<>();
        for (JsonNode f : body.path("filters")) {
            filters.add(filter(f, !caseSensitive));
        }
        Predicate<JsonNode> all = expression(body.path("filterExpression").asText(""), filters);
        List<JsonNode> matched = new ArrayList<>(rows.stream().filter(all::test).map(r -> (JsonNode) r).toList());
        Comparator<JsonNode> order = null;
        for (JsonNode o : body.path("orderBy")) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = e.getKey();
                Comparator<JsonNode> c = Comparator.comparing(r -> value(r, field),
                        FieldValues.comparator(!caseSensitive));
                if ("desc".equals(e.getValue().asText())) {
                    c = c.reversed();
                }
                order = order == null ? c : order.thenComparing(c);
            }
        }
        if (order != null) {
            matched.sort(order);
        }
        int start = Math.max(1, body.path("start").asInt(1));
        int size = body.path("size").asInt(100);
        if (size < 1 || size > 4000) {
            throw new RejectedRequest(error(400, "invalidRequest", "size must be 1 to 4000", "REST-1064",
                    List.of(detail("/size", "size must be 1 to 4000"))));
        }
        List<JsonNode> page = matched.subList(Math.min(start - 1, matched.size()),
                Math.min(start - 1 + size, matched.size()));
        ArrayNode result = Json.array();
        List<String> fields = new ArrayList<>();
        body.path("fields").forEach(f -> fields.add(f.asText()));
        for (JsonNode row : page) {
            ObjectNode projected = Json.object();
            for (String f : fields.isEmpty() ? List.of("key", "id") : fields) {
                projected.put(f, value(row, f));
            }
            result.add(projected);
        }
        ObjectNode meta = Json.object().put("totalCount", matched.size()).put("start", start).put("pageSize", size);
        if (start - 1 + size < matched.size()) {
            meta.put("next", start + size);
        } else {
            meta.putNull("next");
        }
        if (start > 1) {
            meta.put("previous", Math.max(1, start - size));
        } else {
            meta.putNull("previous");
        }
        ObjectNode out = Json.object();
        out.set("ia::result", result);
        out.set("ia::meta", meta);
        return SimulatedResponse.json(200, SimulatedResponse.APPLICATION_JSON, out);
    }

    private List<ObjectNode> dimensionRows(String object) {
        String kind = object.substring(object.indexOf('/') + 1);
        Optional<IntacctDimension> d = IntacctDimension.ofRestKey(kind);
        if (d.isEmpty()) {
            throw new RejectedRequest(error(400, "invalidRequest", "Unknown object " + object, "REST-1001", List.of(
                    detail("/object", object + " is not a known object"))));
        }
        List<ObjectNode> out = new ArrayList<>();
        company.dimensionValues(d.get()).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.add(Json.object().put("key", e.getKey()).put("id", e.getKey()).put("name", e.getValue())
                        .put("status", "active")));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ JSON views

    static ObjectNode customerJson(ArCustomer c) {
        ObjectNode o = Json.object().put("key", Long.toString(c.recordNo())).put("id", c.customerId())
                .put("name", c.name()).put("status", "active");
        ObjectNode def = Json.object().put("printAs", c.name()).put("email1", c.email()).put("phone1", c.phone());
        o.set("contacts", Json.object().set("default", def));
        o.set("audit", Json.object().put("createdDateTime", c.createdAt().toString()));
        return o;
    }

    static ObjectNode accountJson(GlAccount a) {
        ObjectNode o = Json.object().put("key", Long.toString(a.recordNo())).put("id", a.accountNo())
                .put("name", a.title()).put("accountType", a.incomeStatement() ? "incomeStatement" : "balanceSheet")
                .put("normalBalance", a.normalBalance()).put("status", a.active() ? "active" : "inactive");
        ObjectNode req = Json.object();
        for (IntacctDimension d : IntacctDimension.values()) {
            req.put(d.restKey(), a.required().contains(d));
        }
        o.set("requireDimensions", req);
        return o;
    }

    static ObjectNode taxJson(TaxDetail t) {
        return Json.object().put("key", Long.toString(t.recordNo())).put("id", t.detailId())
                .put("description", t.description()).put("taxType", t.sale() ? "sale" : "purchase")
                .put("taxRate", t.percent()).put("status", t.active() ? "active" : "inactive");
    }

    static ObjectNode invoiceJson(ArInvoice i) {
        ObjectNode o = Json.object().put("key", Long.toString(i.recordNo())).put("id", Long.toString(i.recordNo()))
                .put("invoiceNumber", i.recordId()).put("referenceNumber", i.docNumber())
                .put("state", restState(i.state())).put("invoiceDate", i.whenCreated().toString())
                .put("dueDate", i.whenDue().toString()).put("description", i.description())
                .put("totalTxnAmount", i.totalEntered().toPlainString())
                .put("totalTxnAmountPaid", i.totalPaid().toPlainString())
                .put("totalTxnAmountDue", i.totalDue().toPlainString());
        o.set("customer", Json.object().put("id", i.customerId()));
        o.set("currency", Json.object().put("txnCurrency", i.currency()));
        o.set("audit", Json.object().put("modifiedDateTime", i.whenModified().atOffset(ZoneOffset.UTC).toString()));
        ArrayNode lines = Json.array();
        int n = 1;
        for (ArInvoiceLine l : i.lines()) {
            ObjectNode line = Json.object().put("lineNumber", n++).put("txnAmount", l.amount().toPlainString())
                    .put("memo", l.memo());
            line.set("glAccount", Json.object().put("id", l.accountNo()));
            ObjectNode dims = Json.object();
            l.dimensions().forEach((d, v) -> dims.set(d.restKey(), Json.object().put("id", v)));
            line.set("dimensions", dims);
            if (!l.taxDetailId().isEmpty()) {
                ObjectNode entry = Json.object().put("txnTaxAmount", l.tax().toPlainString());
                entry.set("orderEntryTaxDetail", Json.object().put("id", l.taxDetailId()));
                line.set("taxEntries", Json.array().add(entry));
            }
            l.customFields().forEach(line::put);
            lines.add(line);
        }
        o.set("lines", lines);
        return o;
    }

    private static String restState(String state) {
        return switch (state) {
            case "Draft" -> "draft";
            case "Partially Paid" -> "partiallyPaid";
            case "Paid" -> "paid";
            case "Reversed" -> "reversed";
            default -> "posted";
        };
    }

    // ------------------------------------------------------------------------------------------------ lines

    private ArInvoiceLine line(JsonNode line, String path, List<ObjectNode> problems) {
        if (!line.isObject()) {
            problems.add(detail(path, "a line is an object"));
            return null;
        }
        String amount = line.path("txnAmount").isTextual() ? line.path("txnAmount").asText() : "";
        if (!amount.matches("-?\\d+(\\.\\d{1,2})?")) {
            problems.add(detail(path + "/txnAmount", "txnAmount is required as a decimal string with at most 2 places"));
        }
        String account = reference(line.path("glAccount"), path + "/glAccount", problems);
        if (account.isEmpty()) {
            problems.add(detail(path + "/glAccount", "glAccount is required"));
        }
        if (line.has("memo") && !line.path("memo").isTextual()) {
            problems.add(detail(path + "/memo", "memo is a string"));
        }
        Map<IntacctDimension, String> dims = new EnumMap<>(IntacctDimension.class);
        Iterator<Map.Entry<String, JsonNode>> it = line.path("dimensions").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Optional<IntacctDimension> d = IntacctDimension.ofRestKey(e.getKey());
            String value = reference(e.getValue(), path + "/dimensions/" + e.getKey(), problems);
            if (d.isEmpty()) {
                problems.add(detail(path + "/dimensions/" + e.getKey(), e.getKey() + " is not a dimension"));
            } else if (!value.isEmpty()) {
                dims.put(d.get(), value);
            }
        }
        String detailId = "";
        BigDecimal tax = BigDecimal.ZERO;
        JsonNode entries = line.path("taxEntries");
        if (!entries.isMissingNode()) {
            if (!entries.isArray()) {
                problems.add(detail(path + "/taxEntries", "taxEntries is an array"));
            } else if (!entries.isEmpty()) {
                JsonNode entry = entries.get(0);
                detailId = reference(entry.path("orderEntryTaxDetail"), path + "/taxEntries/0/orderEntryTaxDetail",
                        problems);
                String t = entry.path("txnTaxAmount").asText("0");
                tax = t.matches("-?\\d+(\\.\\d{1,2})?") ? new BigDecimal(t) : BigDecimal.ZERO;
            }
        }
        Map<String, String> custom = new LinkedHashMap<>();
        line.fields().forEachRemaining(e -> {
            if (!LINE_PROPERTIES.contains(e.getKey())) {
                if (!e.getValue().isValueNode()) {
                    problems.add(detail(path + "/" + e.getKey(), e.getKey() + " is not a valid field"));
                } else {
                    custom.put(e.getKey(), e.getValue().asText());
                }
            }
        });
        if (!amount.matches("-?\\d+(\\.\\d{1,2})?")) {
            return null;
        }
        return new ArInvoiceLine(account, new BigDecimal(amount), line.path("memo").asText(""), dims, custom, detailId,
                tax);
    }

    private static String reference(JsonNode ref, String path, List<ObjectNode> problems) {
        if (ref.isMissingNode() || ref.isNull()) {
            return "";
        }
        if (!ref.isObject() || (!ref.path("id").isTextual() && !ref.path("key").isTextual())) {
            problems.add(detail(path, "a reference is an object with a string id or key"));
            return "";
        }
        return ref.path("id").isTextual() ? ref.path("id").asText() : ref.path("key").asText();
    }

    // ------------------------------------------------------------------------------------------------ filters

    private static Predicate<JsonNode> filter(JsonNode f, boolean ci) {
        Iterator<Map.Entry<String, JsonNode>> ops = f.fields();
        if (!ops.hasNext()) {
            return r -> true;
        }
        Map.Entry<String, JsonNode> op = ops.next();
        Map.Entry<String, JsonNode> cond = op.getValue().fields().next();
        String field = cond.getKey();
        JsonNode v = cond.getValue();
        return switch (op.getKey()) {
            case "$eq" -> r -> FieldValues.compare(value(r, field), v.asText(), ci) == 0;
            case "$ne" -> r -> FieldValues.compare(value(r, field), v.asText(), ci) != 0;
            case "$gt" -> r -> FieldValues.compare(value(r, field), v.asText(), ci) > 0;
            case "$gte" -> r -> FieldValues.compare(value(r, field), v.asText(), ci) >= 0;
            case "$lt" -> r -> FieldValues.compare(value(r, field), v.asText(), ci) < 0;
            case "$lte" -> r -> FieldValues.compare(value(r, field), v.asText(), ci) <= 0;
            case "$in" -> r -> {
                for (JsonNode x : v) {
                    if (FieldValues.compare(value(r, field), x.asText(), ci) == 0) {
                        return true;
                    }
                }
                return false;
            };
            default -> throw new RejectedRequest(error(400, "invalidRequest", "Unsupported operator " + op.getKey(),
                    "REST-1064", List.of(detail("/filters", op.getKey() + " is not supported"))));
        };
    }

    /** A tiny parser for {@code filterExpression}: numbers, {@code and}, {@code or}, parentheses. */
    private static Predicate<JsonNode> expression(String text, List<Predicate<JsonNode>> filters) {
        if (text.isBlank()) {
            return r -> filters.stream().allMatch(p -> p.test(r));
        }
        List<String> tokens = new ArrayList<>(List.of(text.replace("(", " ( ").replace(")", " ) ").trim()
                .toLowerCase(Locale.ROOT).split("\\s+")));
        int[] pos = {0};
        Predicate<JsonNode> p = or(tokens, pos, filters);
        if (pos[0] != tokens.size()) {
            throw new RejectedRequest(error(400, "invalidRequest", "Bad filterExpression", "REST-1064",
                    List.of(detail("/filterExpression", "cannot parse " + text))));
        }
        return p;
    }

    private static Predicate<JsonNode> or(List<String> t, int[] pos, List<Predicate<JsonNode>> f) {
        Predicate<JsonNode> left = and(t, pos, f);
        while (pos[0] < t.size() && t.get(pos[0]).equals("or")) {
            pos[0]++;
            left = left.or(and(t, pos, f));
        }
        return left;
    }

    private static Predicate<JsonNode> and(List<String> t, int[] pos, List<Predicate<JsonNode>> f) {
        Predicate<JsonNode> left = atom(t, pos, f);
        while (pos[0] < t.size() && t.get(pos[0]).equals("and")) {
            pos[0]++;
            left = left.and(atom(t, pos, f));
        }
        return left;
    }

    private static Predicate<JsonNode> atom(List<String> t, int[] pos, List<Predicate<JsonNode>> f) {
        String token = pos[0] < t.size() ? t.get(pos[0]++) : "";
        if (token.equals("(")) {
            Predicate<JsonNode> inner = or(t, pos, f);
            pos[0]++;
            return inner;
        }
        try {
            return f.get(Integer.parseInt(token) - 1);
        } catch (RuntimeException e) {
            throw new RejectedRequest(error(400, "invalidRequest", "Bad filterExpression", "REST-1064",
                    List.of(detail("/filterExpression", "'" + token + "' names no filter"))));
        }
    }

    private static String value(JsonNode row, String dotted) {
        JsonNode n = row;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n.isValueNode() ? n.asText() : "";
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static JsonNode body(SimulatedRequest request) {
        try {
            JsonNode body = request.json();
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            return body;
        } catch (RuntimeException e) {
            throw new RejectedRequest(error(400, "invalidRequest", "A POST request requires a JSON object payload",
                    "REST-1028", List.of()));
        }
    }

    private static LocalDate date(JsonNode body, String field, List<ObjectNode> problems) {
        try {
            return LocalDate.parse(body.path(field).asText(""));
        } catch (DateTimeParseException e) {
            problems.add(detail("/" + field, field + " is required as YYYY-MM-DD"));
            return LocalDate.EPOCH;
        }
    }

    private static Optional<Long> parseKey(SimulatedRequest request) {
        try {
            return Optional.of(Long.parseLong(request.pathVariable("key")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static SimulatedResponse created(String object, long key, String id) {
        ObjectNode out = Json.object();
        out.set("ia::result", Json.object().put("key", Long.toString(key)).put("id", id)
                .put("href", "/objects/" + object + "/" + key));
        out.set("ia::meta", Json.object().put("totalCount", 1).put("totalSuccess", 1).put("totalError", 0));
        return SimulatedResponse.json(201, SimulatedResponse.APPLICATION_JSON, out);
    }

    private static SimulatedResponse result(ObjectNode value) {
        ObjectNode out = Json.object();
        out.set("ia::result", value);
        out.set("ia::meta", Json.object().put("totalCount", 1));
        return SimulatedResponse.json(200, SimulatedResponse.APPLICATION_JSON, out);
    }

    private static ObjectNode detail(String target, String message) {
        return Json.object().put("code", "invalidRequest").put("message", message).put("errorId", "REST-1043")
                .put("target", target);
    }

    static SimulatedResponse error(int status, String code, String message, String errorId, List<ObjectNode> details) {
        ObjectNode error = Json.object().put("code", code).put("message", message).put("errorId", errorId)
                .put("supportId", "sim-" + UUID.randomUUID().toString().substring(0, 8));
        if (!details.isEmpty()) {
            ArrayNode d = Json.array();
            details.forEach(d::add);
            error.set("details", d);
        }
        ObjectNode out = Json.object();
        out.set("ia::result", Json.object().set("ia::error", error));
        out.set("ia::meta", Json.object().put("totalCount", 1).put("totalSuccess", 0).put("totalError", 1));
        return SimulatedResponse.json(status, SimulatedResponse.APPLICATION_JSON, out).withHeader("ia-request-id",
                error.path("supportId").asText());
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }
}
