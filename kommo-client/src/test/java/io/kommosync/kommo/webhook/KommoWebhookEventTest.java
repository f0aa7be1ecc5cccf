package io.kommosync.kommo.webhook;

import io.kommosync.kommo.webhook.KommoWebhookEvent.CompanyResponsibleChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactAdded;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadAdded;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadDeleted;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadEvent;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadResponsibleChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadStatusChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadUpdated;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KommoWebhookEventTest {

    private static final Instant T1 = Instant.ofEpochSecond(1539782664);
    private static final Instant T2 = Instant.ofEpochSecond(1539782665);

    private static LeadSnapshot updatedAt(Instant time) {
        return LeadSnapshot.builder().name("Private name").updatedAt(time).build();
    }

    @Test
    @DisplayName("a status change completes its snapshot with the stage and pipeline")
    void statusChangeCompletesSnapshot() {
        LeadStatusChanged change = new LeadStatusChanged(4821, 142, 21, 11, 11);

        assertThat(change.lead().statusId()).hasValue(142);
        assertThat(change.lead().pipelineId()).hasValue(11);
        assertThat(change).isEqualTo(new LeadStatusChanged(4821, 142, 21, 11, 11,
                LeadSnapshot.builder().statusId(142).pipelineId(11).build()));
    }

    @Test
    @DisplayName("a status change whose snapshot names another stage is refused")
    void statusChangeRejectsDisagreeingSnapshot() {
        LeadSnapshot won = LeadSnapshot.builder().statusId(143).build();

        assertThatThrownBy(() -> new LeadStatusChanged(4821, 142, 21, 11, 11, won))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lead.statusId() is 143 but statusId is 142; leave it empty or make them equal");
        assertThatThrownBy(() -> new LeadResponsibleChanged(1, 5, OptionalLong.empty(),
                LeadSnapshot.builder().responsibleUserId(6).build()))
                .hasMessageStartingWith("lead.responsibleUserId() is 6 but responsibleUserId is 5");
    }

    @Test
    @DisplayName("records refuse non-positive entity ids and nulls, naming the component")
    void recordsValidate() {
        assertThatThrownBy(() -> new LeadAdded(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leadId must be a positive Kommo id, got 0");
        assertThatThrownBy(() -> new LeadUpdated(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("lead");
        assertThatThrownBy(() -> new WebhookCustomField(0, Optional.empty(), Optional.empty(), List.of()))
                .hasMessage("id must be a positive Kommo id, got 0");
        assertThatThrownBy(() -> LeadSnapshot.builder().price(new BigDecimal("-1")).build())
                .hasMessage("price must not be negative, got -1");
        assertThatThrownBy(() -> new WebhookAccount(OptionalLong.empty(), "a.b", Optional.empty()))
                .hasMessageStartingWith("subdomain must be a DNS label");
        assertThatThrownBy(() -> new WebhookAccount(OptionalLong.empty(), "a", Optional.of(URI.create("/relative"))))
                .hasMessageStartingWith("baseUrl must be an absolute http or https URL");
    }

    @Test
    @DisplayName("lists given to records are copied, so later changes to the caller's list do not leak in")
    void listsAreCopied() {
        List<WebhookCustomFieldValue> values = new ArrayList<>(List.of(WebhookCustomFieldValue.of("a")));
        WebhookCustomField field = new WebhookCustomField(1, Optional.empty(), Optional.empty(), values);
        values.add(WebhookCustomFieldValue.of("b"));

        assertThat(field.values()).hasSize(1);
        assertThat(field.firstValue()).contains("a");
        assertThatThrownBy(() -> field.values().add(WebhookCustomFieldValue.of("c")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("the dedupe key is equal for a redelivery and differs when the change differs")
    void dedupeKeyIdentifiesTheChange() {
        LeadStatusChanged first = new LeadStatusChanged(4821, 142, 21, 11, 11, updatedAt(T1));
        LeadStatusChanged redelivered = new LeadStatusChanged(4821, 142, 21, 11, 11, updatedAt(T1));

        assertThat(first.dedupeKey()).isEqualTo(redelivered.dedupeKey())
                .isEqualTo("leads:status:4821:11:142:1539782664");
        assertThat(List.of(
                new LeadStatusChanged(4821, 142, 21, 11, 11, updatedAt(T2)),
                new LeadStatusChanged(4821, 142, 21, 12, 11, updatedAt(T1)),
                new LeadStatusChanged(4821, 143, 21, 11, 11, updatedAt(T1)),
                new LeadStatusChanged(4822, 142, 21, 11, 11, updatedAt(T1)),
                new LeadUpdated(4821, updatedAt(T1))))
                .extracting(KommoWebhookEvent::dedupeKey)
                .doesNotContain(first.dedupeKey())
                .doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("dedupe keys name entity, action and id, hold no personal data, and mark a missing time with '-'")
    void dedupeKeyFormat() {
        assertThat(new LeadDeleted(6).dedupeKey()).isEqualTo("leads:delete:6:-");
        assertThat(new LeadUpdated(7, updatedAt(T1)).dedupeKey()).isEqualTo("leads:update:7:1539782664")
                .doesNotContain("Private");
        assertThat(new ContactAdded(8).dedupeKey()).isEqualTo("contacts:add:8:-");
        assertThat(new CompanyResponsibleChanged(9, 55).dedupeKey()).isEqualTo("companies:responsible:9:55:-");
    }

    @Test
    @DisplayName("events expose entity type, action and id through the common interface")
    void commonInterface() {
        KommoWebhookEvent event = new LeadResponsibleChanged(3, 4);

        assertThat(event).isInstanceOf(LeadEvent.class);
        assertThat(event.entityType().wireName()).isEqualTo("leads");
        assertThat(event.action().wireName()).isEqualTo("responsible");
        assertThat(event.entityId()).isEqualTo(3);
        assertThat(new KommoWebhook(WebhookAccount.of(1, "x"), List.of(event, new ContactAdded(5)))
                .eventsOf(LeadEvent.class)).containsExactly((LeadEvent) event);
    }
}
