/**
 * The Sage Business Cloud Accounting v3.1 adapter of kommo-sync: provider id
 * {@value io.kommosync.sage.cloud.SageCloudProvider#ID}, found through {@link java.util.ServiceLoader}.
 *
 * <p>{@link io.kommosync.sage.cloud.SageCloudProvider} builds a {@link io.kommosync.sage.cloud.SageCloudAccountingPort}
 * from the keys and attachments listed in {@link io.kommosync.sage.cloud.SageCloudConfig}. The port talks OAuth 2.0
 * through the shared token manager, always sends {@code X-Business}, caches the chart of accounts, raises invoices with
 * Sage's {@code idempotency_id}, polls {@code updated_or_created_since} for status changes (Sage has no webhooks), and
 * maps Sage's error array onto the SPI's exceptions.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package io.kommosync.sage.cloud;
