package io.kommosync.sync.kommo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A deal as the invoice job reads it: the lead, its main contact, and its products resolved in as few calls as
 * Kommo allows.
 *
 * @param dealId            the lead id
 * @param name              the lead's name
 * @param price             the lead's price (budget)
 * @param pipelineId        its pipeline
 * @param statusId          its stage
 * @param responsibleUserId the manager responsible for it
 * @param updatedAt         when Kommo last changed it
 * @param fieldValues       its custom field values as text, by field id (select fields give the chosen option's
 *                          text)
 * @param mainContact       its main contact, when it has a contact
 * @param products          its products, possibly none
 */
public record DealSnapshot(long dealId, String name, BigDecimal price, long pipelineId, long statusId,
                           long responsibleUserId, Instant updatedAt, Map<Long, String> fieldValues,
                           Optional<DealContact> mainContact, List<DealProduct> products) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public DealSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(mainContact, "mainContact");
        fieldValues = Map.copyOf(fieldValues);
        products = List.copyOf(products);
    }
}
