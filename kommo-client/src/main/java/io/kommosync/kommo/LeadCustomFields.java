package io.kommosync.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kommosync.kommo.internal.Arguments;
import io.kommosync.kommo.internal.KommoCalls;
import io.kommosync.kommo.internal.KommoReader;
import io.kommosync.kommo.internal.KommoWriter;
import io.kommosync.kommo.internal.Paging;
import io.kommosync.kommo.internal.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * The custom fields defined for leads: list them and create the ones the sync needs (invoice number, invoice URL,
 * payment status, ...). Creating needs an account administrator's token. Get it from
 * {@link KommoClient#leadCustomFields()}.
 *
 * <p>Thread-safe. Every method may throw the {@link KommoException} subclasses described there.
 */
public final class LeadCustomFields {

    /** Most fields created per request. */
    public static final int MAX_BATCH = 50;

    private static final String PATH = "/api/v4/leads/custom_fields";

    private final KommoCalls calls;
    private final Paging<CustomFieldDefinition> paging;

    LeadCustomFields(KommoCalls calls) {
        this.calls = calls;
        this.paging = new Paging<>(calls, PATH, (api, query) -> api.leadCustomFields(query), "custom_fields",
            KommoReader::definition);
    }

    /**
     * Lists every lead custom field, all pages (Kommo serves at most 50 per page): {@code GET
     * /api/v4/leads/custom_fields}.
     *
     * @return the definitions
     */
    public List<CustomFieldDefinition> list() {
        return paging.all(new Query().put("limit", MAX_BATCH));
    }

    /**
     * Creates lead custom fields: {@code POST /api/v4/leads/custom_fields}, at most {@value #MAX_BATCH} per request.
     *
     * @param fields the fields
     * @return the created definitions, in the order given, with their ids and option ids
     * @throws KommoValidationException when Kommo refuses a field (for example a duplicate code)
     * @throws KommoAccessBlockedException when the token's user is not an account administrator
     */
    public List<CustomFieldDefinition> create(List<NewCustomField> fields) {
        List<NewCustomField> list = Arguments.list(fields, "fields");
        List<CustomFieldDefinition> created = new ArrayList<>(list.size());
        for (int start = 0; start < list.size(); start += MAX_BATCH) {
            List<NewCustomField> batch = list.subList(start, Math.min(list.size(), start + MAX_BATCH));
            ArrayNode body = KommoWriter.array();
            batch.forEach(field -> body.add(KommoWriter.newCustomField(field)));
            JsonNode answer = calls.create("POST " + PATH, api -> api.createLeadCustomFields(body));
            List<CustomFieldDefinition> definitions =
                KommoReader.embedded(answer, "custom_fields", KommoReader::definition);
            if (definitions.size() != batch.size()) {
                throw new KommoException("Unexpected Kommo answer when creating lead custom fields: sent "
                    + batch.size() + " but Kommo reported " + definitions.size()
                    + " created; list the fields before creating them again");
            }
            created.addAll(definitions);
        }
        return created;
    }
}
