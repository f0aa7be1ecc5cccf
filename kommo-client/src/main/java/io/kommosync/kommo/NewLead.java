package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A lead to create ({@link Leads#create(List)}). Products cannot be linked on creation (Kommo ignores them there).
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return copies.
 *
 * @param name              the lead's name
 * @param price             its budget; empty for none
 * @param pipelineId        its pipeline; empty for the main pipeline
 * @param statusId          its stage; empty for the pipeline's first stage
 * @param responsibleUserId its responsible user; empty for the token's user
 * @param customFields      custom field values
 * @param contactIds        contacts to link; the first becomes the main contact
 * @param companyId         a company to link; empty for none
 */
public record NewLead(
    String name,
    Optional<BigDecimal> price,
    OptionalLong pipelineId,
    OptionalLong statusId,
    OptionalLong responsibleUserId,
    List<FieldValueWrite> customFields,
    List<Long> contactIds,
    OptionalLong companyId) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when the name is blank, the price negative or an id not positive
     */
    public NewLead {
        Arguments.notBlank(name, "name", "name the lead");
        Arguments.optional(price, "price");
        price.ifPresent(value -> {
            if (value.signum() < 0) {
                throw new IllegalArgumentException("price of new lead '" + name + "' must not be negative but was "
                    + value.toPlainString());
            }
        });
        Arguments.id(pipelineId, "pipelineId");
        Arguments.id(statusId, "statusId");
        Arguments.id(responsibleUserId, "responsibleUserId");
        customFields = Arguments.list(customFields, "customFields");
        contactIds = Arguments.ids(contactIds, "contactIds");
        Arguments.id(companyId, "companyId");
    }

    /**
     * Starts a lead with only a name.
     *
     * @param name the lead's name
     * @return the lead
     */
    public static NewLead named(String name) {
        return new NewLead(name, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            List.of(), List.of(), OptionalLong.empty());
    }

    /**
     * Returns a copy with a budget.
     *
     * @param value the budget
     * @return the copy
     */
    public NewLead withPrice(BigDecimal value) {
        return new NewLead(name, Optional.of(Arguments.notNull(value, "price", "pass the budget")), pipelineId,
            statusId, responsibleUserId, customFields, contactIds, companyId);
    }

    /**
     * Returns a copy placed in a stage of a pipeline.
     *
     * @param newPipelineId the pipeline
     * @param newStatusId   the stage
     * @return the copy
     */
    public NewLead withStatus(long newPipelineId, long newStatusId) {
        return new NewLead(name, price, OptionalLong.of(newPipelineId), OptionalLong.of(newStatusId),
            responsibleUserId, customFields, contactIds, companyId);
    }

    /**
     * Returns a copy with a responsible user.
     *
     * @param userId the user
     * @return the copy
     */
    public NewLead withResponsibleUser(long userId) {
        return new NewLead(name, price, pipelineId, statusId, OptionalLong.of(userId), customFields, contactIds,
            companyId);
    }

    /**
     * Returns a copy that also writes a custom field value.
     *
     * @param value the value
     * @return the copy
     */
    public NewLead withField(FieldValueWrite value) {
        List<FieldValueWrite> fields = new ArrayList<>(customFields);
        fields.add(Arguments.notNull(value, "value", "pass a FieldValueWrite"));
        return new NewLead(name, price, pipelineId, statusId, responsibleUserId, fields, contactIds, companyId);
    }

    /**
     * Returns a copy that also links a contact.
     *
     * @param contactId the contact
     * @return the copy
     */
    public NewLead withContact(long contactId) {
        List<Long> ids = new ArrayList<>(contactIds);
        ids.add(contactId);
        return new NewLead(name, price, pipelineId, statusId, responsibleUserId, customFields, ids, companyId);
    }

    /**
     * Returns a copy that links a company.
     *
     * @param id the company
     * @return the copy
     */
    public NewLead withCompany(long id) {
        return new NewLead(name, price, pipelineId, statusId, responsibleUserId, customFields, contactIds,
            OptionalLong.of(id));
    }
}
