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
 * Companies of the account. Get it from {@link KommoClient#companies()}. E-mail addresses and phone numbers come
 * from the multitext fields {@code EMAIL} and {@code PHONE}.
 *
 * <p>Thread-safe. Every method may throw the {@link KommoException} subclasses described there, after the client's
 * in-call retries, and {@link io.kommosync.client.oauth.ReauthorizationRequiredException} when an OAuth grant is
 * gone.
 */
public final class Companies {

    private final PartyEndpoint<Company> endpoint;

    Companies(KommoCalls calls) {
        this.endpoint = new PartyEndpoint<>(calls, "companies", KommoReader::company, Company::id);
    }

    /**
     * Reads one company: {@code GET /api/v4/companies/{id}}.
     *
     * @param id the company
     * @return the company; empty when Kommo answers 204 or 404
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public Optional<Company> get(long id) {
        return endpoint.get(id);
    }

    /**
     * Reads many companies: {@code GET /api/v4/companies?filter[id][]=...}, at most 250 ids per request.
     *
     * @param ids the companies; duplicates are read once
     * @return the companies found, in the order of {@code ids}; unknown ids are left out
     * @throws IllegalArgumentException when an id is not positive
     */
    public List<Company> getAll(Collection<Long> ids) {
        return endpoint.getAll(ids);
    }

    /**
     * Searches companies by an e-mail address, phone number or name: {@code GET /api/v4/companies?query=...}.
     * Returns the first page (at most 250 matches).
     *
     * @param query an e-mail address, a phone number or a name
     * @return the matches; empty when none
     * @throws IllegalArgumentException when {@code query} is blank
     */
    public List<Company> find(String query) {
        return endpoint.find(query);
    }

    /**
     * Creates companies: {@code POST /api/v4/companies}, at most 50 per request; not retried in-call once Kommo
     * may have processed the request.
     *
     * @param companies the companies
     * @return their ids, in the order given
     */
    public List<Long> create(List<NewCompany> companies) {
        List<ObjectNode> items = Arguments.list(companies, "companies").stream()
            .map(company -> KommoWriter.newCompany(company, "0")).toList();
        return endpoint.create(items, "companies");
    }
}
