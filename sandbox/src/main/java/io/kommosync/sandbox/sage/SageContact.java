package io.kommosync.sandbox.sage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A contact (customer or supplier) of a simulated business.
 *
 * @param id             Sage's id (32 hex characters)
 * @param name           the contact's name or business name
 * @param contactTypeIds {@code CUSTOMER} or {@code VENDOR} (exactly one, as Sage allows)
 * @param reference      the contact's unique reference, when set
 * @param email          the main contact person's e-mail address, when set
 * @param telephone      the main contact person's telephone number, when set
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 */
public record SageContact(String id, String name, List<String> contactTypeIds, Optional<String> reference,
                          Optional<String> email, Optional<String> telephone, Instant createdAt, Instant updatedAt) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SageContact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        contactTypeIds = List.copyOf(contactTypeIds);
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(telephone, "telephone");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return what Sage shows: the name, with the reference in brackets when there is one */
    public String displayedAs() {
        return reference.map(r -> name + " (" + r + ")").orElse(name);
    }

    /** @return whether the contact is a customer */
    public boolean isCustomer() {
        return contactTypeIds.contains("CUSTOMER");
    }
}
