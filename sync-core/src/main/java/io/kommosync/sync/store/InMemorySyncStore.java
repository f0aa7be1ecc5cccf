package io.kommosync.sync.store;

import io.kommosync.accounting.spi.InvoiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SyncStore} in memory: for tests, the demo, and hosts that accept losing state on restart. Every method
 * holds one lock, which makes each atomic. Thread-safe.
 */
public final class InMemorySyncStore implements SyncStore {

    private final Object lock = new Object();
    private final Map<JobId, SyncJob> jobs = new LinkedHashMap<>();
    private final Map<String, JobId> jobsByDedupeKey = new HashMap<>();
    private final Map<JobId, Map<String, String>> checkpoints = new HashMap<>();
    private final Map<String, DealInvoiceLink> linksByDeal = new HashMap<>();
    private final Map<String, DealInvoiceLink> linksByInvoice = new HashMap<>();
    private final Map<String, String> customers = new HashMap<>();
    private final Map<String, String> cursors = new HashMap<>();
    private final Map<String, ConnectionState> states = new HashMap<>();
    private final Map<String, Instant> seen = new HashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    private static String key(String connectionId, Object id) {
        return connectionId + '\u0000' + id;
    }

    @Override
    public EnqueueResult enqueue(NewJob job, Instant now) {
        synchronized (lock) {
            JobId existing = jobsByDedupeKey.get(job.dedupeKey());
            if (existing != null) {
                return new EnqueueResult(jobs.get(existing), false);
            }
            SyncJob stored = new SyncJob(JobId.random(), job.connectionId(), job.kind(), job.subjectId(),
                    job.dedupeKey(), job.payload(), JobState.PENDING, 0, job.dueAt(), now, now, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
            jobs.put(stored.id(), stored);
            jobsByDedupeKey.put(job.dedupeKey(), stored.id());
            return new EnqueueResult(stored, true);
        }
    }

    @Override
    public Optional<SyncJob> job(JobId id) {
        synchronized (lock) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    @Override
    public Optional<SyncJob> jobByDedupeKey(String dedupeKey) {
        synchronized (lock) {
            return Optional.ofNullable(jobsByDedupeKey.get(dedupeKey)).map(jobs::get);
        }
    }

    @Override
    public List<SyncJob> claimDue(Instant now, int limit, String workerId, Duration lease) {
        synchronized (lock) {
            List<SyncJob> runnable = jobs.values().stream()
                    .filter(j -> (j.state() == JobState.PENDING && !j.dueAt().isAfter(now))
                            || (j.state() == JobState.RUNNING && j.leaseUntil().map(now::isAfter).orElse(true)))
                    .sorted(Comparator.comparing(SyncJob::dueAt).thenComparing(SyncJob::createdAt))
                    .limit(limit)
                    .toList();
            List<SyncJob> claimed = new ArrayList<>(runnable.size());
            for (SyncJob j : runnable) {
                SyncJob running = with(j, JobState.RUNNING, j.failures(), j.dueAt(), now, j.lastError(),
                        Optional.empty(), Optional.of(workerId), Optional.of(now.plus(lease)));
                jobs.put(j.id(), running);
                claimed.add(running);
            }
            return claimed;
        }
    }

    @Override
    public boolean renewLease(JobId id, String workerId, Instant leaseUntil) {
        synchronized (lock) {
            SyncJob j = held(id, workerId);
            if (j == null) {
                return false;
            }
            jobs.put(id, with(j, j.state(), j.failures(), j.dueAt(), j.updatedAt(), j.lastError(), j.parkReason(),
                    j.leaseOwner(), Optional.of(leaseUntil)));
            return true;
        }
    }

    @Override
    public boolean complete(JobId id, String workerId, Instant now) {
        synchronized (lock) {
            SyncJob j = held(id, workerId);
            if (j == null) {
                return false;
            }
            jobs.put(id, with(j, JobState.DONE, j.failures(), j.dueAt(), now, j.lastError(), Optional.empty(),
                    Optional.empty(), Optional.empty()));
            return true;
        }
    }

    @Override
    public boolean scheduleRetry(JobId id, String workerId, Instant dueAt, String error, Instant now) {
        synchronized (lock) {
            SyncJob j = held(id, workerId);
            if (j == null) {
                return false;
            }
            jobs.put(id, with(j, JobState.PENDING, j.failures() + 1, dueAt, now, Optional.of(error), Optional.empty(),
                    Optional.empty(), Optional.empty()));
            return true;
        }
    }

    @Override
    public boolean park(JobId id, String workerId, ParkReason reason, String detail, Instant now) {
        synchronized (lock) {
            SyncJob j = held(id, workerId);
            if (j == null) {
                return false;
            }
            jobs.put(id, with(j, JobState.PARKED, j.failures(), j.dueAt(), now, Optional.of(detail),
                    Optional.of(reason), Optional.empty(), Optional.empty()));
            return true;
        }
    }

    @Override
    public boolean kill(JobId id, String workerId, String error, Instant now) {
        synchronized (lock) {
            SyncJob j = held(id, workerId);
            if (j == null) {
                return false;
            }
            jobs.put(id, with(j, JobState.DEAD, j.failures() + 1, j.dueAt(), now, Optional.of(error), Optional.empty(),
                    Optional.empty(), Optional.empty()));
            return true;
        }
    }

    @Override
    public int resumeParked(String connectionId, ParkReason reason, Instant now) {
        synchronized (lock) {
            int resumed = 0;
            for (SyncJob j : List.copyOf(jobs.values())) {
                if (j.connectionId().equals(connectionId) && j.state() == JobState.PARKED
                        && j.parkReason().equals(Optional.of(reason))) {
                    jobs.put(j.id(), with(j, JobState.PENDING, j.failures(), now, now, j.lastError(), Optional.empty(),
                            Optional.empty(), Optional.empty()));
                    resumed++;
                }
            }
            return resumed;
        }
    }

    @Override
    public boolean replay(JobId id, Instant now) {
        synchronized (lock) {
            SyncJob j = jobs.get(id);
            if (j == null || j.state() == JobState.PENDING || j.state() == JobState.RUNNING) {
                return false;
            }
            jobs.put(id, with(j, JobState.PENDING, 0, now, now, j.lastError(), Optional.empty(), Optional.empty(),
                    Optional.empty()));
            return true;
        }
    }

    @Override
    public List<SyncJob> jobs(Optional<String> connectionId, Set<JobState> states, int limit) {
        synchronized (lock) {
            List<SyncJob> all = new ArrayList<>(jobs.values());
            java.util.Collections.reverse(all);
            return all.stream()
                    .filter(j -> connectionId.map(j.connectionId()::equals).orElse(true))
                    .filter(j -> states.isEmpty() || states.contains(j.state()))
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public Map<String, String> checkpoints(JobId id) {
        synchronized (lock) {
            return Map.copyOf(checkpoints.getOrDefault(id, Map.of()));
        }
    }

    @Override
    public void saveCheckpoint(JobId id, String step, String value) {
        synchronized (lock) {
            checkpoints.computeIfAbsent(id, k -> new HashMap<>()).put(step, value);
        }
    }

    @Override
    public Optional<DealInvoiceLink> linkForDeal(String connectionId, long dealId) {
        synchronized (lock) {
            return Optional.ofNullable(linksByDeal.get(key(connectionId, dealId)));
        }
    }

    @Override
    public Optional<DealInvoiceLink> linkForInvoice(String connectionId, String invoiceId) {
        synchronized (lock) {
            return Optional.ofNullable(linksByInvoice.get(key(connectionId, invoiceId)));
        }
    }

    @Override
    public boolean saveLink(DealInvoiceLink link) {
        synchronized (lock) {
            String byDeal = key(link.connectionId(), link.dealId());
            String byInvoice = key(link.connectionId(), link.invoiceId());
            if (linksByDeal.containsKey(byDeal) || linksByInvoice.containsKey(byInvoice)) {
                return false;
            }
            linksByDeal.put(byDeal, link);
            linksByInvoice.put(byInvoice, link);
            return true;
        }
    }

    @Override
    public List<DealInvoiceLink> links(String connectionId, Set<InvoiceStatus> statuses, int limit) {
        synchronized (lock) {
            return linksByInvoice.values().stream()
                    .filter(l -> l.connectionId().equals(connectionId) && statuses.contains(l.paymentStatus()))
                    .sorted(Comparator.comparing(DealInvoiceLink::createdAt))
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public void updatePaymentStatus(String connectionId, String invoiceId, InvoiceStatus status) {
        synchronized (lock) {
            DealInvoiceLink link = linksByInvoice.get(key(connectionId, invoiceId));
            if (link != null) {
                DealInvoiceLink updated = link.withPaymentStatus(status);
                linksByInvoice.put(key(connectionId, invoiceId), updated);
                linksByDeal.put(key(connectionId, link.dealId()), updated);
            }
        }
    }

    @Override
    public Optional<String> cachedCustomerId(String connectionId, String email) {
        synchronized (lock) {
            return Optional.ofNullable(customers.get(key(connectionId, email)));
        }
    }

    @Override
    public void cacheCustomer(String connectionId, String email, String customerId) {
        synchronized (lock) {
            customers.put(key(connectionId, email), customerId);
        }
    }

    @Override
    public Optional<String> cursor(String connectionId, String name) {
        synchronized (lock) {
            return Optional.ofNullable(cursors.get(key(connectionId, name)));
        }
    }

    @Override
    public void saveCursor(String connectionId, String name, String value) {
        synchronized (lock) {
            cursors.put(key(connectionId, name), value);
        }
    }

    @Override
    public ConnectionState connectionState(String connectionId, Instant now) {
        synchronized (lock) {
            return states.getOrDefault(connectionId,
                    new ConnectionState(connectionId, ConnectionState.Status.ACTIVE, Optional.empty(), now));
        }
    }

    @Override
    public void saveConnectionState(ConnectionState state) {
        synchronized (lock) {
            states.put(state.connectionId(), state);
        }
    }

    @Override
    public boolean markSeen(String connectionId, String eventKey, Instant now) {
        synchronized (lock) {
            return seen.putIfAbsent(key(connectionId, eventKey), now) == null;
        }
    }

    @Override
    public void append(AuditEntry entry) {
        synchronized (lock) {
            audit.add(entry);
        }
    }

    @Override
    public List<AuditEntry> audit(String connectionId, String subjectId) {
        synchronized (lock) {
            return audit.stream()
                    .filter(e -> e.connectionId().equals(connectionId) && e.subjectId().equals(subjectId))
                    .toList();
        }
    }

    private SyncJob held(JobId id, String workerId) {
        SyncJob j = jobs.get(id);
        return j != null && j.state() == JobState.RUNNING && j.leaseOwner().equals(Optional.of(workerId)) ? j : null;
    }

    private static SyncJob with(SyncJob j, JobState state, int failures, Instant dueAt, Instant updatedAt,
                                Optional<String> lastError, Optional<ParkReason> parkReason,
                                Optional<String> leaseOwner, Optional<Instant> leaseUntil) {
        return new SyncJob(j.id(), j.connectionId(), j.kind(), j.subjectId(), j.dedupeKey(), j.payload(), state,
                failures, dueAt, j.createdAt(), updatedAt, lastError, parkReason, leaseOwner, leaseUntil);
    }
}
