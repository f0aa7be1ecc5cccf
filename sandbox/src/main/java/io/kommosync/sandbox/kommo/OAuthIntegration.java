package io.kommosync.sandbox.kommo;

import java.net.URI;
import java.util.Objects;

/**
 * The private integration every simulated account has: the OAuth client a connector uses with
 * {@code POST /oauth2/access_token}.
 *
 * @param clientId the integration id ({@code client_id})
 * @param clientSecret the secret key ({@code client_secret}); never printed by {@link #toString()}
 * @param redirectUri the redirect URI the token endpoint requires to match exactly
 */
public record OAuthIntegration(String clientId, String clientSecret, URI redirectUri) {

    /** Validates. */
    public OAuthIntegration {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
    }

    @Override
    public String toString() {
        return "OAuthIntegration[clientId=" + clientId + ", clientSecret=***, redirectUri=" + redirectUri + "]";
    }
}
