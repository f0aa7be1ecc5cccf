package io.kommosync.sandbox.intacct;

import static io.kommosync.sandbox.intacct.XmlDocuments.add;
import static io.kommosync.sandbox.intacct.XmlDocuments.child;
import static io.kommosync.sandbox.intacct.XmlDocuments.children;
import static io.kommosync.sandbox.intacct.XmlDocuments.text;

import io.kommosync.sandbox.http.DroppedConnection;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.http.SimulatedResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The XML gateway ({@code POST /ia/xml/xmlgw.phtml}): control block, login or session authentication, and the
 * functions the adapter uses ({@code getAPISession}, {@code query}, {@code read}, {@code create} CUSTOMER,
 * {@code create_invoice}).
 */
final class XmlGateway {

    /** The {@code create_invoice} header elements in the order the DTD requires. */
    static final List<String> INVOICE_ORDER = List.of("customerid", "datecreated", "dateposted", "datedue",
            "termname", "action", "batchkey", "invoiceno", "ponumber", "onhold", "description", "externalid", "billto",
            "shipto", "basecurr", "currency", "exchratedate", "exchratetype", "nogl", "supdocid", "taxsolutionid",
            "customfields", "invoiceitems");
    /** The {@code lineitem} elements in the order the DTD requires. */
    static final List<String> LINE_ORDER = List.of("accountlabel", "glaccountno", "offsetglaccountno", "amount",
            "allocationid", "memo", "locationid", "departmentid", "key", "totalpaid", "totaldue", "customfields",
            "revrectemplate", "defrevaccount", "revrecstartdate", "revrecenddate", "projectid", "taskid",
            "costtypeid", "customerid", "vendorid", "employeeid", "itemid", "classid", "contractid", "warehouseid",
            "taxentries");
    /** The {@code control} elements in order. */
    static final List<String> CONTROL_ORDER = List.of("senderid", "password", "controlid", "uniqueid", "dtdversion",
            "includewhitespace");

    private record Session(String userId, String entity, Instant expiresAt) {
    }

    private final IntacctSimulator simulator;
    private final IntacctCompany company;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    XmlGateway(IntacctSimulator simulator, IntacctCompany company) {
        this.simulator = simulator;
        this.company = company;
    }

    void reset() {
        sessions.clear();
    }

    void expireSessions() {
        sessions.clear();
    }

    SimulatedResponse handle(SimulatedRequest request) {
        Document in;
        try {
            in = XmlDocuments.parse(request.body());
        } catch (SAXException e) {
            return controlFailure(400, "", "XL03000003", "XML Parse error", "The request is not well-formed XML or "
                    + "uses a DOCTYPE, which is not allowed");
        }
        Element root = in.getDocumentElement();
        Element control = child(root, "control").orElse(null);
        if (!root.getTagName().equals("request") || control == null) {
            return controlFailure(200, "", "XL03000003", "XML Parse schema error", "request/control is required");
        }
        String controlId = text(control, "controlid");
        String orderProblem = orderProblem(control, CONTROL_ORDER);
        if (orderProblem != null) {
            return controlFailure(200, controlId, "XL03000003", "XML Parse schema error", "control: " + orderProblem);
        }
        if (!simulator.senderAccepted(text(control, "senderid"), text(control, "password"))) {
            return controlFailure(200, controlId, "XL03000005", "Incorrect Intacct XML Partner ID or password.", "");
        }
        if (!"3.0".equals(text(control, "dtdversion"))) {
            return controlFailure(200, controlId, "XL03000003", "Unsupported DTD version",
                    "dtdversion must be 3.0");
        }
        boolean uniqueId = "true".equalsIgnoreCase(text(control, "uniqueid"));
        Element operation = child(root, "operation").orElse(null);
        if (operation == null) {
            return controlFailure(200, controlId, "XL03000003", "XML Parse schema error", "operation is required");
        }
        List<Element> functions = child(operation, "content").map(c -> children(c, "function")).orElse(List.of());
        Optional<IntacctFault> fault = functions.isEmpty() ? Optional.empty()
                : simulator.takeFault(firstChildName(functions.get(0)));
        if (fault.isPresent() && !(fault.get() instanceof IntacctFault.LostAnswer)) {
            return renderFault(fault.get(), controlId, functions.get(0));
        }

        Document out = XmlDocuments.newDocument();
        Element response = out.createElement("response");
        out.appendChild(response);
        Element outControl = add(response, "control");
        add(outControl, "status", "success");
        add(outControl, "senderid", text(control, "senderid"));
        add(outControl, "controlid", controlId);
        add(outControl, "uniqueid", uniqueId ? "true" : "false");
        add(outControl, "dtdversion", "3.0");
        Element outOperation = add(response, "operation");
        Element auth = add(outOperation, "authentication");

        Optional<Session> session = authenticate(child(operation, "authentication").orElse(null), auth);
        if (session.isEmpty()) {
            Element errors = add(outOperation, "errormessage");
            error(errors, "XL03000006", "Sign-in information is incorrect or the session is invalid or expired",
                    "", "Check the user id, company id and password, or get a new API session");
            return xml(200, out);
        }
        synchronized (company) {
            return run(operation, functions, uniqueId, session.get(), out, outOperation, fault.isPresent());
        }
    }

