/**
 * In-call retries: {@link io.kommosync.client.retry.RetryPolicies} builds Failsafe policies from
 * {@link io.kommosync.client.retry.RetrySettings} and a vendor's
 * {@link io.kommosync.client.retry.FailureClassifier}; a server's {@code Retry-After} wins over the backoff.
 * Durable retries across minutes belong to the sync engine, not here.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package io.kommosync.client.retry;
