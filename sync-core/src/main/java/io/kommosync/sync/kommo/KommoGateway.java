package io.kommosync.sync.kommo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine reads from and writes to one Kommo account. Implementations are thread-safe and throw
 * the Kommo client's unchecked exceptions; the engine classifies them.
 */
public interface KommoGateway {

    /**
     * Reads a deal with its main contact and products.
     *
     * @param dealId the lead id
     * @return the deal, or empty when it does not exist (deleted)
     */
    Optional<DealSnapshot> deal(long dealId);

    /**
     * Writes field values (and optionally a stage move) to a deal in one request.
     *
     * @param update the write
     */
    void update(DealUpdate update);

    /**
     * Creates a task for a person on a deal.
     *
     * @param dealId            the deal
     * @param responsibleUserId who should do it
     * @param text              what to do, in plain words
     * @param completeTill      by when
     */
    void createTask(long dealId, long responsibleUserId, String text, Instant completeTill);

    /**
     * Adds a note to a deal.
     *
     * @param dealId the deal
     * @param text   the note
     */
    void addNote(long dealId, String text);

    /**
     * Lists the ids of deals in a stage changed at or after an instant (for the reconciler).
     *
     * @param pipelineId the pipeline
     * @param statusId   the stage
     * @param since      the earliest change
     * @return the deal ids
     */
    List<Long> dealsInStage(long pipelineId, long statusId, Instant since);

    /**
     * Creates a deal and its contact (reusing a contact with the same e-mail address).
     *
     * @param deal the deal
     * @return the new deal's id
     */
    long createDeal(NewDeal deal);

    /**
     * Makes sure a webhook subscription for a destination exists and is enabled, re-creating a disabled one.
     *
     * @param destination the URL Kommo posts to
     * @param events      the events, for example {@code status_lead}
     * @return {@code true} when something had to be created or re-enabled
     */
    boolean ensureWebhook(String destination, List<String> events);
}
