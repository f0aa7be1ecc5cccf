package io.kommosync.sandbox.kommo;

import java.time.Instant;
import java.util.Objects;

/**
 * A list ("catalog"); the products list has type {@code products}.
 *
 * @param id the catalog id
 * @param name display name
 * @param type {@code products}, {@code invoices} or {@code regular}
 * @param sort display order
 * @param createdBy author
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record Catalog(long id, String name, String type, int sort, long createdBy, Instant createdAt,
        Instant updatedAt) {
    /** Validates. */
    public Catalog {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
