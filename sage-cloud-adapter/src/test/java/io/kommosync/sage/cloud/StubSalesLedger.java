package io.kommosync.sage.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kommosync.client.http.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The stateful part of the WireMock stubs: a WireMock response transformer that answers the stubs bound to it
 * ({@code "transformers": ["sage-stub-ledger"]}) from a small in-memory record of the contacts and sales invoices
 * the port created. It plays Sage as its documentation describes it, deliberately simpler than the sandbox's
 * simulator: it echoes what was posted, computes line nets (quantity × unit price less the discount, rounded half-up)
 * and totals, numbers invoices {@code SI-n}, replays an {@code idempotency_id} it has seen, pages with {@code $next}
 * and filters {@code search}, {@code email} and {@code updated_or_created_since}. Which requests reach it, and with
 * which headers and body shapes, is decided by the stub mappings under {@code wiremock/sage-cloud/mappings}.
 *
 * <p>Thread-safe: every request and admin call runs under one lock.
 */
final class StubSalesLedger implements ResponseDefinitionTransformerV2 {

    static final String NAME = "sage-stub-ledger";
    static final String WEB = "https://accounting.sageone.co.uk/invoicing/sales_invoices/";

    private final ObjectMapper json = JsonMapper.create();
    private final Clock clock;
    private final Map<String, ObjectNode> contacts = new LinkedHashMap<>();
    private final Map<String, ObjectNode> invoices = new LinkedHashMap<>();
    private final Map<String, Instant> invoiceCreated = new HashMap<>();
    private final Map<String, String> replies = new HashMap<>();
    private int sequence;
    private int invoiceNumber;

    StubSalesLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String path = request.getUrl().split("\\?", 2)[0];
        Map<String, String> query = query(request.getUrl());
        String method = request.getMethod().getName();
        synchronized (this) {
            Answer answer;
            if (path.equals("/v3.1/contacts") && method.equals("GET")) {
                answer = listContacts(query);
            } else if (path.equals("/v3.1/contacts") && method.equals("POST")) {
                answer = createContact(read(request.getBodyAsString()).path("contact"));
            } else if (path.equals("/v3.1/sales_invoices") && method.equals("GET")) {
                answer = listInvoices(query);
            } else if (path.equals("/v3.1/sales_invoices") && method.equals("POST")) {
                answer = createInvoice(read(request.getBodyAsString()).path("sales_invoice"));
            } else if (path.startsWith("/v3.1/sales_invoices/") && method.equals("GET")) {
                answer = invoice(path.substring("/v3.1/sales_invoices/".length()));
            } else if (path.startsWith("/v3.1/sales_invoices/") && method.equals("DELETE")) {
                answer = voidInvoice(path.substring("/v3.1/sales_invoices/".length()), query.get("void_reason"));
            } else {
                answer = error(404, "RecordNotFound", "no stub ledger route for " + method + " " + path, "");
            }
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
                    .withStatus(answer.status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Request-Id", "stub-" + (++sequence))
                    .withBody(answer.body).build();
        }
    }

    // ------------------------------------------------------------------------------------------------ admin

    synchronized String seedCustomer(String name, String email) {
        ObjectNode contact = newContact(name, email, null);
        contacts.put(contact.path("id").asText(), contact);
        return contact.path("id").asText();
    }

    synchronized void recordPayment(String invoiceId, BigDecimal amount) {
        ObjectNode invoice = existing(invoiceId);
        BigDecimal paid = invoice.path("total_paid").decimalValue().add(amount);
        BigDecimal total = invoice.path("total_amount").decimalValue();
        invoice.put("total_paid", paid);
        invoice.put("outstanding_amount", total.subtract(paid));
        status(invoice, paid.compareTo(total) >= 0 ? "PAID" : "PART_PAID");
        touch(invoice);
    }

    synchronized void markPaid(String invoiceId) {
        recordPayment(invoiceId, existing(invoiceId).path("outstanding_amount").decimalValue());
    }

    synchronized void voidByHand(String invoiceId) {
        ObjectNode invoice = existing(invoiceId);
        status(invoice, "VOID");
        invoice.put("void_reason", "Voided in Sage by hand");
        invoice.put("outstanding_amount", BigDecimal.ZERO.setScale(2));
        touch(invoice);
    }

    synchronized int countInvoicesWithReference(String reference) {
        return (int) invoices.values().stream().filter(i -> reference.equals(i.path("reference").asText(null))).count();
    }

    synchronized int countContactsWithEmail(String email) {
        return (int) contacts.values().stream().filter(c -> c.path("email").asText("").equalsIgnoreCase(email.trim()))
                .count();
    }

