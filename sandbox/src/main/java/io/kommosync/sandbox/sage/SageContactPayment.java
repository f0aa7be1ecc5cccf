package io.kommosync.sandbox.sage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer receipt recorded in a simulated business, allocated to sales invoices.
 *
 * @param id          Sage's id
 * @param contactId   the paying customer
 * @param date        the payment date
 * @param totalAmount the amount received
 * @param allocations the amount allocated to each invoice, by invoice id
 * @param reference   the payment reference, when set
 * @param createdAt   when it was recorded
 */
public record SageContactPayment(String id, String contactId, LocalDate date, BigDecimal totalAmount,
                                 Map<String, BigDecimal> allocations, Optional<String> reference, Instant createdAt) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SageContactPayment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(totalAmount, "totalAmount");
        allocations = Map.copyOf(allocations);
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
