package io.kommosync.sync;

import java.util.Objects;

/**
 * What a webhook endpoint answers.
 *
 * @param status      the HTTP status
 * @param contentType the body's content type
 * @param body        the body
 */
public record WebhookResponse(int status, String contentType, String body) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public WebhookResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    static WebhookResponse text(int status, String body) {
        return new WebhookResponse(status, "text/plain; charset=utf-8", body);
    }
}
