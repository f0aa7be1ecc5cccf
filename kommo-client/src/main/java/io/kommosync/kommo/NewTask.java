package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.time.Instant;

/**
 * A task on a lead to create ({@link Tasks#create(java.util.List)}), for example "Invoice could not be raised:
 * map product WEB-1 to a ledger account".
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return copies.
 *
 * @param leadId            the lead the task belongs to
 * @param text              what to do
 * @param completeTill      when it is due (sent as unix seconds)
 * @param responsibleUserId who should do it; 0 for Kommo's default (the token's user), not sent then
 * @param taskTypeId        the task type: 1 follow-up (default), 2 meeting, or an account-specific type
 */
public record NewTask(long leadId, String text, Instant completeTill, long responsibleUserId, long taskTypeId) {

    /** Task type "follow-up". */
    public static final long FOLLOW_UP = 1;
    /** Task type "meeting". */
    public static final long MEETING = 2;

    /**
     * Validates the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when the lead id or task type is not positive, the responsible user is
     *     negative or the text blank
     */
    public NewTask {
        Arguments.id(leadId, "leadId");
        Arguments.notBlank(text, "text", "say what should be done");
        Arguments.notNull(completeTill, "completeTill", "pass the due time, e.g. clock.instant().plus(1, DAYS)");
        if (responsibleUserId < 0) {
            throw new IllegalArgumentException("responsibleUserId must not be negative but was " + responsibleUserId
                + ": pass a user id, or 0 for Kommo's default");
        }
        Arguments.id(taskTypeId, "taskTypeId");
    }

    /**
     * Creates a follow-up task for Kommo's default responsible user.
     *
     * @param leadId       the lead
     * @param text         what to do
     * @param completeTill when it is due
     * @return the task
     */
    public static NewTask forLead(long leadId, String text, Instant completeTill) {
        return new NewTask(leadId, text, completeTill, 0, FOLLOW_UP);
    }

    /**
     * Returns a copy for another responsible user.
     *
     * @param userId the user; 0 for Kommo's default
     * @return the copy
     */
    public NewTask withResponsibleUser(long userId) {
        return new NewTask(leadId, text, completeTill, userId, taskTypeId);
    }

    /**
     * Returns a copy of another type.
     *
     * @param typeId the task type
     * @return the copy
     */
    public NewTask withTaskType(long typeId) {
        return new NewTask(leadId, text, completeTill, responsibleUserId, typeId);
    }
}
