package io.kommosync.kommo.webhook;

import io.kommosync.kommo.KommoException;
import io.kommosync.kommo.webhook.internal.Excerpt;

import java.util.Objects;

/**
 * A webhook request that {@link KommoWebhookParser} cannot read: wrong content type, a body over a limit,
 * a bad percent escape, invalid UTF-8, a malformed key, or a field whose value is missing or of the wrong kind.
 *
 * <p>The message starts with the offending {@linkplain #field() field} and says what was expected, for example
 * {@code leads[status][0][status_id]: expected a whole number, got 'abc'}. It never quotes more than a short,
 * sanitised excerpt of the body (at most 32 characters of a value, control characters escaped), so it is safe to
 * log. The usual answer to the sender is HTTP 400.
 *
 * <p>Immutable and thread-safe.
 */
public final class KommoWebhookFormatException extends KommoException {

    private final String field;

    /**
     * Creates the exception.
     *
     * @param field   the key or part of the request at fault, such as {@code leads[status][0][status_id]},
     *                {@code Content-Type} or {@code body}; sanitised and shortened before use
     * @param problem what was wrong and what was expected, such as {@code expected a whole number, got 'abc'};
     *                must already be free of untrusted text longer than a short excerpt
     * @throws NullPointerException if either argument is null
     */
    public KommoWebhookFormatException(String field, String problem) {
        super(Excerpt.key(Objects.requireNonNull(field, "field")) + ": " + Objects.requireNonNull(problem, "problem"));
        this.field = Excerpt.key(field);
    }

    /**
     * The key or part of the request at fault, sanitised: a form key such as
     * {@code leads[status][0][status_id]}, or {@code Content-Type}, {@code body}, {@code key #3} (a key that
     * could not be decoded, numbered from 1 in body order).
     *
     * @return the field, never empty
     */
    public String field() {
        return field;
    }
}
