/**
 * The durable kommo-sync store over JDBC, on H2 in a file (one process, zero set-up) or PostgreSQL (several
 * instances): {@link io.kommosync.sync.jdbc.SyncDatabase} opens and migrates the database and hands out the
 * {@link io.kommosync.sync.store.SyncStore} ({@link io.kommosync.sync.jdbc.JdbcSyncStore}), the
 * {@link io.kommosync.client.oauth.TokenStore} ({@link io.kommosync.sync.jdbc.JdbcTokenStore}) and
 * {@link io.kommosync.sync.jdbc.LeaderLease}s for singleton tasks.
 *
 * <p>Non-null by default; absent values are {@link java.util.Optional}.
 */
package io.kommosync.sync.jdbc;
