package io.kommosync.sync.kommo;

import java.util.Objects;
import java.util.Optional;

/**
 * The main contact of a deal, as the invoice needs it.
 *
 * @param contactId   the Kommo contact id
 * @param name        the contact's name
 * @param email       the first e-mail address, when there is one
 * @param phone       the first phone number, when there is one
 * @param companyName the name of the deal's company, when there is one
 */
public record DealContact(long contactId, String name, Optional<String> email, Optional<String> phone,
                          Optional<String> companyName) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public DealContact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(companyName, "companyName");
    }
}
