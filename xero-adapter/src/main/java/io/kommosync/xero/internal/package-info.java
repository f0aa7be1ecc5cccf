/**
 * Implementation of the Xero adapter: the Feign interfaces, Xero's JSON shapes, the mapping of invoices and failures,
 * change cursors and safe {@code where} filters. Not API: anything here may change without notice.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package io.kommosync.xero.internal;
