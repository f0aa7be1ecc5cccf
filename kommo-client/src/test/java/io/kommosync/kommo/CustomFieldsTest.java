package io.kommosync.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.kommosync.kommo.KommoStubs.hal;
import static io.kommosync.kommo.KommoStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Lead custom fields")
class CustomFieldsTest {

    @RegisterExtension
    static WireMockExtension server = KommoStubs.server();

    private final KommoClient kommo = KommoStubs.client(server).build();

    @AfterEach
    void close() {
        kommo.close();
    }

    @Test
    @DisplayName("list reads every page (Kommo serves 50 per page), with codes, API-only flags and options")
    void listAllPages() {
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/custom_fields")).withQueryParam("page", equalTo("2"))
            .willReturn(hal("lead-custom-fields-page-2.json")));
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/custom_fields")).withQueryParam("page",
            com.github.tomakehurst.wiremock.client.WireMock.absent()).willReturn(hal("lead-custom-fields-page-1.json")));

        List<CustomFieldDefinition> fields = kommo.leadCustomFields().list();

        assertThat(fields).extracting(CustomFieldDefinition::id).containsExactly(66401L, 66339L, 66500L);
        assertThat(fields.get(0).code()).contains("INVOICE_NUMBER");
        assertThat(fields.get(0).apiOnly()).isTrue();
        assertThat(fields.get(0).options()).isEmpty();
        assertThat(fields.get(1).type()).isEqualTo("select");
        assertThat(fields.get(1).optionId("Referral")).hasValue(139519);
        assertThat(fields.get(2).type()).isEqualTo("monetary");
        server.verify(getRequestedFor(urlPathEqualTo("/api/v4/leads/custom_fields"))
            .withQueryParam("limit", equalTo("50")));
        server.verify(getRequestedFor(urlPathEqualTo("/api/v4/leads/custom_fields"))
            .withQueryParam("limit", equalTo("50")).withQueryParam("page", equalTo("2")));
    }

    @Test
    @DisplayName("create sends url, text, date, select with options and numeric fields and returns ids and option ids")
    void create() {
        server.stubFor(post(urlPathEqualTo("/api/v4/leads/custom_fields"))
            .willReturn(hal("lead-custom-fields-created.json").withStatus(201)));

        List<CustomFieldDefinition> created = kommo.leadCustomFields().create(List.of(
            NewCustomField.of(CustomFieldType.URL, "Xero invoice URL").withCode("XERO_INVOICE_URL").withApiOnly(),
            NewCustomField.of(CustomFieldType.TEXT, "Accounting sync ID").withCode("ACC_SYNC_ID").withApiOnly(),
            NewCustomField.of(CustomFieldType.DATE, "Invoice date"),
            NewCustomField.select("Sync status", List.of("Pending", "Synced", "Failed")),
            NewCustomField.of(CustomFieldType.NUMERIC, "Amount due")));

        assertThat(created).extracting(CustomFieldDefinition::id).containsExactly(70001L, 70002L, 70003L, 70004L, 70005L);
        assertThat(created.get(3).optionId("Synced")).hasValue(80002);
        assertThat(json(server.findAll(postRequestedFor(urlPathEqualTo("/api/v4/leads/custom_fields"))).get(0)))
            .isEqualTo(json("["
                + "{\"type\":\"url\",\"name\":\"Xero invoice URL\",\"code\":\"XERO_INVOICE_URL\",\"is_api_only\":true},"
                + "{\"type\":\"text\",\"name\":\"Accounting sync ID\",\"code\":\"ACC_SYNC_ID\",\"is_api_only\":true},"
                + "{\"type\":\"date\",\"name\":\"Invoice date\"},"
                + "{\"type\":\"select\",\"name\":\"Sync status\",\"enums\":[{\"value\":\"Pending\",\"sort\":10},"
                + "{\"value\":\"Synced\",\"sort\":20},{\"value\":\"Failed\",\"sort\":30}]},"
                + "{\"type\":\"numeric\",\"name\":\"Amount due\"}]"));
    }

    @Test
    @DisplayName("new fields are checked: select needs options, other types take none, options are unique")
    void newFieldValidation() {
        assertThatThrownBy(() -> new NewCustomField(CustomFieldType.SELECT, "S", Optional.empty(), false, List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("options must not be empty");
        assertThatThrownBy(() -> new NewCustomField(CustomFieldType.TEXT, "T", Optional.empty(), false,
            List.of(new NewCustomField.Option("a", 1, Optional.empty()))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only allowed for select");
        assertThatThrownBy(() -> NewCustomField.select("S", List.of("a", "a")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
    }

    @Test
    @DisplayName("values of every type are written in Kommo's shape, by field_id or field_code")
    void everyValueType() {
        server.stubFor(patch(urlPathEqualTo("/api/v4/leads")).willReturn(hal("leads-patched.json")));

        kommo.leads().update(List.of(LeadPatch.of(4821)
            .withField(FieldValueWrite.text(1, "INV-0042"))
            .withField(FieldValueWrite.url(FieldRef.code("XERO_INVOICE_URL"), "https://go.xero.com/inv/1"))
            .withField(FieldValueWrite.number(3, new BigDecimal("1999.90")))
            .withField(FieldValueWrite.choice(4, 80002))
            .withField(FieldValueWrite.choiceByValue(5, "Paid"))
            .withField(FieldValueWrite.choices(6, List.of(7L, 8L)))
            .withField(FieldValueWrite.date(9, LocalDate.of(2026, 3, 1)))
            .withField(FieldValueWrite.date(FieldRef.id(10), LocalDate.of(2026, 3, 1), ZoneId.of("America/New_York")))
            .withField(FieldValueWrite.dateTime(11, Instant.parse("2026-03-01T10:15:30.500Z")))
            .withField(FieldValueWrite.checkbox(12, true))
            .withField(FieldValueWrite.clear(13))));

        assertThat(json(server.findAll(patchRequestedFor(urlPathEqualTo("/api/v4/leads"))).get(0))).isEqualTo(json(
            "[{\"id\":4821,\"custom_fields_values\":["
                + "{\"field_id\":1,\"values\":[{\"value\":\"INV-0042\"}]},"
                + "{\"field_code\":\"XERO_INVOICE_URL\",\"values\":[{\"value\":\"https://go.xero.com/inv/1\"}]},"
                + "{\"field_id\":3,\"values\":[{\"value\":1999.90}]},"
                + "{\"field_id\":4,\"values\":[{\"enum_id\":80002}]},"
                + "{\"field_id\":5,\"values\":[{\"value\":\"Paid\"}]},"
                + "{\"field_id\":6,\"values\":[{\"enum_id\":7},{\"enum_id\":8}]},"
                + "{\"field_id\":9,\"values\":[{\"value\":1772323200}]},"
                + "{\"field_id\":10,\"values\":[{\"value\":1772341200}]},"
                + "{\"field_id\":11,\"values\":[{\"value\":1772360130}]},"
                + "{\"field_id\":12,\"values\":[{\"value\":true}]},"
                + "{\"field_id\":13,\"values\":null}],\"request_id\":\"0\"}]"));
        assertThat(server.findAll(patchRequestedFor(urlPathEqualTo("/api/v4/leads"))).get(0).getBodyAsString())
            .contains("\"value\":1999.90");
    }

    @Test
    @DisplayName("bad values fail before any request, naming the field and the fix")
    void valueValidation() {
        assertThatThrownBy(() -> FieldValueWrite.url(1, "go.xero.com/inv"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 1")
            .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> FieldValueWrite.choices(2, List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clear");
        assertThatThrownBy(() -> FieldValueWrite.text(0, "x"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive Kommo id");
        assertThatThrownBy(() -> FieldValueWrite.text(FieldRef.code(" "), "x"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code");
        assertThatThrownBy(() -> FieldValueWrite.number(1, null))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("number");
        assertThatThrownBy(() -> FieldValueWrite.emails(List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entries must not be empty");
    }
}
