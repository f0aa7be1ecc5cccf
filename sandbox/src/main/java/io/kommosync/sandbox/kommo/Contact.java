package io.kommosync.sandbox.kommo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A contact. E-mail and phone live in the multitext custom fields with codes {@code EMAIL} and {@code PHONE}.
 *
 * @param id the contact id
 * @param name full name
 * @param firstName first name, may be empty
 * @param lastName last name, may be empty
 * @param responsibleUserId the responsible user
 * @param createdBy author
 * @param updatedBy last editor
 * @param createdAt creation time
 * @param updatedAt last change
 * @param companyId the linked company, or {@code null}
 * @param customFields custom field values
 */
public record Contact(long id, String name, String firstName, String lastName, long responsibleUserId,
        long createdBy, long updatedBy, Instant createdAt, Instant updatedAt, Long companyId,
        List<CustomFieldValue> customFields) {

    /** Validates and copies. */
    public Contact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
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
