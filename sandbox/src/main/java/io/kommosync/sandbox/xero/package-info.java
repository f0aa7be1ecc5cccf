/**
 * A stateful simulator of the Xero Accounting API, Xero's identity service ({@code /connect/token},
 * {@code /connections}) and its signed webhooks: {@link io.kommosync.sandbox.xero.XeroSimulator} plays one Xero app
 * serving many {@link io.kommosync.sandbox.xero.XeroOrganisation}s (tenants), enforces Xero's
 * {@link io.kommosync.sandbox.xero.XeroLimits rate limits} and checks every request against Xero's official OpenAPI
 * document ({@link io.kommosync.sandbox.xero.XeroApiSpec}). Organisations have an admin API for seeding and for acting
 * "in Xero" (raising an invoice by hand, recording a payment, voiding).
 * {@link io.kommosync.sandbox.xero.XeroSimulatorExtension} brings a simulator into JUnit 5 tests.
 *
 * <p>The value types here ({@link io.kommosync.sandbox.xero.XeroInvoice},
 * {@link io.kommosync.sandbox.xero.XeroContact}, ...) are immutable snapshots taken when the getter ran. Everything
 * is non-null unless a component says otherwise.
 */
package io.kommosync.sandbox.xero;
