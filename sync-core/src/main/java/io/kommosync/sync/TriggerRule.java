package io.kommosync.sync;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * "When a deal enters this stage of this pipeline, raise its invoice."
 *
 * @param id         a stable name for the rule, part of the idempotency key: changing it would allow a second
 *                   invoice for the same deal; lower-case letters, digits and {@code -}
 * @param pipelineId the Kommo pipeline id
 * @param statusId   the Kommo stage (status) id
 */
public record TriggerRule(String id, long pipelineId, long statusId) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the id is malformed or an id is not positive
     */
    public TriggerRule {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("trigger id '" + id + "' must be lower-case letters, digits and '-'");
        }
        if (pipelineId <= 0 || statusId <= 0) {
            throw new IllegalArgumentException("trigger " + id + " needs positive pipeline and status ids");
        }
    }

    /**
     * Whether a deal at a stage matches this rule.
     *
     * @param pipeline the deal's pipeline
     * @param status   the deal's stage
     * @return {@code true} on a match
     */
    public boolean matches(long pipeline, long status) {
        return pipeline == pipelineId && status == statusId;
    }
}
