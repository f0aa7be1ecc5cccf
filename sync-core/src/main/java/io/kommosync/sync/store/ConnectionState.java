package io.kommosync.sync.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a connection may run jobs.
 *
 * @param connectionId the connection
 * @param status       active or paused
 * @param reason       why it is paused
 * @param since        since when
 */
public record ConnectionState(String connectionId, Status status, Optional<String> reason, Instant since) {

    /** Whether the connection runs. */
    public enum Status {
        /** Jobs run. */
        ACTIVE,
        /** Credentials need re-authorisation; jobs are parked until it is done. */
        NEEDS_REAUTHORISATION
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public ConnectionState {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
