package io.kommosync.sandbox.sage;

import java.util.Objects;

/**
 * The OAuth client registered with a simulator, for {@code POST /token}.
 *
 * @param clientId     the client id
 * @param clientSecret the client secret; never shown by {@link #toString()}
 * @param redirectUri  the registered redirect URI
 */
public record SageOAuthClient(String clientId, String clientSecret, String redirectUri) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SageOAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
    }

    @Override
    public String toString() {
        return "SageOAuthClient[clientId=" + clientId + ", clientSecret=****, redirectUri=" + redirectUri + "]";
    }
}
