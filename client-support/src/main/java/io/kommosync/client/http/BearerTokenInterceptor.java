package io.kommosync.client.http;

import feign.Request;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.kommosync.client.Secret;
import io.kommosync.client.internal.Checks;
import io.kommosync.client.oauth.AccessTokenProvider;
import java.util.Optional;

/**
 * Sets {@code Authorization: Bearer <token>} on every request, asking an {@link AccessTokenProvider} each time,
 * so a refreshed token is picked up by the next request without rebuilding the client. An {@code Authorization}
 * header already on the request is replaced.
 *
 * <p>Thread-safe when the provider is (the providers in {@code io.kommosync.client.oauth} are).
 */
public final class BearerTokenInterceptor implements RequestInterceptor {

    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final AccessTokenProvider tokens;

    /**
     * Creates the interceptor.
     *
     * @param tokens where each request's access token comes from
     */
    public BearerTokenInterceptor(AccessTokenProvider tokens) {
        this.tokens = Checks.notNull(tokens, "tokens",
            "pass OAuth2TokenManager.forConnection(connectionId) or AccessTokenProvider.fixed(token)");
    }

    /**
     * Adds the header.
     *
     * @param template the request being built
     * @throws RuntimeException whatever the provider throws, for example
     *     {@link io.kommosync.client.oauth.ReauthorizationRequiredException}; the request is then not sent
     */
    @Override
    public void apply(RequestTemplate template) {
        Secret token = tokens.accessToken();
        template.removeHeader(AUTHORIZATION);
        template.headerLiteral(AUTHORIZATION, BEARER + token.reveal());
    }

    /**
     * Returns the bearer token a request was sent with, for example to pass it to
     * {@link io.kommosync.client.oauth.OAuth2TokenManager#refreshAfterUnauthorized(String, Secret)} from an error
     * decoder that received a 401 ({@code response.request()}).
     *
     * @param request the sent request; may be null
     * @return the token, or empty when the request carried no bearer token
     */
    public static Optional<Secret> bearerToken(Request request) {
        if (request == null) {
            return Optional.empty();
        }
        return HttpResponses.firstValue(request.headers(), AUTHORIZATION)
            .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
            .map(value -> value.substring(BEARER.length()).trim())
            .filter(value -> !value.isEmpty())
            .map(Secret::of);
    }
}
