package io.kommosync.sync.store;

/** Where a job is in its life. */
public enum JobState {
    /** Waiting until its due time, first run or a scheduled retry. */
    PENDING,
    /** Claimed by a worker holding a lease. */
    RUNNING,
    /** Waiting for something a person must do (a mapping, a re-authorisation); resumed by an event, not by time. */
    PARKED,
    /** Failed for good; a task told a person; can be replayed. */
    DEAD,
    /** Finished. */
    DONE;

    /**
     * Whether the job will not run again without a replay.
     *
     * @return {@code true} for DEAD and DONE
     */
    public boolean isFinal() {
        return this == DEAD || this == DONE;
    }
}
