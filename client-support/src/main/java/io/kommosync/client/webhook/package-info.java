/**
 * Webhook authenticity: {@link io.kommosync.client.webhook.WebhookSignatures} verifies and creates HMAC-SHA256
 * signatures over raw request bodies in constant time.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package io.kommosync.client.webhook;
