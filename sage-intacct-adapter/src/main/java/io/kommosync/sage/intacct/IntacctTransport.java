package io.kommosync.sage.intacct;

/** Which Intacct API a port talks to; the configuration key {@code transport}. */
public enum IntacctTransport {
    /** The XML gateway ({@code xmlgw.phtml}) with sender credentials and API sessions. */
    XML,
    /** The REST API ({@code /ia/api/v1}) with OAuth2. */
    REST
}
