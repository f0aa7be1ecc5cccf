/**
 * Kommo account webhooks: {@link io.kommosync.kommo.webhook.KommoWebhookParser} turns the form-encoded body
 * Kommo posts into a {@link io.kommosync.kommo.webhook.KommoWebhook} of typed
 * {@link io.kommosync.kommo.webhook.KommoWebhookEvent}s (lead status changed, lead added/updated/deleted/restored,
 * responsible changed, contact and company events), and {@link io.kommosync.kommo.webhook.KommoWebhookBodies}
 * writes such bodies for tests and simulators.
 *
 * <p>Kommo does not sign these webhooks. Nothing here authenticates a request: do that with an unguessable
 * per-connection token in the webhook URL path and by checking the account id against the connection. Malformed
 * input always surfaces as {@link io.kommosync.kommo.webhook.KommoWebhookFormatException}.
 *
 * <p>Everything in this package is non-null unless its Javadoc says otherwise; values are immutable records and
 * thread-safe.
 */
package io.kommosync.kommo.webhook;
