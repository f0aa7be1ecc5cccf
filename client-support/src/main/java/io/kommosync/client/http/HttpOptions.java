package io.kommosync.client.http;

import io.kommosync.client.internal.Checks;
import java.time.Duration;

/**
 * Transport settings for one HTTP client: timeouts and the {@code User-Agent} it sends.
 *
 * <p>Immutable and thread-safe; use the {@code with…} methods to derive variants.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection; positive
 * @param readTimeout    how long to wait between bytes of a response (also used as the write timeout); positive
 * @param userAgent      value of the {@code User-Agent} header; not blank
 */
public record HttpOptions(Duration connectTimeout, Duration readTimeout, String userAgent) {

    /** User agent sent when none is configured. */
    public static final String DEFAULT_USER_AGENT = "kommo-sync-java";

    /**
     * Validates the settings.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when a timeout is not positive or the user agent is blank
     */
    public HttpOptions {
        Checks.positive(connectTimeout, "connectTimeout", "use e.g. Duration.ofSeconds(5)");
        Checks.positive(readTimeout, "readTimeout", "use e.g. Duration.ofSeconds(20)");
        Checks.notBlank(userAgent, "userAgent", "name your integration, e.g. \"acme-sync/1.0\"");
    }

    /**
     * Returns the defaults: 5 s connect timeout, 20 s read timeout, user agent {@value #DEFAULT_USER_AGENT}.
     *
     * @return default options
     */
    public static HttpOptions defaults() {
        return new HttpOptions(Duration.ofSeconds(5), Duration.ofSeconds(20), DEFAULT_USER_AGENT);
    }

    /**
     * Returns a copy with another connect timeout.
     *
     * @param timeout positive timeout
     * @return new options
     */
    public HttpOptions withConnectTimeout(Duration timeout) {
        return new HttpOptions(timeout, readTimeout, userAgent);
    }

    /**
     * Returns a copy with another read timeout.
     *
     * @param timeout positive timeout
     * @return new options
     */
    public HttpOptions withReadTimeout(Duration timeout) {
        return new HttpOptions(connectTimeout, timeout, userAgent);
    }

    /**
     * Returns a copy with another user agent.
     *
     * @param agent non-blank user agent
     * @return new options
     */
    public HttpOptions withUserAgent(String agent) {
        return new HttpOptions(connectTimeout, readTimeout, agent);
    }
}