    private SimulatedResponse run(Element operation, List<Element> functions, boolean uniqueId, Session session,
                                  Document out, Element outOperation, boolean dropAnswer) {
        boolean transaction = "true".equalsIgnoreCase(operation.getAttribute("transaction"));
        IntacctCompany.Snapshot before = company.snapshot();
        List<Element> results = new ArrayList<>();
        boolean failed = false;
        for (Element function : functions) {
            Element result = out.createElement("result");
            results.add(result);
            String fControlId = function.getAttribute("controlid");
            String name = firstChildName(function);
            if (failed && transaction) {
                add(result, "status", "aborted");
                add(result, "function", name);
                add(result, "controlid", fControlId);
                error(add(result, "errormessage"), "XL03000009", "The entire transaction in this operation has been "
                        + "rolled back due to an error.", "", "");
                continue;
            }
            boolean ok = runFunction(function, name, fControlId, uniqueId, session, result);
            if (!ok) {
                failed = true;
                if (transaction) {
                    company.restore(before);
                    for (int i = 0; i < results.size() - 1; i++) {
                        abort(results.get(i));
                    }
                }
            }
        }
        results.forEach(outOperation::appendChild);
        if (dropAnswer) {
            throw new DroppedConnection();
        }
        return xml(200, out);
    }

    private static void abort(Element result) {
        Element status = child(result, "status").orElseThrow();
        status.setTextContent("aborted");
        child(result, "data").ifPresent(result::removeChild);
        child(result, "key").ifPresent(result::removeChild);
        error(add(result, "errormessage"), "XL03000009", "The entire transaction in this operation has been rolled "
                + "back due to an error.", "", "");
    }

    private Optional<Session> authenticate(Element authentication, Element out) {
        if (authentication == null) {
            add(out, "status", "failure");
            return Optional.empty();
        }
        Optional<Element> sessionId = child(authentication, "sessionid");
        Session session = null;
        if (sessionId.isPresent()) {
            Session s = sessions.get(sessionId.get().getTextContent().trim());
            if (s != null && simulator.clock().instant().isBefore(s.expiresAt())) {
                session = s;
            }
        } else {
            Optional<Element> login = child(authentication, "login");
            if (login.isPresent()) {
                String company = text(login.get(), "companyid");
                String entity = text(login.get(), "locationid");
                int bar = company.indexOf('|');
                if (bar >= 0) {
                    entity = company.substring(bar + 1);
                    company = company.substring(0, bar);
                }
                String userId = text(login.get(), "userid");
                boolean entityOk = entity.isEmpty() || this.company.hasEntity(entity);
                if (company.equals(this.company.companyId()) && entityOk
                        && simulator.userAccepted(userId, text(login.get(), "password"))) {
                    session = new Session(userId, entity, Instant.MAX);
                }
            }
        }
        if (session == null) {
            add(out, "status", "failure");
            return Optional.empty();
        }
        Instant now = simulator.clock().instant();
        add(out, "status", "success");
        add(out, "userid", session.userId());
        add(out, "companyid", company.companyId());
        add(out, "locationid", session.entity());
        add(out, "sessiontimestamp", now.atOffset(ZoneOffset.UTC).toString());
        add(out, "sessiontimeout", now.plus(simulator.sessionLifetime()).atOffset(ZoneOffset.UTC).toString());
        if (sessionId.isPresent()) {
            Session renewed = new Session(session.userId(), session.entity(), now.plus(simulator.sessionLifetime()));
            sessions.put(sessionId.get().getTextContent().trim(), renewed);
            return Optional.of(renewed);
        }
        return Optional.of(session);
    }

