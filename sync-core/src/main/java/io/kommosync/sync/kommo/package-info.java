/**
 * What the engine needs from Kommo, in the engine's own terms: a deal with its main contact and products
 * resolved ({@link io.kommosync.sync.kommo.DealSnapshot}), writes of custom fields on a deal, tasks and notes for
 * people, and the reconciler's and reverse sync's reads and creates. {@link io.kommosync.sync.kommo.KommoGateway}
 * is the seam; {@code KommoClientGateway} implements it over the Kommo API client, batching where it can.
 *
 * <p>Non-null by default; absent values are {@link java.util.Optional}.
 */
package io.kommosync.sync.kommo;
