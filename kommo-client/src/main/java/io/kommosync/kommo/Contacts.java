package io.kommosync.kommo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.kommo.internal.Arguments;
import io.kommosync.kommo.internal.KommoCalls;
import io.kommosync.kommo.internal.KommoReader;
import io.kommosync.kommo.internal.KommoWriter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Contacts (people) of the account. Get it from {@link KommoClient#contacts()}. E-mail addresses and phone numbers
 * come from the multitext fields {@code EMAIL} and {@code PHONE} ({@link Contact#emails()}, {@link Contact#phones()}).
 *
 * <p>Thread-safe. Every method may throw the {@link KommoException} subclasses described there, after the client's
 * in-call retries, and {@link io.kommosync.client.oauth.ReauthorizationRequiredException} when an OAuth grant is
 * gone.
 */
public final class Contacts {

    private final PartyEndpoint<Contact> endpoint;

    Contacts(KommoCalls calls) {
        this.endpoint = new PartyEndpoint<>(calls, "contacts", KommoReader::contact, Contact::id);
    }

    /**
     * Reads one contact: {@code GET /api/v4/contacts/{id}}.
     *
     * @param id the contact
     * @return the contact; empty when Kommo answers 204 or 404
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public Optional<Contact> get(long id) {
        return endpoint.get(id);
    }

    /**
     * Reads many contacts: {@code GET /api/v4/contacts?filter[id][]=...}, at most 250 ids per request.
     *
     * @param ids the contacts; duplicates are read once
     * @return the contacts found, in the order of {@code ids}; ids Kommo does not know are left out
     * @throws IllegalArgumentException when an id is not positive
     */
    public List<Contact> getAll(Collection<Long> ids) {
        return endpoint.getAll(ids);
    }

    /**
     * Searches contacts by an e-mail address, phone number or name: {@code GET /api/v4/contacts?query=...}. Kommo
     * matches phone numbers by digits. Returns the first page (at most 250 matches).
     *
     * @param query an e-mail address, a phone number or a name
     * @return the matches; empty when none
     * @throws IllegalArgumentException when {@code query} is blank
     */
    public List<Contact> find(String query) {
        return endpoint.find(query);
    }

    /**
     * Creates contacts: {@code POST /api/v4/contacts}, at most 50 per request. Not retried in-call once Kommo may
     * have processed the request (a retry could duplicate contacts): on {@link KommoUnavailableException}
     * {@linkplain #find(String) search} before creating again.
     *
     * @param contacts the contacts
     * @return their ids, in the order given
     */
    public List<Long> create(List<NewContact> contacts) {
        List<ObjectNode> items = Arguments.list(contacts, "contacts").stream()
            .map(contact -> KommoWriter.newContact(contact, "0")).toList();
        return endpoint.create(items, "contacts");
    }
}
