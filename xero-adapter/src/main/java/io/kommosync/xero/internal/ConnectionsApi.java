package io.kommosync.xero.internal;

import feign.RequestLine;
import java.util.List;

/** Xero's identity API: the tenants an access token reaches ({@code GET https://api.xero.com/connections}). */
public interface ConnectionsApi {

    /**
     * The connected tenants.
     *
     * @return the connections
     */
    @RequestLine("GET")
    List<XeroJson.Connection> connections();
}