    private boolean runFunction(Element function, String name, String controlId, boolean uniqueId, Session session,
                                Element result) {
        if (uniqueId && company.controlIdCompleted(controlId)) {
            add(result, "status", "failure");
            add(result, "function", name);
            add(result, "controlid", controlId);
            error(add(result, "errormessage"), "XL03000004", "Duplicate control id", "A request with the function "
                    + "control id " + controlId + " was already executed successfully", "Use a new control id");
            return false;
        }
        Element body = children(function).isEmpty() ? null : children(function).get(0);
        try {
            Document doc = result.getOwnerDocument();
            Element status = doc.createElement("status");
            Element fn = doc.createElement("function");
            fn.setTextContent(name);
            Element cid = doc.createElement("controlid");
            cid.setTextContent(controlId);
            Element payload = switch (name) {
                case "getAPISession" -> getApiSession(doc, body, session);
                case "query" -> query(doc, body);
                case "read" -> read(doc, body);
                case "create" -> create(doc, body);
                case "create_invoice" -> createInvoice(doc, body, session);
                default -> throw IntacctError.of("XL03000003", "Unknown function", "Function " + name
                        + " is not supported by the simulator", "", name, "");
            };
            status.setTextContent("success");
            result.appendChild(status);
            result.appendChild(fn);
            result.appendChild(cid);
            result.appendChild(payload);
            if (uniqueId) {
                company.completeControlId(controlId);
            }
            return true;
        } catch (IntacctError e) {
            add(result, "status", "failure");
            add(result, "function", name);
            add(result, "controlid", controlId);
            Element errors = add(result, "errormessage");
            e.details().forEach(d -> error(errors, d.errorno(), d.description(), d.description2(), d.correction()));
            return false;
        }
    }

    private Element getApiSession(Document doc, Element body, Session session) {
        String entity = body == null ? session.entity() : text(body, "locationid");
        if (!entity.isEmpty() && !company.hasEntity(entity)) {
            throw IntacctError.of("XL03000006", "Invalid entity", "Entity " + entity + " does not exist", "",
                    "locationid", "");
        }
        String id = UUID.randomUUID().toString().replace("-", "") + "..";
        sessions.put(id, new Session(session.userId(), entity,
                simulator.clock().instant().plus(simulator.sessionLifetime())));
        Element data = doc.createElement("data");
        Element api = add(data, "api");
        add(api, "sessionid", id);
        add(api, "endpoint", simulator.sessionEndpoint().toString());
        add(api, "locationid", entity);
        return data;
    }

    // ------------------------------------------------------------------------------------------------ query

