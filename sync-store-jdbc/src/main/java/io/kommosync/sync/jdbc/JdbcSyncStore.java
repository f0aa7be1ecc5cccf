package io.kommosync.sync.jdbc;

import static io.kommosync.sync.jdbc.internal.Sql.instant;
import static io.kommosync.sync.jdbc.internal.Sql.requiredInstant;
import static io.kommosync.sync.jdbc.internal.Sql.setInstant;
import static io.kommosync.sync.jdbc.internal.Sql.setString;
import static io.kommosync.sync.jdbc.internal.Sql.stored;
import static io.kommosync.sync.jdbc.internal.Sql.string;

import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.sync.jdbc.internal.Dialect;
import io.kommosync.sync.jdbc.internal.PayloadCodec;
import io.kommosync.sync.jdbc.internal.Sql;
import io.kommosync.sync.store.AuditEntry;
import io.kommosync.sync.store.ConnectionState;
import io.kommosync.sync.store.DealInvoiceLink;
import io.kommosync.sync.store.EnqueueResult;
import io.kommosync.sync.store.JobId;
import io.kommosync.sync.store.JobKind;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.NewJob;
import io.kommosync.sync.store.ParkReason;
import io.kommosync.sync.store.SyncJob;
import io.kommosync.sync.store.SyncStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link SyncStore} over JDBC, on H2 or PostgreSQL. Get it from {@link SyncDatabase#syncStore()}.
 *
 * <p><b>Claims.</b> On PostgreSQL, {@link #claimDue} selects due jobs with {@code FOR UPDATE SKIP LOCKED} and
 * leases them in the same transaction, so any number of workers on any number of instances claim disjoint jobs
 * without waiting on each other. On H2 (one process) each candidate is leased by a compare-and-set
 * {@code UPDATE ... WHERE} that re-checks it is still claimable; H2 re-evaluates the condition on the row's
 * latest committed version, so two workers never both succeed. The job methods taking a {@code workerId} update
 * only a row that is RUNNING under that owner.
 *
 * <p>Every method is one statement or one transaction, hence atomic. Instants are stored to the microsecond.
 * Every method throws {@link JdbcStoreException} when the database fails. Thread-safe.
 */
public final class JdbcSyncStore implements SyncStore {

    private static final String JOB_COLUMNS = "id, connection_id, kind, subject_id, dedupe_key, payload, state,"
            + " failures, due_at, created_at, updated_at, last_error, park_reason, lease_owner, lease_until";
    private static final String CLAIMABLE = "((state = 'PENDING' AND due_at <= ?)"
            + " OR (state = 'RUNNING' AND (lease_until IS NULL OR lease_until < ?)))";
    private static final String CLAIM_ORDER = " ORDER BY due_at, created_at, seq";
    private static final String HELD = " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?";
    private static final int H2_CLAIM_ROUNDS = 3;

    private final Sql sql;
    private final Dialect dialect;

    JdbcSyncStore(Sql sql) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.dialect = sql.dialect();
    }

    // ---- jobs --------------------------------------------------------------------------------------------

    @Override
    public EnqueueResult enqueue(NewJob job, Instant now) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(now, "now");
        return sql.run("enqueue a job", c -> {
            for (int attempt = 0; attempt < 3; attempt++) {
                SyncJob candidate = new SyncJob(JobId.random(), job.connectionId(), job.kind(), job.subjectId(),
                        job.dedupeKey(), job.payload(), JobState.PENDING, 0, stored(job.dueAt()), stored(now),
                        stored(now), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
                boolean inserted = dialect.insertIfAbsent(c, "INSERT INTO ks_job (id, connection_id, kind,"
                        + " subject_id, dedupe_key, payload, state, failures, due_at, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)", ps -> {
                            ps.setString(1, candidate.id().value());
                            ps.setString(2, candidate.connectionId());
                            ps.setString(3, candidate.kind().name());
                            ps.setString(4, candidate.subjectId());
                            ps.setString(5, candidate.dedupeKey());
                            ps.setString(6, PayloadCodec.write(candidate.payload()));
                            setInstant(ps, 7, candidate.dueAt());
                            setInstant(ps, 8, now);
                            setInstant(ps, 9, now);
                        });
                if (inserted) {
                    return new EnqueueResult(candidate, true);
                }
                Optional<SyncJob> existing = jobWhere(c, "dedupe_key = ?", ps -> ps.setString(1, job.dedupeKey()));
                if (existing.isPresent()) {
                    return new EnqueueResult(existing.get(), false);
                }
                // The duplicate was pruned between our insert and our read: try again.
            }
            throw new SQLException("the job with dedupe key " + job.dedupeKey() + " kept appearing and vanishing");
        });
    }

    @Override
    public Optional<SyncJob> job(JobId id) {
        Objects.requireNonNull(id, "id");
        return sql.run("read a job", c -> jobWhere(c, "id = ?", ps -> ps.setString(1, id.value())));
    }

    @Override
    public Optional<SyncJob> jobByDedupeKey(String dedupeKey) {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        return sql.run("read a job", c -> jobWhere(c, "dedupe_key = ?", ps -> ps.setString(1, dedupeKey)));
    }

    @Override
    public List<SyncJob> claimDue(Instant now, int limit, String workerId, Duration lease) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(lease, "lease");
        if (limit <= 0) {
            return List.of();
        }
        Instant leaseUntil = now.plus(lease);
        List<SyncJob> claimed = dialect.skipsLockedRows()
                ? claimSkippingLocked(now, limit, workerId, leaseUntil)
                : claimByCompareAndSet(now, limit, workerId, leaseUntil);
        return claimed.stream()
                .sorted(Comparator.comparing(SyncJob::dueAt).thenComparing(SyncJob::createdAt))
                .toList();
    }

    private List<SyncJob> claimSkippingLocked(Instant now, int limit, String workerId, Instant leaseUntil) {
        return sql.transaction("claim due jobs", c -> {
            List<SyncJob> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM ks_job WHERE "
                    + CLAIMABLE + CLAIM_ORDER + " LIMIT ? FOR UPDATE SKIP LOCKED")) {
                setInstant(ps, 1, now);
                setInstant(ps, 2, now);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(job(rs));
                    }
                }
            }
            if (candidates.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ks_job SET state = 'RUNNING', lease_owner = ?,"
                    + " lease_until = ?, updated_at = ? WHERE id = ?")) {
                for (SyncJob j : candidates) {
                    ps.setString(1, workerId);
                    setInstant(ps, 2, leaseUntil);
                    setInstant(ps, 3, now);
                    ps.setString(4, j.id().value());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            // The rows are locked by this transaction, so what was read is what is now stored.
            return candidates.stream().map(j -> new SyncJob(j.id(), j.connectionId(), j.kind(), j.subjectId(),
                    j.dedupeKey(), j.payload(), JobState.RUNNING, j.failures(), j.dueAt(), j.createdAt(),
                    stored(now), j.lastError(), j.parkReason(), Optional.of(workerId),
                    Optional.of(stored(leaseUntil)))).toList();
        });
    }

    private List<SyncJob> claimByCompareAndSet(Instant now, int limit, String workerId, Instant leaseUntil) {
        return sql.run("claim due jobs", c -> {
            Set<String> claimedIds = new LinkedHashSet<>();
            for (int round = 0; round < H2_CLAIM_ROUNDS && claimedIds.size() < limit; round++) {
                List<String> candidates = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM ks_job WHERE " + CLAIMABLE
                        + CLAIM_ORDER + " LIMIT ?")) {
                    setInstant(ps, 1, now);
                    setInstant(ps, 2, now);
                    ps.setInt(3, limit - claimedIds.size());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            candidates.add(rs.getString(1));
                        }
                    }
                }
                if (candidates.isEmpty()) {
                    break;
                }
                boolean lostAny = false;
                try (PreparedStatement ps = c.prepareStatement("UPDATE ks_job SET state = 'RUNNING',"
                        + " lease_owner = ?, lease_until = ?, updated_at = ? WHERE id = ? AND " + CLAIMABLE)) {
                    for (String id : candidates) {
                        ps.setString(1, workerId);
                        setInstant(ps, 2, leaseUntil);
                        setInstant(ps, 3, now);
                        ps.setString(4, id);
                        setInstant(ps, 5, now);
                        setInstant(ps, 6, now);
                        if (ps.executeUpdate() == 1) {
                            claimedIds.add(id);
                        } else {
                            lostAny = true;
                        }
                    }
                }
                if (!lostAny) {
                    break;
                }
            }
            if (claimedIds.isEmpty()) {
                return List.of();
            }
            List<SyncJob> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM ks_job WHERE id IN ("
                    + placeholders(claimedIds.size()) + ") AND state = 'RUNNING' AND lease_owner = ?")) {
                int i = 1;
                for (String id : claimedIds) {
                    ps.setString(i++, id);
                }
                ps.setString(i, workerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(job(rs));
                    }
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean renewLease(JobId id, String workerId, Instant leaseUntil) {
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return updateHeld("renew a job lease", id, workerId, "lease_until = ?",
                ps -> setInstant(ps, 1, leaseUntil));
    }

    @Override
    public boolean complete(JobId id, String workerId, Instant now) {
        Objects.requireNonNull(now, "now");
        return updateHeld("complete a job", id, workerId, "state = 'DONE', updated_at = ?, finished_at = ?,"
                + " park_reason = NULL, lease_owner = NULL, lease_until = NULL", ps -> {
                    setInstant(ps, 1, now);
                    setInstant(ps, 2, now);
                });
    }

    @Override
    public boolean scheduleRetry(JobId id, String workerId, Instant dueAt, String error, Instant now) {
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(now, "now");
        return updateHeld("schedule a job retry", id, workerId, "state = 'PENDING', failures = failures + 1,"
                + " due_at = ?, updated_at = ?, last_error = ?, park_reason = NULL, lease_owner = NULL,"
                + " lease_until = NULL", ps -> {
                    setInstant(ps, 1, dueAt);
                    setInstant(ps, 2, now);
                    ps.setString(3, error);
                });
    }

    @Override
    public boolean park(JobId id, String workerId, ParkReason reason, String detail, Instant now) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(now, "now");
        return updateHeld("park a job", id, workerId, "state = 'PARKED', updated_at = ?, last_error = ?,"
                + " park_reason = ?, lease_owner = NULL, lease_until = NULL", ps -> {
                    setInstant(ps, 1, now);
                    ps.setString(2, detail);
                    ps.setString(3, reason.name());
                });
    }

    @Override
    public boolean kill(JobId id, String workerId, String error, Instant now) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(now, "now");
        return updateHeld("dead-letter a job", id, workerId, "state = 'DEAD', failures = failures + 1,"
                + " updated_at = ?, finished_at = ?, last_error = ?, park_reason = NULL, lease_owner = NULL,"
                + " lease_until = NULL", ps -> {
                    setInstant(ps, 1, now);
                    setInstant(ps, 2, now);
                    ps.setString(3, error);
                });
    }

    @Override
    public int resumeParked(String connectionId, ParkReason reason, Instant now) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(now, "now");
        return sql.run("resume parked jobs", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ks_job SET state = 'PENDING', due_at = ?,"
                    + " updated_at = ?, park_reason = NULL WHERE connection_id = ? AND state = 'PARKED'"
                    + " AND park_reason = ?")) {
                setInstant(ps, 1, now);
                setInstant(ps, 2, now);
                ps.setString(3, connectionId);
                ps.setString(4, reason.name());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean replay(JobId id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        return sql.run("replay a job", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ks_job SET state = 'PENDING', failures = 0,"
                    + " due_at = ?, updated_at = ?, finished_at = NULL, park_reason = NULL, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND state IN ('PARKED', 'DEAD', 'DONE')")) {
                setInstant(ps, 1, now);
                setInstant(ps, 2, now);
                ps.setString(3, id.value());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<SyncJob> jobs(Optional<String> connectionId, Set<JobState> states, int limit) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(states, "states");
        if (limit <= 0) {
            return List.of();
        }
        List<String> where = new ArrayList<>();
        connectionId.ifPresent(x -> where.add("connection_id = ?"));
        if (!states.isEmpty()) {
            where.add("state IN (" + placeholders(states.size()) + ")");
        }
        String query = "SELECT " + JOB_COLUMNS + " FROM ks_job"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY seq DESC LIMIT ?";
        return sql.run("list jobs", c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                int i = 1;
                if (connectionId.isPresent()) {
                    ps.setString(i++, connectionId.get());
                }
                for (JobState s : states) {
                    ps.setString(i++, s.name());
                }
                ps.setInt(i, limit);
                List<SyncJob> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(job(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Map<String, String> checkpoints(JobId id) {
        Objects.requireNonNull(id, "id");
        return sql.run("read job checkpoints", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT step, step_value FROM ks_job_checkpoint WHERE job_id = ?")) {
                ps.setString(1, id.value());
                Map<String, String> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
                return Map.copyOf(out);
            }
        });
    }

    @Override
    public void saveCheckpoint(JobId id, String step, String value) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(value, "value");
        upsert("save a job checkpoint", "ks_job_checkpoint", List.of("job_id", "step"), List.of("step_value"),
                ps -> {
                    ps.setString(1, id.value());
                    ps.setString(2, step);
                    ps.setString(3, value);
                });
    }

    // ---- links -------------------------------------------------------------------------------------------

    private static final String LINK_COLUMNS = "connection_id, deal_id, invoice_id, invoice_number, invoice_link,"
            + " origin, payment_status, created_at";

    @Override
    public Optional<DealInvoiceLink> linkForDeal(String connectionId, long dealId) {
        Objects.requireNonNull(connectionId, "connectionId");
        return linkWhere("deal_id = ?", connectionId, ps -> ps.setLong(2, dealId));
    }

    @Override
    public Optional<DealInvoiceLink> linkForInvoice(String connectionId, String invoiceId) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(invoiceId, "invoiceId");
        return linkWhere("invoice_id = ?", connectionId, ps -> ps.setString(2, invoiceId));
    }

    @Override
    public boolean saveLink(DealInvoiceLink link) {
        Objects.requireNonNull(link, "link");
        return sql.run("save a deal-invoice link", c -> dialect.insertIfAbsent(c, "INSERT INTO ks_link ("
                + LINK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, link.connectionId());
                    ps.setLong(2, link.dealId());
                    ps.setString(3, link.invoiceId());
                    ps.setString(4, link.invoiceNumber());
                    setString(ps, 5, link.invoiceLink().map(URI::toString));
                    ps.setString(6, link.origin().name());
                    ps.setString(7, link.paymentStatus().name());
                    setInstant(ps, 8, link.createdAt());
                }));
    }

    @Override
    public List<DealInvoiceLink> links(String connectionId, Set<InvoiceStatus> statuses, int limit) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(statuses, "statuses");
        if (statuses.isEmpty() || limit <= 0) {
            return List.of();
        }
        return sql.run("list deal-invoice links", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LINK_COLUMNS + " FROM ks_link"
                    + " WHERE connection_id = ? AND payment_status IN (" + placeholders(statuses.size())
                    + ") ORDER BY created_at, seq LIMIT ?")) {
                int i = 1;
                ps.setString(i++, connectionId);
                for (InvoiceStatus s : statuses) {
                    ps.setString(i++, s.name());
                }
                ps.setInt(i, limit);
                List<DealInvoiceLink> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(link(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void updatePaymentStatus(String connectionId, String invoiceId, InvoiceStatus status) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(status, "status");
        sql.run("update a payment status", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ks_link SET payment_status = ? WHERE connection_id = ? AND invoice_id = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, connectionId);
                ps.setString(3, invoiceId);
                return ps.executeUpdate();
            }
        });
    }

    // ---- caches, cursors, state -------------------------------------------------------------------------

    @Override
    public Optional<String> cachedCustomerId(String connectionId, String email) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(email, "email");
        return readString("read a cached customer", "SELECT customer_id FROM ks_customer"
                + " WHERE connection_id = ? AND email = ?", connectionId, email);
    }

    @Override
    public void cacheCustomer(String connectionId, String email, String customerId) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(customerId, "customerId");
        upsert("cache a customer", "ks_customer", List.of("connection_id", "email"), List.of("customer_id"), ps -> {
            ps.setString(1, connectionId);
            ps.setString(2, email);
            ps.setString(3, customerId);
        });
    }

    @Override
    public Optional<String> cursor(String connectionId, String name) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(name, "name");
        return readString("read a cursor", "SELECT cursor_value FROM ks_cursor WHERE connection_id = ? AND name = ?",
                connectionId, name);
    }

    @Override
    public void saveCursor(String connectionId, String name, String value) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        upsert("save a cursor", "ks_cursor", List.of("connection_id", "name"), List.of("cursor_value"), ps -> {
            ps.setString(1, connectionId);
            ps.setString(2, name);
            ps.setString(3, value);
        });
    }

    @Override
    public ConnectionState connectionState(String connectionId, Instant now) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(now, "now");
        return sql.run("read a connection state", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status, reason, since FROM ks_connection_state WHERE connection_id = ?")) {
                ps.setString(1, connectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new ConnectionState(connectionId, ConnectionState.Status.valueOf(rs.getString(1)),
                                string(rs, "reason"), requiredInstant(rs, "since"));
                    }
                }
            }
            return new ConnectionState(connectionId, ConnectionState.Status.ACTIVE, Optional.empty(), now);
        });
    }

    @Override
    public void saveConnectionState(ConnectionState state) {
        Objects.requireNonNull(state, "state");
        upsert("save a connection state", "ks_connection_state", List.of("connection_id"),
                List.of("status", "reason", "since"), ps -> {
                    ps.setString(1, state.connectionId());
                    ps.setString(2, state.status().name());
                    setString(ps, 3, state.reason());
                    setInstant(ps, 4, state.since());
                });
    }

    @Override
    public boolean markSeen(String connectionId, String eventKey, Instant now) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(now, "now");
        return sql.run("remember an inbound event", c -> dialect.insertIfAbsent(c,
                "INSERT INTO ks_seen_event (connection_id, event_key, seen_at) VALUES (?, ?, ?)", ps -> {
                    ps.setString(1, connectionId);
                    ps.setString(2, eventKey);
                    setInstant(ps, 3, now);
                }));
    }

    // ---- audit -------------------------------------------------------------------------------------------

    @Override
    public void append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        sql.run("append to the audit trail", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ks_audit (logged_at, connection_id, job_id,"
                    + " subject_id, step, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
                setInstant(ps, 1, entry.at());
                ps.setString(2, entry.connectionId());
                setString(ps, 3, entry.jobId().map(JobId::value));
                ps.setString(4, entry.subjectId());
                ps.setString(5, entry.step());
                ps.setString(6, entry.detail());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditEntry> audit(String connectionId, String subjectId) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(subjectId, "subjectId");
        return sql.run("read the audit trail", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT logged_at, job_id, step, detail FROM ks_audit"
                    + " WHERE connection_id = ? AND subject_id = ? ORDER BY seq")) {
                ps.setString(1, connectionId);
                ps.setString(2, subjectId);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(requiredInstant(rs, "logged_at"), connectionId,
                                string(rs, "job_id").map(JobId::new), subjectId, rs.getString("step"),
                                rs.getString("detail")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public String toString() {
        return "JdbcSyncStore[" + dialect + "]";
    }

    // ---- plumbing ----------------------------------------------------------------------------------------

    private boolean updateHeld(String operation, JobId id, String workerId, String assignments,
                               Dialect.Binder binder) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workerId, "workerId");
        int parameters = (int) assignments.chars().filter(ch -> ch == '?').count();
        return sql.run(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ks_job SET " + assignments + HELD)) {
                binder.bind(ps);
                ps.setString(parameters + 1, id.value());
                ps.setString(parameters + 2, workerId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private Optional<SyncJob> jobWhere(Connection c, String condition, Dialect.Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM ks_job WHERE " + condition)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(job(rs)) : Optional.empty();
            }
        }
    }

    private Optional<DealInvoiceLink> linkWhere(String condition, String connectionId, Dialect.Binder binder) {
        return sql.run("read a deal-invoice link", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LINK_COLUMNS + " FROM ks_link"
                    + " WHERE connection_id = ? AND " + condition)) {
                ps.setString(1, connectionId);
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(link(rs)) : Optional.empty();
                }
            }
        });
    }

    private Optional<String> readString(String operation, String query, String first, String second) {
        return sql.run(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setString(1, first);
                ps.setString(2, second);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private void upsert(String operation, String table, List<String> keys, List<String> others,
                        Dialect.Binder binder) {
        String statement = dialect.upsert(table, keys, others);
        sql.run(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    private static SyncJob job(ResultSet rs) throws SQLException {
        return new SyncJob(new JobId(rs.getString("id")), rs.getString("connection_id"),
                JobKind.valueOf(rs.getString("kind")), rs.getString("subject_id"), rs.getString("dedupe_key"),
                PayloadCodec.read(rs.getString("payload")), JobState.valueOf(rs.getString("state")),
                rs.getInt("failures"), requiredInstant(rs, "due_at"), requiredInstant(rs, "created_at"),
                requiredInstant(rs, "updated_at"), string(rs, "last_error"),
                string(rs, "park_reason").map(ParkReason::valueOf), string(rs, "lease_owner"),
                instant(rs, "lease_until"));
    }

    private static DealInvoiceLink link(ResultSet rs) throws SQLException {
        return new DealInvoiceLink(rs.getString("connection_id"), rs.getLong("deal_id"), rs.getString("invoice_id"),
                rs.getString("invoice_number"), string(rs, "invoice_link").map(URI::create),
                DealInvoiceLink.Origin.valueOf(rs.getString("origin")),
                InvoiceStatus.valueOf(rs.getString("payment_status")), requiredInstant(rs, "created_at"));
    }

    private static String placeholders(int n) {
        return java.util.Collections.nCopies(n, "?").stream().collect(Collectors.joining(", "));
    }
}
