package io.kommosync.sandbox.intacct;

import java.time.Instant;
import java.util.Objects;

/**
 * A CUSTOMER of the simulated company.
 *
 * @param recordNo   the system key
 * @param customerId the customer id invoices refer to
 * @param name       the name
 * @param email      {@code DISPLAYCONTACT.EMAIL1}, {@code ""} when none
 * @param phone      {@code DISPLAYCONTACT.PHONE1}, {@code ""} when none
 * @param createdAt  when it was created
 */
public record ArCustomer(long recordNo, String customerId, String name, String email, String phone,
                         Instant createdAt) {

    /** Validates. */
    public ArCustomer {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
