package io.kommosync.sync.kommo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A deal to create for an invoice raised by hand in the ledger, with its contact.
 *
 * @param name         the deal's name
 * @param price        its price
 * @param pipelineId   its pipeline
 * @param statusId     its stage
 * @param contactName  the contact's name
 * @param contactEmail the contact's e-mail address, when known (an existing contact with it is reused)
 * @param fields       field values to set (invoice number, link, payment status)
 */
public record NewDeal(String name, BigDecimal price, long pipelineId, long statusId, String contactName,
                      Optional<String> contactEmail, List<DealFieldValue> fields) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public NewDeal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(contactName, "contactName");
        Objects.requireNonNull(contactEmail, "contactEmail");
        fields = List.copyOf(fields);
    }
}
