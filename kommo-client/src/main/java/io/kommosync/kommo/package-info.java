/**
 * Kommo (formerly amoCRM) API v4 client: the root {@link io.kommosync.kommo.KommoException} shared by every
 * part of the client.
 *
 * <p>The webhook body parser lives in {@link io.kommosync.kommo.webhook}. Everything in this module is non-null
 * unless its Javadoc says otherwise; packages named {@code internal} are implementation and may change at any
 * time.
 */
package io.kommosync.kommo;
