package io.kommosync.client.http;

import feign.Response;
import io.kommosync.client.internal.Checks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Small, failure-tolerant readers for {@link feign.Response}s, meant for error decoders: they never throw on a
 * missing, huge or broken body, and never read more than a bounded number of bytes.
 *
 * <p>Reading a body consumes it; read it once and keep the result. All methods are thread-safe (they hold no state).
 */
public final class HttpResponses {

    /** Largest number of body bytes the one-argument readers return: 64 KiB. */
    public static final int DEFAULT_BODY_LIMIT = 64 * 1024;

    private HttpResponses() {
    }

    /**
     * Reads at most {@value #DEFAULT_BODY_LIMIT} bytes of the body.
     *
     * @param response the response
     * @return the body bytes, truncated to the limit; empty when there is no body or it cannot be read
     */
    public static byte[] bodyBytes(Response response) {
        return bodyBytes(response, DEFAULT_BODY_LIMIT);
    }

    /**
     * Reads at most {@code maxBytes} bytes of the body.
     *
     * @param response the response
     * @param maxBytes the cap; at least 0
     * @return the body bytes, truncated to {@code maxBytes}; empty when there is no body or it cannot be read
     * @throws IllegalArgumentException when {@code maxBytes} is negative
     */
    public static byte[] bodyBytes(Response response, int maxBytes) {
        Checks.notNull(response, "response", "pass the feign.Response given to the error decoder");
        Checks.atLeast(maxBytes, 0, "maxBytes", "pass a non-negative cap such as HttpResponses.DEFAULT_BODY_LIMIT");
        Response.Body body = response.body();
        if (body == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 8192));
        try (InputStream in = body.asInputStream()) {
            byte[] buffer = new byte[8192];
            int remaining = maxBytes;
            while (remaining > 0) {
                int read = in.read(buffer, 0, Math.min(buffer.length, remaining));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                remaining -= read;
            }
        } catch (IOException | RuntimeException e) {
            // A broken or already consumed body must not hide the HTTP status the caller is decoding.
            return out.toByteArray();
        }
        return out.toByteArray();
    }

    /**
     * Reads at most {@value #DEFAULT_BODY_LIMIT} bytes of the body as text, in the response's charset (UTF-8 when
     * it declares none). A multi-byte character cut by the limit decodes as a replacement character.
     *
     * @param response the response
     * @return the body text; empty when there is no body or it cannot be read
     */
    public static String bodyText(Response response) {
        byte[] bytes = bodyBytes(response, DEFAULT_BODY_LIMIT);
        Charset charset = response.charset() == null ? StandardCharsets.UTF_8 : response.charset();
        return new String(bytes, charset);
    }

    /**
     * Returns the first value of a header, matching its name case-insensitively.
     *
     * @param response the response
     * @param name     header name, e.g. {@code "Retry-After"}
     * @return the first value, or empty when the header is absent
     */
    public static Optional<String> firstHeader(Response response, String name) {
        Checks.notNull(response, "response", "pass the feign.Response given to the error decoder");
        return firstValue(response.headers(), name);
    }

    /**
     * Returns the first value stored under {@code name} (case-insensitive) in a Feign-style header map.
     *
     * @param headers header map; may be null
     * @param name    header name
     * @return the first value, or empty when absent
     */
    public static Optional<String> firstValue(Map<String, Collection<String>> headers, String name) {
        Checks.notNull(name, "name", "pass a header name such as \"Retry-After\"");
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, Collection<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null) {
                for (String value : entry.getValue()) {
                    if (value != null) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the {@code Retry-After} header as the time to wait.
     *
     * @param response the response
     * @param clock    the clock "now" is read from when the header holds an HTTP-date
     * @return the wait, or empty when the header is absent or unusable; see {@link #parseRetryAfter(String, Clock)}
     */
    public static Optional<Duration> retryAfter(Response response, Clock clock) {
        return firstHeader(response, "Retry-After").flatMap(value -> parseRetryAfter(value, clock));
    }

    /**
     * Parses a {@code Retry-After} value (RFC 9110 section 10.2.3): either delta-seconds ({@code "120"}) or an
     * HTTP-date in RFC 1123 form ({@code "Wed, 21 Oct 2015 07:28:00 GMT"}).
     *
     * @param value the header value; may be null
     * @param clock the clock "now" is read from for HTTP-dates
     * @return the wait; empty for null, blank, negative, overflowing or unparseable values and for dates in the
     *     past
     */
    public static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        Checks.notNull(clock, "clock", "pass Clock.systemUTC() or the clock your client was built with");
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Optional.empty() : Optional.of(wait);
        } catch (DateTimeParseException garbage) {
            return Optional.empty();
        }
    }
}
