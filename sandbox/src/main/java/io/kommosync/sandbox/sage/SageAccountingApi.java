package io.kommosync.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.http.SimulatedResponse;
import io.kommosync.sandbox.http.SimulatorServer;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The HTTP face of the simulator: Sage v3.1 routes under {@value SageAccountingSpec#BASE_PATH}, and the token endpoint. */
final class SageAccountingApi {

    private static final String BASE = SageAccountingSpec.BASE_PATH;
    private static final int DEFAULT_ITEMS_PER_PAGE = 20;
    private static final int MAX_ITEMS_PER_PAGE = 200;

    /** What a route does once the caller is authenticated, its business resolved and its request validated. */
    @FunctionalInterface
    private interface BusinessHandler {
        SimulatedResponse handle(SageBusiness business, SimulatedRequest request);
    }

    private final SageCloudSimulator simulator;

    SageAccountingApi(SageCloudSimulator simulator) {
        this.simulator = simulator;
    }

    void register(SimulatorServer server) {
        server.route("POST", "/token", request -> simulator.oauth().token(request));
        server.route("GET", BASE + "/businesses", request -> guarded(request, false, this::businesses));
        server.route("GET", BASE + "/ledger_accounts", request -> guarded(request, true, this::ledgerAccounts));
        server.route("GET", BASE + "/ledger_accounts/{key}", request -> guarded(request, true, this::ledgerAccount));
        server.route("GET", BASE + "/tax_rates", request -> guarded(request, true, this::taxRates));
        server.route("GET", BASE + "/tax_rates/{key}", request -> guarded(request, true, this::taxRate));
        server.route("GET", BASE + "/contacts", request -> guarded(request, true, this::contacts));
        server.route("POST", BASE + "/contacts", request -> guarded(request, true, this::createContact));
        server.route("GET", BASE + "/contacts/{key}", request -> guarded(request, true, this::contact));
        server.route("GET", BASE + "/sales_invoices", request -> guarded(request, true, this::salesInvoices));
        server.route("POST", BASE + "/sales_invoices", request -> guarded(request, true, this::createSalesInvoice));
        server.route("GET", BASE + "/sales_invoices/{key}", request -> guarded(request, true, this::salesInvoice));
        server.route("DELETE", BASE + "/sales_invoices/{key}", request -> guarded(request, true, this::voidSalesInvoice));
        server.route("POST", BASE + "/sales_invoices/{key}/release",
                request -> guarded(request, true, this::releaseSalesInvoice));
        server.route("POST", BASE + "/contact_payments", request -> guarded(request, true, this::createContactPayment));
        server.route("GET", "/invoicing/sales_invoices/{key}", this::invoicePage);
    }

    private SimulatedResponse guarded(SimulatedRequest request, boolean specified, BusinessHandler handler) {
        String requestId = UUID.randomUUID().toString();
        SimulatedResponse response;
        try {
            SageOAuth.Grant grant = simulator.oauth().authenticate(request);
            SageBusiness business = businessOf(grant, request);
            if (specified && simulator.validatesRequests()) {
                List<SpecViolation> violations = SageAccountingSpec.shared().validate(request);
                if (!violations.isEmpty()) {
                    throw new SageRuleViolation(422, violations.stream()
                            .map(v -> new SageError("InvalidRequest", v.message(), v.source())).toList());
                }
            }
            response = handler.handle(business, request);
        } catch (SageRuleViolation e) {
            response = SageJson.errors(e.status(), e.errors());
        }
        return response.withHeader("X-Request-Id", requestId);
    }

    private SageBusiness businessOf(SageOAuth.Grant grant, SimulatedRequest request) {
        Optional<String> wanted = request.header("X-Business").map(String::trim).filter(s -> !s.isEmpty());
        String businessId = wanted.orElse(grant.leadBusinessId());
        if (!grant.businessIds().contains(businessId)) {
            throw new SageRuleViolation(403, List.of(new SageError("AuthorizationFailure",
                    "You do not have access to business " + businessId, "X-Business")));
        }
        return simulator.findBusiness(businessId).orElseThrow(() -> new SageRuleViolation(403,
                List.of(new SageError("AuthorizationFailure", "Business " + businessId + " no longer exists",
                        "X-Business"))));
    }

    // ------------------------------------------------------------------------------------------------ core

    private SimulatedResponse businesses(SageBusiness ignored, SimulatedRequest request) {
        Set<String> allowed = Set.of("page", "items_per_page");
        for (String key : request.queryParameters().keySet()) {
            if (!allowed.contains(key)) {
                throw SageRuleViolation.invalid(key, "is not a parameter of GET /businesses");
            }
        }
        SageOAuth.Grant grant = simulator.oauth().authenticate(request);
        ArrayNode items = Json.array();
        for (String id : grant.businessIds()) {
            simulator.findBusiness(id).ifPresent(b -> items.add(SageJson.business(b)));
        }
        ObjectNode body = Json.object();
        body.put("$total", items.size());
        body.put("$page", 1);
        body.putNull("$next");
        body.putNull("$back");
        body.put("$items_per_page", Integer.MAX_VALUE);
        body.set("$items", items);
        return ok(200, body);
    }

    // ------------------------------------------------------------------------------------------------ chart

    private SimulatedResponse ledgerAccounts(SageBusiness business, SimulatedRequest request) {
        Map<String, List<String>> q = request.queryParameters();
        Optional<Instant> since = instant(q, "updated_or_created_since");
        Predicate<SageLedgerAccount> filter = a -> true;
        Optional<String> visibleIn = first(q, "visible_in");
        if (visibleIn.isPresent()) {
            filter = filter.and(a -> visibleIn(a, visibleIn.get()));
        }
        Optional<String> notVisibleIn = first(q, "not_visible_in");
        if (notVisibleIn.isPresent()) {
            filter = filter.and(a -> !visibleIn(a, notVisibleIn.get()));
        }
        Optional<String> inChart = first(q, "show_included_in_chart");
        if (inChart.isPresent()) {
            boolean wanted = Boolean.parseBoolean(inChart.get());
            filter = filter.and(a -> a.includedInChart() == wanted);
        }
        Optional<String> type = first(q, "ledger_account_type_id");
        if (type.isPresent()) {
            filter = filter.and(a -> a.type().name().equalsIgnoreCase(type.get()));
        }
        Optional<String> search = first(q, "search").map(s -> s.toLowerCase(Locale.ROOT));
        if (search.isPresent()) {
            filter = filter.and(a -> a.name().toLowerCase(Locale.ROOT).contains(search.get())
                    || String.valueOf(a.nominalCode()).contains(search.get()));
        }
        if (since.isPresent()) {
            filter = filter.and(a -> !a.updatedAt().isBefore(since.get()));
        }
        List<ObjectNode> items = business.ledgerAccounts().stream().filter(filter)
                .map(a -> SageJson.ledgerAccount(a, business)).toList();
        return ok(200, page(request, "/ledger_accounts", items));
    }

    private static boolean visibleIn(SageLedgerAccount account, String area) {
        return switch (area) {
            case "sales" -> account.visibleInSales();
            case "banking" -> account.type() == SageLedgerAccountType.BANK;
            case "expenses", "other_payments" -> account.type().group().equals("EXPENDITURE");
            case "other_receipts" -> account.type().group().equals("INCOME");
            default -> true;
        };
    }

    private SimulatedResponse ledgerAccount(SageBusiness business, SimulatedRequest request) {
        String key = request.pathVariable("key");
        SageLedgerAccount account = business.ledgerAccountById(key)
                .orElseThrow(() -> SageRuleViolation.notFound("Ledger account " + key));
        return ok(200, SageJson.select(SageJson.ledgerAccount(account, business), attributes(request, true)));
    }

    private SimulatedResponse taxRates(SageBusiness business, SimulatedRequest request) {
        Map<String, List<String>> q = request.queryParameters();
        Optional<Instant> since = instant(q, "updated_or_created_since");
        Optional<String> usage = first(q, "usage");
        if (usage.isPresent() && !usage.get().equals("sales") && !usage.get().equals("purchase")) {
            throw SageRuleViolation.invalid("usage", "must be sales or purchase");
        }
        List<ObjectNode> items = business.taxRates().stream()
                .filter(r -> since.isEmpty() || !r.updatedAt().isBefore(since.get()))
                .map(SageJson::taxRate).toList();
        return ok(200, page(request, "/tax_rates", items));
    }

    private SimulatedResponse taxRate(SageBusiness business, SimulatedRequest request) {
        String key = request.pathVariable("key");
        SageTaxRate rate = business.taxRate(key).orElseThrow(() -> SageRuleViolation.notFound("Tax rate " + key));
        return ok(200, SageJson.select(SageJson.taxRate(rate), attributes(request, true)));
    }

    // ------------------------------------------------------------------------------------------------ contacts

    private SimulatedResponse contacts(SageBusiness business, SimulatedRequest request) {
        Map<String, List<String>> q = request.queryParameters();
        Optional<Instant> since = instant(q, "updated_or_created_since");
        Predicate<SageContact> filter = c -> true;
        Optional<String> email = first(q, "email");
        if (email.isPresent()) {
            // Sage does not document the comparison; the simulator matches the address ignoring case.
            filter = filter.and(c -> c.email().map(e -> e.equalsIgnoreCase(email.get())).orElse(false));
        }
        Optional<String> type = first(q, "contact_type_id");
        if (type.isPresent()) {
            filter = filter.and(c -> c.contactTypeIds().contains(type.get().toUpperCase(Locale.ROOT)));
        }
        Optional<String> search = first(q, "search").map(s -> s.toLowerCase(Locale.ROOT));
        if (search.isPresent()) {
            filter = filter.and(c -> c.name().toLowerCase(Locale.ROOT).contains(search.get())
                    || c.reference().map(r -> r.toLowerCase(Locale.ROOT).contains(search.get())).orElse(false));
        }
        if (since.isPresent()) {
            filter = filter.and(c -> !c.updatedAt().isBefore(since.get()));
        }
        List<ObjectNode> items = business.contacts().stream().filter(filter)
                .map(c -> SageJson.contact(c, simulator.webBaseUri())).toList();
        return ok(200, page(request, "/contacts", items));
    }

    private SimulatedResponse contact(SageBusiness business, SimulatedRequest request) {
        String key = request.pathVariable("key");
        SageContact contact = business.findContact(key).orElseThrow(() -> SageRuleViolation.notFound("Contact " + key));
        return ok(200, SageJson.select(SageJson.contact(contact, simulator.webBaseUri()), attributes(request, true)));
    }

    private SimulatedResponse createContact(SageBusiness business, SimulatedRequest request) {
        JsonNode contact = request.json().path("contact");
        Optional<String> idempotencyId = text(contact, "idempotency_id");
        synchronized (business.lock) {
            if (idempotencyId.isPresent()) {
                Optional<SimulatedResponse> replay = business.replay("contact", idempotencyId.get());
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            List<String> types = new ArrayList<>();
            contact.path("contact_type_ids").forEach(t -> types.add(t.asText()));
            if (types.size() != 1) {
                throw SageRuleViolation.invalid("contact_type_ids", "you cannot assign more or less than one contact "
                        + "type");
            }
            JsonNode person = contact.path("main_contact_person");
            SageContact created = business.createContact(contact.path("name").asText(), types.get(0),
                    text(contact, "reference"), text(person, "email"), text(person, "telephone"));
            SimulatedResponse response = ok(201, SageJson.contact(created, simulator.webBaseUri()));
            idempotencyId.ifPresent(id -> business.remember("contact", id, response));
            return response;
        }
    }

    // ------------------------------------------------------------------------------------------------ invoices

    private SimulatedResponse salesInvoices(SageBusiness business, SimulatedRequest request) {
        Map<String, List<String>> q = request.queryParameters();
        Optional<Instant> since = instant(q, "updated_or_created_since");
        Predicate<SageSalesInvoice> filter = i -> true;
        Optional<String> search = first(q, "search").map(s -> s.toLowerCase(Locale.ROOT));
        if (search.isPresent()) {
            filter = filter.and(i -> i.reference().map(r -> r.toLowerCase(Locale.ROOT).contains(search.get()))
                    .orElse(false) || i.contactName().toLowerCase(Locale.ROOT).contains(search.get()));
        }
        Optional<String> contactId = first(q, "contact_id");
        if (contactId.isPresent()) {
            filter = filter.and(i -> i.contactId().equals(contactId.get()));
        }
        Optional<String> status = first(q, "status_id");
        if (status.isPresent()) {
            filter = filter.and(i -> i.status().name().equalsIgnoreCase(status.get()));
        }
        Optional<LocalDate> from = instant(q, "from_date").map(t -> LocalDate.ofInstant(t, java.time.ZoneOffset.UTC));
        if (from.isPresent()) {
            filter = filter.and(i -> !i.date().isBefore(from.get()));
        }
        Optional<LocalDate> to = instant(q, "to_date").map(t -> LocalDate.ofInstant(t, java.time.ZoneOffset.UTC));
        if (to.isPresent()) {
            filter = filter.and(i -> !i.date().isAfter(to.get()));
        }
        if (since.isPresent()) {
            filter = filter.and(i -> !i.updatedAt().isBefore(since.get()));
        }
        if (first(q, "has_attachments").map(Boolean::parseBoolean).orElse(false)) {
            filter = filter.and(i -> false);
        }
        List<ObjectNode> items = business.invoicesSorted(order(first(q, "sort"))).stream().filter(filter)
                .map(i -> SageJson.salesInvoice(i, business, simulator.webBaseUri())).toList();
        return ok(200, page(request, "/sales_invoices", items));
    }

    private static Comparator<SageSalesInvoice> order(Optional<String> sort) {
        if (sort.isEmpty()) {
            return Comparator.comparing(SageSalesInvoice::createdAt);
        }
        String[] parts = sort.get().split(":", 2);
        Comparator<SageSalesInvoice> by = switch (parts[0]) {
            case "created_at" -> Comparator.comparing(SageSalesInvoice::createdAt);
            case "updated_at" -> Comparator.comparing(SageSalesInvoice::updatedAt);
            case "date" -> Comparator.comparing(SageSalesInvoice::date);
            case "due_date" -> Comparator.comparing(SageSalesInvoice::dueDate);
            default -> throw SageRuleViolation.invalid("sort", "sort by created_at, updated_at, date or due_date");
        };
        if (parts.length == 2) {
            switch (parts[1]) {
                case "asc" -> {
                }
                case "desc" -> by = by.reversed();
                default -> throw SageRuleViolation.invalid("sort", "the direction is asc or desc");
            }
        }
        return by;
    }

    private SimulatedResponse salesInvoice(SageBusiness business, SimulatedRequest request) {
        SageSalesInvoice invoice = invoiceOf(business, request);
        return ok(200, SageJson.select(SageJson.salesInvoice(invoice, business, simulator.webBaseUri()),
                attributes(request, true)));
    }

    private static SageSalesInvoice invoiceOf(SageBusiness business, SimulatedRequest request) {
        String key = request.pathVariable("key");
        return business.findInvoice(key).orElseThrow(() -> SageRuleViolation.notFound("Sales invoice " + key));
    }

    private SimulatedResponse createSalesInvoice(SageBusiness business, SimulatedRequest request) {
        JsonNode invoice = request.json().path("sales_invoice");
        Optional<String> idempotencyId = text(invoice, "idempotency_id");
        synchronized (business.lock) {
            if (idempotencyId.isPresent()) {
                Optional<SimulatedResponse> replay = business.replay("sales_invoice", idempotencyId.get());
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            List<SageBusiness.LineInput> lines = new ArrayList<>();
            for (JsonNode line : invoice.path("invoice_lines")) {
                lines.add(new SageBusiness.LineInput(line.path("description").asText(),
                        line.path("ledger_account_id").asText(), decimal(line, "quantity"),
                        line.path("unit_price").decimalValue(), decimal(line, "discount_amount"),
                        decimal(line, "discount_percentage"), text(line, "tax_rate_id"), decimal(line, "tax_amount")));
            }
            SageSalesInvoice created = business.createInvoice(new SageBusiness.InvoiceInput(
                    invoice.path("contact_id").asText(), LocalDate.parse(invoice.path("date").asText()),
                    text(invoice, "due_date").map(LocalDate::parse), text(invoice, "reference"),
                    text(invoice, "notes"), text(invoice, "currency_id"), text(invoice, "status_id"), lines));
            SimulatedResponse response = ok(201, SageJson.salesInvoice(created, business, simulator.webBaseUri()));
            idempotencyId.ifPresent(id -> business.remember("sales_invoice", id, response));
            return response;
        }
    }

    private SimulatedResponse voidSalesInvoice(SageBusiness business, SimulatedRequest request) {
        SageSalesInvoice invoice = invoiceOf(business, request);
        Optional<String> reason = first(request.queryParameters(), "void_reason");
        if (reason.isEmpty() && !request.bodyText().isBlank()) {
            reason = text(request.json(), "void_reason");
        }
        SageSalesInvoice after = business.voidOrDelete(invoice.id(), reason);
        if (after.status() == SageInvoiceStatus.DRAFT) {
            return SimulatedResponse.empty(204);
        }
        return ok(200, SageJson.salesInvoice(after, business, simulator.webBaseUri()));
    }

    private SimulatedResponse releaseSalesInvoice(SageBusiness business, SimulatedRequest request) {
        SageSalesInvoice released = business.release(invoiceOf(business, request).id());
        return ok(200, SageJson.salesInvoice(released, business, simulator.webBaseUri()));
    }

    private SimulatedResponse createContactPayment(SageBusiness business, SimulatedRequest request) {
        JsonNode payment = request.json().path("contact_payment");
        if (!"CUSTOMER_RECEIPT".equals(payment.path("transaction_type_id").asText())) {
            throw SageRuleViolation.invalid("transaction_type_id", "the simulator records CUSTOMER_RECEIPT payments");
        }
        if (!business.bankAccountId().equals(payment.path("bank_account_id").asText())) {
            throw SageRuleViolation.invalid("bank_account_id", "bank account " + payment.path("bank_account_id")
                    .asText() + " does not exist");
        }
        Map<String, BigDecimal> allocations = new LinkedHashMap<>();
        for (JsonNode a : payment.path("allocated_artefacts")) {
            allocations.merge(a.path("artefact_id").asText(), a.path("amount").decimalValue(), BigDecimal::add);
        }
        SageContactPayment recorded = business.recordReceipt(payment.path("contact_id").asText(),
                LocalDate.parse(payment.path("date").asText()), payment.path("total_amount").decimalValue(),
                allocations, text(payment, "reference"));
        return ok(201, SageJson.contactPayment(recorded, business));
    }

    private SimulatedResponse invoicePage(SimulatedRequest request) {
        String key = request.pathVariable("key");
        for (SageBusiness business : simulator.businesses()) {
            Optional<SageSalesInvoice> invoice = business.findInvoice(key);
            if (invoice.isPresent()) {
                SageSalesInvoice i = invoice.get();
                return SimulatedResponse.html(200, "<!DOCTYPE html><html><head><title>Sales invoice "
                        + escape(i.invoiceNumber()) + "</title></head><body><h1>" + escape(business.name()) + ": "
                        + escape(i.invoiceNumber()) + "</h1><p>" + escape(i.contactName()) + "</p><p>Total "
                        + i.totalAmount().toPlainString() + " " + i.currency().getCurrencyCode() + ", outstanding "
                        + i.outstandingAmount().toPlainString() + " (" + i.status().displayedAs() + ")</p></body></html>");
            }
        }
        return SimulatedResponse.html(404, "<!DOCTYPE html><html><body><h1>Not found</h1></body></html>");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static SimulatedResponse ok(int status, JsonNode body) {
        return SimulatedResponse.json(status, SimulatedResponse.APPLICATION_JSON, body);
    }

    /** Pages a filtered list the way Sage does: a page past the end answers the last page. */
    private static ObjectNode page(SimulatedRequest request, String path, List<ObjectNode> all) {
        Map<String, List<String>> q = request.queryParameters();
        int perPage = integer(q, "items_per_page").orElse(DEFAULT_ITEMS_PER_PAGE);
        if (perPage < 1 || perPage > MAX_ITEMS_PER_PAGE) {
            throw SageRuleViolation.invalid("items_per_page", "must be from 1 to " + MAX_ITEMS_PER_PAGE);
        }
        int requested = integer(q, "page").orElse(1);
        if (requested < 1) {
            throw SageRuleViolation.invalid("page", "must be 1 or more");
        }
        int lastPage = Math.max(1, (all.size() + perPage - 1) / perPage);
        int page = Math.min(requested, lastPage);
        Set<String> attributes = attributes(request, false);
        ArrayNode items = Json.array();
        all.stream().skip((long) (page - 1) * perPage).limit(perPage)
                .forEach(item -> items.add(SageJson.select(item, attributes)));
        ObjectNode body = Json.object();
        body.put("$total", all.size());
        body.put("$page", page);
        if (page < lastPage) {
            body.put("$next", link(path, q, page + 1));
        } else {
            body.putNull("$next");
        }
        if (page > 1) {
            body.put("$back", link(path, q, page - 1));
        } else {
            body.putNull("$back");
        }
        body.put("$itemsPerPage", perPage);
        body.set("$items", items);
        return body;
    }

    private static String link(String path, Map<String, List<String>> query, int page) {
        Map<String, List<String>> copy = new LinkedHashMap<>(query);
        copy.put("page", List.of(Integer.toString(page)));
        return path + "?" + copy.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The attributes a request asks for: {@code null} for every attribute ({@code attributes=all}, or a single
     * resource without the parameter), else the named ones.
     */
    private static Set<String> attributes(SimulatedRequest request, boolean singleResource) {
        Optional<String> raw = first(request.queryParameters(), "attributes");
        if (raw.isEmpty()) {
            return singleResource ? null : Set.of();
        }
        if (raw.get().trim().equalsIgnoreCase("all")) {
            return null;
        }
        return Arrays.stream(raw.get().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Optional<String> first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Optional<Integer> integer(Map<String, List<String>> query, String key) {
        Optional<String> raw = first(query, key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(raw.get().trim()));
        } catch (NumberFormatException e) {
            throw SageRuleViolation.invalid(key, "'" + raw.get() + "' is not a whole number");
        }
    }

    private static Optional<Instant> instant(Map<String, List<String>> query, String key) {
        Optional<String> raw = first(query, key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(raw.get().trim()).toInstant());
        } catch (DateTimeParseException e) {
            throw SageRuleViolation.invalid(key, "'" + raw.get() + "' is not a date-time such as "
                    + "2025-03-10T09:30:00+00:00");
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<BigDecimal> decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.decimalValue());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static Function<SimulatedRequest, String> rateLimitKey(SageCloudSimulator simulator) {
        return request -> request.header("X-Business").map(String::trim).filter(s -> !s.isEmpty())
                .or(() -> simulator.oauth().leadBusinessOf(request.header("Authorization").orElse(null)))
                .orElse("anonymous");
    }
}
