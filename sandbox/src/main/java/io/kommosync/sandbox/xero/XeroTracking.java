package io.kommosync.sandbox.xero;

import java.util.Objects;

/**
 * The tracking option a line carries for one category.
 *
 * @param categoryId the tracking category's id
 * @param name       the tracking category's name
 * @param optionId   the option's id
 * @param option     the option's name
 */
public record XeroTracking(String categoryId, String name, String optionId, String option) {

    /** Validates the components. */
    public XeroTracking {
        Objects.requireNonNull(categoryId, "categoryId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(optionId, "optionId");
        Objects.requireNonNull(option, "option");
    }
}
