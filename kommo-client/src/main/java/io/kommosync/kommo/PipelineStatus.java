package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;

/**
 * A stage ("status") of a pipeline.
 *
 * @param id         the stage's id; 142 and 143 are the system stages "closed - won" and "closed - lost"
 * @param pipelineId the pipeline it belongs to
 * @param name       its name
 * @param sort       its position
 */
public record PipelineStatus(long id, long pipelineId, String name, int sort) {

    /** Id of the system stage "closed - won". */
    public static final long WON = 142;
    /** Id of the system stage "closed - lost". */
    public static final long LOST = 143;

    /**
     * Validates the components.
     *
     * @throws NullPointerException     when {@code name} is null
     * @throws IllegalArgumentException when an id is not positive
     */
    public PipelineStatus {
        Arguments.id(id, "id");
        Arguments.id(pipelineId, "pipelineId");
        Arguments.notNull(name, "name", "pass \"\" when absent");
    }

    /**
     * Tells whether this is the "closed - won" stage.
     *
     * @return true for id {@value #WON}
     */
    public boolean isWon() {
        return id == WON;
    }

    /**
     * Tells whether this is the "closed - lost" stage.
     *
     * @return true for id {@value #LOST}
     */
    public boolean isLost() {
        return id == LOST;
    }
}
