package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.List;
import java.util.OptionalLong;

/**
 * A Kommo contact (person). E-mail addresses and phone numbers are read from the system multitext custom fields
 * with {@code field_code} {@code EMAIL} and {@code PHONE}; they also remain in {@link #customFields()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id                the contact's id
 * @param name              the full name; empty when none
 * @param firstName         the first name; empty when none
 * @param lastName          the last name; empty when none
 * @param responsibleUserId the responsible user; 0 when Kommo sent none
 * @param emails            e-mail addresses in Kommo's order (work first when the user entered it first)
 * @param phones            phone numbers in Kommo's order, as entered
 * @param customFields      every custom field value
 * @param companyId         the company the contact belongs to; empty when none
 */
public record Contact(
    long id,
    String name,
    String firstName,
    String lastName,
    long responsibleUserId,
    List<String> emails,
    List<String> phones,
    List<CustomFieldValue> customFields,
    OptionalLong companyId) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public Contact {
        Arguments.id(id, "id");
        Arguments.notNull(name, "name", "pass \"\" when absent");
        Arguments.notNull(firstName, "firstName", "pass \"\" when absent");
        Arguments.notNull(lastName, "lastName", "pass \"\" when absent");
        emails = Arguments.list(emails, "emails");
        phones = Arguments.list(phones, "phones");
        customFields = Arguments.list(customFields, "customFields");
        Arguments.id(companyId, "companyId");
    }
}
