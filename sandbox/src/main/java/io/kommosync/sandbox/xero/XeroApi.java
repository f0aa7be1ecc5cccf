package io.kommosync.sandbox.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.RejectedRequest;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.http.SimulatedResponse;
import io.kommosync.sandbox.http.SimulatorServer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The HTTP endpoints of the Xero simulator. */
final class XeroApi {

    private static final String JSON = "application/json; charset=utf-8";
    private static final String BASE = XeroApiSpec.ACCOUNTING_BASE_PATH;
    private static final Set<String> SETTINGS = Set.of("accounting.settings", "accounting.settings.read");
    private static final Set<String> CONTACTS = Set.of("accounting.contacts", "accounting.contacts.read");
    private static final Set<String> CONTACTS_WRITE = Set.of("accounting.contacts");
    private static final Set<String> INVOICES = Set.of("accounting.invoices", "accounting.invoices.read",
            "accounting.transactions", "accounting.transactions.read");
    private static final Set<String> INVOICES_WRITE = Set.of("accounting.invoices", "accounting.transactions");
    private static final Set<String> PAYMENTS_WRITE = Set.of("accounting.payments", "accounting.transactions");

    private final XeroSimulator simulator;

    XeroApi(XeroSimulator simulator) {
        this.simulator = simulator;
    }

    /** What an endpoint sees: the request and the organisation it addresses. */
    private record Call(SimulatedRequest request, XeroOrganisation org) {
        Optional<String> query(String name) {
            return request.query(name).filter(v -> !v.isBlank());
        }

        boolean fourDecimals() {
            return query("unitdp").map("4"::equals).orElse(false);
        }
    }

    @FunctionalInterface
    private interface Endpoint {
        SimulatedResponse handle(Call call);
    }

    void register(SimulatorServer server) {
        server.route("POST", "/connect/token", this::token);
        server.route("GET", "/connections", this::connections);
        server.route("GET", "/in/{token}", this::onlineInvoicePage);
        api(server, "GET", "/Organisation", SETTINGS, this::organisation);
        api(server, "GET", "/Accounts", SETTINGS, this::accounts);
        api(server, "GET", "/TaxRates", SETTINGS, this::taxRates);
        api(server, "GET", "/TrackingCategories", SETTINGS, this::trackingCategories);
        api(server, "GET", "/Contacts", CONTACTS, this::contacts);
        api(server, "PUT", "/Contacts", CONTACTS_WRITE, this::createContacts);
        api(server, "GET", "/Contacts/{ContactID}", CONTACTS, this::contact);
        api(server, "GET", "/Invoices", INVOICES, this::invoices);
        api(server, "PUT", "/Invoices", INVOICES_WRITE, this::writeInvoices);
        api(server, "POST", "/Invoices", INVOICES_WRITE, this::writeInvoices);
        api(server, "GET", "/Invoices/{InvoiceID}", INVOICES, this::invoice);
        api(server, "POST", "/Invoices/{InvoiceID}", INVOICES_WRITE, this::updateInvoice);
        api(server, "GET", "/Invoices/{InvoiceID}/OnlineInvoice", INVOICES, this::onlineInvoice);
        api(server, "GET", "/Invoices/{InvoiceID}/History", INVOICES, this::history);
        api(server, "PUT", "/Invoices/{InvoiceID}/History", INVOICES_WRITE, this::addHistory);
        api(server, "PUT", "/Payments", PAYMENTS_WRITE, this::createPayments);
    }

    private void api(SimulatorServer server, String method, String path, Set<String> scopes, Endpoint endpoint) {
        server.route(method, BASE + path, request -> guarded(request, scopes, endpoint));
    }

    // ========================================================================================== the pipeline

