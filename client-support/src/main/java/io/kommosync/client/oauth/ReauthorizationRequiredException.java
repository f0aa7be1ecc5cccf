package io.kommosync.client.oauth;

import io.kommosync.client.internal.Checks;

/**
 * The connection's grant is gone (refresh token revoked, expired or already used; no tokens stored): no retry can
 * help, a person must authorise the connection again. The sync engine marks the connection as needing
 * re-authorisation and pauses its jobs.
 *
 * <p>The message names the connection and the fix, never a token.
 */
public class ReauthorizationRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String connectionId;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param connectionId the connection that must be re-authorised
     * @param reason       why, in plain words and without secrets (e.g. "the refresh token was revoked")
     */
    public ReauthorizationRequiredException(String connectionId, String reason) {
        this(connectionId, reason, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param connectionId the connection that must be re-authorised
     * @param reason       why, in plain words and without secrets
     * @param cause        the underlying failure; may be null
     */
    public ReauthorizationRequiredException(String connectionId, String reason, Throwable cause) {
        super("Connection '" + Checks.notNull(connectionId, "connectionId", "pass the id of the connection")
            + "' needs re-authorisation: " + Checks.notNull(reason, "reason", "say why") + ". Fix: run the OAuth"
            + " authorisation flow for this connection again and give the new tokens to"
            + " OAuth2TokenManager.seed(connectionId, tokens).", cause);
        this.connectionId = connectionId;
        this.reason = reason;
    }

    /**
     * Returns the connection that must be re-authorised.
     *
     * @return the connection id
     */
    public String connectionId() {
        return connectionId;
    }

    /**
     * Returns why re-authorisation is needed, without secrets.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
