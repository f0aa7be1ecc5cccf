package io.kommosync.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as a route handler sees it: method, decoded path, raw query, headers, the raw body bytes and the
 * variables bound by the route pattern.
 *
 * <p>Immutable and thread-safe. Header lookups ignore case.
 */
public final class SimulatedRequest {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Map<String, String> pathVariables;

    /**
     * Creates a request.
     *
     * @param method HTTP method, upper case
     * @param path the decoded path, starting with {@code /}
     * @param rawQuery the query string as sent (still percent-encoded), or {@code null} when there was none
     * @param headers header values by name
     * @param body the raw body, empty when there was none
     * @param pathVariables values bound by the route pattern, empty before routing
     */
    public SimulatedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
            byte[] body, Map<String, String> pathVariables) {
        this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        this.path = Objects.requireNonNull(path, "path");
        this.rawQuery = rawQuery;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = Objects.requireNonNull(body, "body").clone();
        this.pathVariables = Map.copyOf(Objects.requireNonNull(pathVariables, "pathVariables"));
    }

    /** @return the HTTP method, upper case */
    public String method() {
        return method;
    }

    /** @return the decoded path, starting with {@code /} */
    public String path() {
        return path;
    }

    /** @return the raw (percent-encoded) query string, or {@code null} when the request had none */
    public String rawQuery() {
        return rawQuery;
    }

    /** @return every header as received; use {@link #header(String)} for case-insensitive lookups */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** @return a copy of the raw body bytes */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The first value of a header.
     *
     * @param name header name, any case
     * @return the value, or empty when the header is absent
     */
    public Optional<String> header(String name) {
        return headerValue(headers, name);
    }

    static Optional<String> headerValue(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /**
     * A variable bound by the route pattern, for example {@code id} in {@code /api/v4/leads/{id}}.
     *
     * @param name the variable name without braces
     * @return its value
     * @throws IllegalArgumentException if the route pattern has no such variable
     */
    public String pathVariable(String name) {
        String value = pathVariables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route pattern has no variable {" + name + "}; bound: "
                    + pathVariables.keySet());
        }
        return value;
    }

    /** @return every variable bound by the route pattern */
    public Map<String, String> pathVariables() {
        return pathVariables;
    }

    /**
     * The decoded query parameters in the order sent; repeated keys keep every value. Keys keep their brackets:
     * {@code filter[id][]=1&filter[id][]=2} gives {@code {"filter[id][]": ["1", "2"]}}.
     *
     * @return parameters by decoded key
     */
    public Map<String, List<String>> queryParameters() {
        return decodeForm(rawQuery);
    }

    /**
     * The first value of a query parameter.
     *
     * @param key the decoded key
     * @return the value, or empty when absent
     */
    public Optional<String> query(String key) {
        List<String> values = queryParameters().get(key);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Parses the body as JSON.
     *
     * @return the JSON tree
     * @throws RejectedRequest with a 400 problem response if the body is empty or not JSON
     */
    public JsonNode json() {
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest(SimulatedResponse.problem(400, "Bad Request", e.getMessage()));
        }
    }

    /**
     * Parses an {@code application/x-www-form-urlencoded} body.
     *
     * @return the decoded fields in the order sent
     */
    public Map<String, List<String>> form() {
        return decodeForm(bodyText());
    }

    /**
     * Decodes a form-encoded string ({@code a=1&b=2}) into an ordered multimap.
     *
     * @param encoded the encoded string, or {@code null}
     * @return the decoded fields; empty for {@code null} or blank input
     */
    public static Map<String, List<String>> decodeForm(String encoded) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (encoded == null || encoded.isBlank()) {
            return Collections.unmodifiableMap(result);
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        result.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(result);
    }

    /** Omits header values and the body: they may carry credentials. */
    @Override
    public String toString() {
        return "SimulatedRequest[" + method + " " + path + (rawQuery == null ? "" : "?" + rawQuery) + ", "
                + body.length + " body bytes]";
    }
}
