package io.kommosync.kommo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.kommosync.client.http.BearerTokenInterceptor;
import io.kommosync.client.http.HttpResponses;
import io.kommosync.kommo.KommoAccessBlockedException;
import io.kommosync.kommo.KommoException;
import io.kommosync.kommo.KommoNotFoundException;
import io.kommosync.kommo.KommoPaymentRequiredException;
import io.kommosync.kommo.KommoRateLimitedException;
import io.kommosync.kommo.KommoUnavailableException;
import io.kommosync.kommo.KommoValidationException;
import io.kommosync.kommo.ValidationError;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns every non-2xx Kommo answer into a typed {@link KommoException}. Reads at most 64 KiB of the body, accepts
 * {@code application/problem+json} (with or without {@code validation-errors}) and HTML pages (nginx 403/429/5xx)
 * alike, and never quotes more than a short sanitised excerpt of it.
 *
 * <p>Thread-safe. Not part of the public API.
 */
public final class KommoErrorDecoder implements ErrorDecoder {

    private static final int MAX_DETAIL = 200;
    private static final int MAX_LISTED_ERRORS = 10;
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>",
        Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final ObjectMapper mapper;
    private final Clock clock;

    /**
     * Creates the decoder.
     *
     * @param mapper reads problem bodies
     * @param clock  the clock {@code Retry-After} dates are measured against
     */
    public KommoErrorDecoder(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        String operation = operation(response.request());
        String requestId = HttpResponses.firstHeader(response, "X-Request-Id").filter(id -> !id.isBlank())
            .map(id -> Texts.excerpt(id.trim(), 80)).orElse(null);
        Body body = read(response);
        String idNote = requestId == null ? "" : ", request id " + requestId;
        switch (status) {
            case 400, 422 -> {
                List<ValidationError> errors = validationErrors(body.json);
                return new KommoValidationException(validationMessage(operation, status, body, errors, idNote),
                    errors, status, requestId);
            }
            case 401 -> {
                return new UnauthorizedResponse(operation, " (" + body.summary() + idNote + ")", requestId,
                    BearerTokenInterceptor.bearerToken(response.request()).orElse(null));
            }
            case 402 -> {
                return new KommoPaymentRequiredException("Kommo refused " + operation
                    + ": the account's subscription is unpaid or expired (402 Payment Required; " + body.summary()
                    + idNote + "). Fix: the account owner must renew the Kommo subscription; pause this connection"
                    + " until then.", requestId);
            }
            case 403 -> {
                String text = body.html
                    ? "Kommo refused " + operation + " with an HTML 403 page (" + body.summary() + idNote + "): the"
                        + " integration or its IP address is blocked, typically after repeated rate-limit violations."
                        + " Fix: stop calling and ask Kommo support to unblock it."
                    : "Kommo refused " + operation + " (403 Forbidden: " + body.summary() + idNote + "). Fix: the"
                        + " user behind the token lacks the rights for this call (webhooks and custom fields need an"
                        + " account administrator), or the account is blocked.";
                return new KommoAccessBlockedException(text, body.html, requestId);
            }
            case 404 -> {
                return new KommoNotFoundException("Kommo has no " + operation + " (404 Not Found; " + body.summary()
                    + idNote + ")", requestId);
            }
            case 429 -> {
                Optional<Duration> wait = HttpResponses.retryAfter(response, clock);
                return new KommoRateLimitedException("Kommo throttled " + operation + " (429 Too Many Requests; "
                    + body.summary() + wait.map(w -> ", Retry-After " + w.toSeconds() + " s").orElse("") + idNote
                    + "): more than the integration's requests per second. Lower the client's rate limit if this"
                    + " repeats; repeated violations get the integration blocked.", wait.orElse(null), requestId);
            }
            default -> {
                if (status >= 500 || status == 408) {
                    return new KommoUnavailableException("Kommo failed on " + operation + " (" + status + "; "
                        + body.summary() + idNote + ")", null, status, requestId, true);
                }
                return new KommoException("Kommo answered " + operation + " with unexpected status " + status + " ("
                    + body.summary() + idNote + ")", null, status, requestId);
            }
        }
    }

    /**
     * Describes a request for messages: method and path, without query or host.
     *
     * @param request the request; may be null
     * @return e.g. {@code PATCH /api/v4/leads}
     */
    static String operation(Request request) {
        if (request == null) {
            return "the request";
        }
        String path;
        try {
            path = URI.create(request.url()).getRawPath();
        } catch (IllegalArgumentException e) {
            path = "(unparseable URL)";
        }
        return request.httpMethod().name() + " " + Texts.excerpt(path, 120);
    }

    private Body read(Response response) {
        String text = new String(HttpResponses.bodyBytes(response), StandardCharsets.UTF_8);
        String contentType = HttpResponses.firstHeader(response, "Content-Type").orElse("")
            .toLowerCase(Locale.ROOT);
        String trimmed = text.trim();
        boolean html = contentType.contains("html") || trimmed.startsWith("<");
        JsonNode json = null;
        if (!html && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
            try {
                json = mapper.readTree(trimmed);
            } catch (IOException notJson) {
                json = null;
            }
        }
        return new Body(trimmed, json, html);
    }

    private static List<ValidationError> validationErrors(JsonNode json) {
        List<ValidationError> errors = new ArrayList<>();
        if (json == null) {
            return errors;
        }
        JsonNode items = json.path("validation-errors");
        if (!items.isArray()) {
            items = json.path("validation_errors");
        }
        for (JsonNode item : items) {
            String requestId = field(item, "request_id");
            for (JsonNode error : item.path("errors")) {
                errors.add(new ValidationError(requestId, field(error, "path"), field(error, "code"),
                    field(error, "detail")));
            }
        }
        return errors;
    }

    private static String validationMessage(
        String operation, int status, Body body, List<ValidationError> errors, String idNote) {
        StringBuilder text = new StringBuilder("Kommo refused ").append(operation).append(" as invalid (")
            .append(status).append("; ").append(body.summary()).append(idNote).append(')');
        if (!errors.isEmpty()) {
            text.append(": ");
            for (int i = 0; i < Math.min(errors.size(), MAX_LISTED_ERRORS); i++) {
                if (i > 0) {
                    text.append("; ");
                }
                text.append(errors.get(i).describe());
            }
            if (errors.size() > MAX_LISTED_ERRORS) {
                text.append("; and ").append(errors.size() - MAX_LISTED_ERRORS).append(" more");
            }
        }
        return text.toString();
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isValueNode() && !value.isNull() ? Texts.excerpt(value.asText(), MAX_DETAIL) : "";
    }

    /** What an error body says, read defensively. */
    private record Body(String text, JsonNode json, boolean html) {

        String summary() {
            if (json != null) {
                String title = field(json, "title");
                String detail = field(json, "detail");
                String hint = field(json, "hint");
                StringBuilder out = new StringBuilder();
                for (String part : new String[] {title, detail, hint}) {
                    if (!part.isEmpty()) {
                        out.append(out.length() == 0 ? "" : ": ").append(part);
                    }
                }
                return out.length() == 0 ? "JSON body" : out.toString();
            }
            if (html) {
                Matcher title = TITLE.matcher(text);
                return title.find() ? "HTML page '" + Texts.excerpt(title.group(1).trim(), 60) + "'" : "HTML page";
            }
            return text.isEmpty() ? "empty body" : "body '" + Texts.excerpt(text, 60) + "'";
        }
    }
}
