package io.kommosync.sandbox.kommo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A lead ("deal").
 *
 * @param id the lead id
 * @param name the name
 * @param price the budget in the account currency
 * @param pipelineId the pipeline
 * @param statusId the stage within the pipeline
 * @param responsibleUserId the responsible user
 * @param createdBy author
 * @param updatedBy last editor
 * @param createdAt creation time
 * @param updatedAt last change
 * @param closedAt when it reached a closing stage, or {@code null}
 * @param contactIds linked contacts, the main contact first
 * @param companyId the linked company, or {@code null}
 * @param products linked catalog elements (line items)
 * @param customFields custom field values
 */
public record Lead(long id, String name, BigDecimal price, long pipelineId, long statusId, long responsibleUserId,
        long createdBy, long updatedBy, Instant createdAt, Instant updatedAt, Instant closedAt,
        List<Long> contactIds, Long companyId, List<ProductLink> products, List<CustomFieldValue> customFields) {

    /** Validates and copies. */
    public Lead {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        contactIds = List.copyOf(contactIds);
        products = List.copyOf(products);
        customFields = List.copyOf(customFields);
    }

    /** @return the main contact, or empty when no contact is linked */
    public OptionalLong mainContactId() {
        return contactIds.isEmpty() ? OptionalLong.empty() : OptionalLong.of(contactIds.get(0));
    }

    /**
     * The values of a custom field, by id.
     *
     * @param fieldId the field id
     * @return the values, or empty when the lead holds none
     */
    public Optional<CustomFieldValue> field(long fieldId) {
        return CustomFieldValue.find(customFields, fieldId);
    }

    /**
     * The values of a custom field, by code.
     *
     * @param code the field code
     * @return the values, or empty when the lead holds none
     */
    public Optional<CustomFieldValue> field(String code) {
        return CustomFieldValue.find(customFields, code);
    }

    Lead with(String name, BigDecimal price, long pipelineId, long statusId, long responsibleUserId, long updatedBy,
            Instant updatedAt, Instant closedAt, List<Long> contactIds, Long companyId, List<ProductLink> products,
            List<CustomFieldValue> customFields) {
        return new Lead(id, name, price, pipelineId, statusId, responsibleUserId, createdBy, updatedBy, createdAt,
                updatedAt, closedAt, contactIds, companyId, products, customFields);
    }
}
