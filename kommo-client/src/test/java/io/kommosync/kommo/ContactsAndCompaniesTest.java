package io.kommosync.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.kommosync.kommo.KommoStubs.hal;
import static io.kommosync.kommo.KommoStubs.halBody;
import static io.kommosync.kommo.KommoStubs.json;
import static io.kommosync.kommo.KommoStubs.noContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Contacts and companies")
class ContactsAndCompaniesTest {

    @RegisterExtension
    static WireMockExtension server = KommoStubs.server();

    private final KommoClient kommo = KommoStubs.client(server).build();

    @AfterEach
    void close() {
        kommo.close();
    }

    @Test
    @DisplayName("a contact's e-mail addresses and phone numbers come from the EMAIL and PHONE multitext fields")
    void contactMultitext() {
        server.stubFor(get(urlPathEqualTo("/api/v4/contacts/7793457")).willReturn(hal("contact-7793457.json")));

        Contact jane = kommo.contacts().get(7793457).orElseThrow();

        assertThat(jane.name()).isEqualTo("Jane Cooper");
        assertThat(jane.firstName()).isEqualTo("Jane");
        assertThat(jane.lastName()).isEqualTo("Cooper");
        assertThat(jane.responsibleUserId()).isEqualTo(6101560);
        assertThat(jane.emails()).containsExactly("jane@example.com");
        assertThat(jane.phones()).containsExactly("+14155550100", "+14155550199");
        assertThat(jane.companyId()).hasValue(10971463);
        assertThat(jane.customFields()).extracting(CustomFieldValue::fieldId)
            .containsExactly(2161201L, 2161203L, 2161210L);
        assertThat(jane.customFields().get(0).values().get(1).enumCode()).contains("MOB");
    }

    @Test
    @DisplayName("a missing contact (204) is empty")
    void missingContact() {
        server.stubFor(get(urlPathEqualTo("/api/v4/contacts/1")).willReturn(noContent()));

        assertThat(kommo.contacts().get(1)).isEmpty();
    }

