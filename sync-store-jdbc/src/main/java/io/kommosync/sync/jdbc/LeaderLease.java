package io.kommosync.sync.jdbc;

import static io.kommosync.sync.jdbc.internal.Sql.requiredInstant;
import static io.kommosync.sync.jdbc.internal.Sql.setInstant;
import static io.kommosync.sync.jdbc.internal.Sql.stored;

import io.kommosync.sync.Leadership;
import io.kommosync.sync.jdbc.internal.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A named lease that lets one instance at a time run a singleton task, such as a ledger poller or the
 * reconciler, and lets another instance take over when the holder dies. The lease is a row in
 * {@code ks_leader_lease}: its owner and the instant it runs out.
 *
 * <p>Use: before each round of the task call {@link #acquire(Instant)}; run the round only when it returns
 * {@code true}, and keep each round well shorter than the ttl (renew with {@link #renew(Instant)} between steps
 * of a long round, and stop when that returns {@code false}). On shutdown call {@link #release()} so another
 * instance takes over at once instead of after the ttl.
 *
 * <p>Times are passed in by the caller, as everywhere in the store; instances must keep their clocks in step
 * (NTP) to well within the ttl. Each method is one atomic statement. Thread-safe.
 */
public final class LeaderLease implements Leadership {

    private final Sql sql;
    private final String name;
    private final String owner;
    private final Duration ttl;

    LeaderLease(Sql sql, String name, String owner, Duration ttl) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.name = requireText(name, "name", "name the task, for example \"xero-poller\"");
        this.owner = requireText(owner, "owner", "pass this instance's id, for example host name and process id");
        Objects.requireNonNull(ttl, "ttl must not be null: pass a Duration such as Duration.ofSeconds(30)");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive but was " + ttl
                    + ": pass a Duration such as Duration.ofSeconds(30)");
        }
        this.ttl = ttl;
    }

    /**
     * The lease's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The owner this object acquires the lease for.
     *
     * @return the owner
     */
    public String owner() {
        return owner;
    }

    /**
     * How long the lease holds after each acquire or renew.
     *
     * @return the ttl
     */
    public Duration ttl() {
        return ttl;
    }

    /**
     * Takes the lease when nobody holds it or its holder let it run out, or extends it when this owner holds it.
     *
     * @param now the current time
     * @return {@code true} when this owner holds the lease until {@code now + ttl}
     * @throws JdbcStoreException when the database fails
     */
    @Override
    public boolean acquire(Instant now) {
        Objects.requireNonNull(now, "now");
        Instant until = now.plus(ttl);
        return sql.run("acquire the leader lease '" + name + "'", c -> {
            boolean created = sql.dialect().insertIfAbsent(c, "INSERT INTO ks_leader_lease (name, owner,"
                    + " lease_until, acquired_at) VALUES (?, ?, ?, ?)", ps -> {
                        ps.setString(1, name);
                        ps.setString(2, owner);
                        setInstant(ps, 3, until);
                        setInstant(ps, 4, now);
                    });
            if (created) {
                return true;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ks_leader_lease SET lease_until = ?,"
                    + " acquired_at = CASE WHEN owner = ? THEN acquired_at ELSE ? END, owner = ?"
                    + " WHERE name = ? AND (owner = ? OR lease_until < ?)")) {
                setInstant(ps, 1, until);
                ps.setString(2, owner);
                setInstant(ps, 3, now);
                ps.setString(4, owner);
                ps.setString(5, name);
                ps.setString(6, owner);
                setInstant(ps, 7, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Extends the lease, only while this owner still holds it and it has not run out.
     *
     * @param now the current time
     * @return {@code true} when extended to {@code now + ttl}; {@code false} when the lease ran out or another
     *     owner holds it, in which case stop the task
     * @throws JdbcStoreException when the database fails
     */
    public boolean renew(Instant now) {
        Objects.requireNonNull(now, "now");
        return sql.run("renew the leader lease '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ks_leader_lease SET lease_until = ?"
                    + " WHERE name = ? AND owner = ? AND lease_until >= ?")) {
                setInstant(ps, 1, now.plus(ttl));
                ps.setString(2, name);
                ps.setString(3, owner);
                setInstant(ps, 4, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Gives the lease up if this owner holds it, so another instance can take it at once.
     *
     * @return {@code true} when this owner held it
     * @throws JdbcStoreException when the database fails
     */
    @Override
    public boolean release() {
        return sql.run("release the leader lease '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM ks_leader_lease WHERE name = ? AND owner = ?")) {
                ps.setString(1, name);
                ps.setString(2, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Who holds the lease at {@code now}.
     *
     * @param now the current time
     * @return the holder, or empty when nobody holds it or it ran out
     * @throws JdbcStoreException when the database fails
     */
    public Optional<Holder> holder(Instant now) {
        Objects.requireNonNull(now, "now");
        return sql.run("read the leader lease '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT owner, lease_until, acquired_at FROM ks_leader_lease WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Holder holder = new Holder(rs.getString("owner"), requiredInstant(rs, "acquired_at"),
                            requiredInstant(rs, "lease_until"));
                    return holder.until().isBefore(stored(now)) ? Optional.<Holder>empty() : Optional.of(holder);
                }
            }
        });
    }

    @Override
    public String toString() {
        return "LeaderLease[name=" + name + ", owner=" + owner + ", ttl=" + ttl + "]";
    }

    /**
     * The current holder of a lease.
     *
     * @param owner      who holds it
     * @param acquiredAt since when, without interruption
     * @param until      when it runs out unless renewed
     */
    public record Holder(String owner, Instant acquiredAt, Instant until) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if any component is {@code null}
         */
        public Holder {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(acquiredAt, "acquiredAt");
            Objects.requireNonNull(until, "until");
        }
    }

    private static String requireText(String value, String field, String fix) {
        Objects.requireNonNull(value, () -> field + " must not be null: " + fix);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank: " + fix);
        }
        return value;
    }
}
