package io.kommosync.sync;

import io.kommosync.sync.store.ParkReason;

/** How a job run ended, when it did not throw. */
sealed interface JobOutcome {

    /** Finished. */
    record Done(String summary) implements JobOutcome {
    }

    /** Waits for a person. */
    record Parked(ParkReason reason, String detail) implements JobOutcome {
    }
}
