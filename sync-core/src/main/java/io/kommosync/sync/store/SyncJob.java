package io.kommosync.sync.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as the store holds it.
 *
 * @param id           the id
 * @param connectionId the connection
 * @param kind         what it does
 * @param subjectId    the deal or invoice it is about
 * @param dedupeKey    its unique key
 * @param payload      small facts it needs
 * @param state        where it is
 * @param failures     how many runs failed (the durable retry ladder counts these)
 * @param dueAt        when it may run next (meaningful while PENDING)
 * @param createdAt    when it was enqueued
 * @param updatedAt    when it last changed
 * @param lastError    the last failure in plain words, when it failed
 * @param parkReason   why it is parked, while PARKED
 * @param leaseOwner   the worker holding it, while RUNNING
 * @param leaseUntil   when that lease expires, while RUNNING
 */
public record SyncJob(JobId id, String connectionId, JobKind kind, String subjectId, String dedupeKey,
                      Map<String, String> payload, JobState state, int failures, Instant dueAt, Instant createdAt,
                      Instant updatedAt, Optional<String> lastError, Optional<ParkReason> parkReason,
                      Optional<String> leaseOwner, Optional<Instant> leaseUntil) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SyncJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(parkReason, "parkReason");
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        payload = Map.copyOf(payload);
    }

    /**
     * A payload value.
     *
     * @param key the key
     * @return the value, or empty
     */
    public Optional<String> payload(String key) {
        return Optional.ofNullable(payload.get(key));
    }
}
