/**
 * Implementation of the Kommo client: the Feign interface {@link io.kommosync.kommo.internal.KommoApi}, the error
 * decoder, the call executor (retries, one OAuth refresh on 401), paging, and the JSON readers and writers.
 *
 * <p>Not part of the public API: anything here may change without notice. Everything is non-null unless its
 * Javadoc says otherwise.
 */
package io.kommosync.kommo.internal;
