package io.kommosync.kommo.webhook;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lead fields a webhook event carried, each optional because Kommo sends different fields for different
 * actions (a delete usually carries only the id, which lives on the event).
 *
 * <p>Treat a snapshot as a change signal, not as the truth: webhooks can arrive late, twice or out of order.
 * Before acting, re-read the lead with {@code GET /api/v4/leads/{id}}.
 *
 * @param name              {@code name}
 * @param price             {@code price}, the deal value in the account currency; never negative
 * @param statusId          {@code status_id}, the pipeline stage (142 is "closed - won", 143 "closed - lost")
 * @param pipelineId        {@code pipeline_id}
 * @param responsibleUserId {@code responsible_user_id}
 * @param createdBy         {@code created_user_id}, the user who created the lead
 * @param updatedBy         {@code modified_user_id}, the user who made the latest change
 * @param createdAt         {@code created_at}, or {@code date_create} in older payloads
 * @param updatedAt         {@code updated_at}, or {@code last_modified} in older payloads
 * @param accountId         {@code account_id}
 * @param tags              {@code tags}, in Kommo's order; copied, unmodifiable
 * @param customFields      {@code custom_fields}, in Kommo's order; copied, unmodifiable
 */
public record LeadSnapshot(Optional<String> name, Optional<BigDecimal> price, OptionalLong statusId,
                           OptionalLong pipelineId, OptionalLong responsibleUserId, OptionalLong createdBy,
                           OptionalLong updatedBy, Optional<Instant> createdAt, Optional<Instant> updatedAt,
                           OptionalLong accountId, List<WebhookTag> tags, List<WebhookCustomField> customFields) {

    private static final LeadSnapshot EMPTY = builder().build();

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if a component, tag or custom field is null
     * @throws IllegalArgumentException if {@code price} or an id is negative
     */
    public LeadSnapshot {
        Objects.requireNonNull(name, "name");
        Preconditions.nonNegativeAmount(price, "price");
        Preconditions.nonNegative(statusId, "statusId");
        Preconditions.nonNegative(pipelineId, "pipelineId");
        Preconditions.nonNegative(responsibleUserId, "responsibleUserId");
        Preconditions.nonNegative(createdBy, "createdBy");
        Preconditions.nonNegative(updatedBy, "updatedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Preconditions.nonNegative(accountId, "accountId");
        tags = Preconditions.copy(tags, "tags");
        customFields = Preconditions.copy(customFields, "customFields");
    }

    /**
     * A snapshot with no fields, as for a delete that carries only the id.
     *
     * @return the empty snapshot
     */
    public static LeadSnapshot empty() {
        return EMPTY;
    }

    /**
     * A builder starting with every field empty.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting with this snapshot's fields.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.price = price;
        b.statusId = statusId;
        b.pipelineId = pipelineId;
        b.responsibleUserId = responsibleUserId;
        b.createdBy = createdBy;
        b.updatedBy = updatedBy;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.accountId = accountId;
        b.tags.addAll(tags);
        b.customFields.addAll(customFields);
        return b;
    }

    /**
     * Collects the fields of a {@link LeadSnapshot}. Mutable and not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private Optional<String> name = Optional.empty();
        private Optional<BigDecimal> price = Optional.empty();
        private OptionalLong statusId = OptionalLong.empty();
        private OptionalLong pipelineId = OptionalLong.empty();
        private OptionalLong responsibleUserId = OptionalLong.empty();
        private OptionalLong createdBy = OptionalLong.empty();
        private OptionalLong updatedBy = OptionalLong.empty();
        private Optional<Instant> createdAt = Optional.empty();
        private Optional<Instant> updatedAt = Optional.empty();
        private OptionalLong accountId = OptionalLong.empty();
        private final List<WebhookTag> tags = new ArrayList<>();
        private final List<WebhookCustomField> customFields = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets {@link LeadSnapshot#name()}.
         *
         * @param name the lead name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Optional.of(name);
            return this;
        }

        /**
         * Sets {@link LeadSnapshot#price()}.
         *
         * @param price the deal value, not negative
         * @return this builder
         */
        public Builder price(BigDecimal price) {
            this.price = Optional.of(price);
            return this;
        }

        /**
         * Sets {@link LeadSnapshot#statusId()}.
         *
         * @param statusId the stage id
         * @return this builder
         */
        public Builder statusId(long statusId) {
            this.statusId = OptionalLong.of(statusId);
            return this;
        }

        /**
         * Sets {@link LeadSnapshot#pipelineId()}.
         *
         * @param pipelineId the pipeline id
         * @return this builder
         */
        public Builder pipelineId(long pipelineId) {
            this.pipelineId = OptionalLong.of(pipelineId);
            return this;
        }

        /**
         * Sets {@link LeadSnapshot#responsibleUserId()}.
         *
         * @param responsibleUserId the user id
         * @return this builder
         */
        public Builder responsibleUserId(long responsibleUserId) {
            this.responsibleUserId = OptionalLong.of(responsibleUserId);
            return this;
        }

        /**
         * Sets {@link LeadSnapshot#createdBy()}.
         *
         * @param createdBy the user id
         * @return this builder
         */
        public Builder createdBy(long createdBy) {
            this.createdBy = OptionalLong.of(createdBy);
            return this;
        }

        /**
         * Sets {@link LeadSnapshot#updatedBy()}.
         *
         * @param updatedBy the user id
         * @return this builder
         */
        public Builder updatedBy(long updatedBy) {
            this.updatedBy = OptionalLong.of(updatedBy);
            return this;
        }

        /**
         * Sets {@link LeadSnapshot#createdAt()}.
         *
         * @param createdAt the creation time (Kommo keeps whole seconds)
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = Optional.of(createdAt);
            return this;
        }

        /**
         * Sets {@link LeadSnapshot#updatedAt()}.
         *
         * @param updatedAt the time of the latest change (Kommo keeps whole seconds)
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Optional.of(updatedAt);
            return this;
        }

        /**
         * Sets {@link LeadSnapshot#accountId()}.
         *
         * @param accountId the account id
         * @return this builder
         */
        public Builder accountId(long accountId) {
            this.accountId = OptionalLong.of(accountId);
            return this;
        }

        /**
         * Adds a tag after those already added.
         *
         * @param tag the tag
         * @return this builder
         */
        public Builder addTag(WebhookTag tag) {
            tags.add(Objects.requireNonNull(tag, "tag"));
            return this;
        }

        /**
         * Adds a custom field after those already added.
         *
         * @param customField the field and its values
         * @return this builder
         */
        public Builder addCustomField(WebhookCustomField customField) {
            customFields.add(Objects.requireNonNull(customField, "customField"));
            return this;
        }

        /**
         * Builds the snapshot.
         *
         * @return the snapshot
         * @throws IllegalArgumentException if {@code price} or an id is negative
         */
        public LeadSnapshot build() {
            return new LeadSnapshot(name, price, statusId, pipelineId, responsibleUserId, createdBy, updatedBy,
                    createdAt, updatedAt, accountId, tags, customFields);
        }
    }
}
