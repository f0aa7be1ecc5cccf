package io.kommosync.sync.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A job to enqueue.
 *
 * @param connectionId the connection it belongs to
 * @param kind         what it does
 * @param subjectId    the deal or invoice it is about
 * @param dedupeKey    the key that makes it unique: a second enqueue with the same key returns the first job
 * @param payload      small string facts the job needs (trigger id, stage ids…)
 * @param dueAt        when it may run first
 */
public record NewJob(String connectionId, JobKind kind, String subjectId, String dedupeKey,
                     Map<String, String> payload, Instant dueAt) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public NewJob {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(dueAt, "dueAt");
        payload = Map.copyOf(payload);
    }
}
