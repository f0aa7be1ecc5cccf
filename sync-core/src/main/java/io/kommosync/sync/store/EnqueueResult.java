package io.kommosync.sync.store;

import java.util.Objects;

/**
 * What {@link SyncStore#enqueue} did.
 *
 * @param job     the job now in the store: the new one, or the one that already had the dedupe key
 * @param created {@code true} when a new job was stored, {@code false} for a duplicate
 */
public record EnqueueResult(SyncJob job, boolean created) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code job} is {@code null}
     */
    public EnqueueResult {
        Objects.requireNonNull(job, "job");
    }
}
