package io.kommosync.sync;

/**
 * A stage of a Kommo pipeline.
 *
 * @param pipelineId the pipeline id
 * @param statusId   the stage (status) id
 */
public record Stage(long pipelineId, long statusId) {

    /**
     * Validates the ids.
     *
     * @throws IllegalArgumentException if an id is not positive
     */
    public Stage {
        if (pipelineId <= 0 || statusId <= 0) {
            throw new IllegalArgumentException("a stage needs positive pipeline and status ids");
        }
    }
}
