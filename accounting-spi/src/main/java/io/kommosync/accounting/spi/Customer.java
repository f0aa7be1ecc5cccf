package io.kommosync.accounting.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A customer (contact) in the ledger.
 *
 * @param id                the ledger's id of the customer
 * @param name              the display name
 * @param email             the primary e-mail address, when the ledger has one
 * @param externalReference our reference stored on the customer (for example the Kommo contact id), when set
 */
public record Customer(String id, String name, Optional<String> email, Optional<String> externalReference) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(externalReference, "externalReference");
    }
}
