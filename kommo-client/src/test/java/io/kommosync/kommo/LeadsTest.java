package io.kommosync.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static io.kommosync.kommo.KommoStubs.noContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Leads")
class LeadsTest {

    @RegisterExtension
    static WireMockExtension server = KommoStubs.server();

    private final KommoClient kommo = KommoStubs.client(server).build();

    @AfterEach
    void close() {
        kommo.close();
    }

    @Nested
    @DisplayName("get")
    class Get {

        @Test
        @DisplayName("reads a lead with embedded contacts and products: whole and decimal quantities, price_id, company")
        void readsEmbeddedContactsAndProducts() {
            server.stubFor(get(urlPathEqualTo("/api/v4/leads/4821")).willReturn(hal("lead-4821.json")));

            Lead lead = kommo.leads().get(4821, LeadWith.CONTACTS, LeadWith.CATALOG_ELEMENTS).orElseThrow();

            assertThat(lead.id()).isEqualTo(4821);
            assertThat(lead.name()).isEqualTo("Website redesign");
            assertThat(lead.price()).isEqualByComparingTo("22500");
            assertThat(lead.pipelineId()).isEqualTo(11);
            assertThat(lead.statusId()).isEqualTo(142);
            assertThat(lead.responsibleUserId()).isEqualTo(2079676);
            assertThat(lead.createdAt()).isEqualTo(Instant.ofEpochSecond(1539782209));
            assertThat(lead.updatedAt()).isEqualTo(Instant.ofEpochSecond(1539782664));
            assertThat(lead.contacts()).containsExactly(
                new LeadContactRef(7793458, false), new LeadContactRef(7793457, true));
            assertThat(lead.mainContactId()).contains(7793457L);
            assertThat(lead.products()).containsExactly(
                new LeadProductRef(525439, 4521, new BigDecimal("1"), OptionalLong.empty()),
                new LeadProductRef(1126317, 4521, new BigDecimal("10.22"), OptionalLong.of(2930681)));
            assertThat(lead.companyId()).hasValue(10971463);
            server.verify(getRequestedFor(urlPathEqualTo("/api/v4/leads/4821"))
                .withQueryParam("with", equalTo("contacts,catalog_elements"))
                .withHeader("Authorization", equalTo("Bearer " + KommoStubs.TOKEN))
                .withHeader("User-Agent", equalTo("kommo-sync-java")));
        }

        @Test
        @DisplayName("keeps custom field values of every type as text: select with enum, text, decimal, boolean")
        void customFieldValuesAsText() {
            server.stubFor(get(urlPathEqualTo("/api/v4/leads/4821")).willReturn(hal("lead-4821.json")));

            Lead lead = kommo.leads().get(4821).orElseThrow();

            CustomFieldValue source = lead.customField(66339).orElseThrow();
            assertThat(source.fieldName()).contains("Source");
            assertThat(source.fieldCode()).isEmpty();
            assertThat(source.fieldType()).contains("select");
            assertThat(source.values()).singleElement().satisfies(value -> {
                assertThat(value.value()).contains("Website");
                assertThat(value.enumId()).hasValue(139517);
            });
            assertThat(lead.customFieldByCode("invoice_number").flatMap(CustomFieldValue::firstText))
                .contains("INV-0041");
            assertThat(lead.customField(66402).flatMap(CustomFieldValue::firstText)).contains("12.5");
            assertThat(lead.customField(184994).flatMap(CustomFieldValue::firstText)).contains("true");
            server.verify(getRequestedFor(urlPathEqualTo("/api/v4/leads/4821")).withQueryParam("with",
                com.github.tomakehurst.wiremock.client.WireMock.absent()));
        }

        @Test
        @DisplayName("reads price_with_minor_units before price when Kommo sends it")
        void minorUnitsWin() {
            server.stubFor(get(urlPathEqualTo("/api/v4/leads/7")).willReturn(KommoStubs.halBody(
                "{\"id\":7,\"name\":\"x\",\"price\":1999,\"price_with_minor_units\":1999.99,\"pipeline_id\":1,"
                    + "\"status_id\":2,\"created_at\":1,\"updated_at\":2,\"custom_fields_values\":null}")));

            assertThat(kommo.leads().get(7).orElseThrow().price()).isEqualByComparingTo("1999.99");
        }

