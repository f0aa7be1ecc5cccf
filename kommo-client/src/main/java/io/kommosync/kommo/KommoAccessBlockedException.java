package io.kommosync.kommo;

/**
 * Kommo answered 403: access is refused. Either the integration or IP address is blocked (typically after
 * repeated rate-limit violations; the body is then an nginx HTML page, and only Kommo support can lift it), or
 * the user behind the token lacks the rights for this call (a JSON problem; for example webhook subscriptions
 * need an account administrator).
 *
 * <p>Not retryable: hammering a blocked account makes things worse. Stop calling, alert a person.
 * Immutable and thread-safe.
 */
public final class KommoAccessBlockedException extends KommoException {

    private static final long serialVersionUID = 1L;

    private final boolean htmlBody;

    /**
     * Creates the exception.
     *
     * @param message   what was refused and what to do, without secrets
     * @param htmlBody  true when Kommo answered with an HTML page instead of JSON (the "blocked" case)
     * @param requestId the {@code X-Request-Id}, or {@code null}
     */
    public KommoAccessBlockedException(String message, boolean htmlBody, String requestId) {
        super(message, null, 403, requestId);
        this.htmlBody = htmlBody;
    }

    /**
     * Tells whether the answer was an HTML page (nginx), the sign of a blocked integration or IP address rather
     * than missing rights.
     *
     * @return true for an HTML body
     */
    public boolean htmlBody() {
        return htmlBody;
    }
}
