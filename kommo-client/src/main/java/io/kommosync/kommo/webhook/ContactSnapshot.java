package io.kommosync.kommo.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The fields a contact or company webhook event carried. Kommo sends companies under the {@code contacts} key
 * with {@code type=company}, with the same fields as contacts, so one record serves both.
 *
 * <p>E-mail addresses and phone numbers are custom fields with the codes {@code EMAIL} and {@code PHONE}. As for
 * leads, treat a snapshot as a change signal and re-read the entity through the API before acting.
 *
 * @param name              {@code name}
 * @param responsibleUserId {@code responsible_user_id}
 * @param createdBy         {@code created_user_id}
 * @param updatedBy         {@code modified_user_id}
 * @param createdAt         {@code created_at}, or {@code date_create} in older payloads
 * @param updatedAt         {@code updated_at}, or {@code last_modified} in older payloads
 * @param accountId         {@code account_id}
 * @param tags              {@code tags}, in Kommo's order; copied, unmodifiable
 * @param customFields      {@code custom_fields}, in Kommo's order; copied, unmodifiable
 */
public record ContactSnapshot(Optional<String> name, OptionalLong responsibleUserId, OptionalLong createdBy,
                              OptionalLong updatedBy, Optional<Instant> createdAt, Optional<Instant> updatedAt,
                              OptionalLong accountId, List<WebhookTag> tags, List<WebhookCustomField> customFields) {

    private static final ContactSnapshot EMPTY = builder().build();

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if a component, tag or custom field is null
     * @throws IllegalArgumentException if an id is negative
     */
    public ContactSnapshot {
        Objects.requireNonNull(name, "name");
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
    public static ContactSnapshot empty() {
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
     * Collects the fields of a {@link ContactSnapshot}. Mutable and not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private Optional<String> name = Optional.empty();
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
         * Sets {@link ContactSnapshot#name()}.
         *
         * @param name the contact or company name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Optional.of(name);
            return this;
        }

        /**
         * Sets {@link ContactSnapshot#responsibleUserId()}.
         *
         * @param responsibleUserId the user id
         * @return this builder
         */
        public Builder responsibleUserId(long responsibleUserId) {
            this.responsibleUserId = OptionalLong.of(responsibleUserId);
            return this;
        }

        /**
         * Sets {@link ContactSnapshot#createdBy()}.
         *
         * @param createdBy the user id
         * @return this builder
         */
        public Builder createdBy(long createdBy) {
            this.createdBy = OptionalLong.of(createdBy);
            return this;
        }

        /**
         * Sets {@link ContactSnapshot#updatedBy()}.
         *
         * @param updatedBy the user id
         * @return this builder
         */
        public Builder updatedBy(long updatedBy) {
            this.updatedBy = OptionalLong.of(updatedBy);
            return this;
        }

        /**
         * Sets {@link ContactSnapshot#createdAt()}.
         *
         * @param createdAt the creation time (Kommo keeps whole seconds)
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = Optional.of(createdAt);
            return this;
        }

        /**
         * Sets {@link ContactSnapshot#updatedAt()}.
         *
         * @param updatedAt the time of the latest change (Kommo keeps whole seconds)
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Optional.of(updatedAt);
            return this;
        }

        /**
         * Sets {@link ContactSnapshot#accountId()}.
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
         * @throws IllegalArgumentException if an id is negative
         */
        public ContactSnapshot build() {
            return new ContactSnapshot(name, responsibleUserId, createdBy, updatedBy, createdAt, updatedAt,
                    accountId, tags, customFields);
        }
    }
}
