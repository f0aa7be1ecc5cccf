package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A company to create ({@link Companies#create(List)}). E-mail addresses and phone numbers are written to the
 * fields {@code EMAIL} and {@code PHONE} with enum code {@code WORK}.
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return copies.
 *
 * @param name              the company's name
 * @param responsibleUserId the responsible user; empty for the token's user
 * @param emails            e-mail addresses
 * @param phones            phone numbers
 * @param customFields      further custom field values
 */
public record NewCompany(
    String name, OptionalLong responsibleUserId, List<String> emails, List<String> phones,
    List<FieldValueWrite> customFields) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when the name, an address or a number is blank, or an id is not positive
     */
    public NewCompany {
        Arguments.notBlank(name, "name", "name the company");
        Arguments.id(responsibleUserId, "responsibleUserId");
        emails = Arguments.list(emails, "emails");
        emails.forEach(email -> Arguments.notBlank(email, "emails[]", "leave out empty addresses"));
        phones = Arguments.list(phones, "phones");
        phones.forEach(phone -> Arguments.notBlank(phone, "phones[]", "leave out empty numbers"));
        customFields = Arguments.list(customFields, "customFields");
    }

    /**
     * Starts a company with only a name.
     *
     * @param name the company's name
     * @return the company
     */
    public static NewCompany named(String name) {
        return new NewCompany(name, OptionalLong.empty(), List.of(), List.of(), List.of());
    }

    /**
     * Returns a copy with one more e-mail address.
     *
     * @param email the address
     * @return the copy
     */
    public NewCompany withEmail(String email) {
        List<String> list = new ArrayList<>(emails);
        list.add(email);
        return new NewCompany(name, responsibleUserId, list, phones, customFields);
    }

    /**
     * Returns a copy with one more phone number.
     *
     * @param phone the number
     * @return the copy
     */
    public NewCompany withPhone(String phone) {
        List<String> list = new ArrayList<>(phones);
        list.add(phone);
        return new NewCompany(name, responsibleUserId, emails, list, customFields);
    }

    /**
     * Returns a copy that also writes a custom field value.
     *
     * @param value the value
     * @return the copy
     */
    public NewCompany withField(FieldValueWrite value) {
        List<FieldValueWrite> fields = new ArrayList<>(customFields);
        fields.add(Arguments.notNull(value, "value", "pass a FieldValueWrite"));
        return new NewCompany(name, responsibleUserId, emails, phones, fields);
    }
}
