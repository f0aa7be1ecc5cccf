package io.kommosync.sandbox.xero;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tracking category of a simulated organisation (Xero's dimensions; at most two per line).
 *
 * @param categoryId the Xero id (a UUID)
 * @param name       the category's name, for example {@code Region}
 * @param status     {@code ACTIVE} or {@code ARCHIVED}
 * @param options    the options
 */
public record XeroTrackingCategory(String categoryId, String name, String status, List<XeroTrackingOption> options) {

    /** Validates and copies the components. */
    public XeroTrackingCategory {
        Objects.requireNonNull(categoryId, "categoryId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        options = List.copyOf(options);
    }

    /**
     * The option with a name, ignoring case.
     *
     * @param optionName the name
     * @return the option, or empty
     */
    public Optional<XeroTrackingOption> option(String optionName) {
        return options.stream().filter(o -> o.name().equalsIgnoreCase(optionName)).findFirst();
    }
}
