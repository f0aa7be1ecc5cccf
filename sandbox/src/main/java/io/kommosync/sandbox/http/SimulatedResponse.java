package io.kommosync.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a simulator answers: status, headers and body bytes.
 *
 * <p>Immutable and thread-safe; the body is copied in and out.
 *
 * @param status the HTTP status code (100 to 599)
 * @param headers response headers (a single value each)
 * @param body the body bytes, empty for none
 */
public record SimulatedResponse(int status, Map<String, String> headers, byte[] body) {

    /** Content type of JSON success bodies. */
    public static final String APPLICATION_JSON = "application/json";
    /** Content type of RFC 7807 problem bodies. */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** Content type of HTML pages. */
    public static final String TEXT_HTML = "text/html; charset=utf-8";

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the status is outside 100..599
     */
    public SimulatedResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status code 100..599, was " + status);
        }
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** @return a copy of the body bytes */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * A copy of this response with one more header (replacing a header of the same name).
     *
     * @param name header name
     * @param value header value
     * @return the new response
     */
    public SimulatedResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new SimulatedResponse(status, copy, body);
    }

    /**
     * A JSON response.
     *
     * @param status HTTP status
     * @param contentType for example {@code application/hal+json}
     * @param body a Jackson tree, map or record
     * @return the response
     */
    public static SimulatedResponse json(int status, String contentType, Object body) {
        return new SimulatedResponse(status, Map.of("Content-Type", contentType), Json.write(body));
    }

    /**
     * A response without a body, such as {@code 204 No Content}.
     *
     * @param status HTTP status
     * @return the response
     */
    public static SimulatedResponse empty(int status) {
        return new SimulatedResponse(status, Map.of(), new byte[0]);
    }

    /**
     * An HTML response.
     *
     * @param status HTTP status
     * @param html the page
     * @return the response
     */
    public static SimulatedResponse html(int status, String html) {
        return new SimulatedResponse(status, Map.of("Content-Type", TEXT_HTML),
                html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The HTML error page nginx answers with, as Kommo's edge does for 429 and for blocked clients (403).
     *
     * @param status HTTP status
     * @param reason the reason phrase, for example {@code Too Many Requests}
     * @return the response
     */
    public static SimulatedResponse nginxError(int status, String reason) {
        String title = status + " " + reason;
        return html(status, "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    /**
     * An {@code application/problem+json} error in the {@code https://httpstatus.es/{status}} style Kommo uses.
     *
     * @param status HTTP status
     * @param title short title, for example {@code Bad Request}
     * @param detail what went wrong
     * @return the response
     */
    public static SimulatedResponse problem(int status, String title, String detail) {
        var node = Json.object();
        node.put("title", title);
        node.put("type", "https://httpstatus.es/" + status);
        node.put("status", status);
        node.put("detail", detail);
        return json(status, PROBLEM_JSON, node);
    }

    @Override
    public String toString() {
        return "SimulatedResponse[" + status + ", " + headers.getOrDefault("Content-Type", "no content type") + ", "
                + body.length + " body bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulatedResponse r && r.status == status && r.headers.equals(headers)
                && java.util.Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, java.util.Arrays.hashCode(body));
    }
}
