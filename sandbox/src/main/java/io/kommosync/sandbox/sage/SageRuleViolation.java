package io.kommosync.sandbox.sage;

import java.util.List;

/** A request Sage would refuse for a business rule (not for its shape): answered with the status and the errors. */
final class SageRuleViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<SageError> errors;

    SageRuleViolation(int status, List<SageError> errors) {
        super("HTTP " + status + " " + errors, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    static SageRuleViolation invalid(String source, String message) {
        return new SageRuleViolation(422, List.of(new SageError("RecordInvalid", message, source)));
    }

    static SageRuleViolation notFound(String what) {
        return new SageRuleViolation(404, List.of(new SageError("RecordNotFound", what + " was not found", "key")));
    }

    int status() {
        return status;
    }

    List<SageError> errors() {
        return errors;
    }
}
