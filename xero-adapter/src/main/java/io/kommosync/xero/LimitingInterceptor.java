package io.kommosync.xero;

import java.io.IOException;
import java.time.Clock;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Holds every Accounting API call to {@link XeroRateLimits} before it leaves and reads Xero's limit headers from its
 * answer. Calls without a {@code xero-tenant-id} (the identity API) pass unlimited. Thread-safe.
 */
final class LimitingInterceptor implements Interceptor {

    private final XeroRateLimits limits;
    private final String appKey;
    private final Clock clock;

    LimitingInterceptor(XeroRateLimits limits, String appKey, Clock clock) {
        this.limits = limits;
        this.appKey = appKey;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String tenant = request.header("xero-tenant-id");
        if (tenant == null) {
            return chain.proceed(request);
        }
        XeroRateLimits.Permit permit = limits.acquire(tenant, appKey, clock);
        try {
            Response response = chain.proceed(request);
            limits.observe(tenant, response.code(), response::header, clock);
            return response;
        } finally {
            permit.release();
        }
    }
}
