package io.kommosync.sandbox.kommo;

/**
 * A lead change that may fire webhooks: {@code add}, {@code update} or {@code status} (with the previous stage).
 *
 * @param action {@code add}, {@code update} or {@code status}
 * @param lead the lead after the change
 * @param oldStatusId the stage before a status change
 * @param oldPipelineId the pipeline before a status change
 */
record LeadEvent(String action, Lead lead, long oldStatusId, long oldPipelineId) {

    static LeadEvent added(Lead lead) {
        return new LeadEvent("add", lead, 0, 0);
    }

    static LeadEvent updated(Lead lead) {
        return new LeadEvent("update", lead, 0, 0);
    }

    static LeadEvent statusChanged(Lead lead, long oldStatusId, long oldPipelineId) {
        return new LeadEvent("status", lead, oldStatusId, oldPipelineId);
    }
}
