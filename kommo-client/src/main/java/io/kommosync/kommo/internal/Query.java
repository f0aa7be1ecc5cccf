package io.kommosync.kommo.internal;

import io.kommosync.kommo.KommoException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered query-parameter map for Feign's {@code @QueryMap}: each key holds a {@code String} or a
 * {@code List<String>} (sent as repeated parameters, as {@code filter[id][]} needs). Also reads the query of a
 * Kommo {@code _links.next.href}, so paging follows Kommo's own link while every request still goes to the
 * client's base URL (a token is never sent to a host named by a response).
 *
 * <p>Mutable and not thread-safe; build one per request. Not part of the public API.
 */
public final class Query {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * Sets a single-valued parameter, replacing earlier values.
     *
     * @param key   the parameter name, unencoded, such as {@code filter[updated_at][from]}
     * @param value its value
     * @return this query
     */
    public Query put(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    /**
     * Sets a repeated parameter.
     *
     * @param key   the parameter name, such as {@code filter[id][]}
     * @param items its values, in order; nothing is set when empty
     * @return this query
     */
    public Query putAll(String key, Collection<?> items) {
        if (!items.isEmpty()) {
            List<String> list = new ArrayList<>(items.size());
            items.forEach(item -> list.add(String.valueOf(item)));
            values.put(key, List.copyOf(list));
        }
        return this;
    }

    /**
     * Returns the map to pass as {@code @QueryMap}.
     *
     * @return an unmodifiable view
     */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * Reads the query of a {@code _links.next.href} and checks that it continues the expected endpoint.
     *
     * @param href         the link
     * @param expectedPath the path the link must point to, such as {@code /api/v4/leads}
     * @return the link's query parameters
     * @throws KommoException when the link is malformed or points to another endpoint
     */
    public static Query ofLink(String href, String expectedPath) {
        URI uri;
        try {
            uri = new URI(href.trim());
        } catch (URISyntaxException e) {
            throw new KommoException("Unexpected Kommo answer: the next-page link of " + expectedPath
                + " is not a valid URL", e);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !stripSlash(path).equals(stripSlash(expectedPath))) {
            throw new KommoException("Unexpected Kommo answer: the next-page link of " + expectedPath
                + " points to another endpoint (" + path.length() + " characters); not following it");
        }
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parsed.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        Query query = new Query();
        parsed.forEach((key, list) -> {
            if (list.size() == 1 && !key.endsWith("[]")) {
                query.put(key, list.get(0));
            } else {
                query.putAll(key, list);
            }
        });
        return query;
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new KommoException("Unexpected Kommo answer: a next-page link holds a malformed escape", e);
        }
    }
}
