package io.kommosync.sandbox.kommo;

import java.util.Objects;

/**
 * A stage ("status") of a pipeline. Stage ids are unique per pipeline except the system stages
 * {@value #WON} and {@value #LOST}, which every pipeline shares.
 *
 * @param id the status id
 * @param pipelineId the pipeline
 * @param name display name
 * @param sort display order
 * @param type {@code 1} for the "Incoming leads" (unsorted) stage, else {@code 0}
 * @param color the stage colour, for example {@code #99ccff}
 * @param editable false for the system stages
 */
public record Stage(long id, long pipelineId, String name, int sort, int type, String color, boolean editable) {

    /** The system stage "Closed – won". */
    public static final long WON = 142;
    /** The system stage "Closed – lost". */
    public static final long LOST = 143;

    /** Validates. */
    public Stage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(color, "color");
    }

    /** @return true for {@value #WON} and {@value #LOST} */
    public boolean closing() {
        return id == WON || id == LOST;
    }
}
