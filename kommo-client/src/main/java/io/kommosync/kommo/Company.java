package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.List;

/**
 * A Kommo company. E-mail addresses and phone numbers are read from the multitext custom fields with
 * {@code field_code} {@code EMAIL} and {@code PHONE}; they also remain in {@link #customFields()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id           the company's id
 * @param name         its name; empty when none
 * @param emails       e-mail addresses in Kommo's order
 * @param phones       phone numbers in Kommo's order
 * @param customFields every custom field value
 */
public record Company(long id, String name, List<String> emails, List<String> phones,
    List<CustomFieldValue> customFields) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public Company {
        Arguments.id(id, "id");
        Arguments.notNull(name, "name", "pass \"\" when absent");
        emails = Arguments.list(emails, "emails");
        phones = Arguments.list(phones, "phones");
        customFields = Arguments.list(customFields, "customFields");
    }
}
