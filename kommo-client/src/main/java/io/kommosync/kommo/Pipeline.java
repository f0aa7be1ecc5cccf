package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.List;
import java.util.Optional;

/**
 * A lead pipeline with its stages. Kommo sends no webhook when pipelines change: cache them and re-read now and
 * then.
 *
 * @param id       the pipeline's id
 * @param name     its name
 * @param main     true for the account's main pipeline
 * @param sort     its position
 * @param statuses its stages in Kommo's order
 */
public record Pipeline(long id, String name, boolean main, int sort, List<PipelineStatus> statuses) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public Pipeline {
        Arguments.id(id, "id");
        Arguments.notNull(name, "name", "pass \"\" when absent");
        statuses = Arguments.list(statuses, "statuses");
    }

    /**
     * Returns a stage by id.
     *
     * @param statusId the stage's id
     * @return the stage; empty when this pipeline has none with that id
     */
    public Optional<PipelineStatus> status(long statusId) {
        return statuses.stream().filter(status -> status.id() == statusId).findFirst();
    }
}
