package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;

/**
 * A contact linked to a lead ({@code _embedded.contacts[]} of a lead read with {@link LeadWith#CONTACTS}).
 *
 * @param id     the contact's id
 * @param isMain true for the lead's main contact
 */
public record LeadContactRef(long id, boolean isMain) {

    /**
     * Validates the id.
     *
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public LeadContactRef {
        Arguments.id(id, "id");
    }
}
