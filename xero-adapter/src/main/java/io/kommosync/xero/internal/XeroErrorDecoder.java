package io.kommosync.xero.internal;

import feign.Response;
import feign.codec.ErrorDecoder;
import io.kommosync.client.http.BearerTokenInterceptor;
import io.kommosync.client.http.HttpResponses;
import java.time.Clock;
import java.util.Objects;

/** Reads every non-2xx answer of Xero into a {@link XeroHttpException}. Thread-safe. */
public final class XeroErrorDecoder implements ErrorDecoder {

    private final Clock clock;

    /**
     * Creates the decoder.
     *
     * @param clock the clock {@code Retry-After} dates are read against
     */
    public XeroErrorDecoder(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        return new XeroHttpException(response.status(), HttpResponses.bodyText(response),
                HttpResponses.firstHeader(response, "Xero-Correlation-Id").orElse(null),
                HttpResponses.firstHeader(response, "X-Rate-Limit-Problem").orElse(null),
                HttpResponses.retryAfter(response, clock).orElse(null),
                response.status() == 401 ? BearerTokenInterceptor.bearerToken(response.request()).orElse(null) : null);
    }
}
