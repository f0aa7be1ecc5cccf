package io.kommosync.sage.cloud.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds request URIs under the configured base URL and resolves Sage's {@code $next} links, refusing links to
 * another origin (the bearer token must never leave the configured host).
 */
final class SageUris {

    private final String base;
    private final URI baseUri;

    SageUris(URI baseUrl) {
        String text = baseUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.baseUri = URI.create(base);
    }

    /** The base URL without a trailing slash, the Feign target. */
    String base() {
        return base;
    }

    /**
     * A URI under the base URL.
     *
     * @param path      the path under the base, starting with {@code /}
     * @param keyValues query parameters as alternating names and values; {@code null} values are left out
     * @return the URI, each name and value percent-encoded
     */
    URI of(String path, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("query parameters come in name/value pairs: " + keyValues.length);
        }
        StringBuilder sb = new StringBuilder(base).append(path);
        char separator = '?';
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                continue;
            }
            sb.append(separator).append(encode(keyValues[i].toString())).append('=')
                    .append(encode(keyValues[i + 1].toString()));
            separator = '&';
        }
        return URI.create(sb.toString());
    }

    /**
     * Resolves a {@code $next} link: a path relative to the base URL (as Sage's {@code $path}s are), a path that
     * already starts with the base URL's path, or an absolute URL on the same origin.
     *
     * @param next the link
     * @return the URI, or empty when the link points to another origin
     */
    Optional<URI> next(String next) {
        Objects.requireNonNull(next, "next");
        String link = next.trim();
        if (link.startsWith("http://") || link.startsWith("https://")) {
            URI uri = URI.create(link);
            boolean sameOrigin = Objects.equals(uri.getScheme(), baseUri.getScheme())
                    && Objects.equals(uri.getHost(), baseUri.getHost()) && uri.getPort() == baseUri.getPort();
            return sameOrigin ? Optional.of(uri) : Optional.empty();
        }
        if (!link.startsWith("/")) {
            link = "/" + link;
        }
        String basePath = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        if (!basePath.isEmpty() && (link.startsWith(basePath + "/") || link.startsWith(basePath + "?"))) {
            return Optional.of(URI.create(base.substring(0, base.length() - basePath.length()) + link));
        }
        return Optional.of(URI.create(base + link));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return base;
    }
}
