package io.kommosync.sandbox.xero;

import java.util.Objects;

/**
 * An option of a tracking category, for example {@code North} of {@code Region}.
 *
 * @param optionId the Xero id (a UUID)
 * @param name     the option's name
 * @param status   {@code ACTIVE} or {@code ARCHIVED}
 */
public record XeroTrackingOption(String optionId, String name, String status) {

    /** Validates the components. */
    public XeroTrackingOption {
        Objects.requireNonNull(optionId, "optionId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }
}
