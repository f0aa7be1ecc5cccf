package io.kommosync.kommo.internal;

import io.kommosync.client.Secret;
import io.kommosync.kommo.KommoAuthenticationException;
import java.util.Optional;

/**
 * A 401 on its way from the error decoder to {@link KommoCalls}, which refreshes the OAuth token once and retries
 * once. Carries the rejected token (never in the message); never reaches callers: {@link KommoCalls} throws a
 * fresh {@link KommoAuthenticationException} instead.
 */
final class UnauthorizedResponse extends KommoAuthenticationException {

    private static final long serialVersionUID = 1L;

    private final transient Secret rejectedToken;
    private final String operation;

    UnauthorizedResponse(String operation, String detail, String requestId, Secret rejectedToken) {
        super("Kommo answered 401 Unauthorized to " + operation + detail, null, 401, requestId);
        this.operation = operation;
        this.rejectedToken = rejectedToken;
    }

    Optional<Secret> rejectedToken() {
        return Optional.ofNullable(rejectedToken);
    }

    String operation() {
        return operation;
    }
}
