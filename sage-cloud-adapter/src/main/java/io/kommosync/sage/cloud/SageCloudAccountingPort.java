package io.kommosync.sage.cloud;

import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.ChartOfAccounts;
import java.util.List;

/**
 * An {@link AccountingPort} on one Sage Business Cloud Accounting business, with what only Sage needs: the list of
 * businesses the user can reach, the business in use, and a way to reload the cached chart of accounts.
 *
 * <p>Thread-safe. Nullness: no parameter may be {@code null} and no method returns {@code null}.
 */
public interface SageCloudAccountingPort extends AccountingPort {

    /**
     * The businesses the authorised user can reach ({@code GET /businesses}), for a host that lets its user pick
     * one and stores it as {@value SageCloudConfig#BUSINESS_ID}.
     *
     * @return the businesses, in Sage's order
     * @throws io.kommosync.accounting.spi.AccountingException when Sage cannot be read
     */
    List<SageCloudBusiness> businesses();

    /**
     * The id of the business this port works on, sent as {@code X-Business} on every call: the configured
     * {@value SageCloudConfig#BUSINESS_ID}, or, when none is configured, the only business the user can reach.
     *
     * @return the business id
     * @throws io.kommosync.accounting.spi.InvalidConfigurationException when none is configured and the user can
     *                                                                   reach several businesses (or none)
     * @throws io.kommosync.accounting.spi.AccountingException           when Sage cannot be read
     */
    String businessId();

    /**
     * Reads the ledger accounts and tax rates again now, replacing the cached chart that {@link #chartOfAccounts()}
     * answers from (the cache otherwise lives {@value SageCloudConfig#CHART_CACHE_TTL}, one hour by default).
     *
     * @return the fresh chart
     * @throws io.kommosync.accounting.spi.AccountingException when Sage cannot be read
     */
    ChartOfAccounts refreshChartOfAccounts();
}