    private SimulatedResponse guarded(SimulatedRequest request, Set<String> scopes, Endpoint endpoint) {
        String correlationId = UUID.randomUUID().toString();
        Optional<String> bearer = bearer(request);
        Optional<TokenAuthority.Access> access = bearer.flatMap(simulator.tokens()::authenticate);
        if (access.isEmpty()) {
            String detail = bearer.map(simulator.tokens()::rejection).orElse("no bearer token");
            return SimulatedResponse.json(401, JSON, XeroJson.problem(401, "Unauthorized", detail))
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .withHeader("Xero-Correlation-Id", correlationId);
        }
        Optional<String> tenantId = request.header("xero-tenant-id");
        Optional<XeroOrganisation> org = tenantId.flatMap(id -> simulator.tokens().connections(access.get().grant())
                .stream().map(TokenAuthority.Connection::organisation)
                .filter(o -> o.tenantId().equalsIgnoreCase(id)).findFirst());
        if (org.isEmpty() || simulator.findOrganisation(org.get().tenantId()).isEmpty()) {
            return SimulatedResponse.json(403, JSON, XeroJson.problem(403, "Forbidden", "AuthenticationUnsuccessful"
                            + (tenantId.isEmpty() ? ": the xero-tenant-id header is missing"
                            : ": this token has no connection to tenant " + tenantId.get())))
                    .withHeader("Xero-Correlation-Id", correlationId);
        }
        if (scopes.stream().noneMatch(access.get().grant().scopes::contains)) {
            return SimulatedResponse.json(403, JSON, XeroJson.problem(403, "Forbidden",
                            "AuthorizationUnsuccessful: the access token lacks a scope this endpoint needs: one of "
                                    + scopes.stream().sorted().toList()))
                    .withHeader("Xero-Correlation-Id", correlationId);
        }
        String tenant = org.get().tenantId();
        RateGate.Decision decision = simulator.gate().admit(tenant);
        if (decision instanceof RateGate.Throttled t) {
            return SimulatedResponse.empty(429)
                    .withHeader("Retry-After", Long.toString(t.retryAfterSeconds()))
                    .withHeader("X-Rate-Limit-Problem", t.problem())
                    .withHeader("X-MinLimit-Remaining", Integer.toString(t.minuteRemaining()))
                    .withHeader("X-DayLimit-Remaining", Integer.toString(t.dayRemaining()))
                    .withHeader("X-AppMinLimit-Remaining", Integer.toString(t.appMinuteRemaining()))
                    .withHeader("Xero-Correlation-Id", correlationId);
        }
        RateGate.Admitted admitted = (RateGate.Admitted) decision;
        SimulatedResponse response;
        try {
            response = validated(request).orElseGet(() -> answer(endpoint, new Call(request, org.get())));
            pause(simulator.limits().processingTime());
        } finally {
            simulator.gate().release(tenant);
        }
        simulator.flushWebhooks();
        return response
                .withHeader("X-MinLimit-Remaining", Integer.toString(admitted.minuteRemaining()))
                .withHeader("X-DayLimit-Remaining", Integer.toString(admitted.dayRemaining()))
                .withHeader("X-AppMinLimit-Remaining", Integer.toString(admitted.appMinuteRemaining()))
                .withHeader("Xero-Correlation-Id", correlationId);
    }

    private Optional<SimulatedResponse> validated(SimulatedRequest request) {
        Optional<XeroApiSpec> spec = simulator.spec();
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = spec.get().problems(request);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        simulator.recordViolation(new XeroSimulator.SpecViolation(request.method(), request.path(), problems));
        return Optional.of(SimulatedResponse.json(400, JSON, XeroJson.error(14, "PostDataInvalidException",
                "The request does not match the Xero Accounting API: " + String.join("; ", problems))));
    }

    private SimulatedResponse answer(Endpoint endpoint, Call call) {
        try {
            return endpoint.handle(call);
        } catch (WhereFilter.ParseError e) {
            return SimulatedResponse.json(400, JSON, XeroJson.error(16, "QueryParseException", e.getMessage()));
        } catch (WhereFilter.NullTarget e) {
            return SimulatedResponse.json(500, JSON, XeroJson.error(500, "UnknownErrorException",
                    "An error occurred in Xero. Check the API Status page http://status.developer.xero.com for "
                            + "current service status."));
        }
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<String> bearer(SimulatedRequest request) {
        return request.header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim()).filter(t -> !t.isEmpty());
    }

    private static SimulatedResponse ok(ObjectNode body) {
        return SimulatedResponse.json(200, JSON, body);
    }

    private static SimulatedResponse notFound() {
        return SimulatedResponse.html(404, "The resource you're looking for cannot be found");
    }

    // ========================================================================================== identity

