/**
 * A stateful simulator of Sage Intacct: the XML gateway (sender and user credentials, API sessions and the endpoint
 * they name, {@code control}/{@code uniqueid} duplicate protection, per-result errors, transactions rolled back as a
 * whole) and the REST API (OAuth2 with rotating refresh tokens and client credentials, objects, the query service,
 * {@code ia::error} bodies), over one company whose GL accounts carry dimension requirements.
 *
 * <p>Start one with {@link io.kommosync.sandbox.intacct.IntacctSimulator#start()} or the JUnit extension
 * {@link io.kommosync.sandbox.intacct.IntacctSimulatorExtension}; seed and inspect it through
 * {@link io.kommosync.sandbox.intacct.IntacctCompany}. Everything here is non-null unless said otherwise.
 */
package io.kommosync.sandbox.intacct;
