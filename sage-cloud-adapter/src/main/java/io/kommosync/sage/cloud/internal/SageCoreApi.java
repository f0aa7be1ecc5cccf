package io.kommosync.sage.cloud.internal;

import feign.RequestLine;
import java.net.URI;

/** Sage's "core" endpoints, which take no {@code X-Business} header. */
interface SageCoreApi {

    @RequestLine("GET")
    SageWire.Page<SageWire.Business> businesses(URI uri);
}
