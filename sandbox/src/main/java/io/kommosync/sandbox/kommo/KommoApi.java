package io.kommosync.sandbox.kommo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.RejectedRequest;
import io.kommosync.sandbox.http.RouteHandler;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.http.SimulatedResponse;
import io.kommosync.sandbox.http.SimulatorServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The Kommo API v4 endpoints of a {@link KommoSimulator}. */
final class KommoApi {

    static final String HAL_JSON = "application/hal+json";
    private static final int MAX_LIMIT = 250;
    private static final int MAX_CREATE_BATCH = 250;
    private static final int MAX_PATCH_BATCH = 50;
    private static final Pattern STATUS_FILTER =
            Pattern.compile("filter\\[statuses]\\[(\\d+)]\\[(pipeline_id|status_id)]");
    private static final Set<String> TASK_ENTITY_TYPES = Set.of("leads", "contacts", "companies", "customers");
    private static final Set<String> NOTE_TYPES = Set.of("common", "call_in", "call_out", "service_message",
            "extended_service_message", "message_cashier", "geolocation", "sms_in", "sms_out", "attachment");
    private static final Set<String> WEBHOOK_SETTINGS = Set.of(
            "add_lead", "update_lead", "delete_lead", "restore_lead", "status_lead", "responsible_lead", "note_lead",
            "add_contact", "update_contact", "delete_contact", "restore_contact", "responsible_contact",
            "note_contact", "add_company", "update_company", "delete_company", "restore_company",
            "responsible_company", "note_company", "add_customer", "update_customer", "delete_customer",
            "responsible_customer", "note_customer", "add_task", "update_task", "delete_task", "responsible_task",
            "add_message", "add_talk", "update_talk", "add_chat_template_review");

    private final KommoSimulator sim;

    KommoApi(KommoSimulator sim) {
        this.sim = sim;
    }

    /** An endpoint body once the token has been checked. */
    @FunctionalInterface
    private interface AccountHandler {
        SimulatedResponse handle(SandboxAccount account, SimulatedRequest request);
    }

    void register(SimulatorServer s) {
        s.route("POST", "/oauth2/access_token", r -> sim.tokens.tokenEndpoint(r, sim::accountByClientId));
        s.route("GET", "/api/v4/account", authed(this::getAccount));
        s.route("GET", "/api/v4/users", authed(this::listUsers));
        s.route("GET", "/api/v4/users/{id}", authed(this::getUser));

        s.route("GET", "/api/v4/leads", authed(this::listLeads));
        s.route("POST", "/api/v4/leads", authed(this::createLeads));
        s.route("PATCH", "/api/v4/leads", authed(this::patchLeads));
        s.route("GET", "/api/v4/leads/{id}", authed(this::getLead));
        s.route("PATCH", "/api/v4/leads/{id}", authed(this::patchLead));
        s.route("GET", "/api/v4/leads/{id}/links", authed(this::leadLinks));
        s.route("POST", "/api/v4/leads/{id}/link", authed(this::linkToLead));
        s.route("GET", "/api/v4/leads/pipelines", authed(this::listPipelines));
        s.route("GET", "/api/v4/leads/pipelines/{id}", authed(this::getPipeline));
        s.route("POST", "/api/v4/leads/notes", authed((a, r) -> createNotes(a, r, null)));
        s.route("POST", "/api/v4/leads/{id}/notes", authed((a, r) -> createNotes(a, r, r.pathVariable("id"))));
        s.route("GET", "/api/v4/leads/{id}/notes", authed(this::listLeadNotes));

        for (String entity : List.of("leads", "contacts", "companies")) {
            s.route("GET", "/api/v4/" + entity + "/custom_fields", authed((a, r) -> listFields(a, r, entity)));
            s.route("GET", "/api/v4/" + entity + "/custom_fields/{id}", authed((a, r) -> getField(a, r, entity)));
            s.route("POST", "/api/v4/" + entity + "/custom_fields", authed((a, r) -> createFields(a, r, entity)));
        }

        s.route("GET", "/api/v4/contacts", authed(this::listContacts));
        s.route("GET", "/api/v4/contacts/{id}", authed(this::getContact));
        s.route("POST", "/api/v4/contacts", authed(this::createContacts));
        s.route("GET", "/api/v4/companies", authed(this::listCompanies));
        s.route("GET", "/api/v4/companies/{id}", authed(this::getCompany));
        s.route("POST", "/api/v4/companies", authed(this::createCompanies));

        s.route("GET", "/api/v4/catalogs", authed(this::listCatalogs));
        s.route("GET", "/api/v4/catalogs/{id}", authed(this::getCatalog));
        s.route("GET", "/api/v4/catalogs/{id}/elements", authed(this::listElements));
        s.route("GET", "/api/v4/catalogs/{id}/elements/{elementId}", authed(this::getElement));
        s.route("GET", "/api/v4/catalogs/{id}/custom_fields", authed(this::listCatalogFields));

        s.route("GET", "/api/v4/tasks", authed(this::listTasks));
        s.route("POST", "/api/v4/tasks", authed(this::createTasks));
        s.route("GET", "/api/v4/tasks/{id}", authed(this::getTask));
        s.route("PATCH", "/api/v4/tasks/{id}", authed(this::patchTask));

        s.route("GET", "/api/v4/webhooks", authed(this::listWebhooks));
        s.route("POST", "/api/v4/webhooks", authed(this::subscribe));
        s.route("DELETE", "/api/v4/webhooks", authed(this::unsubscribe));
    }

    // ================================================================================================ auth

    private RouteHandler authed(AccountHandler handler) {
        return request -> {
            Optional<KommoTokens.AccessGrant> grant = sim.grant(request);
            if (grant.isEmpty()) {
                return SimulatedResponse.problem(401, "Unauthorized", "Unauthorized");
            }
            SandboxAccount account = grant.get().account();
            boolean write = !request.method().equals("GET");
            switch (account.status()) {
                case FORBIDDEN:
                    return SimulatedResponse.problem(403, "Forbidden", "Access denied");
                case PAYMENT_REQUIRED:
                    return SimulatedResponse.problem(402, "Payment Required", "Account is not paid");
                case PAYMENT_OVERDUE:
                    if (write) {
                        return SimulatedResponse.problem(402, "Payment Required",
                                "Account is not paid: writes are blocked");
                    }
                    break;
                default:
                    break;
            }
            return handler.handle(account, request);
        };
    }

    // ================================================================================================ account

    private SimulatedResponse getAccount(SandboxAccount a, SimulatedRequest r) {
        ObjectNode n = Json.object();
        n.put("id", a.id());
        n.put("name", a.subdomain());
        n.put("subdomain", a.subdomain());
        KommoJson.putEpoch(n, "created_at", a.createdAt());
        n.put("created_by", a.adminUserId());
        KommoJson.putEpoch(n, "updated_at", a.createdAt());
        n.put("updated_by", a.adminUserId());
        n.put("current_user_id", a.adminUserId());
        n.put("country", "US");
        n.put("currency", a.currency().getCurrencyCode());
        n.put("currency_symbol", a.currencySymbol());
        n.put("customers_mode", "disabled");
        n.put("is_unsorted_on", true);
        n.put("mobile_feature_version", 0);
        n.put("is_loss_reason_enabled", true);
        n.put("is_helpbot_enabled", false);
        n.put("is_technical_account", false);
        n.put("contact_name_display_order", 1);
        n.set("_links", KommoJson.links(base() + "/api/v4/account"));
        return hal(200, n);
    }

