package io.kommosync.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.kommo.internal.Arguments;
import io.kommosync.kommo.internal.KommoCalls;
import io.kommosync.kommo.internal.KommoReader;
import io.kommosync.kommo.internal.KommoWriter;
import io.kommosync.kommo.internal.Paging;
import io.kommosync.kommo.internal.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/** What contacts and companies share: get, batch get by ids, search, create. */
final class PartyEndpoint<T> {

    /** Most ids per {@code filter[id][]} request and page size. */
    static final int MAX_IDS = 250;

    private final KommoCalls calls;
    private final String entity;
    private final String path;
    private final BiFunction<JsonNode, String, T> reader;
    private final ToLongFunction<T> idOf;
    private final Paging<T> paging;

    PartyEndpoint(KommoCalls calls, String entity, BiFunction<JsonNode, String, T> reader, ToLongFunction<T> idOf) {
        this.calls = calls;
        this.entity = entity;
        this.path = "/api/v4/" + entity;
        this.reader = reader;
        this.idOf = idOf;
        this.paging = new Paging<>(calls, path, (api, query) -> api.parties(entity, query), entity, reader);
    }

    Optional<T> get(long id) {
        Arguments.id(id, "id");
        try {
            JsonNode answer = calls.repeatable("GET " + path + "/" + id, api -> api.party(entity, id));
            return answer == null ? Optional.empty() : Optional.of(reader.apply(answer, entity + "/" + id));
        } catch (KommoNotFoundException notFound) {
            return Optional.empty();
        }
    }

    List<T> getAll(Collection<Long> ids) {
        List<Long> wanted = new ArrayList<>(new LinkedHashSet<>(Arguments.ids(ids, "ids")));
        Map<Long, T> found = new LinkedHashMap<>();
        for (int start = 0; start < wanted.size(); start += MAX_IDS) {
            List<Long> chunk = wanted.subList(start, Math.min(wanted.size(), start + MAX_IDS));
            Query query = new Query().putAll("filter[id][]", chunk).put("limit", MAX_IDS);
            paging.all(query).forEach(item -> found.put(idOf.applyAsLong(item), item));
        }
        List<T> ordered = new ArrayList<>();
        for (Long id : wanted) {
            T item = found.get(id);
            if (item != null) {
                ordered.add(item);
            }
        }
        return ordered;
    }

    List<T> find(String text) {
        Arguments.notBlank(text, "query", "pass an e-mail address or phone number");
        return paging.page(new Query().put("query", text.trim()).put("limit", MAX_IDS)).items();
    }

    List<Long> create(List<ObjectNode> items, String what) {
        List<Long> ids = new ArrayList<>(items.size());
        for (int start = 0; start < items.size(); start += Leads.MAX_BATCH) {
            List<ObjectNode> batch = items.subList(start, Math.min(items.size(), start + Leads.MAX_BATCH));
            ArrayNode body = KommoWriter.array();
            for (int i = 0; i < batch.size(); i++) {
                body.add(batch.get(i).put("request_id", Integer.toString(i)));
            }
            JsonNode answer = calls.create("POST " + path, api -> api.createParties(entity, body));
            ids.addAll(KommoReader.createdIds(answer, entity, batch.size(), what));
        }
        return ids;
    }
}
