package io.kommosync.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request a simulator received and what became of it.
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves out headers and body (they may carry credentials).
 *
 * @param sequence admission order, starting at 1 for each server
 * @param arrivedAt wall-clock arrival, from the simulator's clock
 * @param arrivalNanos monotonic arrival ({@link System#nanoTime()}), the time base of rate limiting
 * @param method HTTP method, upper case
 * @param path decoded path
 * @param rawQuery the query as sent, or {@code null} when there was none
 * @param headers request headers as received
 * @param body raw request body bytes
 * @param status the status answered, or {@code 0} when the connection was dropped without an answer
 * @param outcome what the pipeline did with the request
 */
public record JournalEntry(long sequence, Instant arrivedAt, long arrivalNanos, String method, String path,
        String rawQuery, Map<String, List<String>> headers, byte[] body, int status, Outcome outcome) {

    /** What the server pipeline did with a request. */
    public enum Outcome {
        /** A route handler answered. */
        HANDLED,
        /** A route handler answered, after an injected delay meant to exceed the client's timeout. */
        DELAYED,
        /** The rate limit answered 429. */
        THROTTLED,
        /** The key was blocked for abuse; answered 403. */
        BLOCKED,
        /** The fault plan answered with an injected error response. */
        FAULT,
        /** The fault plan dropped the connection without an answer ({@code status} is 0). */
        RESET,
        /** No route matched the path (404) or the method (405). */
        NOT_ROUTED,
        /**
         * A route handler acted, then the fault plan dropped the connection without sending its answer
         * ({@code status} is what the handler answered).
         */
        ANSWER_LOST
    }

    /** Validates and copies. */
    public JournalEntry {
        Objects.requireNonNull(arrivedAt, "arrivedAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(outcome, "outcome");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = Collections.unmodifiableMap(copy);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** @return a copy of the raw body bytes */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The first value of a request header.
     *
     * @param name header name, any case
     * @return the value, or empty when absent
     */
    public Optional<String> header(String name) {
        return SimulatedRequest.headerValue(headers, name);
    }

    /**
     * Whether this request was for {@code method} and a path starting with {@code pathPrefix}.
     *
     * @param method HTTP method, any case, or {@code null} for any
     * @param pathPrefix path prefix, for example {@code /api/v4/leads}
     * @return true when both match
     */
    public boolean matches(String method, String pathPrefix) {
        return (method == null || this.method.equalsIgnoreCase(method)) && path.startsWith(pathPrefix);
    }

    @Override
    public String toString() {
        return "JournalEntry[#" + sequence + " " + method + " " + path + (rawQuery == null ? "" : "?" + rawQuery)
                + " -> " + status + " " + outcome + " at " + arrivedAt + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalEntry e && e.sequence == sequence && e.arrivalNanos == arrivalNanos
                && e.status == status && e.arrivedAt.equals(arrivedAt) && e.method.equals(method)
                && e.path.equals(path) && Objects.equals(e.rawQuery, rawQuery) && e.headers.equals(headers)
                && Arrays.equals(e.body, body) && e.outcome == outcome;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, arrivalNanos, method, path, status, outcome);
    }
}
