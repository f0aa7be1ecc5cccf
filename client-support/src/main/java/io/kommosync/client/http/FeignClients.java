package io.kommosync.client.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Request;
import feign.RequestInterceptor;
import feign.Retryer;
import feign.codec.ErrorDecoder;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import io.kommosync.client.internal.Checks;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Feign builders with the project's defaults, so every vendor client is wired the same way:
 * <ul>
 *   <li>transport: OkHttp; all clients made here share one connection pool and dispatcher;</li>
 *   <li>JSON: {@link feign.jackson.JacksonEncoder}/{@link feign.jackson.JacksonDecoder} on the given mapper
 *       (normally {@link JsonMapper#create()});</li>
 *   <li>errors: the given {@link ErrorDecoder} sees every non-2xx response (404 included: {@code dismiss404()} is
 *       not set);</li>
 *   <li>retries: none ({@link Retryer#NEVER_RETRY}); Failsafe, see {@code io.kommosync.client.retry}, is the one
 *       retry layer;</li>
 *   <li>a {@code User-Agent} header on every request that does not set its own.</li>
 * </ul>
 *
 * <p>The returned builders are ordinary mutable {@link Feign.Builder}s (not thread-safe): add interceptors such as
 * {@link BearerTokenInterceptor}, then call {@code target(...)}. The clients they build are thread-safe.
 */
public final class FeignClients {

    /** Root client: every derived client shares its connection pool and dispatcher threads. */
    private static final OkHttpClient SHARED = new OkHttpClient();

    private FeignClients() {
    }

    /**
     * Returns an OkHttp client with the timeouts of {@code options}. It shares its connection pool and dispatcher
     * with every other client returned here, so calling this per vendor client is cheap.
     *
     * @param options timeouts to apply (the read timeout is also the write timeout)
     * @return a configured client
     */
    public static OkHttpClient okHttpClient(HttpOptions options) {
        Checks.notNull(options, "options", "pass HttpOptions.defaults() or your own HttpOptions");
        return SHARED.newBuilder()
            .connectTimeout(options.connectTimeout())
            .readTimeout(options.readTimeout())
            .writeTimeout(options.readTimeout())
            .build();
    }

    /**
     * Returns a Feign builder with the project's defaults over a new OkHttp client made from {@code options}.
     *
     * @param options      timeouts and user agent
     * @param mapper       JSON mapper for request and response bodies, normally {@link JsonMapper#create()}
     * @param errorDecoder turns every non-2xx response into the client's typed exception
     * @return a builder ready for further interceptors and {@code target(...)}
     * @throws NullPointerException when an argument is null
     */
    public static Feign.Builder builder(HttpOptions options, ObjectMapper mapper, ErrorDecoder errorDecoder) {
        Checks.notNull(options, "options", "pass HttpOptions.defaults() or your own HttpOptions");
        return builder(okHttpClient(options), options.userAgent(), mapper, errorDecoder);
    }

    /**
     * Returns a Feign builder with the project's defaults over an existing OkHttp client (for example one with
     * your own interceptors, proxy or certificate pinning). The client's own connect/read timeouts and redirect
     * setting are used as they are.
     *
     * @param client       the OkHttp client to send requests with
     * @param userAgent    value of the {@code User-Agent} header; not blank
     * @param mapper       JSON mapper for request and response bodies, normally {@link JsonMapper#create()}
     * @param errorDecoder turns every non-2xx response into the client's typed exception
     * @return a builder ready for further interceptors and {@code target(...)}
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when {@code userAgent} is blank
     */
    public static Feign.Builder builder(
        OkHttpClient client, String userAgent, ObjectMapper mapper, ErrorDecoder errorDecoder) {
        Checks.notNull(client, "client", "pass an okhttp3.OkHttpClient or use the HttpOptions overload");
        Checks.notBlank(userAgent, "userAgent", "name your integration, e.g. \"acme-sync/1.0\"");
        Checks.notNull(mapper, "mapper", "pass JsonMapper.create()");
        Checks.notNull(errorDecoder, "errorDecoder", "pass the vendor client's ErrorDecoder");
        // Feign's OkHttp client rebuilds the OkHttpClient per request when Feign's options differ from the client's
        // own settings, so mirror them exactly.
        Request.Options requestOptions = new Request.Options(
            Duration.ofMillis(client.connectTimeoutMillis()),
            Duration.ofMillis(client.readTimeoutMillis()),
            client.followRedirects());
        return Feign.builder()
            .client(new feign.okhttp.OkHttpClient(client))
            .options(requestOptions)
            .encoder(new JacksonEncoder(mapper))
            .decoder(new JacksonDecoder(mapper))
            .errorDecoder(errorDecoder)
            .retryer(Retryer.NEVER_RETRY)
            .requestInterceptor(userAgent(userAgent));
    }

    /**
     * Returns an interceptor that sets {@code User-Agent} on requests that do not already carry one.
     *
     * @param userAgent the header value; not blank
     * @return the interceptor
     */
    public static RequestInterceptor userAgent(String userAgent) {
        Checks.notBlank(userAgent, "userAgent", "name your integration, e.g. \"acme-sync/1.0\"");
        return template -> {
            if (HttpResponses.firstValue(template.headers(), "User-Agent").isEmpty()) {
                template.headerLiteral("User-Agent", userAgent);
            }
        };
    }
}
