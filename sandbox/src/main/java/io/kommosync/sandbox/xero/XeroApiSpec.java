package io.kommosync.sandbox.xero;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import io.kommosync.sandbox.SandboxException;
import io.kommosync.sandbox.http.SimulatedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Xero's official OpenAPI documents as a request validator: the Accounting API ({@code xero_accounting.yaml},
 * v16.1.0) for paths under {@value #ACCOUNTING_BASE_PATH}, and the identity API ({@code xero-identity.yaml}) for
 * {@code /connections}. The documents ship in this jar unchanged (MIT licence, see the {@code spec} folder's README).
 *
 * <p>The {@link XeroSimulator} answers 400 to any request this validator rejects; the adapter's WireMock tests
 * validate every request of WireMock's serve log with it.
 *
 * <p>Parsing the 900 KB Accounting document takes a few seconds, so {@link #load()} parses it once per class
 * loader and shares the result. Thread-safe.
 */
public final class XeroApiSpec {

    /** The path prefix of the Accounting API, as in {@code https://api.xero.com/api.xro/2.0/Invoices}. */
    public static final String ACCOUNTING_BASE_PATH = "/api.xro/2.0";

    private static final String SPEC_FOLDER = "spec/";
    private static volatile XeroApiSpec loaded;

    private final OpenApiInteractionValidator accounting;
    private final OpenApiInteractionValidator identity;

    private XeroApiSpec() {
        this.accounting = OpenApiInteractionValidator.createForInlineApiSpecification(read("xero_accounting.yaml"))
                .withBasePathOverride(ACCOUNTING_BASE_PATH).build();
        this.identity = OpenApiInteractionValidator.createForInlineApiSpecification(read("xero-identity.yaml"))
                .withBasePathOverride("/").build();
    }

    /**
     * The validator, parsed on first use and shared afterwards.
     *
     * @return the validator
     */
    public static XeroApiSpec load() {
        XeroApiSpec spec = loaded;
        if (spec == null) {
            synchronized (XeroApiSpec.class) {
                spec = loaded;
                if (spec == null) {
                    spec = new XeroApiSpec();
                    loaded = spec;
                }
            }
        }
        return spec;
    }

    /**
     * Validates a request the way it went over the wire.
     *
     * @param method   the HTTP method
     * @param path     the decoded path; the part from {@value #ACCOUNTING_BASE_PATH} on is validated against the
     *                 Accounting API, a path ending in {@code /connections} against the identity API
     * @param rawQuery the query string as sent, or {@code null}
     * @param headers  the headers as sent
     * @param body     the body bytes, empty for none
     * @return what the specification rejects, one line per problem; empty when the request is valid
     * @throws IllegalArgumentException if the path belongs to neither API
     */
    public List<String> problems(String method, String path, String rawQuery, Map<String, List<String>> headers,
                                 byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        OpenApiInteractionValidator validator;
        String specPath;
        int api = path.indexOf(ACCOUNTING_BASE_PATH + "/");
        if (api >= 0) {
            validator = accounting;
            specPath = path.substring(api);
        } else if (path.toLowerCase(Locale.ROOT).endsWith("/connections")) {
            // Xero's documentation and SDKs call /connections; the identity document spells it /Connections.
            validator = identity;
            specPath = "/Connections";
        } else {
            throw new IllegalArgumentException("'" + path + "' is neither under " + ACCOUNTING_BASE_PATH
                    + " nor /connections");
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(method.toUpperCase(Locale.ROOT), specPath);
        headers.forEach((name, values) -> request.withHeader(name, List.copyOf(values)));
        SimulatedRequest.decodeForm(rawQuery).forEach((name, values) -> request.withQueryParam(name, values));
        if (body.length > 0) {
            request.withBody(new String(body, StandardCharsets.UTF_8));
        }
        Request built = request.build();
        ValidationReport report = validator.validateRequest(built);
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }

    /**
     * Validates a request a simulator received.
     *
     * @param request the request
     * @return the problems, empty when valid
     */
    public List<String> problems(SimulatedRequest request) {
        return problems(request.method(), request.path(), request.rawQuery(), request.headers(), request.body());
    }

    private static String read(String name) {
        try (InputStream in = XeroApiSpec.class.getResourceAsStream(SPEC_FOLDER + name)) {
            if (in == null) {
                throw new SandboxException("the Xero OpenAPI document " + name + " is missing from the sandbox jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Xero OpenAPI document " + name, e);
        }
    }

    @Override
    public String toString() {
        return "XeroApiSpec[xero_accounting.yaml 16.1.0, xero-identity.yaml 16.1.0]";
    }
}
