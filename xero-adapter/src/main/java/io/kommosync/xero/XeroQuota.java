package io.kommosync.xero;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What Xero last said about a tenant's remaining allowance, read from the headers of its latest answer.
 *
 * @param minuteRemaining    {@code X-MinLimit-Remaining}: calls left in the tenant's rolling minute
 * @param dayRemaining       {@code X-DayLimit-Remaining}: calls left in the tenant's rolling day
 * @param appMinuteRemaining {@code X-AppMinLimit-Remaining}: calls left in the app's rolling minute
 * @param observedAt         when the answer arrived, by the port's clock
 */
public record XeroQuota(OptionalInt minuteRemaining, OptionalInt dayRemaining, OptionalInt appMinuteRemaining,
                        Instant observedAt) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public XeroQuota {
        Objects.requireNonNull(minuteRemaining, "minuteRemaining");
        Objects.requireNonNull(dayRemaining, "dayRemaining");
        Objects.requireNonNull(appMinuteRemaining, "appMinuteRemaining");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
