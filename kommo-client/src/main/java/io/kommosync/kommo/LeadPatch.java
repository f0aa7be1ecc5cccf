package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A change to one lead, sent in a batch {@code PATCH /api/v4/leads} ({@link Leads#update(List)}). Only the parts
 * set here are sent: echoing unchanged fields back is what makes Kommo reject updates of leads whose creator was
 * deleted.
 *
 * <pre>{@code
 * LeadPatch.of(leadId)
 *     .withField(FieldValueWrite.text(invoiceNumberFieldId, "INV-0042"))
 *     .withField(FieldValueWrite.url(invoiceUrlFieldId, "https://go.xero.com/..."))
 *     .withStatus(pipelineId, invoicedStageId);
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return copies.
 *
 * @param id                the lead to change
 * @param name              a new name; empty to keep it
 * @param price             a new budget; empty to keep it
 * @param pipelineId        a new pipeline; empty to keep it (set together with {@code statusId} to move)
 * @param statusId          a new stage; empty to keep it
 * @param responsibleUserId a new responsible user; empty to keep it
 * @param customFields      custom field values to write; fields not listed keep their values
 */
public record LeadPatch(
    long id,
    Optional<String> name,
    Optional<BigDecimal> price,
    OptionalLong pipelineId,
    OptionalLong statusId,
    OptionalLong responsibleUserId,
    List<FieldValueWrite> customFields) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when an id is not positive, the name is blank or the price negative
     */
    public LeadPatch {
        Arguments.id(id, "id");
        Arguments.optional(name, "name");
        name.ifPresent(value -> Arguments.notBlank(value, "name", "pass a non-blank name or keep it unset"));
        Arguments.optional(price, "price");
        price.ifPresent(value -> {
            if (value.signum() < 0) {
                throw new IllegalArgumentException("price of lead " + id + " must not be negative but was "
                    + value.toPlainString());
            }
        });
        Arguments.id(pipelineId, "pipelineId");
        Arguments.id(statusId, "statusId");
        Arguments.id(responsibleUserId, "responsibleUserId");
        customFields = Arguments.list(customFields, "customFields");
    }

    /**
     * Starts a patch that changes nothing yet.
     *
     * @param leadId the lead to change
     * @return the patch
     */
    public static LeadPatch of(long leadId) {
        return new LeadPatch(leadId, Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), List.of());
    }

    /**
     * Returns a copy that renames the lead.
     *
     * @param value the new name
     * @return the copy
     */
    public LeadPatch withName(String value) {
        return new LeadPatch(id, Optional.of(Arguments.notNull(value, "name", "pass the new name")), price,
            pipelineId, statusId, responsibleUserId, customFields);
    }

    /**
     * Returns a copy that sets the budget.
     *
     * @param value the new budget; not negative
     * @return the copy
     */
    public LeadPatch withPrice(BigDecimal value) {
        return new LeadPatch(id, name, Optional.of(Arguments.notNull(value, "price", "pass the new budget")),
            pipelineId, statusId, responsibleUserId, customFields);
    }

    /**
     * Returns a copy that moves the lead to a stage of its current pipeline.
     *
     * @param newStatusId the stage
     * @return the copy
     */
    public LeadPatch withStatus(long newStatusId) {
        return new LeadPatch(id, name, price, pipelineId, OptionalLong.of(newStatusId), responsibleUserId,
            customFields);
    }

    /**
     * Returns a copy that moves the lead to a stage of a pipeline.
     *
     * @param newPipelineId the pipeline
     * @param newStatusId   the stage in it
     * @return the copy
     */
    public LeadPatch withStatus(long newPipelineId, long newStatusId) {
        return new LeadPatch(id, name, price, OptionalLong.of(newPipelineId), OptionalLong.of(newStatusId),
            responsibleUserId, customFields);
    }

    /**
     * Returns a copy that hands the lead to another user.
     *
     * @param userId the new responsible user
     * @return the copy
     */
    public LeadPatch withResponsibleUser(long userId) {
        return new LeadPatch(id, name, price, pipelineId, statusId, OptionalLong.of(userId), customFields);
    }

    /**
     * Returns a copy that also writes one custom field value.
     *
     * @param value the value
     * @return the copy
     */
    public LeadPatch withField(FieldValueWrite value) {
        List<FieldValueWrite> fields = new ArrayList<>(customFields);
        fields.add(Arguments.notNull(value, "value", "pass a FieldValueWrite"));
        return new LeadPatch(id, name, price, pipelineId, statusId, responsibleUserId, fields);
    }

    /**
     * Tells whether the patch changes anything.
     *
     * @return true when no part is set
     */
    public boolean isEmpty() {
        return name.isEmpty() && price.isEmpty() && pipelineId.isEmpty() && statusId.isEmpty()
            && responsibleUserId.isEmpty() && customFields.isEmpty();
    }
}
