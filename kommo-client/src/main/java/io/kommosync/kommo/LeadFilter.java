package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which leads {@link Leads#list(LeadFilter)} returns. Conditions combine with AND; a filter with none lists every
 * lead (use {@link Leads#stream(LeadFilter)} and stop early rather than read a whole account: Kommo blocks
 * integrations that iterate everything again and again).
 *
 * <pre>{@code
 * LeadFilter.all().withStatus(salesPipelineId, wonStageId).withUpdatedFrom(lastRun).with(LeadWith.CONTACTS);
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return copies.
 *
 * @param ids                only these leads ({@code filter[id][]}); at most {@value #MAX_LIMIT}
 * @param pipelineId         only leads in this pipeline ({@code filter[pipeline_id]})
 * @param statuses           only leads in one of these stages ({@code filter[statuses][n][...]})
 * @param updatedFrom        only leads updated at or after this instant ({@code filter[updated_at][from]})
 * @param updatedTo          only leads updated at or before this instant ({@code filter[updated_at][to]})
 * @param responsibleUserIds only leads of these users ({@code filter[responsible_user_id][]})
 * @param query              full-text search ({@code query}); empty for none
 * @param with               what to embed in each lead
 * @param limit              page size, 1 to {@value #MAX_LIMIT} (default {@value #MAX_LIMIT})
 * @param page               the page to start at, from 1
 */
public record LeadFilter(
    List<Long> ids,
    OptionalLong pipelineId,
    List<Status> statuses,
    Optional<Instant> updatedFrom,
    Optional<Instant> updatedTo,
    List<Long> responsibleUserIds,
    Optional<String> query,
    Set<LeadWith> with,
    int limit,
    int page) {

    /** Largest page size Kommo serves. */
    public static final int MAX_LIMIT = 250;

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException naming the component when a value is out of range
     */
    public LeadFilter {
        ids = Arguments.ids(ids, "ids");
        if (ids.size() > MAX_LIMIT) {
            throw new IllegalArgumentException("ids holds " + ids.size() + " ids but a lead filter takes at most "
                + MAX_LIMIT + ": split the ids into several filters");
        }
        Arguments.id(pipelineId, "pipelineId");
        statuses = Arguments.list(statuses, "statuses");
        Arguments.optional(updatedFrom, "updatedFrom");
        Arguments.optional(updatedTo, "updatedTo");
        if (updatedFrom.isPresent() && updatedTo.isPresent() && updatedFrom.get().isAfter(updatedTo.get())) {
            throw new IllegalArgumentException("updatedFrom (" + updatedFrom.get() + ") is after updatedTo ("
                + updatedTo.get() + "): swap them");
        }
        responsibleUserIds = Arguments.ids(responsibleUserIds, "responsibleUserIds");
        Arguments.optional(query, "query");
        query.ifPresent(text -> Arguments.notBlank(text, "query", "pass Optional.empty() for no search"));
        Arguments.notNull(with, "with", "pass an empty set to embed nothing");
        with = with.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(with));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
        }
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1 but was " + page);
        }
    }

    /**
     * Returns a filter without conditions: every lead, {@value #MAX_LIMIT} per page, nothing embedded.
     *
     * @return the filter
     */
    public static LeadFilter all() {
        return new LeadFilter(List.of(), OptionalLong.empty(), List.of(), Optional.empty(), Optional.empty(),
            List.of(), Optional.empty(), Set.of(), MAX_LIMIT, 1);
    }

    /**
     * Returns a copy limited to the given leads.
     *
     * @param leadIds the leads; at most {@value #MAX_LIMIT}
     * @return the copy
     */
    public LeadFilter withIds(Collection<Long> leadIds) {
        return new LeadFilter(List.copyOf(Arguments.list(leadIds, "ids")), pipelineId, statuses, updatedFrom,
            updatedTo, responsibleUserIds, query, with, limit, page);
    }

    /**
     * Returns a copy limited to one pipeline.
     *
     * @param id the pipeline
     * @return the copy
     */
    public LeadFilter withPipeline(long id) {
        return new LeadFilter(ids, OptionalLong.of(id), statuses, updatedFrom, updatedTo, responsibleUserIds, query,
            with, limit, page);
    }

    /**
     * Returns a copy that also accepts leads in the given stage.
     *
     * @param statusPipelineId the stage's pipeline
     * @param statusId         the stage
     * @return the copy
     */
    public LeadFilter withStatus(long statusPipelineId, long statusId) {
        List<Status> list = new ArrayList<>(statuses);
        list.add(new Status(statusPipelineId, statusId));
        return new LeadFilter(ids, pipelineId, list, updatedFrom, updatedTo, responsibleUserIds, query, with, limit,
            page);
    }

    /**
     * Returns a copy limited to leads updated at or after an instant (whole seconds; the fraction is dropped).
     *
     * @param from the earliest update time
     * @return the copy
     */
    public LeadFilter withUpdatedFrom(Instant from) {
        return new LeadFilter(ids, pipelineId, statuses, Optional.of(Arguments.notNull(from, "from",
            "pass the time of the last sync")), updatedTo, responsibleUserIds, query, with, limit, page);
    }

    /**
     * Returns a copy limited to leads updated at or before an instant.
     *
     * @param to the latest update time
     * @return the copy
     */
    public LeadFilter withUpdatedTo(Instant to) {
        return new LeadFilter(ids, pipelineId, statuses, updatedFrom, Optional.of(Arguments.notNull(to, "to",
            "pass the latest update time")), responsibleUserIds, query, with, limit, page);
    }

    /**
     * Returns a copy limited to leads of one more responsible user.
     *
     * @param userId the user
     * @return the copy
     */
    public LeadFilter withResponsibleUser(long userId) {
        List<Long> list = new ArrayList<>(responsibleUserIds);
        list.add(userId);
        return new LeadFilter(ids, pipelineId, statuses, updatedFrom, updatedTo, list, query, with, limit, page);
    }

    /**
     * Returns a copy with a full-text search.
     *
     * @param text what to search for
     * @return the copy
     */
    public LeadFilter withQuery(String text) {
        return new LeadFilter(ids, pipelineId, statuses, updatedFrom, updatedTo, responsibleUserIds,
            Optional.of(Arguments.notNull(text, "query", "pass the search text")), with, limit, page);
    }

    /**
     * Returns a copy that embeds the given parts in each lead.
     *
     * @param parts what to embed, such as {@link LeadWith#CONTACTS}
     * @return the copy
     */
    public LeadFilter with(LeadWith... parts) {
        Set<LeadWith> set = EnumSet.noneOf(LeadWith.class);
        set.addAll(with);
        set.addAll(Arguments.list(List.of(Arguments.notNull(parts, "parts", "pass LeadWith values")), "parts"));
        return new LeadFilter(ids, pipelineId, statuses, updatedFrom, updatedTo, responsibleUserIds, query, set,
            limit, page);
    }

    /**
     * Returns a copy with another page size.
     *
     * @param size 1 to {@value #MAX_LIMIT}
     * @return the copy
     */
    public LeadFilter withLimit(int size) {
        return new LeadFilter(ids, pipelineId, statuses, updatedFrom, updatedTo, responsibleUserIds, query, with,
            size, page);
    }

    /**
     * Returns a copy that starts at another page.
     *
     * @param number the page, from 1
     * @return the copy
     */
    public LeadFilter withPage(int number) {
        return new LeadFilter(ids, pipelineId, statuses, updatedFrom, updatedTo, responsibleUserIds, query, with,
            limit, number);
    }

    /**
     * A stage to filter by.
     *
     * @param pipelineId the stage's pipeline
     * @param statusId   the stage
     */
    public record Status(long pipelineId, long statusId) {
        /**
         * Validates the ids.
         *
         * @throws IllegalArgumentException when an id is not positive
         */
        public Status {
            Arguments.id(pipelineId, "pipelineId");
            Arguments.id(statusId, "statusId");
        }
    }
}
