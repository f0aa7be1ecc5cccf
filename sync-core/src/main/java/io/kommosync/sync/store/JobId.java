package io.kommosync.sync.store;

import java.util.Objects;
import java.util.UUID;

/**
 * The id of a job.
 *
 * @param value the id, not blank
 */
public record JobId(String value) {

    /**
     * Validates the value.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public JobId {
        if (Objects.requireNonNull(value, "value").isBlank()) {
            throw new IllegalArgumentException("a job id cannot be blank");
        }
    }

    /**
     * A new random id.
     *
     * @return the id
     */
    public static JobId random() {
        return new JobId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
