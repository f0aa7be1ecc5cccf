package io.kommosync.sync.jdbc;

/**
 * What {@link SyncDatabase#prune} deleted.
 *
 * @param auditEntries audit entries
 * @param doneJobs     done jobs (with their checkpoints)
 * @param deadJobs     dead jobs (with their checkpoints)
 * @param seenEvents   remembered inbound event ids
 */
public record Pruned(int auditEntries, int doneJobs, int deadJobs, int seenEvents) {

    /**
     * How many rows were deleted, checkpoints not counted.
     *
     * @return the sum
     */
    public int total() {
        return auditEntries + doneJobs + deadJobs + seenEvents;
    }
}
