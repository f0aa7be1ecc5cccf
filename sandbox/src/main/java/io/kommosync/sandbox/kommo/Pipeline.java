package io.kommosync.sandbox.kommo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sales pipeline with its stages in display order.
 *
 * @param id the pipeline id
 * @param name display name
 * @param sort display order
 * @param main whether it is the account's main pipeline
 * @param stages the stages, sorted
 */
public record Pipeline(long id, String name, int sort, boolean main, List<Stage> stages) {

    /** Validates and copies. */
    public Pipeline {
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
    }

    /**
     * Finds a stage.
     *
     * @param statusId the status id
     * @return the stage, or empty when the pipeline has no such stage
     */
    public Optional<Stage> stage(long statusId) {
        return stages.stream().filter(s -> s.id() == statusId).findFirst();
    }

    /**
     * Finds a stage by name.
     *
     * @param name the exact name
     * @return the stage, or empty
     */
    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** @return the first stage a new lead lands in: the first that is neither unsorted nor closing */
    public Stage firstWorkingStage() {
        return stages.stream().filter(s -> s.type() == 0 && !s.closing()).findFirst()
                .orElseGet(() -> stages.get(0));
    }
}
