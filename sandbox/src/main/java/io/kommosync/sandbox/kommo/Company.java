package io.kommosync.sandbox.kommo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A company. E-mail and phone live in the multitext custom fields with codes {@code EMAIL} and {@code PHONE}.
 *
 * @param id the company id
 * @param name the name
 * @param responsibleUserId the responsible user
 * @param createdBy author
 * @param updatedBy last editor
 * @param createdAt creation time
 * @param updatedAt last change
 * @param customFields custom field values
 */
public record Company(long id, String name, long responsibleUserId, long createdBy, long updatedBy,
        Instant createdAt, Instant updatedAt, List<CustomFieldValue> customFields) {

    /** Validates and copies. */
    public Company {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        customFields = List.copyOf(customFields);
    }

    /** @return the first e-mail, or empty */
    public Optional<String> email() {
        return CustomFieldValue.find(customFields, "EMAIL").map(CustomFieldValue::text);
    }

    /** @return the first phone, or empty */
    public Optional<String> phone() {
        return CustomFieldValue.find(customFields, "PHONE").map(CustomFieldValue::text);
    }
}
