package io.kommosync.kommo.webhook;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One change that a Kommo webhook reports, such as a lead moving to another pipeline stage.
 *
 * <p>The events are records grouped by entity: {@link LeadEvent} ({@link LeadAdded}, {@link LeadUpdated},
 * {@link LeadDeleted}, {@link LeadRestored}, {@link LeadStatusChanged}, {@link LeadResponsibleChanged}),
 * {@link ContactEvent} and {@link CompanyEvent} with the same actions except the status change. Each carries the
 * entity id, the fields that the action guarantees as plain values, and a snapshot ({@link LeadSnapshot} or
 * {@link ContactSnapshot}) of every other field the webhook happened to include. Entities and actions this
 * library does not model (tasks, notes, messages, customers, ...) are skipped by the parser, not reported.
 *
 * <p>Webhooks are change signals: Kommo retries deliveries, may batch several changes, and sends no signature.
 * Use {@link #dedupeKey()} to drop repeated deliveries and re-read the entity through the API before acting.
 *
 * <p>All implementations are immutable records and thread-safe. Components are non-null.
 */
public sealed interface KommoWebhookEvent
        permits KommoWebhookEvent.LeadEvent, KommoWebhookEvent.ContactEvent, KommoWebhookEvent.CompanyEvent {

    /**
     * The kind of entity that changed.
     *
     * @return the entity type
     */
    EntityType entityType();

    /**
     * What happened to the entity.
     *
     * @return the action
     */
    Action action();

    /**
     * The Kommo id of the entity that changed.
     *
     * @return the id, positive
     */
    long entityId();

    /**
     * A key that is equal for repeated deliveries of the same change and differs between changes, for dropping
     * duplicates before work is queued.
     *
     * <p>Format (stable; safe to store): {@code entity:action:id[:detail...]:updatedAt}, where {@code entity}
     * and {@code action} are the webhook key names ({@code leads}, {@code status}, ...), {@code detail} is
     * {@code pipelineId:statusId} for status changes and the new responsible user id for responsibility changes,
     * and {@code updatedAt} is the entity's update time in unix seconds or {@code -} if the webhook did not carry
     * it. Example: {@code leads:status:4821:11:142:1539782664}. The key holds no personal data. It does not name
     * the account: scope it by connection when storing. Events without an update time (typically deletes) get
     * the same key each time; apply a time window when deduplicating those.
     *
     * @return the key
     */
    String dedupeKey();

    /** The entities this library models; {@link #wireName()} is the webhook key name. */
    enum EntityType {
        /** Leads (deals): {@code leads[...]}. */
        LEADS("leads"),
        /** Contacts: {@code contacts[...]} with {@code type=contact} or no type. */
        CONTACTS("contacts"),
        /** Companies: {@code contacts[...]} with {@code type=company}, or {@code companies[...]}. */
        COMPANIES("companies");

        private final String wireName;

        EntityType(String wireName) {
            this.wireName = wireName;
        }

        /**
         * The name used in webhook keys and in {@link KommoWebhookEvent#dedupeKey()}.
         *
         * @return for example {@code leads}
         */
        public String wireName() {
            return wireName;
        }
    }

    /** The actions this library models; {@link #wireName()} is the webhook key name. */
    enum Action {
        /** Created: {@code [add]}, subscription setting {@code add_lead} etc. */
        ADD,
        /** Changed: {@code [update]}. */
        UPDATE,
        /** Deleted: {@code [delete]}; usually only the id is sent. */
        DELETE,
        /** Restored from the bin: {@code [restore]}. */
        RESTORE,
        /** Moved to another pipeline stage (leads only): {@code [status]}. */
        STATUS,
        /** Given to another responsible user: {@code [responsible]}. */
        RESPONSIBLE;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        /**
         * The name used in webhook keys and in {@link KommoWebhookEvent#dedupeKey()}.
         *
         * @return for example {@code status}
         */
        public String wireName() {
            return wireName;
        }
    }

    private static String dedupeKey(KommoWebhookEvent event, Optional<Instant> updatedAt, long... details) {
        StringBuilder key = new StringBuilder(64)
                .append(event.entityType().wireName()).append(':')
                .append(event.action().wireName()).append(':')
                .append(event.entityId());
        for (long detail : details) {
            key.append(':').append(detail);
        }
        key.append(':');
        if (updatedAt.isPresent()) {
            key.append(updatedAt.get().getEpochSecond());
        } else {
            key.append('-');
        }
        return key.toString();
    }

    private static LeadSnapshot withStage(LeadSnapshot lead, long statusId, long pipelineId) {
        Objects.requireNonNull(lead, "lead");
        agree(lead.statusId(), statusId, "lead.statusId()", "statusId");
        agree(lead.pipelineId(), pipelineId, "lead.pipelineId()", "pipelineId");
        if (lead.statusId().isPresent() && lead.pipelineId().isPresent()) {
            return lead;
        }
        return lead.toBuilder().statusId(statusId).pipelineId(pipelineId).build();
    }

    private static LeadSnapshot withResponsible(LeadSnapshot lead, long responsibleUserId) {
        Objects.requireNonNull(lead, "lead");
        agree(lead.responsibleUserId(), responsibleUserId, "lead.responsibleUserId()", "responsibleUserId");
        return lead.responsibleUserId().isPresent()
                ? lead
                : lead.toBuilder().responsibleUserId(responsibleUserId).build();
    }

    private static ContactSnapshot withResponsible(ContactSnapshot snapshot, long responsibleUserId, String name) {
        Objects.requireNonNull(snapshot, name);
        agree(snapshot.responsibleUserId(), responsibleUserId, name + ".responsibleUserId()", "responsibleUserId");
        return snapshot.responsibleUserId().isPresent()
                ? snapshot
                : snapshot.toBuilder().responsibleUserId(responsibleUserId).build();
    }

    private static void agree(OptionalLong inSnapshot, long value, String snapshotName, String name) {
        if (inSnapshot.isPresent() && inSnapshot.getAsLong() != value) {
            throw new IllegalArgumentException(snapshotName + " is " + inSnapshot.getAsLong() + " but " + name + " is "
                    + value + "; leave it empty or make them equal");
        }
    }

    /**
     * A change to a lead.
     */
    sealed interface LeadEvent extends KommoWebhookEvent
            permits LeadAdded, LeadUpdated, LeadDeleted, LeadRestored, LeadStatusChanged, LeadResponsibleChanged {

        /**
         * The lead's Kommo id.
         *
         * @return the id, positive
         */
        long leadId();

        /**
         * Every lead field the webhook carried, including those the event also exposes as plain values.
         *
         * @return the snapshot
         */
        LeadSnapshot lead();

        @Override
        default EntityType entityType() {
            return EntityType.LEADS;
        }

        @Override
        default long entityId() {
            return leadId();
        }

        @Override
        default String dedupeKey() {
            return KommoWebhookEvent.dedupeKey(this, lead().updatedAt());
        }
    }

    /**
     * A lead was created ({@code leads[add]}).
     *
     * @param leadId the lead's id, positive
     * @param lead the fields the webhook carried
     */
    record LeadAdded(long leadId, LeadSnapshot lead) implements LeadEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code leadId} is not positive
         * @throws NullPointerException if {@code lead} is null
         */
        public LeadAdded {
            Preconditions.positive(leadId, "leadId");
            Objects.requireNonNull(lead, "lead");
        }

        /**
         * An event that carries only the id.
         *
         * @param leadId the lead's id, positive
         */
        public LeadAdded(long leadId) {
            this(leadId, LeadSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.ADD;
        }
    }

    /**
     * A lead was changed ({@code leads[update]}). A stage change arrives as {@link LeadStatusChanged} when the
     * webhook subscribes to {@code status_lead}, and may also arrive as an update.
     *
     * @param leadId the lead's id, positive
     * @param lead the fields the webhook carried
     */
    record LeadUpdated(long leadId, LeadSnapshot lead) implements LeadEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code leadId} is not positive
         * @throws NullPointerException if {@code lead} is null
         */
        public LeadUpdated {
            Preconditions.positive(leadId, "leadId");
            Objects.requireNonNull(lead, "lead");
        }

        /**
         * An event that carries only the id.
         *
         * @param leadId the lead's id, positive
         */
        public LeadUpdated(long leadId) {
            this(leadId, LeadSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.UPDATE;
        }
    }

    /**
     * A lead was deleted ({@code leads[delete]}); usually only the id is sent.
     *
     * @param leadId the lead's id, positive
     * @param lead the fields the webhook carried
     */
    record LeadDeleted(long leadId, LeadSnapshot lead) implements LeadEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code leadId} is not positive
         * @throws NullPointerException if {@code lead} is null
         */
        public LeadDeleted {
            Preconditions.positive(leadId, "leadId");
            Objects.requireNonNull(lead, "lead");
        }

        /**
         * An event that carries only the id.
         *
         * @param leadId the lead's id, positive
         */
        public LeadDeleted(long leadId) {
            this(leadId, LeadSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.DELETE;
        }
    }

    /**
     * A deleted lead was restored ({@code leads[restore]}).
     *
     * @param leadId the lead's id, positive
     * @param lead the fields the webhook carried
     */
    record LeadRestored(long leadId, LeadSnapshot lead) implements LeadEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code leadId} is not positive
         * @throws NullPointerException if {@code lead} is null
         */
        public LeadRestored {
            Preconditions.positive(leadId, "leadId");
            Objects.requireNonNull(lead, "lead");
        }

        /**
         * An event that carries only the id.
         *
         * @param leadId the lead's id, positive
         */
        public LeadRestored(long leadId) {
            this(leadId, LeadSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.RESTORE;
        }
    }

    /**
     * A lead moved to another pipeline stage or pipeline ({@code leads[status]}, subscription setting
     * {@code status_lead}): the trigger for invoicing a won deal.
     *
     * @param leadId {@code id}, positive
     * @param statusId {@code status_id}, the new stage (142 is "closed - won", 143 "closed - lost")
     * @param oldStatusId {@code old_status_id}, the previous stage
     * @param pipelineId {@code pipeline_id}, the new pipeline
     * @param oldPipelineId {@code old_pipeline_id}, the previous pipeline
     * @param lead the fields the webhook carried; its stage and pipeline are set to {@code statusId} and
     *     {@code pipelineId} when empty
     */
    record LeadStatusChanged(long leadId, long statusId, long oldStatusId, long pipelineId, long oldPipelineId,
                             LeadSnapshot lead) implements LeadEvent {

        /**
         * Validates the components and completes the snapshot.
         *
         * @throws IllegalArgumentException if {@code leadId} is not positive, another id is negative, or the
         *     snapshot names a different stage or pipeline
         * @throws NullPointerException if {@code lead} is null
         */
        public LeadStatusChanged {
            Preconditions.positive(leadId, "leadId");
            Preconditions.nonNegative(statusId, "statusId");
            Preconditions.nonNegative(oldStatusId, "oldStatusId");
            Preconditions.nonNegative(pipelineId, "pipelineId");
            Preconditions.nonNegative(oldPipelineId, "oldPipelineId");
            lead = KommoWebhookEvent.withStage(lead, statusId, pipelineId);
        }

        /**
         * An event without other lead fields.
         *
         * @param leadId the lead id, positive
         * @param statusId the new stage
         * @param oldStatusId the previous stage
         * @param pipelineId the new pipeline
         * @param oldPipelineId the previous pipeline
         */
        public LeadStatusChanged(long leadId, long statusId, long oldStatusId, long pipelineId, long oldPipelineId) {
            this(leadId, statusId, oldStatusId, pipelineId, oldPipelineId, LeadSnapshot.empty());
        }

        /**
         * Whether the lead changed pipeline, not only stage.
         *
         * @return {@code pipelineId != oldPipelineId}
         */
        public boolean pipelineChanged() {
            return pipelineId != oldPipelineId;
        }

        @Override
        public Action action() {
            return Action.STATUS;
        }

        @Override
        public String dedupeKey() {
            return KommoWebhookEvent.dedupeKey(this, lead.updatedAt(), pipelineId, statusId);
        }
    }

    /**
     * A lead was given to another responsible user ({@code leads[responsible]}).
     *
     * @param leadId the lead's id, positive
     * @param responsibleUserId {@code responsible_user_id}, the new responsible user
     * @param oldResponsibleUserId {@code old_responsible_user_id}, the previous one, if sent
     * @param lead the fields the webhook carried; its responsible user is set to {@code responsibleUserId}
     *     when empty
     */
    record LeadResponsibleChanged(long leadId, long responsibleUserId, OptionalLong oldResponsibleUserId,
            LeadSnapshot lead) implements LeadEvent {

        /**
         * Validates the components and completes the snapshot.
         *
         * @throws IllegalArgumentException if {@code leadId} is not positive, a user id is negative, or the
         *     snapshot names a different responsible user
         * @throws NullPointerException if a component is null
         */
        public LeadResponsibleChanged {
            Preconditions.positive(leadId, "leadId");
            Preconditions.nonNegative(responsibleUserId, "responsibleUserId");
            Preconditions.nonNegative(oldResponsibleUserId, "oldResponsibleUserId");
            lead = KommoWebhookEvent.withResponsible(lead, responsibleUserId);
        }

        /**
         * An event without a previous user or other fields.
         *
         * @param leadId the lead's id, positive
         * @param responsibleUserId the new responsible user
         */
        public LeadResponsibleChanged(long leadId, long responsibleUserId) {
            this(leadId, responsibleUserId, OptionalLong.empty(), LeadSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.RESPONSIBLE;
        }

        @Override
        public String dedupeKey() {
            return KommoWebhookEvent.dedupeKey(this, lead.updatedAt(), responsibleUserId);
        }
    }

    /**
     * A change to a contact.
     */
    sealed interface ContactEvent extends KommoWebhookEvent
            permits ContactAdded, ContactUpdated, ContactDeleted, ContactRestored, ContactResponsibleChanged {

        /**
         * The contact's Kommo id.
         *
         * @return the id, positive
         */
        long contactId();

        /**
         * Every contact field the webhook carried, including those the event also exposes as plain values.
         *
         * @return the snapshot
         */
        ContactSnapshot contact();

        @Override
        default EntityType entityType() {
            return EntityType.CONTACTS;
        }

        @Override
        default long entityId() {
            return contactId();
        }

        @Override
        default String dedupeKey() {
            return KommoWebhookEvent.dedupeKey(this, contact().updatedAt());
        }
    }

    /**
     * A contact was created ({@code contacts[add]} with {@code type=contact}).
     *
     * @param contactId the contact's id, positive
     * @param contact the fields the webhook carried
     */
    record ContactAdded(long contactId, ContactSnapshot contact) implements ContactEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code contactId} is not positive
         * @throws NullPointerException if {@code contact} is null
         */
        public ContactAdded {
            Preconditions.positive(contactId, "contactId");
            Objects.requireNonNull(contact, "contact");
        }

        /**
         * An event that carries only the id.
         *
         * @param contactId the contact's id, positive
         */
        public ContactAdded(long contactId) {
            this(contactId, ContactSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.ADD;
        }
    }

    /**
     * A contact was changed ({@code contacts[update]}).
     *
     * @param contactId the contact's id, positive
     * @param contact the fields the webhook carried
     */
    record ContactUpdated(long contactId, ContactSnapshot contact) implements ContactEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code contactId} is not positive
         * @throws NullPointerException if {@code contact} is null
         */
        public ContactUpdated {
            Preconditions.positive(contactId, "contactId");
            Objects.requireNonNull(contact, "contact");
        }

        /**
         * An event that carries only the id.
         *
         * @param contactId the contact's id, positive
         */
        public ContactUpdated(long contactId) {
            this(contactId, ContactSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.UPDATE;
        }
    }

    /**
     * A contact was deleted ({@code contacts[delete]}); usually only the id is sent.
     *
     * @param contactId the contact's id, positive
     * @param contact the fields the webhook carried
     */
    record ContactDeleted(long contactId, ContactSnapshot contact) implements ContactEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code contactId} is not positive
         * @throws NullPointerException if {@code contact} is null
         */
        public ContactDeleted {
            Preconditions.positive(contactId, "contactId");
            Objects.requireNonNull(contact, "contact");
        }

        /**
         * An event that carries only the id.
         *
         * @param contactId the contact's id, positive
         */
        public ContactDeleted(long contactId) {
            this(contactId, ContactSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.DELETE;
        }
    }

    /**
     * A deleted contact was restored ({@code contacts[restore]}).
     *
     * @param contactId the contact's id, positive
     * @param contact the fields the webhook carried
     */
    record ContactRestored(long contactId, ContactSnapshot contact) implements ContactEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code contactId} is not positive
         * @throws NullPointerException if {@code contact} is null
         */
        public ContactRestored {
            Preconditions.positive(contactId, "contactId");
            Objects.requireNonNull(contact, "contact");
        }

        /**
         * An event that carries only the id.
         *
         * @param contactId the contact's id, positive
         */
        public ContactRestored(long contactId) {
            this(contactId, ContactSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.RESTORE;
        }
    }

    /**
     * A contact was given to another responsible user ({@code contacts[responsible]}).
     *
     * @param contactId the contact's id, positive
     * @param responsibleUserId {@code responsible_user_id}, the new responsible user
     * @param oldResponsibleUserId {@code old_responsible_user_id}, the previous one, if sent
     * @param contact the fields the webhook carried; its responsible user is set to {@code responsibleUserId}
     *     when empty
     */
    record ContactResponsibleChanged(long contactId, long responsibleUserId, OptionalLong oldResponsibleUserId,
            ContactSnapshot contact) implements ContactEvent {

        /**
         * Validates the components and completes the snapshot.
         *
         * @throws IllegalArgumentException if {@code contactId} is not positive, a user id is negative, or the
         *     snapshot names a different responsible user
         * @throws NullPointerException if a component is null
         */
        public ContactResponsibleChanged {
            Preconditions.positive(contactId, "contactId");
            Preconditions.nonNegative(responsibleUserId, "responsibleUserId");
            Preconditions.nonNegative(oldResponsibleUserId, "oldResponsibleUserId");
            contact = KommoWebhookEvent.withResponsible(contact, responsibleUserId, "contact");
        }

        /**
         * An event without a previous user or other fields.
         *
         * @param contactId the contact's id, positive
         * @param responsibleUserId the new responsible user
         */
        public ContactResponsibleChanged(long contactId, long responsibleUserId) {
            this(contactId, responsibleUserId, OptionalLong.empty(), ContactSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.RESPONSIBLE;
        }

        @Override
        public String dedupeKey() {
            return KommoWebhookEvent.dedupeKey(this, contact.updatedAt(), responsibleUserId);
        }
    }

    /**
     * A change to a company.
     */
    sealed interface CompanyEvent extends KommoWebhookEvent
            permits CompanyAdded, CompanyUpdated, CompanyDeleted, CompanyRestored, CompanyResponsibleChanged {

        /**
         * The company's Kommo id.
         *
         * @return the id, positive
         */
        long companyId();

        /**
         * Every company field the webhook carried, including those the event also exposes as plain values.
         *
         * @return the snapshot
         */
        ContactSnapshot company();

        @Override
        default EntityType entityType() {
            return EntityType.COMPANIES;
        }

        @Override
        default long entityId() {
            return companyId();
        }

        @Override
        default String dedupeKey() {
            return KommoWebhookEvent.dedupeKey(this, company().updatedAt());
        }
    }

    /**
     * A company was created ({@code contacts[add]} with {@code type=company}).
     *
     * @param companyId the company's id, positive
     * @param company the fields the webhook carried
     */
    record CompanyAdded(long companyId, ContactSnapshot company) implements CompanyEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code companyId} is not positive
         * @throws NullPointerException if {@code company} is null
         */
        public CompanyAdded {
            Preconditions.positive(companyId, "companyId");
            Objects.requireNonNull(company, "company");
        }

        /**
         * An event that carries only the id.
         *
         * @param companyId the company's id, positive
         */
        public CompanyAdded(long companyId) {
            this(companyId, ContactSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.ADD;
        }
    }

    /**
     * A company was changed ({@code contacts[update]} with {@code type=company}).
     *
     * @param companyId the company's id, positive
     * @param company the fields the webhook carried
     */
    record CompanyUpdated(long companyId, ContactSnapshot company) implements CompanyEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code companyId} is not positive
         * @throws NullPointerException if {@code company} is null
         */
        public CompanyUpdated {
            Preconditions.positive(companyId, "companyId");
            Objects.requireNonNull(company, "company");
        }

        /**
         * An event that carries only the id.
         *
         * @param companyId the company's id, positive
         */
        public CompanyUpdated(long companyId) {
            this(companyId, ContactSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.UPDATE;
        }
    }

    /**
     * A company was deleted; usually only the id is sent.
     *
     * @param companyId the company's id, positive
     * @param company the fields the webhook carried
     */
    record CompanyDeleted(long companyId, ContactSnapshot company) implements CompanyEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code companyId} is not positive
         * @throws NullPointerException if {@code company} is null
         */
        public CompanyDeleted {
            Preconditions.positive(companyId, "companyId");
            Objects.requireNonNull(company, "company");
        }

        /**
         * An event that carries only the id.
         *
         * @param companyId the company's id, positive
         */
        public CompanyDeleted(long companyId) {
            this(companyId, ContactSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.DELETE;
        }
    }

    /**
     * A deleted company was restored.
     *
     * @param companyId the company's id, positive
     * @param company the fields the webhook carried
     */
    record CompanyRestored(long companyId, ContactSnapshot company) implements CompanyEvent {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code companyId} is not positive
         * @throws NullPointerException if {@code company} is null
         */
        public CompanyRestored {
            Preconditions.positive(companyId, "companyId");
            Objects.requireNonNull(company, "company");
        }

        /**
         * An event that carries only the id.
         *
         * @param companyId the company's id, positive
         */
        public CompanyRestored(long companyId) {
            this(companyId, ContactSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.RESTORE;
        }
    }

    /**
     * A company was given to another responsible user ({@code contacts[responsible]}).
     *
     * @param companyId the company's id, positive
     * @param responsibleUserId {@code responsible_user_id}, the new responsible user
     * @param oldResponsibleUserId {@code old_responsible_user_id}, the previous one, if sent
     * @param company the fields the webhook carried; its responsible user is set to {@code responsibleUserId}
     *     when empty
     */
    record CompanyResponsibleChanged(long companyId, long responsibleUserId, OptionalLong oldResponsibleUserId,
            ContactSnapshot company) implements CompanyEvent {

        /**
         * Validates the components and completes the snapshot.
         *
         * @throws IllegalArgumentException if {@code companyId} is not positive, a user id is negative, or the
         *     snapshot names a different responsible user
         * @throws NullPointerException if a component is null
         */
        public CompanyResponsibleChanged {
            Preconditions.positive(companyId, "companyId");
            Preconditions.nonNegative(responsibleUserId, "responsibleUserId");
            Preconditions.nonNegative(oldResponsibleUserId, "oldResponsibleUserId");
            company = KommoWebhookEvent.withResponsible(company, responsibleUserId, "company");
        }

        /**
         * An event without a previous user or other fields.
         *
         * @param companyId the company's id, positive
         * @param responsibleUserId the new responsible user
         */
        public CompanyResponsibleChanged(long companyId, long responsibleUserId) {
            this(companyId, responsibleUserId, OptionalLong.empty(), ContactSnapshot.empty());
        }

        @Override
        public Action action() {
            return Action.RESPONSIBLE;
        }

        @Override
        public String dedupeKey() {
            return KommoWebhookEvent.dedupeKey(this, company.updatedAt(), responsibleUserId);
        }
    }
}
