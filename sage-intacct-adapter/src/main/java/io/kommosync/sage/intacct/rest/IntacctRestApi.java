package io.kommosync.sage.intacct.rest;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;

/** The REST endpoints the transport calls, relative to {@code /ia/api/v1}; raw responses, mapped by the caller. */
@Headers("Accept: application/json")
interface IntacctRestApi {

    @RequestLine("POST /objects/accounts-receivable/customer")
    @Headers("Content-Type: application/json")
    Response createCustomer(JsonNode body);

    @RequestLine("POST /objects/accounts-receivable/invoice")
    @Headers("Content-Type: application/json")
    Response createInvoice(JsonNode body);

    @RequestLine("GET /objects/accounts-receivable/invoice/{key}")
    Response invoice(@Param("key") String key);

    @RequestLine("POST /services/core/query")
    @Headers("Content-Type: application/json")
    Response query(JsonNode body);
}