        @Test
        @DisplayName("a 204 No Content and a 404 both mean there is no such lead")
        void noContentAndNotFoundAreEmpty() {
            server.stubFor(get(urlPathEqualTo("/api/v4/leads/1")).willReturn(noContent()));
            server.stubFor(get(urlPathEqualTo("/api/v4/leads/2")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", KommoStubs.PROBLEM).withBody("{\"title\":\"Not Found\",\"status\":404}")));

            assertThat(kommo.leads().get(1)).isEmpty();
            assertThat(kommo.leads().get(2)).isEmpty();
        }

        @Test
        @DisplayName("a lead without an id in the answer is a KommoException naming the path")
        void missingIdIsTyped() {
            server.stubFor(get(urlPathEqualTo("/api/v4/leads/3")).willReturn(KommoStubs.halBody("{\"name\":\"x\"}")));

            assertThatThrownBy(() -> kommo.leads().get(3)).isInstanceOf(KommoException.class)
                .hasMessageContaining("lead.id is missing");
        }
    }

    @Nested
    @DisplayName("list")
    class ListLeads {

        @Test
        @DisplayName("listAll follows _links.next to the last page, keeping the filters, at most 250 per page")
        void followsNextLinks() {
            server.stubFor(get(urlPathEqualTo("/api/v4/leads")).withQueryParam("page", equalTo("1"))
                .willReturn(hal("leads-page-1.json")));
            server.stubFor(get(urlPathEqualTo("/api/v4/leads")).withQueryParam("page", equalTo("2"))
                .willReturn(hal("leads-page-2.json")));

            List<Lead> leads = kommo.leads().listAll(LeadFilter.all().withUpdatedFrom(Instant.ofEpochSecond(1539000000)));

            assertThat(leads).extracting(Lead::id).containsExactly(101L, 102L, 103L);
            assertThat(leads.get(1).price()).isEqualByComparingTo("1999.90");
            server.verify(getRequestedFor(urlPathEqualTo("/api/v4/leads")).withQueryParam("page", equalTo("1"))
                .withQueryParam("limit", equalTo("250"))
                .withQueryParam("filter[updated_at][from]", equalTo("1539000000")));
            server.verify(getRequestedFor(urlPathEqualTo("/api/v4/leads")).withQueryParam("page", equalTo("2"))
                .withQueryParam("limit", equalTo("2"))
                .withQueryParam("filter[updated_at][from]", equalTo("1539000000")));
            assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/leads")))).hasSize(2);
        }

        @Test
        @DisplayName("list returns one page; next follows its link; stream fetches a page only when reached")
        void pagesOnDemand() {
            server.stubFor(get(urlPathEqualTo("/api/v4/leads")).withQueryParam("page", equalTo("1"))
                .willReturn(hal("leads-page-1.json")));
            server.stubFor(get(urlPathEqualTo("/api/v4/leads")).withQueryParam("page", equalTo("2"))
                .willReturn(hal("leads-page-2.json")));

            Page<Lead> first = kommo.leads().list(LeadFilter.all());
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.hasNext()).isTrue();
            Page<Lead> second = kommo.leads().next(first).orElseThrow();
            assertThat(second.items()).extracting(Lead::id).containsExactly(103L);
            assertThat(kommo.leads().next(second)).isEmpty();

            server.resetRequests();
            assertThat(kommo.leads().stream(LeadFilter.all()).limit(2)).extracting(Lead::id)
                .containsExactly(101L, 102L);
            assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/leads")))).hasSize(1);
        }

        @Test
        @DisplayName("a 204 No Content list is an empty result")
        void noContentIsEmpty() {
            server.stubFor(get(urlPathEqualTo("/api/v4/leads")).willReturn(noContent()));

            assertThat(kommo.leads().list(LeadFilter.all()).items()).isEmpty();
            assertThat(kommo.leads().list(LeadFilter.all()).hasNext()).isFalse();
            assertThat(kommo.leads().listAll(LeadFilter.all())).isEmpty();
            assertThat(kommo.leads().stream(LeadFilter.all())).isEmpty();
        }

