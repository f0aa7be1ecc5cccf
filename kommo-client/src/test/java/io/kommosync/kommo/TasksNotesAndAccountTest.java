package io.kommosync.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.kommosync.kommo.KommoStubs.hal;
import static io.kommosync.kommo.KommoStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Tasks, notes and the account")
class TasksNotesAndAccountTest {

    @RegisterExtension
    static WireMockExtension server = KommoStubs.server();

    private final KommoClient kommo = KommoStubs.client(server).build();

    @AfterEach
    void close() {
        kommo.close();
    }

    @Test
    @DisplayName("tasks: text, due time as unix seconds, the lead, a responsible user only when set, type 1 by default")
    void createTasks() {
        server.stubFor(post(urlPathEqualTo("/api/v4/tasks")).willReturn(hal("tasks-created.json")));
        Instant due = Instant.parse("2026-01-01T00:00:00Z");

        List<Long> ids = kommo.tasks().create(List.of(
            NewTask.forLead(12345, "Invoice INV-0042 failed to sync to Xero: contact missing", due)
                .withResponsibleUser(67890),
            NewTask.forLead(12346, "Map product WEB-1", due).withTaskType(NewTask.MEETING)));

        assertThat(ids).containsExactly(4745251L, 4745252L);
        assertThat(json(server.findAll(postRequestedFor(urlPathEqualTo("/api/v4/tasks"))).get(0))).isEqualTo(json(
            "[{\"text\":\"Invoice INV-0042 failed to sync to Xero: contact missing\",\"complete_till\":1767225600,"
                + "\"entity_id\":12345,\"entity_type\":\"leads\",\"responsible_user_id\":67890,\"task_type_id\":1,"
                + "\"request_id\":\"0\"},"
                + "{\"text\":\"Map product WEB-1\",\"complete_till\":1767225600,\"entity_id\":12346,"
                + "\"entity_type\":\"leads\",\"task_type_id\":2,\"request_id\":\"1\"}]"));
    }

    @Test
    @DisplayName("a task without text or with a negative user is rejected before any request")
    void taskValidation() {
        assertThatThrownBy(() -> NewTask.forLead(1, " ", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("text");
        assertThatThrownBy(() -> NewTask.forLead(1, "x", Instant.EPOCH).withResponsibleUser(-1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responsibleUserId");
    }

    @Test
    @DisplayName("addToLead posts a common note to /leads/{id}/notes and returns its id")
    void noteOnLead() {
        server.stubFor(post(urlPathEqualTo("/api/v4/leads/4821/notes")).willReturn(hal("notes-created-one.json")));

        long id = kommo.notes().addToLead(4821, "Synced to Xero as INV-0042");

        assertThat(id).isEqualTo(42305);
        assertThat(json(server.findAll(postRequestedFor(urlPathEqualTo("/api/v4/leads/4821/notes"))).get(0)))
            .isEqualTo(json("[{\"note_type\":\"common\",\"params\":{\"text\":\"Synced to Xero as INV-0042\"},"
                + "\"request_id\":\"0\"}]"));
    }

    @Test
    @DisplayName("add posts notes of several leads, common and service messages, to /leads/notes")
    void notesInBatch() {
        server.stubFor(post(urlPathEqualTo("/api/v4/leads/notes")).willReturn(hal("notes-created-two.json")));

        List<Long> ids = kommo.notes().add(List.of(NewNote.common(4821, "Paid in full"),
            NewNote.serviceMessage(4822, "kommo-sync", "Invoice voided in Xero")));

        assertThat(ids).containsExactly(42306L, 42307L);
        assertThat(json(server.findAll(postRequestedFor(urlPathEqualTo("/api/v4/leads/notes"))).get(0))).isEqualTo(json(
            "[{\"entity_id\":4821,\"note_type\":\"common\",\"params\":{\"text\":\"Paid in full\"},\"request_id\":\"0\"},"
                + "{\"entity_id\":4822,\"note_type\":\"service_message\",\"params\":{\"service\":\"kommo-sync\","
                + "\"text\":\"Invoice voided in Xero\"},\"request_id\":\"1\"}]"));
    }

    @Test
    @DisplayName("the account gives id, subdomain and currency")
    void account() {
        server.stubFor(get(urlPathEqualTo("/api/v4/account")).willReturn(hal("account.json")));

        Account account = kommo.account().get();

        assertThat(account).isEqualTo(new Account(30739638, "Example Ltd", "example", "GBP"));
        assertThat(account.currency()).contains(Currency.getInstance("GBP"));
        assertThat(new Account(1, "", "", "").currency()).isEmpty();
    }
}
