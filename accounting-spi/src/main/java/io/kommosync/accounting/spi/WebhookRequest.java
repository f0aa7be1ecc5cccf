package io.kommosync.accounting.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request a ledger sent to our webhook endpoint, exactly as received: the signature is computed over the
 * raw body bytes, so nothing here is decoded.
 *
 * @param method  the HTTP method, upper case
 * @param path    the request path
 * @param headers the headers; names are matched case-insensitively
 * @param body    the raw body bytes (copied; {@link #body()} returns a copy)
 */
public record WebhookRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> copy.merge(k, List.copyOf(v),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = Objects.requireNonNull(body, "body").clone();
        method = method.toUpperCase(Locale.ROOT);
    }

    /**
     * The raw body.
     *
     * @return a copy of the body bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the first value, or empty
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookRequest r && method.equals(r.method) && path.equals(r.path)
                && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + path + ", " + body.length + " bytes]";
    }
}