        @Test
        @DisplayName("sends ids, pipeline, stage pairs, update range, users, query and with as Kommo's filters")
        void sendsFilters() {
            server.stubFor(get(urlPathEqualTo("/api/v4/leads")).willReturn(noContent()));

            kommo.leads().list(LeadFilter.all().withIds(List.of(5L, 6L)).withPipeline(11).withStatus(11, 142)
                .withStatus(12, 143).withUpdatedFrom(Instant.ofEpochSecond(100)).withUpdatedTo(Instant.ofEpochSecond(200))
                .withResponsibleUser(9).withQuery("acme").with(LeadWith.CATALOG_ELEMENTS, LeadWith.CONTACTS)
                .withLimit(50).withPage(3));

            LoggedRequest request = server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/leads"))).get(0);
            assertThat(request.queryParameter("filter[id][]").values()).containsExactly("5", "6");
            assertThat(request.queryParameter("filter[pipeline_id]").firstValue()).isEqualTo("11");
            assertThat(request.queryParameter("filter[statuses][0][pipeline_id]").firstValue()).isEqualTo("11");
            assertThat(request.queryParameter("filter[statuses][0][status_id]").firstValue()).isEqualTo("142");
            assertThat(request.queryParameter("filter[statuses][1][pipeline_id]").firstValue()).isEqualTo("12");
            assertThat(request.queryParameter("filter[statuses][1][status_id]").firstValue()).isEqualTo("143");
            assertThat(request.queryParameter("filter[updated_at][from]").firstValue()).isEqualTo("100");
            assertThat(request.queryParameter("filter[updated_at][to]").firstValue()).isEqualTo("200");
            assertThat(request.queryParameter("filter[responsible_user_id][]").values()).containsExactly("9");
            assertThat(request.queryParameter("query").firstValue()).isEqualTo("acme");
            assertThat(request.queryParameter("with").firstValue()).isEqualTo("contacts,catalog_elements");
            assertThat(request.queryParameter("limit").firstValue()).isEqualTo("50");
            assertThat(request.queryParameter("page").firstValue()).isEqualTo("3");
        }

