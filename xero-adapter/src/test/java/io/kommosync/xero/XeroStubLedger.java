package io.kommosync.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kommosync.client.http.JsonMapper;
import io.kommosync.sandbox.http.SimulatedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stateful part of the WireMock stubs: a small Xero ledger behind a WireMock response transformer, answering the
 * contact and invoice endpoints in Xero's JSON (MS-JSON dates, {@code summarizeErrors=false} elements,
 * {@code Idempotency-Key} replays). Written independently of the sandbox's simulator so that the two runs of the kit
 * do not share one implementation's mistakes. The chart, tax rates, tracking categories and connections are plain
 * stub files under {@code src/test/resources/wiremock/xero}.
 */
final class XeroStubLedger {

    static final String NAME = "xero-stub-ledger";
    static final String TENANT_ID = "1c1f5a3e-7b49-4b8e-9a61-2f0d6c3b8a10";
    static final String ACCESS_TOKEN = "wm-access-token-7d4e2b91c0";
    static final String NORTH = "ce205173-7387-4651-9726-2cf4c5405ba2";
    static final String SOUTH = "6a3f8c6e-47f3-4c22-b5a4-7f0c4a1e2d3b";
    static final String EXISTING_CONTACT = "6a9c8d2e-4b1f-4e7a-9c3d-2f1e0d9c8b7a";

    private static final Pattern EMAIL_WHERE = Pattern.compile("EmailAddress==\"([^\"]*)\"");
    private static final Pattern REFERENCE_WHERE = Pattern.compile("Reference==\"([^\"]*)\"");
    private static final Pattern INVOICE_PATH = Pattern.compile("/api\\.xro/2\\.0/Invoices/([^/]+)(/[A-Za-z]+)?");
    private static final Map<String, BigDecimal> SALES_TAX = Map.of("OUTPUT2", new BigDecimal("20"), "RROUTPUT",
            new BigDecimal("5"), "ZERORATEDOUTPUT", BigDecimal.ZERO, "NONE", BigDecimal.ZERO);
    private static final Set<String> ACCOUNTS = Set.of("200", "260", "270", "400");
    private static final Map<String, String[]> TRACKING = Map.of(
            NORTH, new String[] {"351953c4-8127-4009-88c3-f9cd8c9cbe9f", "Region", "North"},
            SOUTH, new String[] {"351953c4-8127-4009-88c3-f9cd8c9cbe9f", "Region", "South"},
            "9b8a7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d", new String[] {"0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "Channel",
                    "Online"},
            "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", new String[] {"0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "Channel",
                    "Retail"});

    private final ObjectMapper mapper = JsonMapper.create();
    private final Clock clock;
    private final URI base;
    private final List<Contact> contacts = new ArrayList<>();
    private final Map<String, Inv> invoices = new LinkedHashMap<>();
    private final Map<String, Stored> replays = new HashMap<>();
    private int numbers;
    private long changes;

    private record Stored(int status, String body) {
    }

    private static final class Contact {
        String id;
        String name;
        String email;
        String number;
    }

    private static final class Inv {
        String id;
        String number;
        String reference;
        String contactId;
        String currency;
        LocalDate date;
        LocalDate due;
        String status;
        ArrayNode lines;
        BigDecimal subTotal;
        BigDecimal tax;
        BigDecimal paid = new BigDecimal("0.00");
        Instant updated;
        long change;

        BigDecimal total() {
            return subTotal.add(tax);
        }

        BigDecimal due() {
            return status.equals("VOIDED") || status.equals("DELETED") ? new BigDecimal("0.00")
                    : total().subtract(paid);
        }
    }

    XeroStubLedger(Clock clock, URI base) {
        this.clock = clock;
        this.base = base;
        Contact existing = new Contact();
        existing.id = EXISTING_CONTACT;
        existing.name = "Existing Customer Ltd";
        existing.email = "Existing.Customer@Example.com";
        contacts.add(existing);
    }

    // ------------------------------------------------------------------------------------------ ledger-side actions