    private Element query(Document doc, Element body) {
        String object = text(body, "object").toUpperCase(Locale.ROOT);
        List<String> select = child(body, "select").map(s -> children(s, "field").stream()
                .map(e -> e.getTextContent().trim()).toList()).orElse(List.of());
        if (select.isEmpty()) {
            throw IntacctError.of("XL03000003", "Missing select", "query needs select/field", "", "select", "");
        }
        boolean caseInsensitive = child(body, "options").map(o -> "true".equalsIgnoreCase(text(o, "caseinsensitive")))
                .orElse(false);
        Predicate<Map<String, String>> filter = child(body, "filter")
                .map(f -> children(f).isEmpty() ? null : children(f).get(0))
                .map(f -> predicate(f, caseInsensitive)).orElse(r -> true);
        List<Map<String, String>> rows = new ArrayList<>(rows(object).stream().filter(filter).toList());
        Optional<Element> orderBy = child(body, "orderby");
        if (orderBy.isPresent()) {
            Comparator<Map<String, String>> order = null;
            for (Element o : children(orderBy.get(), "order")) {
                String field = text(o, "field");
                Comparator<Map<String, String>> c = Comparator.comparing(r -> r.getOrDefault(field, ""),
                        FieldValues.comparator(caseInsensitive));
                if (child(o, "descending").isPresent()) {
                    c = c.reversed();
                }
                order = order == null ? c : order.thenComparing(c);
            }
            if (order != null) {
                rows.sort(order);
            }
        }
        int pageSize = intOr(text(body, "pagesize"), 100);
        int offset = intOr(text(body, "offset"), 0);
        if (pageSize < 1 || pageSize > 2000) {
            throw IntacctError.of("XL03000003", "Invalid pagesize", "pagesize must be 1 to 2000", "", "pagesize", "");
        }
        List<Map<String, String>> page = rows.subList(Math.min(offset, rows.size()),
                Math.min(offset + pageSize, rows.size()));
        Element data = doc.createElement("data");
        data.setAttribute("listtype", object);
        data.setAttribute("count", Integer.toString(page.size()));
        data.setAttribute("totalcount", Integer.toString(rows.size()));
        data.setAttribute("offset", Integer.toString(offset));
        data.setAttribute("numremaining", Integer.toString(Math.max(0, rows.size() - offset - page.size())));
        for (Map<String, String> row : page) {
            Element record = add(data, object);
            for (String field : select) {
                add(record, field, row.getOrDefault(field, ""));
            }
        }
        return data;
    }

    private static Predicate<Map<String, String>> predicate(Element f, boolean ci) {
        String op = f.getTagName();
        if (op.equals("and") || op.equals("or")) {
            List<Predicate<Map<String, String>>> parts = children(f).stream().map(c -> predicate(c, ci)).toList();
            return op.equals("and") ? r -> parts.stream().allMatch(p -> p.test(r))
                    : r -> parts.stream().anyMatch(p -> p.test(r));
        }
        String field = text(f, "field");
        List<String> values = children(f, "value").stream().map(e -> e.getTextContent().trim()).toList();
        String value = values.isEmpty() ? "" : values.get(0);
        return switch (op) {
            case "equalto" -> r -> FieldValues.compare(r.getOrDefault(field, ""), value, ci) == 0;
            case "notequalto" -> r -> FieldValues.compare(r.getOrDefault(field, ""), value, ci) != 0;
            case "lessthan" -> r -> FieldValues.compare(r.getOrDefault(field, ""), value, ci) < 0;
            case "lessthanorequalto" -> r -> FieldValues.compare(r.getOrDefault(field, ""), value, ci) <= 0;
            case "greaterthan" -> r -> FieldValues.compare(r.getOrDefault(field, ""), value, ci) > 0;
            case "greaterthanorequalto" -> r -> FieldValues.compare(r.getOrDefault(field, ""), value, ci) >= 0;
            case "in" -> r -> values.stream().anyMatch(v -> FieldValues.compare(r.getOrDefault(field, ""), v, ci) == 0);
            default -> throw IntacctError.of("XL03000003", "Unsupported filter", "Filter " + op
                    + " is not supported", "", "filter", "");
        };
    }

    private List<Map<String, String>> rows(String object) {
        return switch (object) {
            case "CUSTOMER" -> company.customers().stream().map(XmlGateway::customerRow).toList();
            case "GLACCOUNT" -> company.glAccounts().stream().map(XmlGateway::accountRow).toList();
            case "TAXDETAIL" -> company.taxDetails().stream().map(XmlGateway::taxRow).toList();
            case "ARINVOICE" -> company.invoices().stream().map(XmlGateway::invoiceRow).toList();
            default -> dimensionRows(object);
        };
    }

