package io.kommosync.sandbox.xero;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A contact of a simulated organisation.
 *
 * @param contactId     the Xero id (a UUID)
 * @param name          the unique display name
 * @param email         the e-mail address, when set
 * @param contactNumber the API-only external number (kommo-sync stores the Kommo contact id there), when set
 * @param phone         the default phone number, when set
 * @param status        {@code ACTIVE} or {@code ARCHIVED}
 * @param updatedAt     when it last changed, by the simulator's clock
 */
public record XeroContact(String contactId, String name, Optional<String> email, Optional<String> contactNumber,
                          Optional<String> phone, String status, Instant updatedAt) {

    /** Validates the components. */
    public XeroContact {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(contactNumber, "contactNumber");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
