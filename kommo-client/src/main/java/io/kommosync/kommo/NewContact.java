package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A contact to create ({@link Contacts#create(List)}). E-mail addresses and phone numbers are written to the
 * system fields {@code EMAIL} and {@code PHONE} with enum code {@code WORK}.
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return copies.
 *
 * @param name              the full name
 * @param firstName         the first name; empty for none
 * @param lastName          the last name; empty for none
 * @param responsibleUserId the responsible user; empty for the token's user
 * @param emails            e-mail addresses
 * @param phones            phone numbers
 * @param customFields      further custom field values (not {@code EMAIL}/{@code PHONE}: use the lists)
 * @param companyId         a company to link; empty for none
 */
public record NewContact(
    String name,
    Optional<String> firstName,
    Optional<String> lastName,
    OptionalLong responsibleUserId,
    List<String> emails,
    List<String> phones,
    List<FieldValueWrite> customFields,
    OptionalLong companyId) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when the name, an e-mail address or a phone number is blank, or an id is not
     *     positive
     */
    public NewContact {
        Arguments.notBlank(name, "name", "name the contact");
        Arguments.optional(firstName, "firstName");
        Arguments.optional(lastName, "lastName");
        Arguments.id(responsibleUserId, "responsibleUserId");
        emails = Arguments.list(emails, "emails");
        emails.forEach(email -> Arguments.notBlank(email, "emails[]", "leave out empty addresses"));
        phones = Arguments.list(phones, "phones");
        phones.forEach(phone -> Arguments.notBlank(phone, "phones[]", "leave out empty numbers"));
        customFields = Arguments.list(customFields, "customFields");
        Arguments.id(companyId, "companyId");
    }

    /**
     * Starts a contact with only a name.
     *
     * @param name the full name
     * @return the contact
     */
    public static NewContact named(String name) {
        return new NewContact(name, Optional.empty(), Optional.empty(), OptionalLong.empty(), List.of(), List.of(),
            List.of(), OptionalLong.empty());
    }

    /**
     * Returns a copy with first and last name.
     *
     * @param first the first name
     * @param last  the last name
     * @return the copy
     */
    public NewContact withNames(String first, String last) {
        return new NewContact(name, Optional.of(Arguments.notNull(first, "first", "pass the first name")),
            Optional.of(Arguments.notNull(last, "last", "pass the last name")), responsibleUserId, emails, phones,
            customFields, companyId);
    }

    /**
     * Returns a copy with one more e-mail address.
     *
     * @param email the address
     * @return the copy
     */
    public NewContact withEmail(String email) {
        List<String> list = new ArrayList<>(emails);
        list.add(email);
        return new NewContact(name, firstName, lastName, responsibleUserId, list, phones, customFields, companyId);
    }

    /**
     * Returns a copy with one more phone number.
     *
     * @param phone the number
     * @return the copy
     */
    public NewContact withPhone(String phone) {
        List<String> list = new ArrayList<>(phones);
        list.add(phone);
        return new NewContact(name, firstName, lastName, responsibleUserId, emails, list, customFields, companyId);
    }

    /**
     * Returns a copy with a responsible user.
     *
     * @param userId the user
     * @return the copy
     */
    public NewContact withResponsibleUser(long userId) {
        return new NewContact(name, firstName, lastName, OptionalLong.of(userId), emails, phones, customFields,
            companyId);
    }

    /**
     * Returns a copy that also writes a custom field value.
     *
     * @param value the value
     * @return the copy
     */
    public NewContact withField(FieldValueWrite value) {
        List<FieldValueWrite> fields = new ArrayList<>(customFields);
        fields.add(Arguments.notNull(value, "value", "pass a FieldValueWrite"));
        return new NewContact(name, firstName, lastName, responsibleUserId, emails, phones, fields, companyId);
    }

    /**
     * Returns a copy linked to a company.
     *
     * @param id the company
     * @return the copy
     */
    public NewContact withCompany(long id) {
        return new NewContact(name, firstName, lastName, responsibleUserId, emails, phones, customFields,
            OptionalLong.of(id));
    }
}
