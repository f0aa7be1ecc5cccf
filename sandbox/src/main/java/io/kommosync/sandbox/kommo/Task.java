package io.kommosync.sandbox.kommo;

import java.time.Instant;
import java.util.Objects;

/**
 * A task.
 *
 * @param id the task id
 * @param entityType {@code leads}, {@code contacts}, {@code companies} or {@code customers}, or {@code null} when
 *     the task is not attached to an entity
 * @param entityId the entity, or {@code null}
 * @param responsibleUserId who must do it
 * @param taskTypeId {@code 1} follow-up, {@code 2} meeting
 * @param text what to do
 * @param completeTill the deadline
 * @param durationSeconds planned duration
 * @param completed whether it is done
 * @param resultText the result text, or {@code null}
 * @param createdBy author
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record Task(long id, String entityType, Long entityId, long responsibleUserId, int taskTypeId, String text,
        Instant completeTill, long durationSeconds, boolean completed, String resultText, long createdBy,
        Instant createdAt, Instant updatedAt) {
    /** Validates. */
    public Task {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(completeTill, "completeTill");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
