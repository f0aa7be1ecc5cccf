package io.kommosync.sandbox.xero;

import java.util.Objects;

/**
 * The OAuth2 app a {@link XeroSimulator} plays Xero for: its client credentials, for HTTP Basic authentication at
 * {@code POST /connect/token}.
 *
 * @param clientId     the client id
 * @param clientSecret the client secret; never shown by {@link #toString()}
 */
public record XeroApp(String clientId, String clientSecret) {

    /** Validates the components. */
    public XeroApp {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "XeroApp[clientId=" + clientId + ", clientSecret=****]";
    }
}
