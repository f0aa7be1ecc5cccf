/**
 * Implementation of the JDBC store: SQL dialects, the transaction runner, migrations, the token cipher. Not part
 * of the public API; it may change in any release.
 */
package io.kommosync.sync.jdbc.internal;