    private ObjectNode existing(String invoiceId) {
        ObjectNode invoice = invoices.get(invoiceId);
        if (invoice == null) {
            throw new IllegalArgumentException("the stub ledger has no invoice " + invoiceId);
        }
        return invoice;
    }

    // ------------------------------------------------------------------------------------------------ contacts

    private Answer listContacts(Map<String, String> query) {
        String email = query.getOrDefault("email", "");
        List<ObjectNode> found = contacts.values().stream()
                .filter(c -> email.isEmpty() || c.path("email").asText("").equalsIgnoreCase(email)).toList();
        return new Answer(200, page("/contacts", query, found));
    }

    private Answer createContact(JsonNode contact) {
        String key = "contact:" + contact.path("idempotency_id").asText("");
        if (replies.containsKey(key)) {
            return new Answer(201, replies.get(key));
        }
        JsonNode person = contact.path("main_contact_person");
        ObjectNode created = newContact(contact.path("name").asText(), person.path("email").asText(null),
                contact.path("reference").asText(null));
        contacts.put(created.path("id").asText(), created);
        String body = write(created);
        replies.put(key, body);
        return new Answer(201, body);
    }

    private ObjectNode newContact(String name, String email, String reference) {
        String id = id("contact");
        ObjectNode c = base(id, reference == null ? name : name + " (" + reference + ")", "/contacts/" + id);
        c.put("created_at", now());
        c.put("updated_at", now());
        c.put("name", name);
        c.put("email", email);
        c.put("reference", reference);
        ArrayNode types = c.putArray("contact_types");
        types.add(base("CUSTOMER", "Customer", "/contact_types/CUSTOMER"));
        return c;
    }

    // ------------------------------------------------------------------------------------------------ invoices

    private Answer createInvoice(JsonNode in) {
        String key = "sales_invoice:" + in.path("idempotency_id").asText("");
        if (replies.containsKey(key)) {
            return new Answer(201, replies.get(key));
        }
        ObjectNode contact = contacts.get(in.path("contact_id").asText());
        if (contact == null) {
            return error(422, "RecordInvalid", "contact does not exist", "contact_id");
        }
        String id = id("sales_invoice");
        String number = "SI-" + (++invoiceNumber);
        ObjectNode out = base(id, number, "/sales_invoices/" + id);
        out.put("created_at", now());
        out.put("updated_at", now());
        ArrayNode links = out.putArray("links");
        ObjectNode link = links.addObject();
        link.put("href", WEB + id);
        link.put("rel", "alternate");
        link.put("type", "text/html");
        out.set("contact", base(contact.path("id").asText(), contact.path("displayed_as").asText(),
                "/contacts/" + contact.path("id").asText()));
        out.put("invoice_number", number);
        out.put("date", in.path("date").asText());
        out.put("due_date", in.path("due_date").asText(in.path("date").asText()));
        out.put("reference", in.path("reference").asText(null));
        out.put("notes", in.path("notes").asText(null));
        String currency = in.path("currency_id").asText("GBP");
        out.set("currency", base(currency, currency, "/currencies/" + currency));
        BigDecimal net = BigDecimal.ZERO.setScale(2);
        BigDecimal tax = BigDecimal.ZERO.setScale(2);
        ArrayNode lines = out.putArray("invoice_lines");
        for (JsonNode line : in.path("invoice_lines")) {
            BigDecimal quantity = line.path("quantity").isMissingNode() ? BigDecimal.ONE : line.path("quantity").decimalValue();
            BigDecimal discount = line.path("discount_amount").isMissingNode() ? BigDecimal.ZERO
                    : line.path("discount_amount").decimalValue();
            BigDecimal lineNet = quantity.multiply(line.path("unit_price").decimalValue()).subtract(discount)
                    .setScale(2, RoundingMode.HALF_UP);
            BigDecimal lineTax = line.path("tax_amount").isMissingNode() ? BigDecimal.ZERO.setScale(2)
                    : line.path("tax_amount").decimalValue();
            ObjectNode l = lines.addObject();
            l.put("id", id("line"));
            l.put("displayed_as", line.path("description").asText());
            l.put("description", line.path("description").asText());
            l.set("ledger_account", base(line.path("ledger_account_id").asText(), "", "/ledger_accounts/"
                    + line.path("ledger_account_id").asText()));
            l.set("tax_rate", base(line.path("tax_rate_id").asText(), "", "/tax_rates/"
                    + line.path("tax_rate_id").asText()));
            l.put("quantity", quantity);
            l.put("unit_price", line.path("unit_price").decimalValue());
            l.put("discount_amount", discount.setScale(2, RoundingMode.HALF_UP));
            l.put("net_amount", lineNet);
            l.put("tax_amount", lineTax);
            l.put("total_amount", lineNet.add(lineTax));
            net = net.add(lineNet);
            tax = tax.add(lineTax);
        }
        out.put("net_amount", net);
        out.put("tax_amount", tax);
        out.put("total_amount", net.add(tax));
        out.put("total_paid", BigDecimal.ZERO.setScale(2));
        out.put("outstanding_amount", net.add(tax));
        status(out, in.path("status_id").asText("UNPAID"));
        out.putNull("deleted_at");
        invoices.put(id, out);
        invoiceCreated.put(id, clock.instant());
        String body = write(out);
        replies.put(key, body);
        return new Answer(201, body);
    }

