package io.kommosync.sage.intacct.xml;

import feign.Headers;
import feign.RequestLine;
import feign.Response;
import java.net.URI;

/** The one call of the XML gateway: POST an XML request to an endpoint (the login one or a session's). */
interface XmlGatewayApi {

    @RequestLine("POST")
    @Headers({"Content-Type: application/xml; charset=UTF-8", "Accept: application/xml"})
    Response post(URI endpoint, byte[] body);
}
