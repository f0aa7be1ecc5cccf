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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Leads (deals) of the account: read one with its contacts and products, list with filters, update in batches,
 * create, read links and pipelines. Get it from {@link KommoClient#leads()}.
 *
 * <p>Thread-safe. Every method may throw the {@link KommoException} subclasses described there, after the client's
 * in-call retries, and {@link io.kommosync.client.oauth.ReauthorizationRequiredException} when an OAuth grant is
 * gone.
 */
public final class Leads {

    /** Most leads sent in one {@code PATCH} or {@code POST}, as Kommo recommends. */
    public static final int MAX_BATCH = 50;

    private static final String PATH = "/api/v4/leads";

    private final KommoCalls calls;
    private final Paging<Lead> paging;

    Leads(KommoCalls calls) {
        this.calls = calls;
        this.paging = new Paging<>(calls, PATH, (api, query) -> api.leads(query), "leads", KommoReader::lead);
    }

    /**
     * Reads one lead: {@code GET /api/v4/leads/{id}?with=...}.
     *
     * <pre>{@code
     * Optional<Lead> lead = kommo.leads().get(4821, LeadWith.CONTACTS, LeadWith.CATALOG_ELEMENTS);
     * }</pre>
     *
     * @param id   the lead
     * @param with what to embed (typically {@link LeadWith#CONTACTS} and {@link LeadWith#CATALOG_ELEMENTS})
     * @return the lead; empty when Kommo answers 204 or 404 (no such lead, or deleted)
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public Optional<Lead> get(long id, LeadWith... with) {
        Arguments.id(id, "id");
        Query query = new Query();
        String withParam = with(Set.copyOf(Arguments.list(
            Arrays.asList(Arguments.notNull(with, "with", "pass no arguments to embed nothing")), "with")));
        if (!withParam.isEmpty()) {
            query.put("with", withParam);
        }
        try {
            JsonNode answer = calls.repeatable("GET " + PATH + "/" + id, api -> api.lead(id, query.asMap()));
            return answer == null ? Optional.empty() : Optional.of(KommoReader.lead(answer, "lead"));
        } catch (KommoNotFoundException notFound) {
            return Optional.empty();
        }
    }

    /**
     * Reads the first page the filter selects ({@link LeadFilter#page()}): {@code GET /api/v4/leads}.
     *
     * @param filter which leads, how many per page (at most 250) and what to embed
     * @return the page; empty (no items, no next link) when Kommo answers 204
     */
    public Page<Lead> list(LeadFilter filter) {
        return paging.page(query(Arguments.notNull(filter, "filter", "pass LeadFilter.all() or a narrower filter")));
    }

    /**
     * Reads the page after {@code page} by following its {@code _links.next}.
     *
     * @param page a page returned by {@link #list(LeadFilter)} or this method
     * @return the next page; empty when {@code page} is the last
     */
    public Optional<Page<Lead>> next(Page<Lead> page) {
        return paging.next(Arguments.notNull(page, "page", "pass a page returned by list(...)"));
    }

    /**
     * Reads every lead the filter selects, following {@code _links.next} until the last page.
     *
     * @param filter which leads
     * @return the leads, in Kommo's order
     */
    public List<Lead> listAll(LeadFilter filter) {
        return paging.all(query(Arguments.notNull(filter, "filter", "pass LeadFilter.all() or a narrower filter")));
    }

    /**
     * Streams the leads the filter selects, fetching the next page only when the stream reaches it. Stop early
     * with {@code limit}/{@code takeWhile} to save requests.
     *
     * @param filter which leads
     * @return a sequential, lazy stream
     */
    public Stream<Lead> stream(LeadFilter filter) {
        Page<Lead> first = list(filter);
        return Stream.iterate(first, Objects::nonNull, page -> next(page).orElse(null))
            .flatMap(page -> page.items().stream());
    }

    /**
     * Updates leads with batch {@code PATCH /api/v4/leads} calls of at most {@value #MAX_BATCH} patches each,
     * in order. Each patch sends only the parts set on it.
     *
     * <p>Calls are not atomic across batches: when a later batch fails, earlier ones have been applied. Patches
     * are absolute values, so sending the same list again is safe.
     *
     * @param patches the changes; each must change something
     * @throws IllegalArgumentException when a patch changes nothing
     * @throws KommoValidationException when Kommo refuses a batch; {@link ValidationError#requestId()} is the
     *     patch's index within that batch
     */
    public void update(List<LeadPatch> patches) {
        List<LeadPatch> list = Arguments.list(patches, "patches");
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isEmpty()) {
                throw new IllegalArgumentException("patches[" + i + "] for lead " + list.get(i).id()
                    + " changes nothing: set at least one part or leave it out");
            }
        }
        for (int start = 0; start < list.size(); start += MAX_BATCH) {
            List<LeadPatch> batch = list.subList(start, Math.min(list.size(), start + MAX_BATCH));
            ArrayNode body = KommoWriter.array();
            for (int i = 0; i < batch.size(); i++) {
                body.add(KommoWriter.leadPatch(batch.get(i), Integer.toString(i)));
            }
            calls.repeatable("PATCH " + PATH, api -> api.updateLeads(body));
        }
    }

    /**
     * Creates leads with batch {@code POST /api/v4/leads} calls of at most {@value #MAX_BATCH} each.
     *
     * @param leads the leads
     * @return their ids, in the order given
     * @throws KommoValidationException when Kommo refuses a batch (nothing of that batch is created)
     */
    public List<Long> create(List<NewLead> leads) {
        List<NewLead> list = Arguments.list(leads, "leads");
        List<Long> ids = new ArrayList<>(list.size());
        for (int start = 0; start < list.size(); start += MAX_BATCH) {
            List<NewLead> batch = list.subList(start, Math.min(list.size(), start + MAX_BATCH));
            ArrayNode body = KommoWriter.array();
            for (int i = 0; i < batch.size(); i++) {
                body.add(KommoWriter.newLead(batch.get(i), Integer.toString(i)));
            }
            JsonNode answer = calls.create("POST " + PATH, api -> api.createLeads(body));
            ids.addAll(KommoReader.createdIds(answer, "leads", batch.size(), "leads"));
        }
        return ids;
    }

    /**
     * Reads the links of a lead (contacts, companies, catalog elements with quantity and price id), all pages:
     * {@code GET /api/v4/leads/{id}/links}.
     *
     * @param leadId the lead
     * @return the links; empty when it has none
     */
    public List<LeadLink> links(long leadId) {
        Arguments.id(leadId, "leadId");
        Paging<LeadLink> leadLinks = new Paging<>(calls, PATH + "/" + leadId + "/links",
            (api, query) -> api.leadLinks(leadId, query), "links", KommoReader::link);
        return leadLinks.all(new Query());
    }

    /**
     * Reads the lead pipelines with their stages: {@code GET /api/v4/leads/pipelines}. Kommo sends no webhook when
     * pipelines change; cache the answer and refresh it now and then.
     *
     * @return the pipelines
     */
    public List<Pipeline> pipelines() {
        JsonNode answer = calls.repeatable("GET " + PATH + "/pipelines", api -> api.pipelines());
        return KommoReader.embedded(answer, "pipelines", KommoReader::pipeline);
    }

    private static Query query(LeadFilter filter) {
        Query query = new Query();
        String with = with(filter.with());
        if (!with.isEmpty()) {
            query.put("with", with);
        }
        query.putAll("filter[id][]", filter.ids());
        filter.pipelineId().ifPresent(id -> query.put("filter[pipeline_id]", id));
        for (int i = 0; i < filter.statuses().size(); i++) {
            LeadFilter.Status status = filter.statuses().get(i);
            query.put("filter[statuses][" + i + "][pipeline_id]", status.pipelineId());
            query.put("filter[statuses][" + i + "][status_id]", status.statusId());
        }
        filter.updatedFrom().ifPresent(from -> query.put("filter[updated_at][from]", from.getEpochSecond()));
        filter.updatedTo().ifPresent(to -> query.put("filter[updated_at][to]", to.getEpochSecond()));
        query.putAll("filter[responsible_user_id][]", filter.responsibleUserIds());
        filter.query().ifPresent(text -> query.put("query", text));
        query.put("limit", filter.limit());
        query.put("page", filter.page());
        return query;
    }

    private static String with(Set<LeadWith> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        return EnumSet.copyOf(parts).stream().map(LeadWith::wireName).collect(Collectors.joining(","));
    }
}
