/**
 * Kommo (formerly amoCRM) API v4 client for one account: {@link io.kommosync.kommo.KommoClient}, built with
 * {@link io.kommosync.kommo.KommoClient#builder()} from a base URL and
 * {@link io.kommosync.kommo.KommoCredentials}, with sub-APIs for {@link io.kommosync.kommo.Leads},
 * {@link io.kommosync.kommo.Contacts}, {@link io.kommosync.kommo.Companies}, {@link io.kommosync.kommo.Catalogs},
 * {@link io.kommosync.kommo.LeadCustomFields}, {@link io.kommosync.kommo.Tasks}, {@link io.kommosync.kommo.Notes},
 * {@link io.kommosync.kommo.Webhooks} and the {@link io.kommosync.kommo.CurrentAccount}. Values are immutable
 * records (money and quantities {@link java.math.BigDecimal}, times {@link java.time.Instant}); writes are
 * {@link io.kommosync.kommo.LeadPatch}, {@link io.kommosync.kommo.FieldValueWrite} and the {@code New...} records.
 *
 * <p>Every failure is a {@link io.kommosync.kommo.KommoException} (unchecked), typed by cause, except a lost OAuth
 * grant ({@link io.kommosync.client.oauth.ReauthorizationRequiredException}). The webhook body parser lives in
 * {@link io.kommosync.kommo.webhook}.
 *
 * <p>Everything in this module is non-null unless its Javadoc says otherwise; packages named {@code internal} are
 * implementation and may change at any time.
 */
package io.kommosync.kommo;
