/**
 * The Xero adapter of kommo-sync: {@link io.kommosync.xero.XeroAccountingPortProvider} (provider id {@code xero},
 * found through {@link java.util.ServiceLoader}) builds {@link io.kommosync.xero.XeroAccountingPort}s for the Xero
 * Accounting API from the keys in {@link io.kommosync.xero.XeroConfigKeys}. {@link io.kommosync.xero.XeroOAuth} holds
 * Xero's OAuth2 facts for the host's consent flow; {@link io.kommosync.xero.XeroRateLimits} enforces Xero's limits on
 * our side and may be shared by several ports; {@link io.kommosync.xero.XeroQuota} is what Xero last said about a
 * tenant's allowance.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package io.kommosync.xero;
