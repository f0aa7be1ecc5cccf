package io.kommosync.kommo.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The Kommo account a webhook says it comes from: {@code account[id]}, {@code account[subdomain]} and
 * {@code account[_links][self]}.
 *
 * <p><b>These values are claims, not proof.</b> Kommo does not sign webhooks, so anyone who knows the endpoint
 * URL can send any account here. Authenticate the request with the unguessable per-connection token in the
 * webhook path first, then check that {@link #id()} (or, for older payloads without it, {@link #subdomain()})
 * matches the connection the token belongs to.
 *
 * @param id        the account id; empty in older payloads that lack {@code account[id]}; positive when present
 * @param subdomain the account subdomain, for example {@code example} of {@code example.kommo.com}; a DNS label
 * @param baseUrl   the account's base URL from {@code account[_links][self]}, for example
 *                  {@code https://example.amocrm.com}, if sent; absolute {@code http} or {@code https} with a host
 */
public record WebhookAccount(OptionalLong id, String subdomain, Optional<URI> baseUrl) {

    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if {@code id} is not positive, {@code subdomain} is not a DNS label, or
     *                                  {@code baseUrl} is not an absolute http(s) URL with a host
     */
    public WebhookAccount {
        Preconditions.positive(id, "id");
        Objects.requireNonNull(subdomain, "subdomain");
        if (!isSubdomain(subdomain)) {
            throw new IllegalArgumentException("subdomain must be a DNS label (letters, digits and '-', at most 63),"
                    + " got a " + subdomain.length() + "-character value");
        }
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (baseUrl.isPresent() && !isBaseUrl(baseUrl.get())) {
            throw new IllegalArgumentException("baseUrl must be an absolute http or https URL with a host, such as "
                    + "https://example.kommo.com");
        }
    }

    /**
     * An account as newer payloads describe it.
     *
     * @param id        the account id, positive
     * @param subdomain the account subdomain
     * @return the account, without a base URL
     */
    public static WebhookAccount of(long id, String subdomain) {
        return new WebhookAccount(OptionalLong.of(id), subdomain, Optional.empty());
    }

    /**
     * Whether {@code text} is acceptable as {@link #subdomain()}.
     *
     * @param text the candidate
     * @return true for a DNS label of letters, digits and inner hyphens, at most 63 characters
     */
    static boolean isSubdomain(String text) {
        return text.length() <= 63 && DNS_LABEL.matcher(text).matches();
    }

    /**
     * Whether {@code uri} is acceptable as {@link #baseUrl()}.
     *
     * @param uri the candidate
     * @return true for an absolute http or https URI with a host
     */
    static boolean isBaseUrl(URI uri) {
        String scheme = uri.getScheme();
        return scheme != null
                && (scheme.toLowerCase(Locale.ROOT).equals("https") || scheme.toLowerCase(Locale.ROOT).equals("http"))
                && uri.getHost() != null && !uri.isOpaque();
    }
}
