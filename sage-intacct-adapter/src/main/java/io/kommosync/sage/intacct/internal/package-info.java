/**
 * Implementation shared by both transports: the neutral records a transport returns, the vendor failure it
 * raises, the settings read from the configuration and the mapping of Intacct dimensions. Not API.
 */
package io.kommosync.sage.intacct.internal;
