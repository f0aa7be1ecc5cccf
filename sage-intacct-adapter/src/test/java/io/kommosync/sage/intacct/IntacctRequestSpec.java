package io.kommosync.sage.intacct;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks requests against the vendor's own documents: XML requests against the element order of the official
 * SDK's expected envelope, {@code create_invoice} and {@code lineitem} (the DTD order), REST invoice lines against
 * the official invoice-line OpenAPI (each line validated as an invoice-line create, with
 * swagger-request-validator).
 */
final class IntacctRequestSpec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTROL_ORDER = childNames(spec("request-envelope-session.xml"), "control");
    private static final List<String> INVOICE_ORDER = childNames(spec("function-create_invoice-all-header-elements.xml"),
            "create_invoice");
    private static final List<String> LINE_ORDER = lineOrder();
    private static final OpenApiInteractionValidator LINES = OpenApiInteractionValidator
            .createForInlineApiSpecification(new String(spec("intacct-rest-invoice-line.openapi.json"),
                    StandardCharsets.UTF_8))
            // The spec does not forbid extra properties (custom fields travel as extra line properties); the
            // validator's own strictness about them would also break allOf combinations, so it is turned off.
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE).build())
            .withResolveCombinators(true)
            .build();

    private IntacctRequestSpec() {
    }

    static void assertAllValid(List<LoggedRequest> requests) {
        List<String> problems = new ArrayList<>();
        for (LoggedRequest r : requests) {
            if (r.getUrl().contains("/ia/xml/")) {
                problems.addAll(xmlProblems(r.getBody()));
            } else if (r.getMethod().getName().equals("POST")
                    && r.getUrl().startsWith("/ia/api/v1/objects/accounts-receivable/invoice")) {
                problems.addAll(restLineProblems(r.getBodyAsString()));
            }
        }
        assertThat(problems).as("requests that break the vendor's documents").isEmpty();
    }

    static List<String> xmlProblems(byte[] body) {
        List<String> problems = new ArrayList<>();
        Document doc = parse(body);
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("request")) {
            return List.of("root element is " + root.getTagName());
        }
        for (Element control : elements(root, "control")) {
            order(control, CONTROL_ORDER, problems);
        }
        for (Node n : descendants(root, "create_invoice")) {
            Element invoice = (Element) n;
            order(invoice, INVOICE_ORDER, problems);
            for (Element items : elements(invoice, "invoiceitems")) {
                for (Element line : elements(items, "lineitem")) {
                    order(line, LINE_ORDER, problems);
                    if (elements(line, "amount").isEmpty()) {
                        problems.add("lineitem without amount");
                    }
                }
            }
        }
        return problems;
    }

    static List<String> restLineProblems(String body) {
        List<String> problems = new ArrayList<>();
        try {
            JsonNode invoice = JSON.readTree(body);
            int i = 0;
            for (JsonNode line : invoice.path("lines")) {
                ObjectNode asLineCreate = ((ObjectNode) line.deepCopy());
                asLineCreate.set("invoice", JSON.createObjectNode().put("key", "1"));
                ValidationReport report = validateLine(asLineCreate.toString());
                int index = i++;
                report.getMessages().forEach(m -> problems.add("lines[" + index + "]: " + m.getMessage()));
            }
        } catch (IOException e) {
            problems.add("body is not JSON: " + e.getMessage());
        }
        return problems;
    }

    static ValidationReport validateLine(String lineJson) {
        Request request = SimpleRequest.Builder.post("/ia/api/v1/objects/accounts-receivable/invoice-line")
                .withContentType("application/json").withHeader("Authorization", "Bearer test")
                .withBody(lineJson).build();
        return LINES.validateRequest(request);
    }

    private static void order(Element parent, List<String> order, List<String> problems) {
        int last = -1;
        for (Element child : elements(parent)) {
            String name = child.getTagName().equals("glaccountno") && !order.contains("glaccountno")
                    ? "accountlabel" : child.getTagName();
            int index = order.indexOf(name);
            if (index < 0) {
                problems.add(parent.getTagName() + ": element " + name + " is not in the vendor's document");
            } else if (index <= last) {
                problems.add(parent.getTagName() + ": element " + name + " is out of the DTD order " + order);
            }
            last = Math.max(last, index);
        }
    }

    private static List<String> lineOrder() {
        List<String> order = new ArrayList<>(childNames(spec("lineitem-all-elements.xml"), "lineitem"));
        order.add(order.indexOf("accountlabel") + 1, "glaccountno");
        return List.copyOf(order);
    }

    private static List<String> childNames(byte[] doc, String element) {
        Element e = (Element) descendants(parse(doc).getDocumentElement(), element).get(0);
        return elements(e).stream().map(Element::getTagName).toList();
    }

    private static List<Node> descendants(Element root, String name) {
        List<Node> out = new ArrayList<>();
        if (root.getTagName().equals(name)) {
            out.add(root);
        }
        var list = root.getElementsByTagName(name);
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i));
        }
        return out;
    }

    private static List<Element> elements(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<Element> elements(Element e, String name) {
        return elements(e).stream().filter(c -> c.getTagName().equals(name)).toList();
    }

    private static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    static byte[] spec(String name) {
        try (InputStream in = IntacctRequestSpec.class.getResourceAsStream("/intacct-spec/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing /intacct-spec/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
