package io.kommosync.sandbox.sage;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import io.kommosync.sandbox.SandboxException;
import io.kommosync.sandbox.http.SimulatedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Sage Business Cloud Accounting's published v3.1 Swagger 2.0 specification ("Accounts", base path
 * {@value #BASE_PATH}) as a request validator, so that the simulator rejects what the spec rejects and tests can prove
 * that a client only sends what the spec allows.
 *
 * <p>The specification is the {@code .strict} copy kept in this module's resources: Sage's file with two mechanical
 * repairs that let strict validators load it, plus the {@code idempotency_id} property Sage's idempotency guide
 * documents on {@code contact} and {@code sales_invoice}. Validation is strict: a body property the schema does not
 * declare, a query parameter the operation does not declare, a wrong type or format, and a path or method the spec
 * does not have are all violations.
 *
 * <p>{@code GET /businesses} belongs to Sage's separate "core" specification, which is not held here;
 * {@link #isCoreApi(String)} tells such paths apart so callers can skip them.
 *
 * <p>Thread-safe. Loading the specification takes a second or two, so use the {@link #shared()} instance.
 */
public final class SageAccountingSpec {

    /** The classpath resource holding the specification, relative to this class. */
    public static final String RESOURCE = "sage-accounting-v3.1.swagger.strict.json";

    /** The base path every path of the specification is under. */
    public static final String BASE_PATH = "/v3.1";

    private static final Object SHARED_LOCK = new Object();
    private static volatile SageAccountingSpec shared;

    private final OpenApiInteractionValidator validator;

    private SageAccountingSpec(String specification) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(specification)
                .withLevelResolver(LevelResolver.create()
                        // The validator only notes these by default; a parameter the operation does not declare is
                        // usually a typo that Sage would silently ignore, so treat it as the error it is.
                        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
                        .build())
                .build();
    }

    /**
     * The specification, loaded once per class loader on first use.
     *
     * @return the shared instance
     * @throws SandboxException if the resource is missing or cannot be read
     */
    public static SageAccountingSpec shared() {
        SageAccountingSpec spec = shared;
        if (spec == null) {
            synchronized (SHARED_LOCK) {
                spec = shared;
                if (spec == null) {
                    spec = new SageAccountingSpec(readResource());
                    shared = spec;
                }
            }
        }
        return spec;
    }

    /**
     * The raw specification text.
     *
     * @return the JSON of the strict specification
     * @throws SandboxException if the resource is missing or cannot be read
     */
    public static String specificationText() {
        return readResource();
    }

    /**
     * Whether a path belongs to Sage's "core" API ({@code /businesses}), which shares the base URL but is described
     * by another specification than the one held here.
     *
     * @param path the request path, including {@value #BASE_PATH}
     * @return {@code true} for {@code /v3.1/businesses} and paths below it
     */
    public static boolean isCoreApi(String path) {
        Objects.requireNonNull(path, "path");
        String core = BASE_PATH + "/businesses";
        return path.equals(core) || path.startsWith(core + "/");
    }

    /**
     * Validates a request the simulator received.
     *
     * @param request the request
     * @return every violation, empty when the request conforms
     */
    public List<SpecViolation> validate(SimulatedRequest request) {
        Objects.requireNonNull(request, "request");
        return validate(request.method(), request.path(), request.rawQuery(), request.headers(), request.body());
    }

    /**
     * Validates a request against the specification.
     *
     * @param method   the HTTP method
     * @param path     the path, including {@value #BASE_PATH}, not percent-encoded
     * @param rawQuery the query string as sent (percent-encoded), or {@code null}
     * @param headers  the headers, names in any case
     * @param body     the body bytes (UTF-8), empty for none
     * @return every violation, empty when the request conforms
     */
    public List<SpecViolation> validate(String method, String path, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.valueOf(method.toUpperCase(Locale.ROOT)),
                path);
        SimulatedRequest.decodeForm(rawQuery).forEach(builder::withQueryParam);
        headers.forEach((name, values) -> {
            if (name != null) {
                builder.withHeader(name, values);
            }
        });
        if (body.length > 0) {
            builder.withBody(new String(body, StandardCharsets.UTF_8));
        }
        ValidationReport report = validator.validateRequest(builder.build());
        List<SpecViolation> violations = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            String source = message.getContext()
                    .flatMap(ValidationReport.MessageContext::getPointers)
                    .map(ValidationReport.MessageContext.Pointers::getInstance)
                    .filter(pointer -> !pointer.isEmpty())
                    .or(() -> message.getContext().flatMap(ValidationReport.MessageContext::getParameter)
                            .map(parameter -> parameter.getName()))
                    .orElse("");
            violations.add(new SpecViolation(message.getKey(), message.getMessage(), source));
        }
        return List.copyOf(violations);
    }

    private static String readResource() {
        try (InputStream in = SageAccountingSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new SandboxException("the Sage specification " + RESOURCE + " is missing from the class path; "
                        + "it ships in the sandbox jar next to " + SageAccountingSpec.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SandboxException("cannot read the Sage specification " + RESOURCE, e);
        }
    }
}
