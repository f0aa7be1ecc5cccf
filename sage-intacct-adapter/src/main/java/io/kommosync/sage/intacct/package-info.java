/**
 * Sage Intacct for kommo-sync: the provider {@code sage-intacct}, found through {@link java.util.ServiceLoader},
 * builds one {@link io.kommosync.accounting.spi.AccountingPort} over either transport, chosen by the configuration
 * key {@code transport}: the XML gateway ({@code xml}, package {@code .xml}) or the REST API ({@code rest},
 * package {@code .rest}). See {@link io.kommosync.sage.intacct.IntacctPortProvider} for the configuration keys.
 *
 * <p>Non-null unless said otherwise; every type here is thread-safe.
 */
package io.kommosync.sage.intacct;
