/**
 * Implementation of the webhook parser and encoder: strict form decoding, bracketed keys, content types and
 * sanitised excerpts for messages. Not API: use {@link io.kommosync.kommo.webhook.KommoWebhookParser} and
 * {@link io.kommosync.kommo.webhook.KommoWebhookBodies}; these types may change in any release.
 */
package io.kommosync.kommo.webhook.internal;
