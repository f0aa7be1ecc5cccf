package io.kommosync.sandbox.kommo;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A note on an entity's timeline.
 *
 * @param id the note id
 * @param entityType {@code leads}, {@code contacts} or {@code companies}
 * @param entityId the entity
 * @param noteType {@code common}, {@code service_message}, {@code call_in}, ...
 * @param params the type's parameters as plain Java values (strings, numbers, booleans, maps, lists)
 * @param createdBy author
 * @param createdAt creation time
 */
public record Note(long id, String entityType, long entityId, String noteType, Map<String, Object> params,
        long createdBy, Instant createdAt) {

    /** Validates and copies. */
    public Note {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(noteType, "noteType");
        Objects.requireNonNull(createdAt, "createdAt");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** @return {@code params.text}, or empty */
    public Optional<String> text() {
        Object text = params.get("text");
        return text == null ? Optional.empty() : Optional.of(text.toString());
    }
}
