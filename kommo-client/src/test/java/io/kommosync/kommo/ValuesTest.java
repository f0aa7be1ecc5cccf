package io.kommosync.kommo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Value records")
class ValuesTest {

    private static Lead lead(List<LeadContactRef> contacts) {
        return new Lead(1, "x", BigDecimal.ZERO, 1, 1, 1, Instant.EPOCH, Instant.EPOCH, List.of(), contacts, List.of(),
            OptionalLong.empty());
    }

    @Test
    @DisplayName("the main contact is the one marked is_main, else the first, else none")
    void mainContact() {
        assertThat(lead(List.of(new LeadContactRef(5, false), new LeadContactRef(6, true))).mainContactId())
            .contains(6L);
        assertThat(lead(List.of(new LeadContactRef(5, false), new LeadContactRef(6, false))).mainContactId())
            .contains(5L);
        assertThat(lead(List.of()).mainContactId()).isEmpty();
    }

    @Test
    @DisplayName("records copy their lists, so later changes to the caller's list do not leak in")
    void defensiveCopies() {
        List<LeadContactRef> contacts = new ArrayList<>(List.of(new LeadContactRef(5, true)));
        Lead lead = lead(contacts);
        contacts.clear();

        assertThat(lead.contacts()).hasSize(1);
        assertThatThrownBy(() -> lead.contacts().add(new LeadContactRef(7, false)))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("a lead patch rejects negative prices and blank names, and knows when it is empty")
    void leadPatch() {
        assertThat(LeadPatch.of(1).isEmpty()).isTrue();
        assertThat(LeadPatch.of(1).withStatus(142).isEmpty()).isFalse();
        assertThatThrownBy(() -> LeadPatch.of(1).withPrice(new BigDecimal("-1")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price of lead 1");
        assertThatThrownBy(() -> LeadPatch.of(1).withName(" ")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("name");
        assertThatThrownBy(() -> LeadPatch.of(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("positive Kommo id");
    }

    @Test
    @DisplayName("a field reference names exactly one of id and code")
    void fieldRef() {
        assertThat(FieldRef.id(5).toString()).isEqualTo("field 5");
        assertThat(FieldRef.code("PHONE").toString()).isEqualTo("field PHONE");
        assertThatThrownBy(() -> new FieldRef(OptionalLong.of(5), Optional.of("X")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new FieldRef(OptionalLong.empty(), Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one");
    }

    @Test
    @DisplayName("notes are common or service messages with a service, nothing else")
    void notes() {
        assertThatThrownBy(() -> new NewNote(1, "call_in", "x", Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noteType");
        assertThatThrownBy(() -> new NewNote(1, NewNote.SERVICE_MESSAGE, "x", Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service");
        assertThatThrownBy(() -> NewNote.common(1, "")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("text");
    }

    @Test
    @DisplayName("a lead filter refuses an update range that ends before it starts")
    void filterRange() {
        assertThatThrownBy(() -> LeadFilter.all().withUpdatedFrom(Instant.ofEpochSecond(10))
            .withUpdatedTo(Instant.ofEpochSecond(5))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("swap");
    }

    @Test
    @DisplayName("firstText skips values that carry only an enum")
    void firstText() {
        CustomFieldValue value = new CustomFieldValue(1, Optional.empty(), Optional.empty(), Optional.empty(),
            List.of(new CustomFieldValue.Value(Optional.empty(), OptionalLong.of(3), Optional.empty()),
                CustomFieldValue.Value.of("second")));

        assertThat(value.firstText()).contains("second");
        assertThat(value.texts()).containsExactly("second");
    }

    @Test
    @DisplayName("new contacts refuse blank e-mail addresses")
    void newContact() {
        assertThatThrownBy(() -> NewContact.named("A").withEmail(" ")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("emails[]");
    }

    @Test
    @DisplayName("exceptions default to not retryable and without status, request id or Retry-After")
    void exceptionDefaults() {
        KommoException plain = new KommoException("x");

        assertThat(plain.retryable()).isFalse();
        assertThat(plain.httpStatus()).isEmpty();
        assertThat(plain.requestId()).isEmpty();
        assertThat(plain.retryAfter()).isEmpty();
        assertThat(new io.kommosync.kommo.webhook.KommoWebhookFormatException("f", "p").retryable()).isFalse();
    }
}
