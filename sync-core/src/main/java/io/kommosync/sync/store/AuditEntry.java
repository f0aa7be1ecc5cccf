package io.kommosync.sync.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of the audit trail: what the engine did, when, for which job.
 *
 * @param at           when
 * @param connectionId the connection
 * @param jobId        the job, when the step belongs to one
 * @param subjectId    the deal or invoice
 * @param step         a short step name, for example {@code "invoice-created"}
 * @param detail       what happened, in plain words; never secrets
 */
public record AuditEntry(Instant at, String connectionId, Optional<JobId> jobId, String subjectId, String step,
                         String detail) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(detail, "detail");
    }
}