    private Answer invoice(String id) {
        ObjectNode invoice = invoices.get(id);
        return invoice == null ? error(404, "RecordNotFound", "Sales invoice " + id + " was not found", "key")
                : new Answer(200, write(invoice));
    }

    private Answer voidInvoice(String id, String reason) {
        ObjectNode invoice = invoices.get(id);
        if (invoice == null) {
            return error(404, "RecordNotFound", "Sales invoice " + id + " was not found", "key");
        }
        String status = invoice.path("status").path("id").asText();
        if (!status.equals("UNPAID")) {
            return error(422, "RecordInvalid", "a " + status + " invoice cannot be voided", "status");
        }
        if (reason == null || reason.isBlank()) {
            return error(422, "RecordInvalid", "can't be blank", "void_reason");
        }
        status(invoice, "VOID");
        invoice.put("void_reason", reason);
        invoice.put("outstanding_amount", BigDecimal.ZERO.setScale(2));
        touch(invoice);
        return new Answer(200, write(invoice));
    }

    private Answer listInvoices(Map<String, String> query) {
        String search = query.getOrDefault("search", "").toLowerCase(Locale.ROOT);
        Optional<Instant> since = Optional.ofNullable(query.get("updated_or_created_since"))
                .map(s -> OffsetDateTime.parse(s).toInstant());
        Comparator<ObjectNode> order = "updated_at".equals(query.get("sort"))
                ? Comparator.comparing(i -> Instant.parse(i.path("updated_at").asText()))
                : Comparator.comparing(i -> invoiceCreated.get(i.path("id").asText()));
        List<ObjectNode> found = invoices.values().stream()
                .filter(i -> search.isEmpty() || i.path("reference").asText("").toLowerCase(Locale.ROOT).contains(search))
                .filter(i -> since.isEmpty() || !Instant.parse(i.path("updated_at").asText()).isBefore(since.get()))
                .sorted(order).toList();
        return new Answer(200, page("/sales_invoices", query, found));
    }

    // ------------------------------------------------------------------------------------------------ shapes

    private String page(String path, Map<String, String> query, List<ObjectNode> all) {
        int perPage = Integer.parseInt(query.getOrDefault("items_per_page", "20"));
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        int page = Math.min(Integer.parseInt(query.getOrDefault("page", "1")), last);
        ObjectNode body = json.createObjectNode();
        body.put("$total", all.size());
        body.put("$page", page);
        if (page < last) {
            Map<String, String> next = new LinkedHashMap<>(query);
            next.put("page", Integer.toString(page + 1));
            body.put("$next", path + "?" + next.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&")));
        } else {
            body.putNull("$next");
        }
        body.putNull("$back");
        body.put("$itemsPerPage", perPage);
        ArrayNode items = body.putArray("$items");
        all.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(items::add);
        return write(body);
    }

    private ObjectNode base(String id, String displayedAs, String path) {
        ObjectNode node = json.createObjectNode();
        node.put("id", id);
        node.put("displayed_as", displayedAs);
        node.put("$path", path);
        return node;
    }

    private void status(ObjectNode invoice, String id) {
        invoice.set("status", base(id, id, "/artefact_statuses/" + id));
    }

    private void touch(ObjectNode invoice) {
        invoice.put("updated_at", now());
    }

    private Answer error(int status, String code, String message, String source) {
        ArrayNode errors = json.createArrayNode();
        ObjectNode e = errors.addObject();
        e.put("$severity", "error");
        e.put("$dataCode", code);
        e.put("$message", message);
        e.put("$source", source);
        return new Answer(status, write(errors));
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String id(String kind) {
        return String.format(Locale.ROOT, "%032x", (long) (kind.hashCode() & 0xffff) << 32 | ++sequence);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        int at = url.indexOf('?');
        if (at < 0) {
            return query;
        }
        for (String pair : url.substring(at + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(int status, String body) {
    }
}
