package io.kommosync.accounting.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A customer to create in the ledger.
 *
 * @param name              the display name (a company name, or a person's name); not blank
 * @param email             the e-mail address customers are found by; not blank
 * @param companyName       the company the contact works for, when different from {@code name}
 * @param phone             a phone number, when known
 * @param externalReference our reference to store on the customer (for example the Kommo contact id), when the
 *                          ledger has a field for it
 */
public record CustomerDraft(String name, String email, Optional<String> companyName, Optional<String> phone,
                            Optional<String> externalReference) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if {@code name} or {@code email} is blank, or {@code email} has no {@code @}
     */
    public CustomerDraft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(externalReference, "externalReference");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a customer needs a name");
        }
        if (email.isBlank() || email.indexOf('@') < 1) {
            throw new IllegalArgumentException("customer email '" + email + "' is not an e-mail address");
        }
    }

    /**
     * A customer with only a name and an e-mail address.
     *
     * @param name  the display name
     * @param email the e-mail address
     * @return the draft
     */
    public static CustomerDraft of(String name, String email) {
        return new CustomerDraft(name, email, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
