/**
 * A stateful simulator of the Kommo (amoCRM) REST API v4 and its account webhooks:
 * {@link io.kommosync.sandbox.kommo.KommoSimulator} hosts many accounts on one loopback server; each
 * {@link io.kommosync.sandbox.kommo.SandboxAccount} has an admin API for seeding and asserting without HTTP.
 *
 * <p>Accounts share the server's base URI and are told apart by the bearer token (Kommo itself uses one domain per
 * account; see {@link io.kommosync.sandbox.kommo.KommoSimulator} for why the simulator does not).
 * {@link io.kommosync.sandbox.kommo.KommoSimulatorExtension} brings a simulator into JUnit 5 tests.
 *
 * <p>The value types here ({@link io.kommosync.sandbox.kommo.Lead}, {@link io.kommosync.sandbox.kommo.Contact}, ...)
 * are immutable snapshots taken when the getter ran. Everything is non-null unless a component says otherwise.
 */
package io.kommosync.sandbox.kommo;
