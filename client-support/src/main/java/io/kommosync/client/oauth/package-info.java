/**
 * The OAuth2 token lifecycle: {@link io.kommosync.client.oauth.OAuth2TokenManager} keeps access tokens valid
 * (refresh ahead of expiry, one refresh per connection at a time, persist-then-use for rotating refresh tokens,
 * typed failure when the grant is gone); {@link io.kommosync.client.oauth.TokenStore} is the SPI for where tokens
 * live; {@link io.kommosync.client.oauth.HttpTokenEndpoint} talks RFC 6749 to Kommo, Sage and Xero;
 * {@link io.kommosync.client.oauth.AccessTokenProvider} feeds the bearer-token interceptor.
 *
 * <p>Tokens are {@link io.kommosync.client.Secret}s and never appear in logs, messages or {@code toString()}.
 * Everything in this package is non-null unless documented otherwise.
 */
package io.kommosync.client.oauth;