    synchronized void pay(String invoiceId, BigDecimal amount) {
        Inv i = invoices.get(invoiceId);
        i.paid = i.paid.add(amount).setScale(2, RoundingMode.HALF_UP);
        if (i.due().signum() == 0) {
            i.status = "PAID";
        }
        touch(i);
    }

    synchronized BigDecimal amountDue(String invoiceId) {
        return invoices.get(invoiceId).due();
    }

    synchronized void voidInvoice(String invoiceId) {
        Inv i = invoices.get(invoiceId);
        i.status = i.status.equals("DRAFT") ? "DELETED" : "VOIDED";
        touch(i);
    }

    synchronized int countWithReference(String reference) {
        return (int) invoices.values().stream().filter(i -> reference.equals(i.reference)).count();
    }

    synchronized int countWithEmail(String email) {
        return (int) contacts.stream().filter(c -> c.email != null && c.email.equalsIgnoreCase(email.trim())).count();
    }

    // ------------------------------------------------------------------------------------------ HTTP

    synchronized ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        HttpHeader auth = request.header("Authorization");
        if (!auth.isPresent() || !("Bearer " + ACCESS_TOKEN).equals(auth.firstValue())) {
            return json(401, "{\"Type\":null,\"Title\":\"Unauthorized\",\"Status\":401,\"Detail\":\"TokenInvalid\"}");
        }
        HttpHeader tenant = request.header("xero-tenant-id");
        if (!tenant.isPresent() || !TENANT_ID.equals(tenant.firstValue())) {
            return json(403, "{\"Type\":null,\"Title\":\"Forbidden\",\"Status\":403,"
                    + "\"Detail\":\"AuthenticationUnsuccessful\"}");
        }
        ResponseDefinition answer = route(request);
        boolean loseAnswer = event.getTransformerParameters() != null
                && Boolean.TRUE.equals(event.getTransformerParameters().getBoolean("loseAnswer", false));
        return loseAnswer ? ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER)
                .build() : answer;
    }

    private ResponseDefinition route(LoggedRequest request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        Map<String, List<String>> query = SimulatedRequest.decodeForm(q < 0 ? null : url.substring(q + 1));
        String method = request.getMethod().getName();
        if (path.equals("/api.xro/2.0/Contacts")) {
            return method.equals("GET") ? findContacts(query) : replayable(request, "PUT Contacts", () ->
                    createContacts(body(request)));
        }
        if (path.equals("/api.xro/2.0/Invoices")) {
            return method.equals("GET") ? listInvoices(query, request) : replayable(request, "PUT Invoices", () ->
                    createInvoices(body(request)));
        }
        Matcher m = INVOICE_PATH.matcher(path);
        if (m.matches()) {
            Inv i = invoices.get(m.group(1));
            if (i == null) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(404)
                        .withBody("The resource you're looking for cannot be found").build();
            }
            String sub = m.group(2);
            if (sub == null && method.equals("GET")) {
                return envelope("Invoices", array(render(i, true)));
            }
            if (sub == null && method.equals("POST")) {
                return replayable(request, "POST " + i.id, () -> changeStatus(i, body(request)));
            }
            if ("/OnlineInvoice".equals(sub)) {
                ObjectNode url0 = mapper.createObjectNode();
                url0.put("OnlineInvoiceUrl", base.resolve("online/" + i.id).toString());
                return envelope("OnlineInvoices", array(url0));
            }
            if ("/History".equals(sub)) {
                return envelope("HistoryRecords", (ArrayNode) body(request).path("HistoryRecords"));
            }
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(404).withBody("no stub").build();
    }

    private interface Action {
        Stored run();
    }

    private ResponseDefinition replayable(LoggedRequest request, String operation, Action action) {
        HttpHeader key = request.header("Idempotency-Key");
        String k = key.isPresent() ? operation + "|" + key.firstValue() : null;
        Stored stored = k == null ? null : replays.get(k);
        if (stored == null) {
            stored = action.run();
            if (k != null) {
                replays.put(k, stored);
            }
        }
        return json(stored.status(), stored.body());
    }

    private ResponseDefinition findContacts(Map<String, List<String>> query) {
        Optional<String> email = first(query, "where").map(EMAIL_WHERE::matcher).filter(Matcher::find)
                .map(mm -> mm.group(1));
        Optional<String> term = first(query, "searchTerm").map(s -> s.toLowerCase(Locale.ROOT));
        ArrayNode out = mapper.createArrayNode();
        for (Contact c : contacts) {
            boolean byEmail = email.map(e -> e.equalsIgnoreCase(c.email)).orElse(true);
            boolean bySearch = term.map(t -> List.of(c.name, String.valueOf(c.email), String.valueOf(c.number))
                    .stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(t))).orElse(true);
            if (byEmail && bySearch) {
                out.add(render(c));
            }
        }
        return envelope("Contacts", out);
    }

    private Stored createContacts(JsonNode body) {
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode el : body.path("Contacts")) {
            String name = el.path("Name").asText("");
            if (contacts.stream().anyMatch(c -> c.name.equalsIgnoreCase(name))) {
                ObjectNode failed = ((ObjectNode) el).deepCopy();
                failed.put("HasValidationErrors", true);
                failed.putArray("ValidationErrors").addObject().put("Message", "The contact name " + name
                        + " is already assigned to another contact. The contact name must be unique across all "
                        + "active contacts.");
                out.add(failed);
                continue;
            }
            Contact c = new Contact();
            c.id = UUID.randomUUID().toString();
            c.name = name;
            c.email = el.hasNonNull("EmailAddress") ? el.get("EmailAddress").asText() : null;
            c.number = el.hasNonNull("ContactNumber") ? el.get("ContactNumber").asText() : null;
            contacts.add(c);
            out.add(render(c));
        }
        return stored(200, envelopeNode("Contacts", out));
    }

    private Stored createInvoices(JsonNode body) {
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode el : body.path("Invoices")) {
            List<String> errors = new ArrayList<>();
            String contactId = el.path("Contact").path("ContactID").asText("");
            if (contacts.stream().noneMatch(c -> c.id.equals(contactId))) {
                errors.add("The contact with ContactID " + contactId + " could not be found.");
            }
            ArrayNode lines = mapper.createArrayNode();
            BigDecimal net = new BigDecimal("0.00");
            BigDecimal tax = new BigDecimal("0.00");
            for (JsonNode l : el.path("LineItems")) {
                String account = l.path("AccountCode").asText("");
                if (account.equals("299")) {
                    errors.add("Account code '299' has been archived, or has been deleted. Each line item must "
                            + "reference a valid account.");
                } else if (!ACCOUNTS.contains(account)) {
                    errors.add("Account code '" + account + "' is not a valid code for this document.");
                }
                BigDecimal percent = SALES_TAX.get(l.path("TaxType").asText(""));
                if (percent == null) {
                    errors.add("The TaxType code " + l.path("TaxType").asText("") + " does not exist or cannot be "
                            + "used with this type of transaction.");
                    continue;
                }
                for (JsonNode t : l.path("Tracking")) {
                    if (!TRACKING.containsKey(t.path("TrackingOptionID").asText(""))) {
                        errors.add("Tracking option '" + t.path("Option").asText("") + "' does not exist.");
                    }
                }
                BigDecimal gross = l.path("Quantity").decimalValue().multiply(l.path("UnitAmount").decimalValue());
                BigDecimal lineAmount = l.has("DiscountRate")
                        ? gross.subtract(gross.multiply(l.get("DiscountRate").decimalValue())
                                .divide(BigDecimal.valueOf(100)))
                        : l.has("DiscountAmount") ? gross.subtract(l.get("DiscountAmount").decimalValue()) : gross;
                lineAmount = lineAmount.setScale(2, RoundingMode.HALF_UP);
                BigDecimal lineTax = lineAmount.multiply(percent)
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                ObjectNode line = ((ObjectNode) l).deepCopy();
                line.put("LineItemID", UUID.randomUUID().toString());
                line.put("LineAmount", lineAmount);
                line.put("TaxAmount", lineTax);
                ArrayNode tracking = line.putArray("Tracking");
                for (JsonNode t : l.path("Tracking")) {
                    String[] known = TRACKING.get(t.path("TrackingOptionID").asText(""));
                    if (known != null) {
                        tracking.addObject().put("Name", known[1]).put("Option", known[2])
                                .put("TrackingCategoryID", known[0]).put("TrackingOptionID", t.get("TrackingOptionID")
                                        .asText());
                    }
                }
                lines.add(line);
                net = net.add(lineAmount);
                tax = tax.add(lineTax);
            }
            if (!errors.isEmpty()) {
                ObjectNode failed = ((ObjectNode) el).deepCopy();
                failed.put("HasErrors", true);
                failed.put("StatusAttributeString", "ERROR");
                ArrayNode ve = failed.putArray("ValidationErrors");
                errors.forEach(e -> ve.addObject().put("Message", e));
                out.add(failed);
                continue;
            }
            Inv i = new Inv();
            i.id = UUID.randomUUID().toString();
            i.number = String.format(Locale.ROOT, "INV-%04d", ++numbers);
            i.reference = el.path("Reference").asText(null);
            i.contactId = contactId;
            i.currency = el.path("CurrencyCode").asText("GBP");
            i.date = LocalDate.parse(el.path("Date").asText());
            i.due = LocalDate.parse(el.path("DueDate").asText());
            i.status = el.path("Status").asText("DRAFT");
            i.lines = lines;
            i.subTotal = net;
            i.tax = tax;
            invoices.put(i.id, i);
            touch(i);
            ObjectNode rendered = render(i, true);
            rendered.put("StatusAttributeString", "OK");
            out.add(rendered);
        }
        return stored(200, envelopeNode("Invoices", out));
    }

    private Stored changeStatus(Inv i, JsonNode body) {
        String target = body.path("Invoices").path(0).path("Status").asText("");
        if (i.paid.signum() > 0 || !(target.equals("VOIDED") && i.status.equals("AUTHORISED")
                || target.equals("DELETED") && i.status.equals("DRAFT"))) {
            ObjectNode error = mapper.createObjectNode();
            error.put("ErrorNumber", 10);
            error.put("Type", "ValidationException");
            error.put("Message", "A validation exception occurred");
            error.putArray("Elements").addObject().putArray("ValidationErrors").addObject()
                    .put("Message", "Invoice not of valid status for modification");
            return stored(400, error);
        }
        i.status = target;
        touch(i);
        return stored(200, envelopeNode("Invoices", array(render(i, true))));
    }

    private ResponseDefinition listInvoices(Map<String, List<String>> query, LoggedRequest request) {
        Optional<String> reference = first(query, "where").map(REFERENCE_WHERE::matcher).filter(Matcher::find)
                .map(mm -> mm.group(1));
        Optional<String> term = first(query, "searchTerm").map(s -> s.toLowerCase(Locale.ROOT));
        HttpHeader sinceHeader = request.header("If-Modified-Since");
        Optional<Instant> since = sinceHeader.isPresent()
                ? Optional.of(OffsetDateTime.parse(sinceHeader.firstValue()).toInstant()) : Optional.empty();
        List<Inv> matching = invoices.values().stream()
                .filter(i -> !i.status.equals("DELETED"))
                .filter(i -> reference.map(r -> r.equalsIgnoreCase(String.valueOf(i.reference))).orElse(true))
                .filter(i -> term.map(t -> String.valueOf(i.reference).toLowerCase(Locale.ROOT).contains(t)
                        || i.number.toLowerCase(Locale.ROOT).contains(t)).orElse(true))
                .filter(i -> since.map(s -> !i.updated.isBefore(s)).orElse(true))
                .sorted(Comparator.comparing((Inv i) -> i.updated).thenComparingLong(i -> i.change))
                .toList();
        int page = first(query, "page").map(Integer::parseInt).orElse(1);
        int size = first(query, "pageSize").map(Integer::parseInt).orElse(100);
        ArrayNode out = mapper.createArrayNode();
        matching.stream().skip((long) (page - 1) * size).limit(size).forEach(i -> out.add(render(i, true)));
        return envelope("Invoices", out);
    }

    // ------------------------------------------------------------------------------------------ rendering

    private ObjectNode render(Contact c) {
        ObjectNode n = mapper.createObjectNode();
        n.put("ContactID", c.id);
        if (c.number != null) {
            n.put("ContactNumber", c.number);
        }
        n.put("ContactStatus", "ACTIVE");
        n.put("Name", c.name);
        if (c.email != null) {
            n.put("EmailAddress", c.email);
        }
        n.putArray("Addresses");
        n.putArray("Phones");
        n.put("UpdatedDateUTC", "/Date(" + clock.millis() + "+0000)/");
        n.put("HasValidationErrors", false);
        return n;
    }

    private ObjectNode render(Inv i, boolean lines) {
        ObjectNode n = mapper.createObjectNode();
        n.put("Type", "ACCREC");
        n.put("InvoiceID", i.id);
        n.put("InvoiceNumber", i.number);
        n.put("Reference", i.reference == null ? "" : i.reference);
        n.putArray("Payments");
        n.put("AmountDue", i.due());
        n.put("AmountPaid", i.paid);
        n.put("AmountCredited", new BigDecimal("0.00"));
        n.put("CurrencyRate", new BigDecimal("1.000000"));
        n.put("HasErrors", false);
        n.putObject("Contact").put("ContactID", i.contactId).put("Name", contacts.stream()
                .filter(c -> c.id.equals(i.contactId)).findFirst().map(c -> c.name).orElse(""));
        n.put("DateString", i.date + "T00:00:00");
        n.put("Date", "/Date(" + i.date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + "+0000)/");
        n.put("DueDateString", i.due + "T00:00:00");
        n.put("DueDate", "/Date(" + i.due.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + "+0000)/");
        n.put("Status", i.status);
        n.put("LineAmountTypes", "Exclusive");
        n.set("LineItems", lines ? i.lines.deepCopy() : mapper.createArrayNode());
        n.put("SubTotal", i.subTotal);
        n.put("TotalTax", i.tax);
        n.put("Total", i.total());
        n.put("UpdatedDateUTC", "/Date(" + i.updated.toEpochMilli() + "+0000)/");
        n.put("CurrencyCode", i.currency);
        return n;
    }

    private void touch(Inv i) {
        i.updated = clock.instant();
        i.change = ++changes;
    }

    private ArrayNode array(ObjectNode node) {
        ArrayNode a = mapper.createArrayNode();
        a.add(node);
        return a;
    }

    private ObjectNode envelopeNode(String collection, ArrayNode items) {
        ObjectNode root = mapper.createObjectNode();
        root.put("Id", UUID.randomUUID().toString());
        root.put("Status", "OK");
        root.put("ProviderName", "kommo-sync WireMock");
        root.put("DateTimeUTC", "/Date(" + clock.millis() + ")/");
        root.set(collection, items);
        return root;
    }

    private ResponseDefinition envelope(String collection, ArrayNode items) {
        return json(200, write(envelopeNode(collection, items)));
    }

    private Stored stored(int status, ObjectNode body) {
        return new Stored(status, write(body));
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode body(LoggedRequest request) {
        try {
            return mapper.readTree(request.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Xero-Correlation-Id", "wm-" + UUID.randomUUID())
                .withHeader("X-MinLimit-Remaining", "58")
                .withHeader("X-DayLimit-Remaining", "4990")
                .withHeader("X-AppMinLimit-Remaining", "9990")
                .withBody(body).build();
    }

    private static Optional<String> first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
