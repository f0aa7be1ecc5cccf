package io.kommosync.sandbox.kommo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A custom-field definition of leads, contacts, companies or a catalog.
 *
 * @param id the field id
 * @param entityType {@code leads}, {@code contacts}, {@code companies} or {@code catalogs}
 * @param catalogId the catalog for catalog fields, else {@code null}
 * @param name display name
 * @param code the field code such as {@code PHONE} or {@code SKU}, or {@code null}
 * @param type the type
 * @param sort display order
 * @param apiOnly whether users cannot edit it in the interface
 * @param enums the options of select-like and multitext fields, else empty
 */
public record CustomField(long id, String entityType, Long catalogId, String name, String code,
        CustomFieldType type, int sort, boolean apiOnly, List<FieldEnum> enums) {

    /** Validates and copies. */
    public CustomField {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        enums = List.copyOf(enums);
    }

    /**
     * Finds an option by id.
     *
     * @param enumId the id
     * @return the option, or empty
     */
    public Optional<FieldEnum> enumById(long enumId) {
        return enums.stream().filter(e -> e.id() == enumId).findFirst();
    }

    /**
     * Finds an option by its text.
     *
     * @param value the option text, exact
     * @return the option, or empty
     */
    public Optional<FieldEnum> enumByValue(String value) {
        return enums.stream().filter(e -> e.value().equals(value)).findFirst();
    }

    /**
     * Finds an option by code.
     *
     * @param code the enum code, exact
     * @return the option, or empty
     */
    public Optional<FieldEnum> enumByCode(String code) {
        return enums.stream().filter(e -> code.equals(e.code())).findFirst();
    }
}
