package io.kommosync.sandbox.intacct;

import java.util.List;
import java.util.Objects;

/**
 * A business error of the simulated company, rendered by each transport in its own format (an XML
 * {@code errormessage}, a REST {@code ia::error}).
 */
final class IntacctError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One error: Intacct's number, texts, and the field it concerns in XML and REST terms. */
    record Detail(String errorno, String description, String description2, String correction, String xmlField,
                  String restField) {
        Detail {
            Objects.requireNonNull(errorno, "errorno");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(description2, "description2");
            Objects.requireNonNull(correction, "correction");
            Objects.requireNonNull(xmlField, "xmlField");
            Objects.requireNonNull(restField, "restField");
        }
    }

    private final transient List<Detail> details;
    private final boolean notFound;
    private final boolean duplicate;

    IntacctError(List<Detail> details, boolean notFound, boolean duplicate) {
        super(details.isEmpty() ? "error" : details.get(0).description2(), null, false, false);
        this.details = List.copyOf(details);
        this.notFound = notFound;
        this.duplicate = duplicate;
    }

    static IntacctError of(String errorno, String description, String description2, String correction,
                           String xmlField, String restField) {
        return new IntacctError(List.of(new Detail(errorno, description, description2, correction, xmlField,
                restField)), false, false);
    }

    static IntacctError duplicate(String errorno, String description2, String xmlField, String restField) {
        return new IntacctError(List.of(new Detail(errorno, "Duplicate", description2, "Use another id", xmlField,
                restField)), false, true);
    }

    static IntacctError notFound(String description2) {
        return new IntacctError(List.of(new Detail("BL01001973", "Object not found", description2, "", "", "")),
                true, false);
    }

    List<Detail> details() {
        return details;
    }

    boolean isNotFound() {
        return notFound;
    }

    boolean isDuplicate() {
        return duplicate;
    }
}