        @Test
        @DisplayName("a filter rejects more than 250 ids and a page size over 250, naming the fix")
        void filterLimits() {
            List<Long> ids = IntStream.rangeClosed(1, 251).mapToObj(Long::valueOf).toList();
            assertThatThrownBy(() -> LeadFilter.all().withIds(ids)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 250");
            assertThatThrownBy(() -> LeadFilter.all().withLimit(251)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be between 1 and 250");
        }
    }

    @Nested
    @DisplayName("update")
    class Update {

        @Test
        @DisplayName("120 patches go out as 3 PATCH calls of 50, 50 and 20, each item with only its changed fields")
        void batchesOfFiftyWithOnlyChangedFields() {
            server.stubFor(patch(urlPathEqualTo("/api/v4/leads")).willReturn(hal("leads-patched.json")));
            List<LeadPatch> patches = new ArrayList<>();
            for (int i = 1; i <= 120; i++) {
                LeadPatch patch = LeadPatch.of(1000 + i);
                patches.add(switch (i % 3) {
                    case 0 -> patch.withField(FieldValueWrite.text(66401, "INV-" + i));
                    case 1 -> patch.withStatus(11, 142);
                    default -> patch.withPrice(new BigDecimal("1500.50")).withName("Lead " + i)
                        .withResponsibleUser(77);
                });
            }

            kommo.leads().update(patches);

            List<LoggedRequest> calls = server.findAll(patchRequestedFor(urlPathEqualTo("/api/v4/leads")));
            assertThat(calls).hasSize(3);
            assertThat(calls).extracting(call -> json(call).size()).containsExactly(50, 50, 20);
            JsonNode first = json(calls.get(0));
            assertThat(first.get(0)).isEqualTo(json(
                "{\"id\":1001,\"pipeline_id\":11,\"status_id\":142,\"request_id\":\"0\"}"));
            assertThat(first.get(1)).isEqualTo(json(
                "{\"id\":1002,\"name\":\"Lead 2\",\"price\":1500.50,\"responsible_user_id\":77,\"request_id\":\"1\"}"));
            assertThat(first.get(2)).isEqualTo(json("{\"id\":1003,\"custom_fields_values\":[{\"field_id\":66401,"
                + "\"values\":[{\"value\":\"INV-3\"}]}],\"request_id\":\"2\"}"));
            JsonNode last = json(calls.get(2));
            assertThat(last.get(0).get("id").asLong()).isEqualTo(1101);
            assertThat(last.get(19).get("id").asLong()).isEqualTo(1120);
            assertThat(last.get(19).get("request_id").asText()).isEqualTo("19");
            calls.forEach(call -> assertThat(call.getHeader("Content-Type")).startsWith("application/json"));
        }

        @Test
        @DisplayName("a whole price goes out as a JSON integer, as Kommo documents price")
        void wholePriceIsAnInteger() {
            server.stubFor(patch(urlPathEqualTo("/api/v4/leads")).willReturn(hal("leads-patched.json")));

            kommo.leads().update(List.of(LeadPatch.of(152464).withPrice(new BigDecimal("12000.00"))));

            String body = server.findAll(patchRequestedFor(urlPathEqualTo("/api/v4/leads"))).get(0).getBodyAsString();
            assertThat(body).isEqualTo("[{\"id\":152464,\"price\":12000,\"request_id\":\"0\"}]");
        }

        @Test
        @DisplayName("a patch that changes nothing is rejected before any request, naming its index")
        void emptyPatchRejected() {
            assertThatThrownBy(() -> kommo.leads().update(List.of(LeadPatch.of(5).withName("x"), LeadPatch.of(6))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patches[1] for lead 6");
            assertThat(server.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    @DisplayName("create posts only the given fields and returns ids in input order, matched by request_id")
    void createReturnsIdsInOrder() {
        server.stubFor(post(urlPathEqualTo("/api/v4/leads")).willReturn(hal("leads-created.json")));

        List<Long> ids = kommo.leads().create(List.of(
            NewLead.named("From Xero INV-7").withPrice(new BigDecimal("250")).withStatus(11, 22)
                .withContact(7793457).withCompany(10971463),
            NewLead.named("Bare")));

        assertThat(ids).containsExactly(9001L, 9002L);
        JsonNode body = json(server.findAll(postRequestedFor(urlPathEqualTo("/api/v4/leads"))).get(0));
        assertThat(body).isEqualTo(json("[{\"name\":\"From Xero INV-7\",\"price\":250,\"pipeline_id\":11,"
            + "\"status_id\":22,\"_embedded\":{\"contacts\":[{\"id\":7793457,\"is_main\":true}],"
            + "\"companies\":[{\"id\":10971463}]},\"request_id\":\"0\"},{\"name\":\"Bare\",\"request_id\":\"1\"}]"));
    }

    @Test
    @DisplayName("links reads product links with quantity, catalog and price_id, and the main contact")
    void links() {
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/13574609/links")).willReturn(hal("lead-links.json")));

        List<LeadLink> links = kommo.leads().links(13574609);

        assertThat(links).hasSize(3);
        assertThat(links.get(0).isCatalogElement()).isTrue();
        assertThat(links.get(0).quantity()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("1"));
        assertThat(links.get(0).catalogId()).hasValue(9645);
        assertThat(links.get(0).priceId()).isEmpty();
        assertThat(links.get(1).priceId()).hasValue(2930681);
        assertThat(links.get(2).toEntityType()).isEqualTo(LeadLink.CONTACTS);
        assertThat(links.get(2).mainContact()).isTrue();
    }

    @Test
    @DisplayName("pipelines come with their stages, won and lost recognised")
    void pipelines() {
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/pipelines")).willReturn(hal("pipelines.json")));

        List<Pipeline> pipelines = kommo.leads().pipelines();

        assertThat(pipelines).singleElement().satisfies(pipeline -> {
            assertThat(pipeline.main()).isTrue();
            assertThat(pipeline.statuses()).extracting(PipelineStatus::id).containsExactly(21L, 22L, 142L, 143L);
            assertThat(pipeline.status(142)).hasValueSatisfying(status -> assertThat(status.isWon()).isTrue());
            assertThat(pipeline.status(143)).hasValueSatisfying(status -> assertThat(status.isLost()).isTrue());
        });
    }
}
