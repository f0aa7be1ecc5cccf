package io.kommosync.xero;

import io.kommosync.client.Secret;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.retry.RetrySettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The validated configuration of one {@link XeroAccountingPort}. */
record XeroPortSettings(URI baseUrl, URI connectionsUrl, Optional<String> tenantId, int pageSize, int batchSize,
                        HttpOptions http, boolean onlineInvoiceLinks, boolean refreshOnUnauthorized,
                        Optional<Secret> webhookKey, ZoneId zone, List<String> trackingCategories,
                        Duration chartCacheTtl, Clock clock, RetrySettings retrySettings, XeroRateLimits limits,
                        String appKey, AccessTokenProvider tokens) {

    XeroPortSettings {
        trackingCategories = List.copyOf(trackingCategories);
    }

    @Override
    public String toString() {
        return "XeroPortSettings[baseUrl=" + baseUrl + ", tenantId=" + tenantId.orElse("(from /connections)")
                + ", pageSize=" + pageSize + ", webhookKey=" + (webhookKey.isPresent() ? "****" : "none") + "]";
    }
}
