package io.kommosync.accounting.spi;

import java.util.Objects;

/**
 * An invoice draft with the idempotency key of its write, for batch creation.
 *
 * @param key   the idempotency key
 * @param draft the draft
 */
public record KeyedDraft(IdempotencyKey key, InvoiceDraft draft) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public KeyedDraft {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(draft, "draft");
    }
}
