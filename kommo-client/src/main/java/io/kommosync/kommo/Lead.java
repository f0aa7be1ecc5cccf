package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Kommo lead (deal) as read from {@code GET /api/v4/leads/{id}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id                the lead's id
 * @param name              the lead's name; empty when it has none
 * @param price             the lead's budget: {@code price_with_minor_units} when Kommo sends it, else
 *                          {@code price}; zero when absent. In the account's currency ({@link Account#currencyCode()})
 * @param pipelineId        the pipeline the lead is in
 * @param statusId          its stage in that pipeline (142 won, 143 lost)
 * @param responsibleUserId the user responsible for the lead
 * @param createdAt         when it was created
 * @param updatedAt         when it last changed
 * @param customFields      its custom field values
 * @param contacts          linked contacts; empty unless read with {@link LeadWith#CONTACTS}
 * @param products          linked catalog elements with quantities; empty unless read with
 *                          {@link LeadWith#CATALOG_ELEMENTS}
 * @param companyId         the linked company (a lead has at most one); empty when none
 */
public record Lead(
    long id,
    String name,
    BigDecimal price,
    long pipelineId,
    long statusId,
    long responsibleUserId,
    Instant createdAt,
    Instant updatedAt,
    List<CustomFieldValue> customFields,
    List<LeadContactRef> contacts,
    List<LeadProductRef> products,
    OptionalLong companyId) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public Lead {
        Arguments.id(id, "id");
        Arguments.notNull(name, "name", "pass \"\" when the lead has no name");
        Arguments.notNull(price, "price", "pass BigDecimal.ZERO when the lead has no budget");
        Arguments.notNull(createdAt, "createdAt", "pass the lead's created_at");
        Arguments.notNull(updatedAt, "updatedAt", "pass the lead's updated_at");
        customFields = Arguments.list(customFields, "customFields");
        contacts = Arguments.list(contacts, "contacts");
        products = Arguments.list(products, "products");
        Arguments.id(companyId, "companyId");
    }

    /**
     * Returns the main contact: the linked contact Kommo marks {@code is_main}, or, when none is marked, the first
     * linked contact.
     *
     * @return the contact's id; empty when the lead has no contacts (or was read without
     *     {@link LeadWith#CONTACTS})
     */
    public Optional<Long> mainContactId() {
        return contacts.stream().filter(LeadContactRef::isMain).findFirst()
            .or(() -> contacts.stream().findFirst())
            .map(LeadContactRef::id);
    }

    /**
     * Returns the value of a custom field by id.
     *
     * @param fieldId the field's id
     * @return the value; empty when the lead has no value for it
     */
    public Optional<CustomFieldValue> customField(long fieldId) {
        return customFields.stream().filter(field -> field.fieldId() == fieldId).findFirst();
    }

    /**
     * Returns the value of a custom field by code (case-insensitive).
     *
     * @param fieldCode the field's code
     * @return the value; empty when the lead has no value for a field with that code
     */
    public Optional<CustomFieldValue> customFieldByCode(String fieldCode) {
        Arguments.notBlank(fieldCode, "fieldCode", "pass a field code such as \"INVOICE_NUMBER\"");
        return customFields.stream().filter(field -> field.hasCode(fieldCode)).findFirst();
    }
}
