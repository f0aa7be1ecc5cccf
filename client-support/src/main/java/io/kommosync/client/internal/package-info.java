/**
 * Implementation classes of client-support. Nothing here is public API: types may change or disappear in any
 * release. Use the factories in the public packages instead.
 */
package io.kommosync.client.internal;