    private SimulatedResponse token(SimulatedRequest request) {
        Optional<String[]> basic = request.header("Authorization").filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6))
                .map(h -> {
                    try {
                        return new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        return "";
                    }
                })
                .map(s -> s.split(":", 2)).filter(p -> p.length == 2);
        XeroApp app = simulator.app();
        if (basic.isEmpty() || !basic.get()[0].equals(app.clientId()) || !basic.get()[1].equals(app.clientSecret())) {
            return oauthError(401, "invalid_client");
        }
        Map<String, List<String>> form = request.form();
        String grantType = first(form, "grant_type");
        if (!"refresh_token".equals(grantType)) {
            return oauthError(400, "unsupported_grant_type");
        }
        String refreshToken = first(form, "refresh_token");
        if (refreshToken == null) {
            return oauthError(400, "invalid_request");
        }
        TokenAuthority.RefreshOutcome outcome = simulator.tokens().refresh(refreshToken);
        if (outcome.error() != null) {
            return oauthError(400, outcome.error());
        }
        XeroTokenSet t = outcome.tokens();
        ObjectNode body = Json.object();
        body.put("access_token", t.accessToken());
        body.put("expires_in", Math.max(0, Duration.between(simulator.clock().instant(),
                t.accessTokenExpiresAt()).toSeconds()));
        body.put("token_type", "Bearer");
        body.put("refresh_token", t.refreshToken());
        body.put("scope", t.scopes().stream().sorted().collect(Collectors.joining(" ")));
        return SimulatedResponse.json(200, JSON, body).withHeader("Cache-Control", "no-store");
    }

    private static SimulatedResponse oauthError(int status, String error) {
        ObjectNode body = Json.object();
        body.put("error", error);
        return SimulatedResponse.json(status, JSON, body);
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private SimulatedResponse connections(SimulatedRequest request) {
        Optional<String> bearer = bearer(request);
        Optional<TokenAuthority.Access> access = bearer.flatMap(simulator.tokens()::authenticate);
        if (access.isEmpty()) {
            return SimulatedResponse.json(401, JSON, XeroJson.problem(401, "Unauthorized",
                    bearer.map(simulator.tokens()::rejection).orElse("no bearer token")));
        }
        Optional<SimulatedResponse> invalid = validated(request);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Optional<String> authEventId = request.query("authEventId");
        ArrayNode list = Json.array();
        for (TokenAuthority.Connection c : simulator.tokens().connections(access.get().grant())) {
            if (simulator.findOrganisation(c.organisation().tenantId()).isEmpty()
                    || authEventId.filter(id -> !id.equals(access.get().grant().authEventId)).isPresent()) {
                continue;
            }
            ObjectNode n = list.addObject();
            n.put("id", c.id());
            n.put("authEventId", access.get().grant().authEventId);
            n.put("tenantId", c.organisation().tenantId());
            n.put("tenantType", "ORGANISATION");
            n.put("tenantName", c.organisation().name());
            n.put("createdDateUtc", c.createdAt().toString());
            n.put("updatedDateUtc", c.createdAt().toString());
        }
        return SimulatedResponse.json(200, JSON, list);
    }

    private SimulatedResponse onlineInvoicePage(SimulatedRequest request) {
        String token = request.pathVariable("token");
        for (XeroOrganisation org : simulator.organisations()) {
            Optional<XeroInvoice> invoice = org.invoiceByOnlineToken(token);
            if (invoice.isPresent()) {
                XeroInvoice i = invoice.get();
                return SimulatedResponse.html(200, "<!doctype html><html><head><title>Invoice " + escape(i.number())
                        + "</title></head><body><h1>" + escape(org.name()) + "</h1><p>Invoice " + escape(i.number())
                        + " to " + escape(org.contactName(i.contactId())) + "</p><p>Total " + i.currencyCode() + " "
                        + i.total().toPlainString() + ", due " + i.amountDue().toPlainString() + " on "
                        + i.dueDate().map(LocalDate::toString).orElse("-") + "</p><p>Status " + i.status()
                        + "</p></body></html>");
            }
        }
        return notFound();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ========================================================================================== settings

    private SimulatedResponse organisation(Call call) {
        XeroOrganisation o = call.org();
        ArrayNode list = Json.array();
        ObjectNode n = list.addObject();
        n.put("OrganisationID", o.tenantId());
        n.put("Name", o.name());
        n.put("LegalName", o.name());
        n.put("BaseCurrency", o.baseCurrency());
        n.put("CountryCode", "GB");
        n.put("Timezone", o.zone().getId());
        n.put("OrganisationStatus", "ACTIVE");
        n.put("OrganisationType", "COMPANY");
        n.put("Version", "UK");
        n.put("IsDemoCompany", false);
        n.put("CreatedDateUTC", XeroJson.msDateTime(o.createdAt()));
        return ok(XeroJson.envelope("Organisations", list, simulator.clock()));
    }

    private SimulatedResponse accounts(Call call) {
        List<JsonNode> nodes = call.org().accounts().stream()
                .map(a -> (JsonNode) XeroJson.account(a, call.org().createdAt())).toList();
        return ok(XeroJson.envelope("Accounts", ordered(filtered(nodes, call), call), simulator.clock()));
    }

    private SimulatedResponse taxRates(Call call) {
        List<JsonNode> nodes = call.org().taxRates().stream().map(t -> (JsonNode) XeroJson.taxRate(t)).toList();
        return ok(XeroJson.envelope("TaxRates", ordered(filtered(nodes, call), call), simulator.clock()));
    }

    private SimulatedResponse trackingCategories(Call call) {
        boolean archived = call.query("includeArchived").map(Boolean::parseBoolean).orElse(false);
        List<JsonNode> nodes = call.org().trackingCategories().stream()
                .filter(c -> archived || c.status().equals("ACTIVE"))
                .map(c -> (JsonNode) XeroJson.trackingCategory(c)).toList();
        return ok(XeroJson.envelope("TrackingCategories", ordered(filtered(nodes, call), call), simulator.clock()));
    }

    // ========================================================================================== contacts

    private SimulatedResponse contacts(Call call) {
        XeroOrganisation org = call.org();
        boolean archived = call.query("includeArchived").map(Boolean::parseBoolean).orElse(false);
        Optional<Set<String>> ids = call.query("IDs").map(XeroApi::commaSet);
        Optional<String> search = call.query("searchTerm").map(s -> s.toLowerCase(Locale.ROOT));
        List<JsonNode> nodes = new ArrayList<>();
        for (XeroContact c : org.contacts()) {
            if (!archived && !c.status().equals("ACTIVE")) {
                continue;
            }
            if (ids.isPresent() && !ids.get().contains(c.contactId().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (search.isPresent() && Stream.of(Optional.of(c.name()), c.email(), c.contactNumber())
                    .flatMap(Optional::stream).noneMatch(v -> v.toLowerCase(Locale.ROOT).contains(search.get()))) {
                continue;
            }
            nodes.add(XeroJson.contact(org, c));
        }
        return ok(paged("Contacts", ordered(filtered(nodes, call), call), call));
    }

    private SimulatedResponse contact(Call call) {
        return call.org().contact(call.request().pathVariable("ContactID"))
                .map(c -> ok(XeroJson.envelope("Contacts", Json.array().add(XeroJson.contact(call.org(), c)),
                        simulator.clock())))
                .orElseGet(XeroApi::notFound);
    }

    private SimulatedResponse createContacts(Call call) {
        XeroOrganisation org = call.org();
        JsonNode body = call.request().json();
        boolean summarize = call.query("summarizeErrors").map(Boolean::parseBoolean).orElse(true);
        XeroOrganisation.Stored stored = org.idempotent(idempotencyKey(call), "PUT Contacts", () -> {
            ArrayNode out = Json.array();
            List<ObjectNode> failed = new ArrayList<>();
            for (JsonNode el : elements(body, "Contacts")) {
                String phone = null;
                for (JsonNode p : el.path("Phones")) {
                    if (p.hasNonNull("PhoneNumber")) {
                        phone = p.get("PhoneNumber").asText();
                        break;
                    }
                }
                XeroOrganisation.ContactResult r = org.createContact(text(el, "Name"), text(el, "EmailAddress"),
                        text(el, "ContactNumber"), phone);
                if (r.errors().isEmpty()) {
                    ObjectNode n = XeroJson.contact(org, r.contact());
                    n.put("StatusAttributeString", "OK");
                    out.add(n);
                } else {
                    ObjectNode f = XeroJson.failedElement((ObjectNode) el, r.errors());
                    failed.add(f);
                    out.add(f);
                }
            }
            return store("PUT Contacts", summarize, "Contacts", out, failed);
        });
        return replay(stored);
    }

    // ========================================================================================== invoices

    private SimulatedResponse invoices(Call call) {
        XeroOrganisation org = call.org();
        Optional<Set<String>> ids = call.query("IDs").map(XeroApi::commaSet);
        Optional<Set<String>> numbers = call.query("InvoiceNumbers").map(XeroApi::commaSet);
        Optional<Set<String>> contactIds = call.query("ContactIDs").map(XeroApi::commaSet);
        Optional<Set<String>> statuses = call.query("Statuses").map(s -> commaSet(s.toUpperCase(Locale.ROOT)));
        Optional<String> search = call.query("searchTerm").map(s -> s.toLowerCase(Locale.ROOT));
        Optional<Instant> since = call.request().header("If-Modified-Since").map(XeroApi::parseSince);
        boolean byChange = call.query("order").map(o -> o.toLowerCase(Locale.ROOT).startsWith("updateddateutc"))
                .orElse(false);
        Optional<Integer> page = call.query("page").map(Integer::parseInt);
        boolean summary = call.query("summaryOnly").map(Boolean::parseBoolean).orElse(false);
        boolean withLines = page.isPresent() && !summary;
        List<XeroInvoice> all = byChange ? org.invoicesInChangeOrder() : org.invoices();
        List<JsonNode> nodes = new ArrayList<>();
        for (XeroInvoice i : all) {
            if (i.status().equals("DELETED") && statuses.map(s -> !s.contains("DELETED")).orElse(true)) {
                continue;
            }
            if (statuses.isPresent() && !statuses.get().contains(i.status())
                    || ids.isPresent() && !ids.get().contains(i.invoiceId().toLowerCase(Locale.ROOT))
                    || numbers.isPresent() && !numbers.get().contains(i.number().toLowerCase(Locale.ROOT))
                    || contactIds.isPresent() && !contactIds.get().contains(i.contactId().toLowerCase(Locale.ROOT))
                    || since.isPresent() && i.updatedAt().isBefore(since.get())) {
                continue;
            }
            if (search.isPresent() && !(i.number().toLowerCase(Locale.ROOT).contains(search.get())
                    || i.reference().map(r -> r.toLowerCase(Locale.ROOT).contains(search.get())).orElse(false))) {
                continue;
            }
            nodes.add(XeroJson.invoice(org, i, call.fourDecimals(), withLines));
        }
        List<JsonNode> filtered = filtered(nodes, call);
        ArrayNode result = byChange ? descendingIfAsked(filtered, call) : ordered(filtered, call);
        return ok(paged("Invoices", result, call));
    }

    private SimulatedResponse invoice(Call call) {
        return call.org().invoice(call.request().pathVariable("InvoiceID"))
                .map(i -> ok(XeroJson.envelope("Invoices",
                        Json.array().add(XeroJson.invoice(call.org(), i, call.fourDecimals(), true)),
                        simulator.clock())))
                .orElseGet(XeroApi::notFound);
    }

    private SimulatedResponse writeInvoices(Call call) {
        XeroOrganisation org = call.org();
        JsonNode body = call.request().json();
        boolean summarize = call.query("summarizeErrors").map(Boolean::parseBoolean).orElse(true);
        boolean fourDecimals = call.fourDecimals();
        String operation = call.request().method() + " Invoices";
        XeroOrganisation.Stored stored = org.idempotent(idempotencyKey(call), operation, () -> {
            ArrayNode out = Json.array();
            List<ObjectNode> failed = new ArrayList<>();
            for (JsonNode el : elements(body, "Invoices")) {
                XeroOrganisation.Result r;
                if (call.request().method().equals("POST") && el.hasNonNull("InvoiceID")) {
                    r = update(org, el.get("InvoiceID").asText(), el);
                } else {
                    r = create(org, el, fourDecimals);
                }
                if (r.errors().isEmpty()) {
                    ObjectNode n = XeroJson.invoice(org, r.invoice(), fourDecimals, true);
                    n.put("StatusAttributeString", "OK");
                    out.add(n);
                } else {
                    ObjectNode f = XeroJson.failedElement((ObjectNode) el, r.errors());
                    failed.add(f);
                    out.add(f);
                }
            }
            return store(operation, summarize, "Invoices", out, failed);
        });
        return replay(stored);
    }

    private SimulatedResponse updateInvoice(Call call) {
        XeroOrganisation org = call.org();
        String id = call.request().pathVariable("InvoiceID");
        if (org.invoice(id).isEmpty()) {
            return notFound();
        }
        JsonNode body = call.request().json();
        boolean fourDecimals = call.fourDecimals();
        XeroOrganisation.Stored stored = org.idempotent(idempotencyKey(call), "POST Invoices/" + id, () -> {
            ArrayNode out = Json.array();
            List<ObjectNode> failed = new ArrayList<>();
            for (JsonNode el : elements(body, "Invoices")) {
                XeroOrganisation.Result r = update(org, id, el);
                if (r.errors().isEmpty()) {
                    out.add(XeroJson.invoice(org, r.invoice(), fourDecimals, true));
                } else {
                    ObjectNode f = XeroJson.failedElement((ObjectNode) el, r.errors());
                    failed.add(f);
                    out.add(f);
                }
            }
            return store("POST Invoices/" + id, true, "Invoices", out, failed);
        });
        return replay(stored);
    }

    private SimulatedResponse onlineInvoice(Call call) {
        Optional<XeroInvoice> invoice = call.org().invoice(call.request().pathVariable("InvoiceID"));
        if (invoice.isEmpty()) {
            return notFound();
        }
        if (invoice.get().onlineInvoiceUrl().isEmpty()) {
            ObjectNode element = Json.object();
            element.put("InvoiceID", invoice.get().invoiceId());
            return SimulatedResponse.json(400, JSON, XeroJson.validationException(List.of(XeroJson.failedElement(
                    element, List.of("Online invoices are not available for invoices with status "
                            + invoice.get().status() + ".")))));
        }
        ArrayNode list = Json.array();
        list.addObject().put("OnlineInvoiceUrl", invoice.get().onlineInvoiceUrl().get().toString());
        ObjectNode body = XeroJson.envelope("OnlineInvoices", list, simulator.clock());
        return ok(body);
    }

    private SimulatedResponse history(Call call) {
        String id = call.request().pathVariable("InvoiceID");
        if (call.org().invoice(id).isEmpty()) {
            return notFound();
        }
        ArrayNode records = Json.array();
        for (XeroOrganisation.HistoryNote note : call.org().historyNotes(id)) {
            records.add(historyRecord(note.details(), note.at()));
        }
        return ok(XeroJson.envelope("HistoryRecords", records, simulator.clock()));
    }

    private SimulatedResponse addHistory(Call call) {
        String id = call.request().pathVariable("InvoiceID");
        if (call.org().invoice(id).isEmpty()) {
            return notFound();
        }
        JsonNode body = call.request().json();
        ArrayNode records = Json.array();
        for (JsonNode el : elements(body, "HistoryRecords")) {
            String details = text(el, "Details");
            if (details == null || details.isBlank()) {
                return SimulatedResponse.json(400, JSON, XeroJson.validationException(List.of(
                        XeroJson.failedElement((ObjectNode) el, List.of("Details must be specified.")))));
            }
            call.org().addHistory(id, details);
            records.add(historyRecord(details, simulator.clock().instant()));
        }
        return ok(XeroJson.envelope("HistoryRecords", records, simulator.clock()));
    }

    private static ObjectNode historyRecord(String details, Instant at) {
        ObjectNode n = Json.object();
        n.put("Changes", "Note");
        n.put("DateUTCString",
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)));
        n.put("DateUTC", XeroJson.msDateTime(at));
        n.put("User", "kommo-sync");
        n.put("Details", details);
        return n;
    }

    private SimulatedResponse createPayments(Call call) {
        XeroOrganisation org = call.org();
        JsonNode body = call.request().json();
        boolean summarize = call.query("summarizeErrors").map(Boolean::parseBoolean).orElse(true);
        XeroOrganisation.Stored stored = org.idempotent(idempotencyKey(call), "PUT Payments", () -> {
            ArrayNode out = Json.array();
            List<ObjectNode> failed = new ArrayList<>();
            for (JsonNode el : elements(body, "Payments")) {
                List<String> errors = new ArrayList<>();
                String invoiceId = text(el.path("Invoice"), "InvoiceID");
                String code = text(el.path("Account"), "Code");
                String accountId = text(el.path("Account"), "AccountID");
                Optional<XeroAccount> account = org.accounts().stream().filter(a -> a.code().equals(code)
                        || a.accountId().equalsIgnoreCase(String.valueOf(accountId))).findFirst();
                if (account.isEmpty() || !account.get().type().equals("BANK") || !account.get().active()) {
                    errors.add("Account must be a bank account or enabled for payments.");
                }
                BigDecimal amount = el.path("Amount").isNumber() ? el.get("Amount").decimalValue() : null;
                if (amount == null) {
                    errors.add("Amount must be specified.");
                }
                LocalDate date = org.today();
                if (el.hasNonNull("Date")) {
                    try {
                        date = XeroJson.parseDate(el.get("Date").asText());
                    } catch (IllegalArgumentException e) {
                        errors.add("Date is not valid.");
                    }
                }
                Optional<XeroOrganisation.InvoiceState> state = invoiceId == null ? Optional.empty()
                        : org.stateIfPresent(invoiceId);
                if (state.isEmpty()) {
                    errors.add("Invoice could not be found.");
                }
                if (errors.isEmpty()) {
                    errors.addAll(org.applyPayment(state.get(), amount, date));
                }
                if (errors.isEmpty()) {
                    XeroInvoice inv = org.invoice(invoiceId).orElseThrow();
                    XeroPayment p = inv.payments().get(inv.payments().size() - 1);
                    ObjectNode n = Json.object();
                    n.put("PaymentID", p.paymentId());
                    n.put("Date", XeroJson.msDate(p.date()));
                    n.put("Amount", p.amount());
                    n.put("Status", "AUTHORISED");
                    n.put("PaymentType", "ACCRECPAYMENT");
                    ObjectNode i = n.putObject("Invoice");
                    i.put("InvoiceID", inv.invoiceId());
                    i.put("InvoiceNumber", inv.number());
                    n.putObject("Account").put("AccountID", account.get().accountId())
                            .put("Code", account.get().code());
                    n.put("StatusAttributeString", "OK");
                    out.add(n);
                } else {
                    ObjectNode f = XeroJson.failedElement((ObjectNode) el, errors);
                    failed.add(f);
                    out.add(f);
                }
            }
            return store("PUT Payments", summarize, "Payments", out, failed);
        });
        return replay(stored);
    }

    // ========================================================================================== parsing

    private static XeroOrganisation.Result create(XeroOrganisation org, JsonNode el, boolean fourDecimals) {
        List<String> errors = new ArrayList<>();
        LocalDate date = date(el, "Date", errors);
        LocalDate due = date(el, "DueDate", errors);
        List<XeroOrganisation.LineDraft> lines = new ArrayList<>();
        for (JsonNode l : el.path("LineItems")) {
            List<XeroOrganisation.TrackingRef> tracking = new ArrayList<>();
            for (JsonNode t : l.path("Tracking")) {
                tracking.add(new XeroOrganisation.TrackingRef(text(t, "TrackingCategoryID"), text(t, "Name"),
                        text(t, "TrackingOptionID"), text(t, "Option")));
            }
            BigDecimal unit = decimal(l, "UnitAmount");
            if (unit != null && !fourDecimals) {
                unit = unit.setScale(2, RoundingMode.HALF_UP);
            }
            lines.add(new XeroOrganisation.LineDraft(text(l, "Description"), decimal(l, "Quantity"), unit,
                    text(l, "AccountCode"), text(l, "TaxType"), decimal(l, "DiscountRate"),
                    decimal(l, "DiscountAmount"), text(l, "ItemCode"), tracking));
        }
        if (!errors.isEmpty()) {
            return new XeroOrganisation.Result(null, errors);
        }
        JsonNode contact = el.path("Contact");
        XeroOrganisation.InvoiceDraft draft = new XeroOrganisation.InvoiceDraft(text(el, "Type"),
                text(contact, "ContactID"), text(contact, "Name"), date, due, text(el, "CurrencyCode"),
                text(el, "LineAmountTypes"), text(el, "InvoiceNumber"), text(el, "Reference"), text(el, "Status"),
                lines);
        return org.create(draft);
    }

    private static XeroOrganisation.Result update(XeroOrganisation org, String invoiceId, JsonNode el) {
        List<String> errors = new ArrayList<>();
        LocalDate due = date(el, "DueDate", errors);
        if (!errors.isEmpty()) {
            return new XeroOrganisation.Result(null, errors);
        }
        return org.update(invoiceId, text(el, "Status"), text(el, "Reference"), due);
    }

    private static LocalDate date(JsonNode el, String field, List<String> errors) {
        String value = text(el, field);
        if (value == null) {
            return null;
        }
        try {
            return XeroJson.parseDate(value);
        } catch (IllegalArgumentException e) {
            errors.add(field + " '" + value + "' is not a valid date.");
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isNumber() ? null : v.decimalValue();
    }

    private static List<JsonNode> elements(JsonNode body, String collection) {
        JsonNode list = body.path(collection);
        if (!list.isArray()) {
            throw new RejectedRequest(SimulatedResponse.json(400, JSON, XeroJson.error(14, "PostDataInvalidException",
                    "The body must be an object with a '" + collection + "' array.")));
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode el : list) {
            if (!el.isObject()) {
                throw new RejectedRequest(SimulatedResponse.json(400, JSON, XeroJson.error(14,
                        "PostDataInvalidException", "Every element of '" + collection + "' must be an object.")));
            }
            out.add(el);
        }
        return out;
    }

    private static String idempotencyKey(Call call) {
        Optional<String> key = call.request().header("Idempotency-Key").filter(k -> !k.isBlank());
        if (key.isPresent() && key.get().length() > 128) {
            throw new RejectedRequest(SimulatedResponse.json(400, JSON, XeroJson.error(14, "PostDataInvalidException",
                    "The Idempotency-Key header has at most 128 characters.")));
        }
        return key.orElse(null);
    }

    private XeroOrganisation.Stored store(String operation, boolean summarize, String collection, ArrayNode out,
                                          List<ObjectNode> failed) {
        ObjectNode body;
        int status;
        if (summarize && !failed.isEmpty()) {
            body = XeroJson.validationException(failed);
            status = 400;
        } else {
            body = XeroJson.envelope(collection, out, simulator.clock());
            status = 200;
        }
        return new XeroOrganisation.Stored(operation, status, Json.write(body));
    }

    private static SimulatedResponse replay(XeroOrganisation.Stored stored) {
        return new SimulatedResponse(stored.status(), Map.of("Content-Type", JSON), stored.body());
    }

    private static Set<String> commaSet(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).map(s -> s.replace("\"", ""))
                .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** Reads {@code If-Modified-Since}: RFC 3339, a UTC date-time without zone, or an RFC 1123 HTTP date. */
    private static Instant parseSince(String value) {
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new RejectedRequest(SimulatedResponse.json(400, JSON, XeroJson.error(14, "PostDataInvalidException",
                    "If-Modified-Since '" + value + "' is not a date-time.")));
        }
    }

    // ========================================================================================== lists

    private static List<JsonNode> filtered(List<JsonNode> nodes, Call call) {
        Optional<String> where = call.query("where");
        if (where.isEmpty()) {
            return nodes;
        }
        WhereFilter filter = WhereFilter.parse(where.get());
        Predicate<JsonNode> test = filter::test;
        return nodes.stream().filter(test).toList();
    }

    private static ArrayNode ordered(List<JsonNode> nodes, Call call) {
        List<JsonNode> sorted = new ArrayList<>(nodes);
        Optional<String> order = call.query("order");
        if (order.isPresent()) {
            Comparator<JsonNode> comparator = null;
            for (String part : order.get().split(",")) {
                String[] words = part.trim().split("\\s+");
                String field = words[0];
                boolean descending = words.length > 1 && words[1].equalsIgnoreCase("DESC");
                Comparator<JsonNode> c = Comparator.comparing((JsonNode n) -> sortKey(n, field));
                c = descending ? c.reversed() : c;
                comparator = comparator == null ? c : comparator.thenComparing(c);
            }
            if (comparator != null) {
                sorted.sort(comparator);
            }
        }
        ArrayNode out = Json.array();
        sorted.forEach(out::add);
        return out;
    }

    private static ArrayNode descendingIfAsked(List<JsonNode> nodes, Call call) {
        List<JsonNode> sorted = new ArrayList<>(nodes);
        if (call.query("order").map(o -> o.toUpperCase(Locale.ROOT).contains("DESC")).orElse(false)) {
            java.util.Collections.reverse(sorted);
        }
        ArrayNode out = Json.array();
        sorted.forEach(out::add);
        return out;
    }

    private static String sortKey(JsonNode node, String field) {
        java.util.Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equalsIgnoreCase(field)) {
                JsonNode v = f.getValue();
                if (v.isNumber()) {
                    return String.format(Locale.ROOT, "%030.6f", v.decimalValue());
                }
                String text = v.asText();
                java.util.regex.Matcher ms = java.util.regex.Pattern.compile("/Date\\((-?\\d+).*").matcher(text);
                return ms.matches() ? String.format(Locale.ROOT, "%020d", Long.parseLong(ms.group(1)))
                        : text.toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private ObjectNode paged(String collection, ArrayNode all, Call call) {
        Optional<Integer> page = call.query("page").map(Integer::parseInt);
        if (page.isEmpty()) {
            return XeroJson.envelope(collection, all, simulator.clock());
        }
        int size = call.query("pageSize").map(Integer::parseInt).map(s -> Math.max(1, Math.min(s, 1000))).orElse(100);
        int from = Math.max(0, (page.get() - 1) * size);
        ArrayNode slice = Json.array();
        for (int i = from; i < Math.min(all.size(), from + size); i++) {
            slice.add(all.get(i));
        }
        ObjectNode envelope = XeroJson.envelope(collection, slice, simulator.clock());
        XeroJson.pagination(envelope, page.get(), size, all.size());
        return envelope;
    }
}
