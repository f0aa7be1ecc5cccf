/**
 * HTTP defaults shared by every vendor client: {@link io.kommosync.client.http.FeignClients} (Feign over OkHttp
 * with Jackson and no Feign-level retries), {@link io.kommosync.client.http.JsonMapper} (exact decimals,
 * {@code java.time}, {@code Optional}), {@link io.kommosync.client.http.HttpOptions},
 * {@link io.kommosync.client.http.HttpResponses} for error decoders, and
 * {@link io.kommosync.client.http.BearerTokenInterceptor}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package io.kommosync.client.http;
