/**
 * Plumbing shared by every kommo-sync HTTP client.
 *
 * <ul>
 *   <li>{@link io.kommosync.client.Secret}: a credential that never shows in logs or {@code toString()}.</li>
 *   <li>{@code http}: Feign/OkHttp/Jackson defaults, response helpers, the bearer-token interceptor.</li>
 *   <li>{@code retry}: Failsafe retry policies that honour a server's {@code Retry-After}.</li>
 *   <li>{@code ratelimit}: keyed token-bucket and sliding-window rate limiters.</li>
 *   <li>{@code oauth}: the OAuth2 token lifecycle and the {@code TokenStore} SPI.</li>
 *   <li>{@code webhook}: HMAC-SHA256 webhook signatures.</li>
 * </ul>
 *
 * <p>Everything in these packages is non-null unless documented otherwise.
 */
package io.kommosync.client;