    private SimulatedResponse listUsers(SandboxAccount a, SimulatedRequest r) {
        return page(r, "/api/v4/users", "users", a.users(), u -> KommoJson.user(u, base()), MAX_LIMIT);
    }

    private SimulatedResponse getUser(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        synchronized (a.lock) {
            User u = a.users.get(id);
            return u == null ? SimulatedResponse.empty(204) : hal(200, KommoJson.user(u, base()));
        }
    }

    // ================================================================================================ leads

    private SimulatedResponse listLeads(SandboxAccount a, SimulatedRequest r) {
        Map<String, List<String>> q = r.queryParameters();
        List<Lead> all = a.leads();
        Predicate<Lead> filter = l -> true;
        List<Long> ids = longs(q, "filter[id]");
        if (!ids.isEmpty()) {
            filter = filter.and(l -> ids.contains(l.id()));
        }
        List<Long> pipelinesFilter = longs(q, "filter[pipeline_id]");
        if (!pipelinesFilter.isEmpty()) {
            filter = filter.and(l -> pipelinesFilter.contains(l.pipelineId()));
        }
        List<long[]> statuses = statusPairs(q);
        if (!statuses.isEmpty()) {
            filter = filter.and(l -> statuses.stream()
                    .anyMatch(p -> (p[0] == 0 || p[0] == l.pipelineId()) && (p[1] == 0 || p[1] == l.statusId())));
        }
        List<Long> responsible = longs(q, "filter[responsible_user_id]");
        if (!responsible.isEmpty()) {
            filter = filter.and(l -> responsible.contains(l.responsibleUserId()));
        }
        filter = filter.and(range(q, "created_at", Lead::createdAt)).and(range(q, "updated_at", Lead::updatedAt))
                .and(range(q, "closed_at", Lead::closedAt));
        Optional<String> query = r.query("query").filter(s -> !s.isBlank());
        if (query.isPresent()) {
            String needle = query.get().toLowerCase(Locale.ROOT);
            filter = filter.and(l -> Long.toString(l.id()).equals(needle)
                    || l.name().toLowerCase(Locale.ROOT).contains(needle)
                    || l.customFields().stream().flatMap(f -> f.texts().stream())
                            .anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle)));
        }
        List<Lead> selected = new ArrayList<>(all.stream().filter(filter).toList());
        selected.sort(order(q, Map.of("id", Comparator.comparingLong(Lead::id),
                "created_at", Comparator.comparing(Lead::createdAt),
                "updated_at", Comparator.comparing(Lead::updatedAt))));
        Set<String> with = with(r);
        return page(r, "/api/v4/leads", "leads", selected, l -> KommoJson.lead(l, a.id(), base(), with), MAX_LIMIT);
    }

    private SimulatedResponse getLead(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        synchronized (a.lock) {
            Lead lead = a.leads.get(id);
            return lead == null ? SimulatedResponse.empty(204)
                    : hal(200, KommoJson.lead(lead, a.id(), base(), with(r)));
        }
    }

    private SimulatedResponse createLeads(SandboxAccount a, SimulatedRequest r) {
        JsonNode body = arrayBody(r, MAX_CREATE_BATCH);
        ValidationErrors errors = new ValidationErrors();
        List<String> requestIds = new ArrayList<>();
        List<Lead> created = new ArrayList<>();
        synchronized (a.lock) {
            List<Runnable> inserts = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                String requestId = requestId(item, i);
                requestIds.add(requestId);
                ValidationErrors.Item issues = errors.item(requestId);
                if (!item.isObject()) {
                    issues.invalidType("", "object");
                    continue;
                }
                String name = text(item, "name", "", issues);
                BigDecimal price = amount(item, "price", BigDecimal.ZERO, issues);
                Pipeline main = a.pipelines.values().stream().filter(Pipeline::main).findFirst().orElseThrow();
                Long pipelineId = optionalLong(item, "pipeline_id", issues);
                Pipeline pipeline = pipelineId == null ? main : a.pipelines.get(pipelineId);
                if (pipeline == null) {
                    issues.notSupportedChoice("pipeline_id");
                }
                Long statusId = optionalLong(item, "status_id", issues);
                if (pipeline != null && statusId != null && pipeline.stage(statusId).isEmpty()) {
                    issues.notSupportedChoice("status_id");
                }
                Long responsible = optionalLong(item, "responsible_user_id", issues);
                if (responsible != null && !a.users.containsKey(responsible)) {
                    issues.notSupportedChoice("responsible_user_id");
                }
                List<CustomFieldValue> values = FieldWriter.apply(List.of(), item.get("custom_fields_values"),
                        a.fieldsOf("leads"), "custom_fields_values", issues);
                List<Long> contactIds = embeddedIds(item, "contacts", a.contacts.keySet(), issues);
                List<Long> companyIds = embeddedIds(item, "companies", a.companies.keySet(), issues);
                if (!issues.clean()) {
                    continue;
                }
                long status = statusId != null ? statusId : pipeline.firstWorkingStage().id();
                long pipelineFinal = pipeline.id();
                long responsibleFinal = responsible != null ? responsible : a.adminUserId();
                inserts.add(() -> created.add(a.insertLead(name, price, pipelineFinal, status, responsibleFinal,
                        contactIds, companyIds.isEmpty() ? null : companyIds.get(0), values, a.adminUserId())));
            }
            errors.throwIfAny();
            inserts.forEach(Runnable::run);
        }
        sim.dispatch(a, created.stream().map(LeadEvent::added).toList());
        ArrayNode items = Json.array();
        for (int i = 0; i < created.size(); i++) {
            ObjectNode o = items.addObject();
            o.put("id", created.get(i).id());
            o.put("request_id", requestIds.get(i));
            o.set("_links", KommoJson.links(base() + "/api/v4/leads/" + created.get(i).id()));
        }
        return hal(200, batchResult("/api/v4/leads", "leads", items));
    }

    private SimulatedResponse patchLeads(SandboxAccount a, SimulatedRequest r) {
        JsonNode body = arrayBody(r, MAX_PATCH_BATCH);
        ValidationErrors errors = new ValidationErrors();
        List<LeadEvent> events = new ArrayList<>();
        ArrayNode items = Json.array();
        synchronized (a.lock) {
            List<LeadPatch> patches = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                String requestId = requestId(item, i);
                ValidationErrors.Item issues = errors.item(requestId);
                if (!item.isObject()) {
                    issues.invalidType("", "object");
                    continue;
                }
                JsonNode idNode = item.get("id");
                Long id = idNode == null || idNode.isNull() ? null : FieldWriter.asLong(idNode);
                if (id == null) {
                    issues.notBlank("id");
                    continue;
                }
                Lead lead = a.leads.get(id);
                if (lead == null) {
                    issues.add("NotFound", "id", "Lead " + id + " does not exist.");
                    continue;
                }
                LeadPatch patch = leadPatch(a, lead, item, issues);
                if (issues.clean()) {
                    patches.add(patch.withRequestId(requestId));
                }
            }
            errors.throwIfAny();
            for (LeadPatch p : patches) {
                Lead after = apply(a, p, events);
                ObjectNode o = items.addObject();
                o.put("id", after.id());
                KommoJson.putEpoch(o, "updated_at", after.updatedAt());
                o.put("request_id", p.requestId);
                o.set("_links", KommoJson.links(base() + "/api/v4/leads/" + after.id()));
            }
        }
        sim.dispatch(a, events);
        return hal(200, batchResult("/api/v4/leads", "leads", items));
    }

    private SimulatedResponse patchLead(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        JsonNode item = r.json();
        if (!item.isObject()) {
            return SimulatedResponse.problem(400, "Bad Request", "The body must be a JSON object");
        }
        ValidationErrors errors = new ValidationErrors();
        List<LeadEvent> events = new ArrayList<>();
        Lead after;
        synchronized (a.lock) {
            Lead lead = a.leads.get(id);
            if (lead == null) {
                return SimulatedResponse.problem(404, "Not Found", "Lead " + id + " does not exist");
            }
            LeadPatch patch = leadPatch(a, lead, item, errors.item(requestId(item, 0)));
            errors.throwIfAny();
            after = apply(a, patch, events);
        }
        sim.dispatch(a, events);
        ObjectNode o = Json.object();
        o.put("id", after.id());
        KommoJson.putEpoch(o, "updated_at", after.updatedAt());
        o.set("_links", KommoJson.links(base() + "/api/v4/leads/" + after.id()));
        return hal(200, o);
    }

    private static final class LeadPatch {
        final Lead lead;
        final String name;
        final BigDecimal price;
        final long pipelineId;
        final long statusId;
        final long responsible;
        final List<CustomFieldValue> values;
        String requestId = "0";

        LeadPatch(Lead lead, String name, BigDecimal price, long pipelineId, long statusId, long responsible,
                List<CustomFieldValue> values) {
            this.lead = lead;
            this.name = name;
            this.price = price;
            this.pipelineId = pipelineId;
            this.statusId = statusId;
            this.responsible = responsible;
            this.values = values;
        }

        LeadPatch withRequestId(String id) {
            this.requestId = id;
            return this;
        }
    }

    /** Validates one PATCH item: only the fields present change. */
    private LeadPatch leadPatch(SandboxAccount a, Lead lead, JsonNode item, ValidationErrors.Item issues) {
        String name = item.has("name") ? text(item, "name", lead.name(), issues) : lead.name();
        BigDecimal price = item.has("price") ? amount(item, "price", lead.price(), issues) : lead.price();
        long pipelineId = lead.pipelineId();
        Long requestedPipeline = optionalLong(item, "pipeline_id", issues);
        if (requestedPipeline != null) {
            if (a.pipelines.containsKey(requestedPipeline)) {
                pipelineId = requestedPipeline;
            } else {
                issues.notSupportedChoice("pipeline_id");
            }
        }
        Pipeline pipeline = a.pipelines.get(pipelineId);
        long statusId = lead.statusId();
        Long requestedStatus = optionalLong(item, "status_id", issues);
        if (requestedStatus != null) {
            if (pipeline.stage(requestedStatus).isPresent()) {
                statusId = requestedStatus;
            } else {
                issues.notSupportedChoice("status_id");
            }
        } else if (pipelineId != lead.pipelineId()) {
            statusId = pipeline.firstWorkingStage().id();
        }
        long responsible = lead.responsibleUserId();
        Long requestedResponsible = optionalLong(item, "responsible_user_id", issues);
        if (requestedResponsible != null) {
            if (a.users.containsKey(requestedResponsible)) {
                responsible = requestedResponsible;
            } else {
                issues.notSupportedChoice("responsible_user_id");
            }
        }
        for (String userField : List.of("created_by", "updated_by")) {
            Long user = optionalLong(item, userField, issues);
            if (user != null && user != 0 && !a.users.containsKey(user)) {
                issues.notSupportedChoice(userField);
            }
        }
        List<CustomFieldValue> values = FieldWriter.apply(lead.customFields(), item.get("custom_fields_values"),
                a.fieldsOf("leads"), "custom_fields_values", issues);
        return new LeadPatch(lead, name, price, pipelineId, statusId, responsible, values);
    }

    private static Lead apply(SandboxAccount a, LeadPatch p, List<LeadEvent> events) {
        Lead current = a.leads.get(p.lead.id());
        return a.changeLead(current, p.name, p.price, p.pipelineId, p.statusId, p.responsible, p.values,
                a.adminUserId(), events);
    }

    private SimulatedResponse leadLinks(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        Map<String, List<String>> q = r.queryParameters();
        Optional<String> toType = first(q, "filter[to_entity_type]");
        List<Long> toCatalog = longs(q, "filter[to_catalog_id]");
        ArrayNode links = Json.array();
        synchronized (a.lock) {
            Lead lead = a.leads.get(id);
            if (lead == null) {
                return SimulatedResponse.empty(204);
            }
            if (toType.isEmpty() || toType.get().equals("catalog_elements")) {
                for (ProductLink p : lead.products()) {
                    if (toCatalog.isEmpty() || toCatalog.contains(p.catalogId())) {
                        links.add(link(lead.id(), p.elementId(), "catalog_elements", KommoJson.productMetadata(p)));
                    }
                }
            }
            if ((toType.isEmpty() || toType.get().equals("contacts")) && toCatalog.isEmpty()) {
                for (int i = 0; i < lead.contactIds().size(); i++) {
                    ObjectNode meta = Json.object();
                    meta.put("main_contact", i == 0);
                    links.add(link(lead.id(), lead.contactIds().get(i), "contacts", meta));
                }
            }
            if ((toType.isEmpty() || toType.get().equals("companies")) && toCatalog.isEmpty()
                    && lead.companyId() != null) {
                links.add(link(lead.id(), lead.companyId(), "companies", null));
            }
        }
        if (links.isEmpty()) {
            return SimulatedResponse.empty(204);
        }
        ObjectNode n = Json.object();
        n.put("_total_items", links.size());
        n.set("_links", KommoJson.links(base() + "/api/v4/leads/" + id + "/links"));
        n.putObject("_embedded").set("links", links);
        return hal(200, n);
    }

    private static ObjectNode link(long leadId, long toId, String toType, ObjectNode metadata) {
        ObjectNode l = Json.object();
        l.put("entity_id", leadId);
        l.put("entity_type", "leads");
        l.put("to_entity_id", toId);
        l.put("to_entity_type", toType);
        if (metadata == null) {
            l.putNull("metadata");
        } else {
            l.set("metadata", metadata);
        }
        return l;
    }

    private SimulatedResponse linkToLead(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        JsonNode body = arrayBody(r, MAX_PATCH_BATCH);
        ValidationErrors errors = new ValidationErrors();
        ArrayNode linked = Json.array();
        synchronized (a.lock) {
            if (!a.leads.containsKey(id)) {
                return SimulatedResponse.problem(404, "Not Found", "Lead " + id + " does not exist");
            }
            List<Runnable> changes = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                ValidationErrors.Item issues = errors.item(requestId(item, i));
                String type = item.path("to_entity_type").asText("");
                Long to = optionalLong(item, "to_entity_id", issues);
                JsonNode meta = item.path("metadata");
                if (to == null) {
                    issues.notBlank("to_entity_id");
                    continue;
                }
                switch (type) {
                    case "catalog_elements" -> {
                        CatalogElement element = a.elements.get(to);
                        if (element == null) {
                            issues.notSupportedChoice("to_entity_id");
                            continue;
                        }
                        BigDecimal quantity = meta.has("quantity") ? FieldWriter.asDecimal(meta.get("quantity"))
                                : BigDecimal.ONE;
                        if (quantity == null || quantity.signum() <= 0) {
                            issues.invalidType("metadata.quantity", "positive number");
                            continue;
                        }
                        Long priceId = meta.has("price_id") && !meta.get("price_id").isNull()
                                ? FieldWriter.asLong(meta.get("price_id")) : null;
                        if (priceId != null && a.catalogFieldsOf(element.catalogId()).stream()
                                .noneMatch(f -> f.id() == priceId && f.type() == CustomFieldType.PRICE)) {
                            issues.notSupportedChoice("metadata.price_id");
                            continue;
                        }
                        ProductLink p = new ProductLink(to, element.catalogId(), quantity, priceId);
                        changes.add(() -> a.putProduct(a.leads.get(id), p));
                        linked.add(link(id, to, type, KommoJson.productMetadata(p)));
                    }
                    case "contacts" -> {
                        if (!a.contacts.containsKey(to)) {
                            issues.notSupportedChoice("to_entity_id");
                            continue;
                        }
                        boolean main = meta.path("main_contact").asBoolean(false);
                        changes.add(() -> a.putContactLink(a.leads.get(id), to, main));
                        ObjectNode m = Json.object();
                        m.put("main_contact", main);
                        linked.add(link(id, to, type, m));
                    }
                    case "companies" -> {
                        if (!a.companies.containsKey(to)) {
                            issues.notSupportedChoice("to_entity_id");
                            continue;
                        }
                        changes.add(() -> a.putCompanyLink(a.leads.get(id), to));
                        linked.add(link(id, to, type, null));
                    }
                    default -> issues.notSupportedChoice("to_entity_type");
                }
            }
            errors.throwIfAny();
            changes.forEach(Runnable::run);
        }
        ObjectNode n = Json.object();
        n.put("_total_items", linked.size());
        n.set("_links", KommoJson.links(base() + "/api/v4/leads/" + id + "/link"));
        n.putObject("_embedded").set("links", linked);
        return hal(200, n);
    }

    private SimulatedResponse listPipelines(SandboxAccount a, SimulatedRequest r) {
        ArrayNode list = Json.array();
        a.pipelines().forEach(p -> list.add(KommoJson.pipeline(p, a.id(), base())));
        ObjectNode n = Json.object();
        n.put("_total_items", list.size());
        n.set("_links", KommoJson.links(base() + "/api/v4/leads/pipelines"));
        n.putObject("_embedded").set("pipelines", list);
        return hal(200, n);
    }

    private SimulatedResponse getPipeline(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        synchronized (a.lock) {
            Pipeline p = a.pipelines.get(id);
            return p == null ? SimulatedResponse.empty(204) : hal(200, KommoJson.pipeline(p, a.id(), base()));
        }
    }

    // ================================================================================================ notes

    private SimulatedResponse createNotes(SandboxAccount a, SimulatedRequest r, String pathLeadId) {
        Long fixedLead = pathLeadId == null ? null : pathId(r, "id");
        JsonNode body = arrayBody(r, MAX_CREATE_BATCH);
        ValidationErrors errors = new ValidationErrors();
        ArrayNode items = Json.array();
        synchronized (a.lock) {
            if (fixedLead != null && !a.leads.containsKey(fixedLead)) {
                return SimulatedResponse.problem(404, "Not Found", "Lead " + fixedLead + " does not exist");
            }
            List<NotePlan> plans = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                String requestId = requestId(item, i);
                ValidationErrors.Item issues = errors.item(requestId);
                Long leadId = fixedLead;
                if (leadId == null) {
                    leadId = optionalLong(item, "entity_id", issues);
                    if (leadId == null) {
                        issues.notBlank("entity_id");
                    } else if (!a.leads.containsKey(leadId)) {
                        issues.notSupportedChoice("entity_id");
                    }
                }
                String type = item.path("note_type").asText("");
                if (type.isEmpty()) {
                    issues.notBlank("note_type");
                } else if (!NOTE_TYPES.contains(type)) {
                    issues.notSupportedChoice("note_type");
                }
                JsonNode params = item.path("params");
                if (!params.isObject()) {
                    issues.notBlank("params");
                } else if ((type.equals("common") || type.endsWith("service_message"))
                        && params.path("text").asText("").isBlank()) {
                    issues.notBlank("params.text");
                }
                if (issues.clean()) {
                    Map<String, Object> map = Json.mapper().convertValue(params,
                            new TypeReference<LinkedHashMap<String, Object>>() { });
                    plans.add(new NotePlan(leadId, type, map, requestId));
                }
            }
            errors.throwIfAny();
            for (NotePlan p : plans) {
                Note note = a.insertNote("leads", p.leadId(), p.type(), p.params(), a.adminUserId());
                ObjectNode o = items.addObject();
                o.put("id", note.id());
                o.put("entity_id", note.entityId());
                o.put("request_id", p.requestId());
                o.set("_links", KommoJson.links(base() + "/api/v4/leads/" + note.entityId() + "/notes/" + note.id()));
            }
        }
        return hal(200, batchResult(r.path(), "notes", items));
    }

    private record NotePlan(long leadId, String type, Map<String, Object> params, String requestId) {
    }

    private SimulatedResponse listLeadNotes(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        return page(r, "/api/v4/leads/" + id + "/notes", "notes", a.notes(id),
                n -> KommoJson.note(n, a.id(), base()), MAX_LIMIT);
    }

    // ================================================================================================ fields

    private SimulatedResponse listFields(SandboxAccount a, SimulatedRequest r, String entity) {
        List<CustomField> fields;
        synchronized (a.lock) {
            fields = a.fieldsOf(entity);
        }
        return page(r, "/api/v4/" + entity + "/custom_fields", "custom_fields", fields,
                f -> KommoJson.customField(f, a.id(), base()), 50);
    }

    private SimulatedResponse getField(SandboxAccount a, SimulatedRequest r, String entity) {
        long id = pathId(r, "id");
        synchronized (a.lock) {
            CustomField f = a.fields.get(id);
            return f == null || !f.entityType().equals(entity) || f.catalogId() != null
                    ? SimulatedResponse.empty(204) : hal(200, KommoJson.customField(f, a.id(), base()));
        }
    }

    private SimulatedResponse createFields(SandboxAccount a, SimulatedRequest r, String entity) {
        JsonNode body = arrayBody(r, MAX_PATCH_BATCH);
        ValidationErrors errors = new ValidationErrors();
        ArrayNode created = Json.array();
        synchronized (a.lock) {
            List<Runnable> inserts = new ArrayList<>();
            List<String> newCodes = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                String requestId = requestId(item, i);
                ValidationErrors.Item issues = errors.item(requestId);
                String typeName = item.path("type").asText("");
                Optional<CustomFieldType> type = CustomFieldType.fromApiName(typeName);
                boolean allowed = type.isPresent() && type.get() != CustomFieldType.PRICE
                        && (type.get() != CustomFieldType.MULTITEXT || !entity.equals("leads"));
                if (typeName.isEmpty()) {
                    issues.notBlank("type");
                } else if (!allowed) {
                    issues.notSupportedChoice("type");
                }
                String name = item.path("name").asText("");
                if (name.isBlank()) {
                    issues.notBlank("name");
                }
                String code = item.hasNonNull("code") ? item.get("code").asText() : null;
                if (code != null && (!code.matches("[A-Za-z0-9_]+") || newCodes.contains(code)
                        || a.fieldsOf(entity).stream().anyMatch(f -> code.equals(f.code())))) {
                    issues.add("NotUnique", "code", "This code is already used or is not letters, digits and _.");
                }
                List<String[]> enums = new ArrayList<>();
                JsonNode enumsNode = item.path("enums");
                if (allowed && type.get().hasEnums()) {
                    if (!enumsNode.isArray() || enumsNode.isEmpty()) {
                        issues.notBlank("enums");
                    } else {
                        for (int j = 0; j < enumsNode.size(); j++) {
                            String value = enumsNode.get(j).path("value").asText("");
                            if (value.isBlank()) {
                                issues.notBlank("enums." + j + ".value");
                            }
                            enums.add(new String[] {value, enumsNode.get(j).hasNonNull("code")
                                    ? enumsNode.get(j).get("code").asText() : null});
                        }
                    }
                }
                int sort = item.path("sort").asInt(500);
                boolean apiOnly = item.path("is_api_only").asBoolean(false);
                if (issues.clean()) {
                    if (code != null) {
                        newCodes.add(code);
                    }
                    CustomFieldType t = type.get();
                    inserts.add(() -> {
                        CustomField f = a.insertField(entity, null, name, code, t, sort, apiOnly, enums);
                        ObjectNode n = KommoJson.customField(f, a.id(), base());
                        n.put("request_id", requestId);
                        created.add(n);
                    });
                }
            }
            errors.throwIfAny();
            inserts.forEach(Runnable::run);
        }
        ObjectNode n = Json.object();
        n.put("_total_items", created.size());
        n.set("_links", KommoJson.links(base() + "/api/v4/" + entity + "/custom_fields"));
        n.putObject("_embedded").set("custom_fields", created);
        return hal(201, n);
    }

    // ================================================================================================ contacts

    private SimulatedResponse listContacts(SandboxAccount a, SimulatedRequest r) {
        Map<String, List<String>> q = r.queryParameters();
        List<Long> ids = longs(q, "filter[id]");
        Optional<String> query = r.query("query").filter(s -> !s.isBlank());
        List<Contact> selected = a.contacts().stream()
                .filter(c -> ids.isEmpty() || ids.contains(c.id()))
                .filter(c -> query.isEmpty() || matches(query.get(), c.name(), c.customFields()))
                .toList();
        List<Lead> leads = a.leads();
        Set<String> with = with(r);
        return page(r, "/api/v4/contacts", "contacts", selected, c -> KommoJson.contact(c, a.id(), base(), with,
                leads.stream().filter(l -> l.contactIds().contains(c.id())).toList()), MAX_LIMIT);
    }

    private SimulatedResponse getContact(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        synchronized (a.lock) {
            Contact c = a.contacts.get(id);
            if (c == null) {
                return SimulatedResponse.empty(204);
            }
            List<Lead> leads = a.leads.values().stream().filter(l -> l.contactIds().contains(id)).toList();
            return hal(200, KommoJson.contact(c, a.id(), base(), with(r), leads));
        }
    }

    private SimulatedResponse createContacts(SandboxAccount a, SimulatedRequest r) {
        JsonNode body = arrayBody(r, MAX_CREATE_BATCH);
        ValidationErrors errors = new ValidationErrors();
        ArrayNode items = Json.array();
        synchronized (a.lock) {
            List<Runnable> inserts = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                String requestId = requestId(item, i);
                ValidationErrors.Item issues = errors.item(requestId);
                String first = text(item, "first_name", "", issues);
                String last = text(item, "last_name", "", issues);
                String name = text(item, "name", (first + " " + last).trim(), issues);
                Long responsible = optionalLong(item, "responsible_user_id", issues);
                if (responsible != null && !a.users.containsKey(responsible)) {
                    issues.notSupportedChoice("responsible_user_id");
                }
                List<CustomFieldValue> values = FieldWriter.apply(List.of(), item.get("custom_fields_values"),
                        a.fieldsOf("contacts"), "custom_fields_values", issues);
                List<Long> companyIds = embeddedIds(item, "companies", a.companies.keySet(), issues);
                if (issues.clean()) {
                    long owner = responsible != null ? responsible : a.adminUserId();
                    inserts.add(() -> {
                        Contact c = a.insertContact(name, first, last, owner,
                                companyIds.isEmpty() ? null : companyIds.get(0), values, a.adminUserId());
                        items.add(createdItem(c.id(), requestId, "/api/v4/contacts/"));
                    });
                }
            }
            errors.throwIfAny();
            inserts.forEach(Runnable::run);
        }
        return hal(200, batchResult("/api/v4/contacts", "contacts", items));
    }

    private SimulatedResponse listCompanies(SandboxAccount a, SimulatedRequest r) {
        Map<String, List<String>> q = r.queryParameters();
        List<Long> ids = longs(q, "filter[id]");
        Optional<String> query = r.query("query").filter(s -> !s.isBlank());
        List<Company> selected = a.companies().stream()
                .filter(c -> ids.isEmpty() || ids.contains(c.id()))
                .filter(c -> query.isEmpty() || matches(query.get(), c.name(), c.customFields()))
                .toList();
        List<Lead> leads = a.leads();
        Set<String> with = with(r);
        return page(r, "/api/v4/companies", "companies", selected, c -> KommoJson.company(c, a.id(), base(), with,
                leads.stream().filter(l -> Long.valueOf(c.id()).equals(l.companyId())).toList()), MAX_LIMIT);
    }

    private SimulatedResponse getCompany(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        synchronized (a.lock) {
            Company c = a.companies.get(id);
            if (c == null) {
                return SimulatedResponse.empty(204);
            }
            List<Lead> leads = a.leads.values().stream().filter(l -> Long.valueOf(id).equals(l.companyId()))
                    .toList();
            return hal(200, KommoJson.company(c, a.id(), base(), with(r), leads));
        }
    }

    private SimulatedResponse createCompanies(SandboxAccount a, SimulatedRequest r) {
        JsonNode body = arrayBody(r, MAX_CREATE_BATCH);
        ValidationErrors errors = new ValidationErrors();
        ArrayNode items = Json.array();
        synchronized (a.lock) {
            List<Runnable> inserts = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                String requestId = requestId(item, i);
                ValidationErrors.Item issues = errors.item(requestId);
                String name = text(item, "name", "", issues);
                Long responsible = optionalLong(item, "responsible_user_id", issues);
                if (responsible != null && !a.users.containsKey(responsible)) {
                    issues.notSupportedChoice("responsible_user_id");
                }
                List<CustomFieldValue> values = FieldWriter.apply(List.of(), item.get("custom_fields_values"),
                        a.fieldsOf("companies"), "custom_fields_values", issues);
                if (issues.clean()) {
                    long owner = responsible != null ? responsible : a.adminUserId();
                    inserts.add(() -> {
                        Company c = a.insertCompany(name, owner, values, a.adminUserId());
                        items.add(createdItem(c.id(), requestId, "/api/v4/companies/"));
                    });
                }
            }
            errors.throwIfAny();
            inserts.forEach(Runnable::run);
        }
        return hal(200, batchResult("/api/v4/companies", "companies", items));
    }

    private static boolean matches(String query, String name, List<CustomFieldValue> values) {
        String needle = query.toLowerCase(Locale.ROOT).trim();
        String digits = needle.replaceAll("\\D", "");
        if (name.toLowerCase(Locale.ROOT).contains(needle)) {
            return true;
        }
        return values.stream().flatMap(v -> v.texts().stream()).anyMatch(t -> t.toLowerCase(Locale.ROOT)
                .contains(needle) || (digits.length() >= 5 && t.replaceAll("\\D", "").contains(digits)));
    }

    // ================================================================================================ catalogs

    private SimulatedResponse listCatalogs(SandboxAccount a, SimulatedRequest r) {
        Optional<String> type = first(r.queryParameters(), "filter[type]").or(() -> r.query("type"));
        List<Catalog> selected = a.catalogs().stream().filter(c -> type.isEmpty() || c.type().equals(type.get()))
                .toList();
        return page(r, "/api/v4/catalogs", "catalogs", selected, c -> KommoJson.catalog(c, a.id(), base()),
                MAX_LIMIT);
    }

    private SimulatedResponse getCatalog(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        synchronized (a.lock) {
            Catalog c = a.catalogs.get(id);
            return c == null ? SimulatedResponse.empty(204) : hal(200, KommoJson.catalog(c, a.id(), base()));
        }
    }

    private SimulatedResponse listElements(SandboxAccount a, SimulatedRequest r) {
        long catalogId = pathId(r, "id");
        Map<String, List<String>> q = r.queryParameters();
        List<Long> ids = longs(q, "filter[id]");
        Optional<String> query = r.query("query").filter(s -> !s.isBlank());
        List<CatalogElement> selected;
        synchronized (a.lock) {
            if (!a.catalogs.containsKey(catalogId)) {
                return SimulatedResponse.empty(204);
            }
            selected = a.elements.values().stream().filter(e -> e.catalogId() == catalogId)
                    .filter(e -> ids.isEmpty() || ids.contains(e.id()))
                    .filter(e -> query.isEmpty() || matches(query.get(), e.name(), e.customFields()))
                    .toList();
        }
        return page(r, "/api/v4/catalogs/" + catalogId + "/elements", "elements", selected,
                e -> KommoJson.element(e, a.id(), base()), MAX_LIMIT);
    }

    private SimulatedResponse getElement(SandboxAccount a, SimulatedRequest r) {
        long catalogId = pathId(r, "id");
        long elementId = pathId(r, "elementId");
        synchronized (a.lock) {
            CatalogElement e = a.elements.get(elementId);
            return e == null || e.catalogId() != catalogId ? SimulatedResponse.empty(204)
                    : hal(200, KommoJson.element(e, a.id(), base()));
        }
    }

    private SimulatedResponse listCatalogFields(SandboxAccount a, SimulatedRequest r) {
        long catalogId = pathId(r, "id");
        List<CustomField> fields;
        synchronized (a.lock) {
            fields = a.catalogFieldsOf(catalogId);
        }
        return page(r, "/api/v4/catalogs/" + catalogId + "/custom_fields", "custom_fields", fields,
                f -> KommoJson.customField(f, a.id(), base()), 50);
    }

    // ================================================================================================ tasks

    private SimulatedResponse listTasks(SandboxAccount a, SimulatedRequest r) {
        Map<String, List<String>> q = r.queryParameters();
        List<Long> ids = longs(q, "filter[id]");
        List<String> entityTypes = values(q, "filter[entity_type]");
        List<Long> entityIds = longs(q, "filter[entity_id]");
        List<Long> responsible = longs(q, "filter[responsible_user_id]");
        List<Long> types = longs(q, "filter[task_type]");
        Optional<String> completed = first(q, "filter[is_completed]");
        List<Task> selected = a.tasks().stream()
                .filter(t -> ids.isEmpty() || ids.contains(t.id()))
                .filter(t -> entityTypes.isEmpty() || entityTypes.contains(t.entityType()))
                .filter(t -> entityIds.isEmpty() || (t.entityId() != null && entityIds.contains(t.entityId())))
                .filter(t -> responsible.isEmpty() || responsible.contains(t.responsibleUserId()))
                .filter(t -> types.isEmpty() || types.contains((long) t.taskTypeId()))
                .filter(t -> completed.isEmpty() || t.completed() == (completed.get().equals("1")
                        || completed.get().equals("true")))
                .toList();
        return page(r, "/api/v4/tasks", "tasks", selected, t -> KommoJson.task(t, a.id(), base()), MAX_LIMIT);
    }

    private SimulatedResponse getTask(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        synchronized (a.lock) {
            Task t = a.tasks.get(id);
            return t == null ? SimulatedResponse.empty(204) : hal(200, KommoJson.task(t, a.id(), base()));
        }
    }

    private SimulatedResponse createTasks(SandboxAccount a, SimulatedRequest r) {
        JsonNode body = arrayBody(r, MAX_CREATE_BATCH);
        ValidationErrors errors = new ValidationErrors();
        ArrayNode items = Json.array();
        synchronized (a.lock) {
            List<Runnable> inserts = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                String requestId = requestId(item, i);
                ValidationErrors.Item issues = errors.item(requestId);
                String text = item.path("text").asText("");
                if (text.isBlank()) {
                    issues.notBlank("text");
                }
                Long completeTill = optionalLong(item, "complete_till", issues);
                if (completeTill == null) {
                    issues.notBlank("complete_till");
                }
                Long entityId = optionalLong(item, "entity_id", issues);
                String entityType = item.hasNonNull("entity_type") ? item.get("entity_type").asText() : null;
                if (entityId != null || entityType != null) {
                    if (entityType == null || !TASK_ENTITY_TYPES.contains(entityType)) {
                        issues.notSupportedChoice("entity_type");
                    } else if (entityId == null) {
                        issues.notBlank("entity_id");
                    } else if (!entityExists(a, entityType, entityId)) {
                        issues.notSupportedChoice("entity_id");
                    }
                }
                Long responsible = optionalLong(item, "responsible_user_id", issues);
                if (responsible != null && !a.users.containsKey(responsible)) {
                    issues.notSupportedChoice("responsible_user_id");
                }
                Long taskType = optionalLong(item, "task_type_id", issues);
                if (taskType != null && taskType != 1 && taskType != 2) {
                    issues.notSupportedChoice("task_type_id");
                }
                Long duration = optionalLong(item, "duration", issues);
                if (duration != null && duration < 0) {
                    issues.invalidType("duration", "non-negative int");
                }
                boolean done = item.path("is_completed").asBoolean(false);
                String result = item.path("result").path("text").isTextual()
                        ? item.path("result").path("text").asText() : null;
                if (issues.clean()) {
                    long owner = responsible != null ? responsible : a.adminUserId();
                    int typeId = taskType == null ? 1 : taskType.intValue();
                    long seconds = duration == null ? 0 : duration;
                    Instant till = Instant.ofEpochSecond(completeTill);
                    inserts.add(() -> {
                        Task t = a.insertTask(entityType, entityId, owner, typeId, text, till, seconds, done, result,
                                a.adminUserId());
                        items.add(createdItem(t.id(), requestId, "/api/v4/tasks/"));
                    });
                }
            }
            errors.throwIfAny();
            inserts.forEach(Runnable::run);
        }
        return hal(200, batchResult("/api/v4/tasks", "tasks", items));
    }

    private SimulatedResponse patchTask(SandboxAccount a, SimulatedRequest r) {
        long id = pathId(r, "id");
        JsonNode item = r.json();
        ValidationErrors errors = new ValidationErrors();
        ValidationErrors.Item issues = errors.item(requestId(item, 0));
        Task updated;
        synchronized (a.lock) {
            Task t = a.tasks.get(id);
            if (t == null) {
                return SimulatedResponse.problem(404, "Not Found", "Task " + id + " does not exist");
            }
            String text = item.has("text") ? text(item, "text", t.text(), issues) : t.text();
            Long till = optionalLong(item, "complete_till", issues);
            Long responsible = optionalLong(item, "responsible_user_id", issues);
            if (responsible != null && !a.users.containsKey(responsible)) {
                issues.notSupportedChoice("responsible_user_id");
            }
            boolean done = item.has("is_completed") ? item.get("is_completed").asBoolean() : t.completed();
            String result = item.path("result").path("text").isTextual() ? item.path("result").path("text").asText()
                    : t.resultText();
            errors.throwIfAny();
            updated = new Task(t.id(), t.entityType(), t.entityId(),
                    responsible != null ? responsible : t.responsibleUserId(), t.taskTypeId(), text,
                    till != null ? Instant.ofEpochSecond(till) : t.completeTill(), t.durationSeconds(), done, result,
                    t.createdBy(), t.createdAt(), a.now());
            a.tasks.put(id, updated);
        }
        ObjectNode o = Json.object();
        o.put("id", updated.id());
        KommoJson.putEpoch(o, "updated_at", updated.updatedAt());
        o.set("_links", KommoJson.links(base() + "/api/v4/tasks/" + id));
        return hal(200, o);
    }

    private static boolean entityExists(SandboxAccount a, String type, long id) {
        return switch (type) {
            case "leads" -> a.leads.containsKey(id);
            case "contacts" -> a.contacts.containsKey(id);
            case "companies" -> a.companies.containsKey(id);
            default -> false;
        };
    }

    // ================================================================================================ webhooks

    private SimulatedResponse listWebhooks(SandboxAccount a, SimulatedRequest r) {
        Optional<String> destination = first(r.queryParameters(), "filter[destination]");
        List<WebhookSubscription> selected = a.subscriptions().stream()
                .filter(w -> destination.isEmpty() || w.destination().toString().equals(destination.get())).toList();
        if (selected.isEmpty()) {
            return SimulatedResponse.empty(204);
        }
        ArrayNode list = Json.array();
        selected.forEach(w -> list.add(KommoJson.webhook(w, a.id())));
        ObjectNode n = Json.object();
        n.put("_total_items", list.size());
        n.set("_links", KommoJson.links(base() + "/api/v4/webhooks"));
        n.putObject("_embedded").set("webhooks", list);
        return hal(200, n);
    }

    private SimulatedResponse subscribe(SandboxAccount a, SimulatedRequest r) {
        JsonNode body = r.json();
        if (!body.isObject()) {
            return SimulatedResponse.problem(400, "Bad Request", "The body must be a JSON object");
        }
        ValidationErrors errors = new ValidationErrors();
        ValidationErrors.Item issues = errors.item("0");
        URI destination = destination(body, issues);
        JsonNode settingsNode = body.path("settings");
        List<String> settings = new ArrayList<>();
        if (!settingsNode.isArray() || settingsNode.isEmpty()) {
            issues.notBlank("settings");
        } else {
            for (int i = 0; i < settingsNode.size(); i++) {
                String setting = settingsNode.get(i).asText("");
                if (!WEBHOOK_SETTINGS.contains(setting)) {
                    issues.notSupportedChoice("settings." + i);
                }
                settings.add(setting);
            }
        }
        int sort = body.path("sort").asInt(1);
        errors.throwIfAny();
        WebhookSubscription s;
        synchronized (a.lock) {
            s = a.upsertSubscription(destination, settings, sort, a.adminUserId());
        }
        return hal(200, KommoJson.webhook(s, a.id()));
    }

    private SimulatedResponse unsubscribe(SandboxAccount a, SimulatedRequest r) {
        JsonNode body = r.json();
        ValidationErrors errors = new ValidationErrors();
        URI destination = destination(body, errors.item("0"));
        errors.throwIfAny();
        synchronized (a.lock) {
            a.removeSubscription(destination);
        }
        return SimulatedResponse.empty(204);
    }

    private static URI destination(JsonNode body, ValidationErrors.Item issues) {
        String text = body.path("destination").asText("");
        if (text.isBlank()) {
            issues.notBlank("destination");
            return null;
        }
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        issues.add("InvalidUrl", "destination", "This value is not a valid URL.");
        return null;
    }

    // ================================================================================================ helpers

    private String base() {
        return sim.accountUrl();
    }

    static SimulatedResponse hal(int status, ObjectNode body) {
        return SimulatedResponse.json(status, HAL_JSON, body);
    }

    private ObjectNode batchResult(String path, String key, ArrayNode items) {
        ObjectNode n = Json.object();
        n.set("_links", KommoJson.links(base() + path));
        n.putObject("_embedded").set(key, items);
        return n;
    }

    private ObjectNode createdItem(long id, String requestId, String pathPrefix) {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("request_id", requestId);
        o.set("_links", KommoJson.links(base() + pathPrefix + id));
        return o;
    }

    /** One page of a list, with {@code _page} and {@code _links.self/next/first/prev}; 204 when the page is empty. */
    private <T> SimulatedResponse page(SimulatedRequest r, String path, String key, List<T> items,
            Function<T, ObjectNode> render, int maxLimit) {
        int limit = intParam(r, "limit", Math.min(50, maxLimit));
        if (limit < 1 || limit > maxLimit) {
            ValidationErrors errors = new ValidationErrors();
            errors.item("0").add("LessThanOrEqual", "limit",
                    "This value should be between 1 and " + maxLimit + ".");
            return errors.response();
        }
        int page = intParam(r, "page", 1);
        if (page < 1) {
            ValidationErrors errors = new ValidationErrors();
            errors.item("0").add("GreaterThanOrEqual", "page", "This value should be greater than or equal to 1.");
            return errors.response();
        }
        long from = (long) (page - 1) * limit;
        if (from >= items.size()) {
            return SimulatedResponse.empty(204);
        }
        int to = (int) Math.min(items.size(), from + limit);
        List<ObjectNode> rendered = items.subList((int) from, to).stream().map(render).toList();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", href(r, path, limit, page));
        if (to < items.size()) {
            links.put("next", href(r, path, limit, page + 1));
        }
        if (page > 1) {
            links.put("first", href(r, path, limit, 1));
            links.put("prev", href(r, path, limit, page - 1));
        }
        return hal(200, KommoJson.list(key, rendered, links, page));
    }

    /** The request's own query (filters kept as sent) with {@code limit} and {@code page} set. */
    private String href(SimulatedRequest r, String path, int limit, int page) {
        String kept = r.rawQuery() == null ? "" : Arrays.stream(r.rawQuery().split("&"))
                .filter(p -> !p.isEmpty())
                .filter(p -> {
                    String key = URLDecoder.decode(p.contains("=") ? p.substring(0, p.indexOf('=')) : p,
                            StandardCharsets.UTF_8);
                    return !key.equals("page") && !key.equals("limit");
                })
                .collect(Collectors.joining("&"));
        return base() + path + "?" + (kept.isEmpty() ? "" : kept + "&") + "limit=" + limit + "&page=" + page;
    }

    private static int intParam(SimulatedRequest r, String key, int fallback) {
        Optional<String> value = r.query(key);
        if (value.isEmpty() || value.get().isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            ValidationErrors errors = new ValidationErrors();
            errors.item("0").invalidType(key, "int");
            throw new RejectedRequest(errors.response());
        }
    }

    private static long pathId(SimulatedRequest r, String name) {
        String value = r.pathVariable(name);
        if (!value.matches("\\d{1,18}")) {
            throw new RejectedRequest(SimulatedResponse.problem(404, "Not Found", "No such endpoint: " + r.path()));
        }
        return Long.parseLong(value);
    }

    private static Set<String> with(SimulatedRequest r) {
        return r.query("with").map(w -> Arrays.stream(w.split(",")).map(String::trim).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /** Values of {@code base}, {@code base[]} and {@code base[n]}. */
    private static List<String> values(Map<String, List<String>> q, String base) {
        List<String> out = new ArrayList<>();
        q.forEach((k, v) -> {
            if (k.equals(base) || k.equals(base + "[]") || k.matches(Pattern.quote(base) + "\\[\\d+]")) {
                v.forEach(value -> out.addAll(Arrays.asList(value.split(","))));
            }
        });
        out.removeIf(String::isBlank);
        return out;
    }

    private static Optional<String> first(Map<String, List<String>> q, String base) {
        List<String> v = values(q, base);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    private static List<Long> longs(Map<String, List<String>> q, String base) {
        List<Long> out = new ArrayList<>();
        for (String v : values(q, base)) {
            try {
                out.add(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                ValidationErrors errors = new ValidationErrors();
                errors.item("0").invalidType(base, "int");
                throw new RejectedRequest(errors.response());
            }
        }
        return out;
    }

    /** {@code filter[statuses][n][pipeline_id|status_id]} pairs; 0 means "any". */
    private static List<long[]> statusPairs(Map<String, List<String>> q) {
        Map<String, long[]> pairs = new LinkedHashMap<>();
        q.forEach((k, v) -> {
            Matcher m = STATUS_FILTER.matcher(k);
            if (m.matches() && !v.isEmpty()) {
                long[] pair = pairs.computeIfAbsent(m.group(1), i -> new long[2]);
                try {
                    pair[m.group(2).equals("pipeline_id") ? 0 : 1] = Long.parseLong(v.get(0).trim());
                } catch (NumberFormatException e) {
                    ValidationErrors errors = new ValidationErrors();
                    errors.item("0").invalidType(k, "int");
                    throw new RejectedRequest(errors.response());
                }
            }
        });
        return new ArrayList<>(pairs.values());
    }

    /** {@code filter[field][from|to]} as unix seconds, inclusive. */
    private static Predicate<Lead> range(Map<String, List<String>> q, String field, Function<Lead, Instant> get) {
        List<Long> from = longs(q, "filter[" + field + "][from]");
        List<Long> to = longs(q, "filter[" + field + "][to]");
        if (from.isEmpty() && to.isEmpty()) {
            return l -> true;
        }
        return l -> {
            Instant value = get.apply(l);
            if (value == null) {
                return false;
            }
            long s = value.getEpochSecond();
            return (from.isEmpty() || s >= from.get(0)) && (to.isEmpty() || s <= to.get(0));
        };
    }

    private static <T> Comparator<T> order(Map<String, List<String>> q, Map<String, Comparator<T>> fields) {
        for (Map.Entry<String, List<String>> e : q.entrySet()) {
            if (e.getKey().startsWith("order[") && e.getKey().endsWith("]")) {
                String field = e.getKey().substring(6, e.getKey().length() - 1);
                Comparator<T> c = fields.get(field);
                if (c != null) {
                    boolean desc = !e.getValue().isEmpty() && e.getValue().get(0).equalsIgnoreCase("desc");
                    return desc ? c.reversed() : c;
                }
            }
        }
        return fields.get("id");
    }

    private static JsonNode arrayBody(SimulatedRequest r, int max) {
        JsonNode body = r.json();
        if (!body.isArray() || body.isEmpty()) {
            throw new RejectedRequest(SimulatedResponse.problem(400, "Bad Request",
                    "The body must be a non-empty JSON array of entities"));
        }
        if (body.size() > max) {
            throw new RejectedRequest(SimulatedResponse.problem(400, "Bad Request",
                    "Too many entities in one request: " + body.size() + ", the maximum is " + max));
        }
        return body;
    }

    private static String requestId(JsonNode item, int index) {
        JsonNode id = item.get("request_id");
        return id != null && !id.isNull() ? id.asText() : Integer.toString(index);
    }

    private static String text(JsonNode item, String key, String fallback, ValidationErrors.Item issues) {
        JsonNode v = item.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual() && !v.isNumber()) {
            issues.invalidType(key, "string");
            return fallback;
        }
        return v.asText();
    }

    private static BigDecimal amount(JsonNode item, String key, BigDecimal fallback, ValidationErrors.Item issues) {
        JsonNode v = item.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        BigDecimal d = v.isNumber() ? v.decimalValue() : null;
        if (d == null || d.signum() < 0) {
            issues.invalidType(key, "non-negative number");
            return fallback;
        }
        return d;
    }

    private static Long optionalLong(JsonNode item, String key, ValidationErrors.Item issues) {
        JsonNode v = item.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        Long value = FieldWriter.asLong(v);
        if (value == null) {
            issues.invalidType(key, "int");
        }
        return value;
    }

    /** {@code _embedded.{key}[n].id}, each checked to exist. */
    private static List<Long> embeddedIds(JsonNode item, String key, Set<Long> existing,
            ValidationErrors.Item issues) {
        JsonNode array = item.path("_embedded").path(key);
        List<Long> ids = new ArrayList<>();
        if (!array.isArray()) {
            return ids;
        }
        for (int j = 0; j < array.size(); j++) {
            Long id = optionalLong(array.get(j), "id", issues);
            if (id == null || !existing.contains(id)) {
                issues.notSupportedChoice("_embedded." + key + "." + j + ".id");
            } else {
                ids.add(id);
            }
        }
        return ids;
    }
}
