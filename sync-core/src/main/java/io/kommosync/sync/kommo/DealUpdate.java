package io.kommosync.sync.kommo;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One write to a deal: field values and, optionally, a move to another stage. Sent as one PATCH.
 *
 * @param dealId     the deal
 * @param fields     the field values to write (only these change)
 * @param pipelineId the pipeline of the stage to move to, when moving
 * @param statusId   the stage to move to, when moving
 */
public record DealUpdate(long dealId, List<DealFieldValue> fields, OptionalLong pipelineId, OptionalLong statusId) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if only one of pipeline and status is given
     */
    public DealUpdate {
        fields = List.copyOf(fields);
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(statusId, "statusId");
        if (pipelineId.isPresent() != statusId.isPresent()) {
            throw new IllegalArgumentException("a stage move needs both the pipeline and the status id");
        }
    }

    /**
     * Field values only, no move.
     *
     * @param dealId the deal
     * @param fields the values
     * @return the update
     */
    public static DealUpdate fields(long dealId, List<DealFieldValue> fields) {
        return new DealUpdate(dealId, fields, OptionalLong.empty(), OptionalLong.empty());
    }
}