    @Test
    @DisplayName("getAll asks for at most 250 ids per request via filter[id][] and returns contacts in the order asked")
    void batchGetChunks() {
        server.stubFor(get(urlPathEqualTo("/api/v4/contacts")).willReturn(halBody(
            "{\"_page\":1,\"_embedded\":{\"contacts\":[{\"id\":300,\"name\":\"Last\"},{\"id\":2,\"name\":\"Two\"},"
                + "{\"id\":1,\"name\":\"One\"}]}}")));
        List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, 300).boxed().toList());
        ids.add(1L);

        List<Contact> contacts = kommo.contacts().getAll(ids);

        List<LoggedRequest> calls = server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/contacts")));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).queryParameter("filter[id][]").values()).hasSize(250).startsWith("1", "2");
        assertThat(calls.get(1).queryParameter("filter[id][]").values()).hasSize(50).startsWith("251")
            .endsWith("300");
        assertThat(calls.get(0).queryParameter("limit").firstValue()).isEqualTo("250");
        assertThat(contacts).extracting(Contact::id).containsExactly(1L, 2L, 300L);
    }

    @Test
    @DisplayName("getAll of nothing sends nothing; a 204 answer means none were found")
    void batchGetEdges() {
        assertThat(kommo.contacts().getAll(List.of())).isEmpty();
        assertThat(server.getAllServeEvents()).isEmpty();

        server.stubFor(get(urlPathEqualTo("/api/v4/contacts")).willReturn(noContent()));
        assertThat(kommo.contacts().getAll(List.of(5L))).isEmpty();
    }

    @Test
    @DisplayName("find searches by e-mail with query= and reads all addresses of the matches")
    void findByEmail() {
        server.stubFor(get(urlPathEqualTo("/api/v4/contacts")).withQueryParam("query", equalTo("jane@example.com"))
            .willReturn(hal("contacts-found.json")));

        List<Contact> found = kommo.contacts().find(" jane@example.com ");

        assertThat(found).singleElement().satisfies(contact ->
            assertThat(contact.emails()).containsExactly("jane@example.com", "jane.private@example.org"));
        assertThatThrownBy(() -> kommo.contacts().find(" ")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("query");
    }

    @Test
    @DisplayName("find by phone that matches nothing (204) is an empty list")
    void findNothing() {
        server.stubFor(get(urlPathEqualTo("/api/v4/contacts")).willReturn(noContent()));

        assertThat(kommo.contacts().find("+14155550100")).isEmpty();
    }

    @Test
    @DisplayName("create writes e-mail and phone as EMAIL/PHONE multitext values with enum_code WORK")
    void createContact() {
        server.stubFor(post(urlPathEqualTo("/api/v4/contacts")).willReturn(hal("contacts-created.json")));

        List<Long> ids = kommo.contacts().create(List.of(NewContact.named("Ivan Petrov").withNames("Ivan", "Petrov")
            .withEmail("a@b.com").withPhone("+79990000000").withResponsibleUser(42).withCompany(10971463)
            .withField(FieldValueWrite.text(FieldRef.code("POSITION"), "CEO"))));

        assertThat(ids).containsExactly(8800001L);
        assertThat(json(server.findAll(postRequestedFor(urlPathEqualTo("/api/v4/contacts"))).get(0))).isEqualTo(json(
            "[{\"name\":\"Ivan Petrov\",\"first_name\":\"Ivan\",\"last_name\":\"Petrov\",\"responsible_user_id\":42,"
                + "\"custom_fields_values\":["
                + "{\"field_code\":\"EMAIL\",\"values\":[{\"value\":\"a@b.com\",\"enum_code\":\"WORK\"}]},"
                + "{\"field_code\":\"PHONE\",\"values\":[{\"value\":\"+79990000000\",\"enum_code\":\"WORK\"}]},"
                + "{\"field_code\":\"POSITION\",\"values\":[{\"value\":\"CEO\"}]}],"
                + "\"_embedded\":{\"companies\":[{\"id\":10971463}]},\"request_id\":\"0\"}]"));
    }

    @Test
    @DisplayName("a create answer that reports fewer entities than sent is an error, not a silent mismatch")
    void createCountMismatch() {
        server.stubFor(post(urlPathEqualTo("/api/v4/contacts")).willReturn(hal("contacts-created.json")));

        assertThatThrownBy(() -> kommo.contacts().create(List.of(NewContact.named("A"), NewContact.named("B"))))
            .isInstanceOf(KommoException.class).hasMessageContaining("sent 2 items but Kommo reported 1");
    }

    @Test
    @DisplayName("a company reads its e-mail and phone from multitext fields too; get, batch get, find, create")
    void companies() {
        server.stubFor(get(urlPathEqualTo("/api/v4/companies/10971463")).willReturn(hal("company-10971463.json")));
        server.stubFor(get(urlPathEqualTo("/api/v4/companies")).willReturn(halBody(
            "{\"_embedded\":{\"companies\":[{\"id\":10971463,\"name\":\"Acme Ltd\"}]}}")));
        server.stubFor(post(urlPathEqualTo("/api/v4/companies")).willReturn(halBody(
            "{\"_embedded\":{\"companies\":[{\"id\":10971500,\"request_id\":\"0\"}]}}")));

        Company acme = kommo.companies().get(10971463).orElseThrow();
        assertThat(acme.name()).isEqualTo("Acme Ltd");
        assertThat(acme.emails()).containsExactly("accounts@acme.example");
        assertThat(acme.phones()).containsExactly("+442071234567");
        assertThat(kommo.companies().getAll(List.of(10971463L))).extracting(Company::id).containsExactly(10971463L);
        assertThat(kommo.companies().find("acme.example")).hasSize(1);
        assertThat(kommo.companies().create(List.of(NewCompany.named("Globex").withEmail("ap@globex.example")
            .withPhone("+15550100")))).containsExactly(10971500L);
        assertThat(json(server.findAll(postRequestedFor(urlPathEqualTo("/api/v4/companies"))).get(0))).isEqualTo(json(
            "[{\"name\":\"Globex\",\"custom_fields_values\":["
                + "{\"field_code\":\"EMAIL\",\"values\":[{\"value\":\"ap@globex.example\",\"enum_code\":\"WORK\"}]},"
                + "{\"field_code\":\"PHONE\",\"values\":[{\"value\":\"+15550100\",\"enum_code\":\"WORK\"}]}],"
                + "\"request_id\":\"0\"}]"));
        server.verify(getRequestedFor(urlPathEqualTo("/api/v4/companies")).withQueryParam("query",
            equalTo("acme.example")));
    }
}
