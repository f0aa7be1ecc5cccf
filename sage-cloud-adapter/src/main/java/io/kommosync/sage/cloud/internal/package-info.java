/**
 * Implementation of the Sage Business Cloud Accounting adapter: the port, Sage's JSON shapes, the Feign interfaces,
 * error decoding and mapping, the change cursor and the chart cache. Not API: may change without notice.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package io.kommosync.sage.cloud.internal;