    private List<Map<String, String>> dimensionRows(String object) {
        for (IntacctDimension d : IntacctDimension.values()) {
            if (d.name().equals(object) && d != IntacctDimension.CUSTOMER) {
                return company.dimensionValues(d).entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> Map.of(d.readField(), e.getKey(), "NAME", e.getValue(), "TITLE", e.getValue(),
                                "STATUS", "active"))
                        .toList();
            }
        }
        throw IntacctError.of("XL03000003", "Unknown object", "Object " + object + " is not supported", "", "object",
                "");
    }

    static Map<String, String> customerRow(ArCustomer c) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("RECORDNO", Long.toString(c.recordNo()));
        r.put("CUSTOMERID", c.customerId());
        r.put("NAME", c.name());
        r.put("STATUS", "active");
        r.put("DISPLAYCONTACT.EMAIL1", c.email());
        r.put("DISPLAYCONTACT.PHONE1", c.phone());
        r.put("WHENCREATED", FieldValues.XML_DATE_TIME.format(c.createdAt().atOffset(ZoneOffset.UTC)));
        return r;
    }

    static Map<String, String> accountRow(GlAccount a) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("RECORDNO", Long.toString(a.recordNo()));
        r.put("ACCOUNTNO", a.accountNo());
        r.put("TITLE", a.title());
        r.put("ACCOUNTTYPE", a.incomeStatement() ? "incomestatement" : "balancesheet");
        r.put("NORMALBALANCE", a.normalBalance());
        r.put("STATUS", a.active() ? "active" : "inactive");
        for (IntacctDimension d : IntacctDimension.values()) {
            r.put(d.requireFlag(), Boolean.toString(a.required().contains(d)));
        }
        return r;
    }

    static Map<String, String> taxRow(TaxDetail t) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("RECORDNO", Long.toString(t.recordNo()));
        r.put("DETAILID", t.detailId());
        r.put("DESCRIPTION", t.description());
        r.put("TAXTYPE", t.sale() ? "Sale" : "Purchase");
        r.put("VALUE", t.percent().toPlainString());
        r.put("STATUS", t.active() ? "active" : "inactive");
        return r;
    }

    static Map<String, String> invoiceRow(ArInvoice i) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("RECORDNO", Long.toString(i.recordNo()));
        r.put("RECORDID", i.recordId());
        r.put("DOCNUMBER", i.docNumber());
        r.put("STATE", i.state());
        r.put("CUSTOMERID", i.customerId());
        r.put("WHENCREATED", FieldValues.XML_DATE.format(i.whenCreated()));
        r.put("WHENDUE", FieldValues.XML_DATE.format(i.whenDue()));
        r.put("CURRENCY", i.currency());
        r.put("DESCRIPTION", i.description());
        r.put("TOTALENTERED", i.totalEntered().toPlainString());
        r.put("TOTALPAID", i.totalPaid().toPlainString());
        r.put("TOTALDUE", i.totalDue().toPlainString());
        r.put("WHENMODIFIED", FieldValues.XML_DATE_TIME.format(i.whenModified().atOffset(ZoneOffset.UTC)));
        r.put("MEGAENTITYID", i.entity());
        return r;
    }

    // ------------------------------------------------------------------------------------------------ read

    private Element read(Document doc, Element body) {
        String object = text(body, "object").toUpperCase(Locale.ROOT);
        if (!object.equals("ARINVOICE")) {
            throw IntacctError.of("XL03000003", "Unsupported object", "read supports ARINVOICE only", "", "object", "");
        }
        Element data = doc.createElement("data");
        data.setAttribute("listtype", object);
        int count = 0;
        for (String key : text(body, "keys").split(",")) {
            Optional<ArInvoice> invoice = parseLong(key.trim()).flatMap(company::invoice);
            if (invoice.isEmpty()) {
                continue;
            }
            count++;
            Element record = add(data, object);
            invoiceRow(invoice.get()).forEach((k, v) -> add(record, k, v));
            Element items = add(record, "ARINVOICEITEMS");
            int lineNo = 1;
            for (ArInvoiceLine line : invoice.get().lines()) {
                Element item = add(items, "arinvoiceitem");
                add(item, "LINE_NO", Integer.toString(lineNo++));
                add(item, "ACCOUNTNO", line.accountNo());
                add(item, "AMOUNT", line.amount().toPlainString());
                add(item, "ENTRYDESCRIPTION", line.memo());
                for (IntacctDimension d : IntacctDimension.values()) {
                    add(item, d.readField(), line.dimensions().getOrDefault(d, ""));
                }
                line.customFields().forEach((k, v) -> add(item, k.toUpperCase(Locale.ROOT), v));
                if (!line.taxDetailId().isEmpty()) {
                    Element entry = add(add(item, "TAXENTRIES"), "TAXENTRY");
                    add(entry, "DETAILID", line.taxDetailId());
                    add(entry, "TRX_TAX", line.tax().toPlainString());
                }
            }
        }
        data.setAttribute("count", Integer.toString(count));
        return data;
    }

    // ------------------------------------------------------------------------------------------------ create

    private Element create(Document doc, Element body) {
        Element record = children(body).isEmpty() ? null : children(body).get(0);
        if (record == null || !record.getTagName().equals("CUSTOMER")) {
            throw IntacctError.of("XL03000003", "Unsupported object", "create supports CUSTOMER only", "", "object",
                    "");
        }
        Element contact = child(record, "DISPLAYCONTACT").orElse(null);
        if (contact == null || text(contact, "PRINTAS").isEmpty()) {
            throw IntacctError.of("BL01001973", "Missing required field", "DISPLAYCONTACT.PRINTAS is required",
                    "Enter the print-as name", "PRINTAS", "");
        }
        ArCustomer c = company.createCustomer(text(record, "CUSTOMERID"), text(record, "NAME"),
                text(contact, "EMAIL1"), text(contact, "PHONE1"));
        Element data = doc.createElement("data");
        data.setAttribute("listtype", "objects");
        data.setAttribute("count", "1");
        Element out = add(data, "customer");
        add(out, "RECORDNO", Long.toString(c.recordNo()));
        add(out, "CUSTOMERID", c.customerId());
        return data;
    }

    private Element createInvoice(Document doc, Element body, Session session) {
        String problem = orderProblem(body, INVOICE_ORDER);
        if (problem != null) {
            throw IntacctError.of("XL03000003", "XML Parse schema error", "create_invoice: " + problem, "", "", "");
        }
        Element items = child(body, "invoiceitems").orElse(null);
        List<ArInvoiceLine> lines = new ArrayList<>();
        if (items != null) {
            for (Element item : children(items, "lineitem")) {
                String lineProblem = orderProblem(item, LINE_ORDER);
                if (lineProblem != null) {
                    throw IntacctError.of("XL03000003", "XML Parse schema error", "lineitem: " + lineProblem, "", "",
                            "");
                }
                lines.add(line(item));
            }
        }
        if (child(body, "datedue").isEmpty() && child(body, "termname").isEmpty()) {
            throw IntacctError.of("BL03000018", "Missing due date", "datedue or termname is required",
                    "Enter a due date", "datedue", "");
        }
        LocalDate created = date(child(body, "datecreated").orElseThrow(() -> IntacctError.of("BL03000018",
                "Missing date", "datecreated is required", "", "datecreated", "")));
        LocalDate due = child(body, "datedue").map(XmlGateway::date).orElse(created.plusDays(30));
        ArInvoice invoice = company.createInvoice(new IntacctCompany.NewInvoice(text(body, "customerid"), created, due,
                text(body, "ponumber"), text(body, "description"),
                text(body, "currency").isEmpty() ? "USD" : text(body, "currency"),
                "Draft".equalsIgnoreCase(text(body, "action")), lines, session.entity()));
        Element key = doc.createElement("key");
        key.setTextContent(Long.toString(invoice.recordNo()));
        return key;
    }

    private static ArInvoiceLine line(Element item) {
        String amount = text(item, "amount");
        if (!amount.matches("-?\\d+(\\.\\d{1,2})?")) {
            throw IntacctError.of("BL03000018", "Invalid amount", "amount '" + amount + "' is not a decimal with at "
                    + "most 2 places", "Enter an amount", "amount", "");
        }
        Map<IntacctDimension, String> dims = new EnumMap<>(IntacctDimension.class);
        for (IntacctDimension d : IntacctDimension.values()) {
            String v = text(item, d.lineElement());
            if (!v.isEmpty()) {
                dims.put(d, v);
            }
        }
        Map<String, String> custom = new LinkedHashMap<>();
        child(item, "customfields").ifPresent(cf -> children(cf, "customfield").forEach(f ->
                custom.put(text(f, "customfieldname"), text(f, "customfieldvalue"))));
        String detail = "";
        BigDecimal tax = BigDecimal.ZERO;
        Optional<Element> entry = child(item, "taxentries").flatMap(t -> child(t, "taxentry"));
        if (entry.isPresent()) {
            detail = text(entry.get(), "detailid");
            String trx = text(entry.get(), "trx_tax");
            tax = trx.isEmpty() ? BigDecimal.ZERO : new BigDecimal(trx);
        }
        return new ArInvoiceLine(text(item, "glaccountno"), new BigDecimal(amount), text(item, "memo"), dims, custom,
                detail, tax);
    }

    private static LocalDate date(Element e) {
        try {
            return LocalDate.of(Integer.parseInt(text(e, "year")), Integer.parseInt(text(e, "month")),
                    Integer.parseInt(text(e, "day")));
        } catch (RuntimeException ex) {
            throw IntacctError.of("BL03000018", "Invalid date", e.getTagName() + " is not a valid year/month/day",
                    "", e.getTagName(), "");
        }
    }

    static String orderProblem(Element parent, List<String> order) {
        int last = -1;
        for (Element child : children(parent)) {
            int index = order.indexOf(child.getTagName());
            if (index < 0) {
                return "unexpected element " + child.getTagName();
            }
            if (index <= last) {
                return "element " + child.getTagName() + " is out of the order the DTD requires";
            }
            last = index;
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ output

    private SimulatedResponse renderFault(IntacctFault fault, String controlId, Element function) {
        if (fault instanceof IntacctFault.Status s) {
            SimulatedResponse r = SimulatedResponse.html(s.status(), "<html><body><h1>" + s.status()
                    + "</h1></body></html>");
            return s.retryAfter().isZero() ? r : r.withHeader("Retry-After", Long.toString(s.retryAfter().toSeconds()));
        }
        IntacctFault.Rejection rejection = (IntacctFault.Rejection) fault;
        Document out = XmlDocuments.newDocument();
        Element response = out.createElement("response");
        out.appendChild(response);
        Element control = add(response, "control");
        add(control, "status", "success");
        add(control, "controlid", controlId);
        Element operation = add(response, "operation");
        add(add(operation, "authentication"), "status", "success");
        Element result = add(operation, "result");
        add(result, "status", "failure");
        add(result, "function", firstChildName(function));
        add(result, "controlid", function.getAttribute("controlid"));
        error(add(result, "errormessage"), "BL03000018", "Invalid value", rejection.field() + ": "
                + rejection.message(), "Correct " + rejection.field());
        return xml(rejection.status(), out);
    }

    private static SimulatedResponse controlFailure(int status, String controlId, String errorno, String description,
                                                    String description2) {
        Document out = XmlDocuments.newDocument();
        Element response = out.createElement("response");
        out.appendChild(response);
        Element control = add(response, "control");
        add(control, "status", "failure");
        add(control, "senderid", "");
        add(control, "controlid", controlId);
        error(add(response, "errormessage"), errorno, description, description2, "");
        return xml(status, out);
    }

    private static void error(Element errors, String errorno, String description, String description2,
                              String correction) {
        Element e = add(errors, "error");
        add(e, "errorno", errorno);
        add(e, "description", description);
        add(e, "description2", description2);
        add(e, "correction", correction);
    }

    private static SimulatedResponse xml(int status, Document doc) {
        return new SimulatedResponse(status, Map.of("Content-Type", "text/xml; charset=UTF-8"),
                XmlDocuments.write(doc));
    }

    private static String firstChildName(Element function) {
        List<Element> c = children(function);
        return c.isEmpty() ? "" : c.get(0).getTagName();
    }

    private static int intOr(String s, int fallback) {
        try {
            return s.isEmpty() ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
