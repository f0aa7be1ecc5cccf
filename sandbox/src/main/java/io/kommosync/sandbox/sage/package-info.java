/**
 * A stateful simulator of Sage Business Cloud Accounting API v3.1:
 * {@link io.kommosync.sandbox.sage.SageCloudSimulator} hosts many businesses on one loopback server, validates every
 * request against Sage's published specification ({@link io.kommosync.sandbox.sage.SageAccountingSpec}) and answers
 * in Sage's shapes; each {@link io.kommosync.sandbox.sage.SageBusiness} has an admin API for seeding, acting as a
 * person using Sage (payments, voiding, invoices raised by hand) and asserting, without HTTP.
 * {@link io.kommosync.sandbox.sage.SageCloudSimulatorExtension} brings a simulator into JUnit 5 tests.
 *
 * <p>The value types ({@link io.kommosync.sandbox.sage.SageSalesInvoice}, {@link io.kommosync.sandbox.sage.SageContact},
 * ...) are immutable snapshots taken when the getter ran. Everything is non-null unless a component says otherwise.
 */
package io.kommosync.sandbox.sage;
