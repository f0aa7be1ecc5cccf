package io.kommosync.sandbox.sage;

import java.util.Objects;

/**
 * One entry of Sage's error array, {@code [{"$severity":"error","$dataCode":…,"$message":…,"$source":…}]}.
 *
 * @param dataCode the machine-readable code, for example {@code RecordInvalid}
 * @param message  the explanation
 * @param source   the offending attribute, {@code ""} when none
 */
public record SageError(String dataCode, String message, String source) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SageError {
        Objects.requireNonNull(dataCode, "dataCode");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
    }
}
