/**
 * The reference server's web console for the accountant and the operator: the mapping table of each connection as
 * products × ledger account, tax code and dimensions, validated live against the ledger's chart of accounts, and the
 * jobs that wait for a person (parked, dead, retrying) with a replay button each. {@link
 * io.kommosync.examples.server.console.WebConsole} mounts it on the JDK's HTTP server; the page is static HTML,
 * JavaScript and CSS from the class path (nothing from the network) over a small JSON API that requires the
 * console token.
 *
 * <p>Non-null by default.
 */
package io.kommosync.examples.server.console;
