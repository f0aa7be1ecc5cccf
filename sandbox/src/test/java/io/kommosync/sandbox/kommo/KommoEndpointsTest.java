package io.kommosync.sandbox.kommo;

import static io.kommosync.sandbox.TestHttp.get;
import static io.kommosync.sandbox.TestHttp.json;
import static io.kommosync.sandbox.TestHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KommoEndpointsTest {

    @RegisterExtension
    static final KommoSimulatorExtension KOMMO =
            KommoSimulatorExtension.using(() -> KommoSimulator.builder().withoutRateLimit());

    private KommoSimulator kommo;
    private SandboxAccount acme;
    private String token;
    private URI base;

    @BeforeEach
    void seed(KommoSimulator kommo) {
        this.kommo = kommo;
        acme = kommo.createAccount("acme");
        token = acme.issueLongLivedToken();
        base = kommo.baseUri(acme);
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return send(method, base, path, token, body);
    }

    @Test
    @DisplayName("GET /api/v4/account names the account and its currency")
    void account() {
        HttpResponse<String> r = get(base, "/api/v4/account", token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/hal+json");
        JsonNode body = json(r);
        assertThat(body.get("id").asLong()).isEqualTo(acme.id());
        assertThat(body.get("subdomain").asText()).isEqualTo("acme");
        assertThat(body.get("currency").asText()).isEqualTo("USD");
        assertThat(body.get("currency_symbol").asText()).isEqualTo("$");
    }

    @Test
    @DisplayName("a lead read with=contacts,catalog_elements embeds the main contact and the products with metadata")
    void leadWithContactsAndProducts() {
        Contact jane = acme.createContact("Jane Cooper", "jane@example.test", "+14155550100");
        Contact joe = acme.createContact("Joe Bloggs", null, null);
        Company company = acme.createCompany("Cooper Trading");
        Catalog products = acme.createProductsCatalog();
        CustomField wholesale = acme.createCatalogField(products.id(), CustomFieldType.PRICE, "Wholesale",
                "WHOLESALE");
        CatalogElement design = acme.createCatalogElement(products.id(), "Design", "WEB-1", "999.12", Map.of());
        CatalogElement hosting = acme.createCatalogElement(products.id(), "Hosting", "HOST-1", "49.90",
                Map.of("WHOLESALE", "39.90"));
        Pipeline sales = acme.mainPipeline();
        Lead lead = acme.createLead("Website", new BigDecimal("1500"), sales.id(), sales.firstWorkingStage().id(),
                acme.adminUser().id(), List.of(jane.id(), joe.id()), company.id());
        acme.linkProduct(lead.id(), design.id(), new BigDecimal("2"));
        acme.linkProduct(lead.id(), hosting.id(), new BigDecimal("1.5"), OptionalLong.of(wholesale.id()));

        JsonNode body = json(get(base, "/api/v4/leads/" + lead.id() + "?with=contacts,catalog_elements", token));

        assertThat(body.get("price").isIntegralNumber()).isTrue();
        assertThat(body.get("price").asLong()).isEqualTo(1500);
        assertThat(body.get("pipeline_id").asLong()).isEqualTo(sales.id());
        assertThat(body.get("account_id").asLong()).isEqualTo(acme.id());
        JsonNode embedded = body.get("_embedded");
        assertThat(embedded.get("contacts")).hasSize(2);
        assertThat(embedded.at("/contacts/0/id").asLong()).isEqualTo(jane.id());
        assertThat(embedded.at("/contacts/0/is_main").asBoolean()).isTrue();
        assertThat(embedded.at("/contacts/1/is_main").asBoolean()).isFalse();
        assertThat(embedded.at("/companies/0/id").asLong()).isEqualTo(company.id());
        JsonNode items = embedded.get("catalog_elements");
        assertThat(items).hasSize(2);
        assertThat(items.at("/0/id").asLong()).isEqualTo(design.id());
        assertThat(items.at("/0/metadata/quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(items.at("/0/metadata/catalog_id").asLong()).isEqualTo(products.id());
        assertThat(items.at("/0/metadata/price_id").isMissingNode()).isTrue();
        assertThat(items.at("/1/metadata/quantity").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(items.at("/1/metadata/price_id").asLong()).isEqualTo(wholesale.id());

        JsonNode plain = json(get(base, "/api/v4/leads/" + lead.id(), token));
        assertThat(plain.at("/_embedded/contacts").isMissingNode()).as("contacts only with=contacts").isTrue();

        JsonNode contact = json(get(base, "/api/v4/contacts/" + jane.id() + "?with=leads", token));
        assertThat(contact.at("/custom_fields_values/0/field_code").asText()).isEqualTo("PHONE");
        assertThat(contact.at("/custom_fields_values/0/field_type").asText()).isEqualTo("multitext");
        assertThat(contact.at("/custom_fields_values/0/values/0/enum_code").asText()).isEqualTo("WORK");
        assertThat(contact.at("/custom_fields_values/1/values/0/value").asText()).isEqualTo("jane@example.test");
        assertThat(contact.at("/_embedded/leads/0/id").asLong()).isEqualTo(lead.id());

        JsonNode links = json(get(base, "/api/v4/leads/" + lead.id() + "/links", token));
        assertThat(links.at("/_embedded/links")).extracting(l -> l.get("to_entity_type").asText())
                .containsExactly("catalog_elements", "catalog_elements", "contacts", "contacts", "companies");
        assertThat(links.at("/_embedded/links/2/metadata/main_contact").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("catalog elements come with SKU text and the PRICE value as a string")
    void catalogElements() {
        Catalog products = acme.createProductsCatalog();
        CatalogElement design = acme.createCatalogElement(products.id(), "Design", "WEB-1", "999.12",
                Map.of("DESCRIPTION", "Ten pages"));
        acme.createCatalogElement(products.id(), "Other", "X-1", "1", Map.of());

        JsonNode catalogs = json(get(base, "/api/v4/catalogs", token));
        assertThat(catalogs.at("/_embedded/catalogs/0/type").asText()).isEqualTo("products");

        JsonNode body = json(get(base, "/api/v4/catalogs/" + products.id() + "/elements?filter%5Bid%5D%5B%5D="
                + design.id(), token));
        JsonNode elements = body.at("/_embedded/elements");
        assertThat(elements).hasSize(1);
        JsonNode fields = elements.get(0).get("custom_fields_values");
        assertThat(fields).extracting(f -> f.get("field_code").asText()).containsExactly("SKU", "PRICE",
                "DESCRIPTION");
        assertThat(fields.get(1).get("field_type").asText()).isEqualTo("price");
        assertThat(fields.get(1).at("/values/0/value").isTextual()).isTrue();
        assertThat(fields.get(1).at("/values/0/value").asText()).isEqualTo("999.12");

        JsonNode catalogFields = json(get(base, "/api/v4/catalogs/" + products.id() + "/custom_fields", token));
        assertThat(catalogFields.at("/_embedded/custom_fields")).extracting(f -> f.get("code").asText())
                .containsExactly("SKU", "PRICE", "DESCRIPTION");
    }

    @Test
    @DisplayName("lists page by limit and _links.next until the last page; past it, 204")
    void pagination() {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(acme.createLead("Lead " + i, BigDecimal.TEN).id());
        }
        List<Long> seen = new ArrayList<>();
        String next = "/api/v4/leads?limit=3";
        int pages = 0;
        while (next != null) {
            JsonNode page = json(get(base, next, token));
            pages++;
            assertThat(page.get("_page").asInt()).isEqualTo(pages);
            page.at("/_embedded/leads").forEach(l -> seen.add(l.get("id").asLong()));
            JsonNode href = page.at("/_links/next/href");
            next = href.isMissingNode() ? null : URI.create(href.asText()).getRawPath() + "?"
                    + URI.create(href.asText()).getRawQuery();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(get(base, "/api/v4/leads?limit=3&page=4", token).statusCode()).isEqualTo(204);
        assertThat(get(base, "/api/v4/leads?limit=251", token).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("an empty list and a missing entity answer 204 No Content")
    void emptyAnswers() {
        HttpResponse<String> empty = get(base, "/api/v4/leads", token);
        assertThat(empty.statusCode()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();
        acme.createLead("One", BigDecimal.ONE);
        assertThat(get(base, "/api/v4/leads?filter%5Bid%5D%5B%5D=1", token).statusCode()).isEqualTo(204);
        assertThat(get(base, "/api/v4/leads/1", token).statusCode()).isEqualTo(204);
        assertThat(get(base, "/api/v4/contacts/1", token).statusCode()).isEqualTo(204);
        assertThat(get(base, "/api/v4/tasks", token).statusCode()).isEqualTo(204);
    }

    @Test
    @DisplayName("leads filter by stage pair, update time and id list")
    void leadFilters() {
        Pipeline sales = acme.mainPipeline();
        Lead open = acme.createLead("Open", BigDecimal.ONE);
        Lead won = acme.createLead("Won", BigDecimal.ONE, sales.id(), Stage.WON, acme.adminUser().id(), List.of(),
                null);
        JsonNode byStage = json(get(base, "/api/v4/leads?filter%5Bstatuses%5D%5B0%5D%5Bpipeline_id%5D=" + sales.id()
                + "&filter%5Bstatuses%5D%5B0%5D%5Bstatus_id%5D=142", token));
        assertThat(byStage.at("/_embedded/leads")).extracting(l -> l.get("id").asLong()).containsExactly(won.id());
        assertThat(byStage.at("/_embedded/leads/0/closed_at").isNumber()).isTrue();

        long now = kommo.clock().instant().getEpochSecond();
        assertThat(get(base, "/api/v4/leads?filter%5Bupdated_at%5D%5Bfrom%5D=" + (now + 3600), token).statusCode())
                .isEqualTo(204);
        JsonNode byIds = json(get(base, "/api/v4/leads?filter%5Bid%5D%5B%5D=" + open.id() + "&filter%5Bid%5D%5B%5D="
                + won.id() + "&order%5Bid%5D=desc", token));
        assertThat(byIds.at("/_embedded/leads")).extracting(l -> l.get("id").asLong())
                .containsExactly(won.id(), open.id());
    }

    @Test
    @DisplayName("POST /api/v4/custom_fields answers 201 with field ids and enum ids; writes then go by id or code")
    void customFields() {
        HttpResponse<String> created = call("POST", "/api/v4/leads/custom_fields", "["
                + "{\"type\":\"url\",\"name\":\"Xero invoice URL\",\"code\":\"XERO_INVOICE_URL\",\"is_api_only\":true},"
                + "{\"type\":\"text\",\"name\":\"Invoice number\",\"code\":\"INVOICE_NUMBER\"},"
                + "{\"type\":\"date\",\"name\":\"Invoice date\"},"
                + "{\"type\":\"numeric\",\"name\":\"Amount due\"},"
                + "{\"type\":\"select\",\"name\":\"Sync status\",\"enums\":[{\"value\":\"Pending\",\"sort\":1},"
                + "{\"value\":\"Synced\",\"sort\":2}]}]");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode fields = json(created).at("/_embedded/custom_fields");
        assertThat(fields).hasSize(5);
        assertThat(fields.get(0).get("id").asLong()).isPositive();
        assertThat(fields.get(0).get("is_api_only").asBoolean()).isTrue();
        JsonNode select = fields.get(4);
        long selectId = select.get("id").asLong();
        long syncedEnum = select.at("/enums/1/id").asLong();
        assertThat(select.at("/enums/0/value").asText()).isEqualTo("Pending");
        long dateId = fields.get(2).get("id").asLong();

        Lead lead = acme.createLead("Deal", BigDecimal.ONE);
        HttpResponse<String> patched = call("PATCH", "/api/v4/leads/" + lead.id(), "{\"custom_fields_values\":["
                + "{\"field_code\":\"INVOICE_NUMBER\",\"values\":[{\"value\":\"INV-0042\"}]},"
                + "{\"field_id\":" + selectId + ",\"values\":[{\"enum_id\":" + syncedEnum + "}]},"
                + "{\"field_id\":" + dateId + ",\"values\":[{\"value\":\"2026-01-15T00:00:00+00:00\"}]},"
                + "{\"field_code\":\"XERO_INVOICE_URL\",\"values\":[{\"value\":\"https://go.xero.com/x\"}]}]}");
        assertThat(patched.statusCode()).isEqualTo(200);

        Lead after = acme.lead(lead.id());
        assertThat(after.field("INVOICE_NUMBER")).get().extracting(CustomFieldValue::text).isEqualTo("INV-0042");
        assertThat(after.field(selectId)).get().satisfies(v -> {
            assertThat(v.text()).isEqualTo("Synced");
            assertThat(v.values().get(0).enumId()).isEqualTo(syncedEnum);
        });
        assertThat(after.field(dateId)).get().extracting(v -> v.values().get(0).value()).isEqualTo(1768435200L);

        call("PATCH", "/api/v4/leads", "[{\"id\":" + lead.id() + ",\"custom_fields_values\":[{\"field_id\":"
                + selectId + ",\"values\":[{\"value\":\"Pending\"}]}]}]");
        assertThat(acme.lead(lead.id()).field(selectId)).get().extracting(CustomFieldValue::text)
                .isEqualTo("Pending");
        assertThat(json(get(base, "/api/v4/leads/custom_fields", token)).at("/_embedded/custom_fields"))
                .hasSize(5);
    }

    @Test
    @DisplayName("batch PATCH changes only the fields it names")
    void batchPatchWritesOnlyGivenFields() {
        CustomField number = acme.createLeadCustomField(CustomFieldType.TEXT, "Invoice number", "INVOICE_NUMBER");
        CustomField link = acme.createLeadCustomField(CustomFieldType.URL, "Invoice link", "INVOICE_URL");
        Lead a = acme.createLead("A", new BigDecimal("100"));
        Lead b = acme.createLead("B", new BigDecimal("200"));
        acme.setLeadField(a.id(), number.id(), "INV-1");
        acme.setLeadField(a.id(), link.id(), "https://ledger.example/inv/1");

        HttpResponse<String> r = call("PATCH", "/api/v4/leads", "["
                + "{\"id\":" + a.id() + ",\"custom_fields_values\":[{\"field_id\":" + number.id()
                + ",\"values\":[{\"value\":\"INV-2\"}]}],\"request_id\":\"first\"},"
                + "{\"id\":" + b.id() + ",\"price\":250}]");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode results = json(r).at("/_embedded/leads");
        assertThat(results.at("/0/request_id").asText()).isEqualTo("first");
        assertThat(results.at("/1/id").asLong()).isEqualTo(b.id());
        Lead afterA = acme.lead(a.id());
        assertThat(afterA.name()).isEqualTo("A");
        assertThat(afterA.price()).isEqualByComparingTo("100");
        assertThat(afterA.field(number.id())).get().extracting(CustomFieldValue::text).isEqualTo("INV-2");
        assertThat(afterA.field(link.id())).get().extracting(CustomFieldValue::text)
                .isEqualTo("https://ledger.example/inv/1");
        Lead afterB = acme.lead(b.id());
        assertThat(afterB.price()).isEqualByComparingTo("250");
        assertThat(afterB.name()).isEqualTo("B");
        assertThat(afterB.statusId()).isEqualTo(b.statusId());
        assertThat(afterB.customFields()).isEmpty();
    }

    @Test
    @DisplayName("an unknown field or enum answers validation-errors with request_id and path, and writes nothing")
    void validationErrors() {
        CustomField status = acme.createLeadCustomField(CustomFieldType.SELECT, "Payment status", "PAYMENT_STATUS",
                List.of("Pending", "Paid"));
        Lead a = acme.createLead("A", BigDecimal.ONE);
        Lead b = acme.createLead("B", BigDecimal.ONE);

        HttpResponse<String> r = call("PATCH", "/api/v4/leads", "["
                + "{\"id\":" + a.id() + ",\"name\":\"renamed\"},"
                + "{\"id\":" + b.id() + ",\"custom_fields_values\":[{\"field_id\":999999,\"values\":[{\"value\":\"x\"}]},"
                + "{\"field_id\":" + status.id() + ",\"values\":[{\"enum_id\":1}]}]}]");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode body = json(r);
        assertThat(body.at("/validation-errors/0/request_id").asText()).isEqualTo("1");
        assertThat(body.at("/validation-errors/0/errors")).extracting(e -> e.get("path").asText())
                .containsExactly("custom_fields_values.0.field_id", "custom_fields_values.1.values.0.enum_id");
        assertThat(body.at("/validation-errors/0/errors/0/code").asText()).isEqualTo("NotSupportedChoice");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(acme.lead(a.id()).name()).as("the batch is all or nothing").isEqualTo("A");

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"id\":").append(a.id()).append('}');
        }
        assertThat(call("PATCH", "/api/v4/leads", tooMany + "]").statusCode()).isEqualTo(400);
        assertThat(call("PATCH", "/api/v4/leads", "[{\"name\":\"no id\"}]").body()).contains("\"path\":\"id\"");
        assertThat(call("PATCH", "/api/v4/leads", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("POST /api/v4/leads creates leads with contacts, defaults the stage and echoes request_id")
    void createLeads() {
        Contact jane = acme.createContact("Jane", "jane@example.test", null);
        HttpResponse<String> r = call("POST", "/api/v4/leads", "[{\"name\":\"From API\",\"price\":300,"
                + "\"request_id\":\"r1\",\"_embedded\":{\"contacts\":[{\"id\":" + jane.id() + "}]}},"
                + "{\"name\":\"Second\"}]");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode leads = json(r).at("/_embedded/leads");
        assertThat(leads.at("/0/request_id").asText()).isEqualTo("r1");
        assertThat(leads.at("/1/request_id").asText()).isEqualTo("1");
        Lead created = acme.lead(leads.at("/0/id").asLong());
        assertThat(created.contactIds()).containsExactly(jane.id());
        assertThat(created.pipelineId()).isEqualTo(acme.mainPipeline().id());
        assertThat(created.statusId()).isEqualTo(acme.mainPipeline().firstWorkingStage().id());

        HttpResponse<String> bad = call("POST", "/api/v4/leads", "[{\"name\":\"x\",\"status_id\":1}]");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/validation-errors/0/errors/0/path").asText()).isEqualTo("status_id");
    }

    @Test
    @DisplayName("contacts are found by e-mail or phone and created with multitext fields by field_code")
    void contacts() {
        acme.createContact("Jane Cooper", "jane@example.test", "+1 (415) 555-0100");
        acme.createContact("Joe Bloggs", "joe@example.test", null);

        JsonNode byEmail = json(get(base, "/api/v4/contacts?query=jane@example.test", token));
        assertThat(byEmail.at("/_embedded/contacts")).extracting(c -> c.get("name").asText())
                .containsExactly("Jane Cooper");
        JsonNode byPhone = json(get(base, "/api/v4/contacts?query=%2B14155550100", token));
        assertThat(byPhone.at("/_embedded/contacts")).hasSize(1);
        assertThat(get(base, "/api/v4/contacts?query=nobody@example.test", token).statusCode()).isEqualTo(204);

        HttpResponse<String> r = call("POST", "/api/v4/contacts", "[{\"name\":\"Ivan Petrov\","
                + "\"custom_fields_values\":[{\"field_code\":\"PHONE\",\"values\":[{\"value\":\"+79990000000\","
                + "\"enum_code\":\"WORK\"}]},{\"field_code\":\"EMAIL\",\"values\":[{\"value\":\"a@b.com\","
                + "\"enum_code\":\"PRIV\"}]}]}]");
        assertThat(r.statusCode()).isEqualTo(200);
        Contact ivan = acme.contact(json(r).at("/_embedded/contacts/0/id").asLong());
        assertThat(ivan.phone()).contains("+79990000000");
        assertThat(ivan.email()).contains("a@b.com");
        assertThat(ivan.customFields().get(1).values().get(0).enumCode()).isEqualTo("PRIV");

        HttpResponse<String> company = call("POST", "/api/v4/companies", "[{\"name\":\"Acme Ltd\"}]");
        assertThat(company.statusCode()).isEqualTo(200);
        assertThat(json(get(base, "/api/v4/companies?query=acme", token)).at("/_embedded/companies/0/name").asText())
                .isEqualTo("Acme Ltd");
    }

    @Test
    @DisplayName("tasks need text and complete_till, attach to an entity and filter by it; notes land on the lead")
    void tasksAndNotes() {
        Lead lead = acme.createLead("Deal", BigDecimal.ONE);
        HttpResponse<String> task = call("POST", "/api/v4/tasks", "[{\"text\":\"Invoice failed: contact missing\","
                + "\"complete_till\":1767225600,\"entity_id\":" + lead.id() + ",\"entity_type\":\"leads\","
                + "\"task_type_id\":1}]");
        assertThat(task.statusCode()).isEqualTo(200);
        assertThat(acme.tasks()).singleElement().satisfies(t -> {
            assertThat(t.entityId()).isEqualTo(lead.id());
            assertThat(t.responsibleUserId()).isEqualTo(acme.adminUser().id());
            assertThat(t.completeTill().getEpochSecond()).isEqualTo(1767225600L);
        });
        JsonNode listed = json(get(base, "/api/v4/tasks?filter%5Bentity_type%5D=leads&filter%5Bentity_id%5D%5B%5D="
                + lead.id() + "&filter%5Bis_completed%5D=0", token));
        assertThat(listed.at("/_embedded/tasks/0/text").asText()).isEqualTo("Invoice failed: contact missing");

        HttpResponse<String> missing = call("POST", "/api/v4/tasks", "[{\"entity_id\":" + lead.id()
                + ",\"entity_type\":\"leads\"}]");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).at("/validation-errors/0/errors")).extracting(e -> e.get("path").asText())
                .contains("text", "complete_till");

        assertThat(call("POST", "/api/v4/leads/notes", "[{\"entity_id\":" + lead.id() + ",\"note_type\":\"common\","
                + "\"params\":{\"text\":\"Synced to Xero as INV-0042\"}}]").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v4/leads/" + lead.id() + "/notes", "[{\"note_type\":\"service_message\","
                + "\"params\":{\"service\":\"kommo-sync\",\"text\":\"Invoice paid\"}}]").statusCode()).isEqualTo(200);
        assertThat(acme.notes(lead.id())).extracting(n -> n.text().orElseThrow())
                .containsExactly("Synced to Xero as INV-0042", "Invoice paid");
        assertThat(json(get(base, "/api/v4/leads/" + lead.id() + "/notes", token)).at("/_embedded/notes"))
                .hasSize(2);
    }

    @Test
    @DisplayName("webhook subscriptions are listed, re-subscribed and deleted through the API")
    void webhookSubscriptions() {
        assertThat(get(base, "/api/v4/webhooks", token).statusCode()).isEqualTo(204);
        HttpResponse<String> r = call("POST", "/api/v4/webhooks", "{\"destination\":\"https://sync.example/hook/s3\","
                + "\"settings\":[\"status_lead\",\"update_lead\"],\"sort\":10}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode hook = json(r);
        assertThat(hook.get("disabled").asBoolean()).isFalse();
        assertThat(hook.get("settings")).extracting(JsonNode::asText).containsExactly("status_lead", "update_lead");

        JsonNode listed = json(get(base, "/api/v4/webhooks", token));
        assertThat(listed.at("/_embedded/webhooks/0/destination").asText()).isEqualTo("https://sync.example/hook/s3");
        assertThat(listed.at("/_embedded/webhooks/0/id").asLong()).isEqualTo(hook.get("id").asLong());

        assertThat(call("POST", "/api/v4/webhooks", "{\"destination\":\"ftp://x\",\"settings\":[\"nope\"]}")
                .statusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/api/v4/webhooks", "{\"destination\":\"https://sync.example/hook/s3\"}")
                .statusCode()).isEqualTo(204);
        assertThat(acme.subscriptions()).isEmpty();
    }

    @Test
    @DisplayName("pipelines list their stages, including 142 and 143")
    void pipelines() {
        JsonNode body = json(get(base, "/api/v4/leads/pipelines", token));
        JsonNode sales = body.at("/_embedded/pipelines/0");
        assertThat(sales.get("name").asText()).isEqualTo("Sales");
        assertThat(sales.get("is_main").asBoolean()).isTrue();
        assertThat(sales.at("/_embedded/statuses")).extracting(s -> s.get("id").asLong()).contains(142L, 143L);
    }

    @Test
    @DisplayName("401 without a token or with a bad one; 402 and 403 when the account is switched off")
    void authorisationAndAccountStatus() {
        assertThat(get(base, "/api/v4/leads", null).statusCode()).isEqualTo(401);
        assertThat(get(base, "/api/v4/leads", "not-a-token").statusCode()).isEqualTo(401);

        acme.changeStatus(AccountStatus.PAYMENT_OVERDUE);
        assertThat(get(base, "/api/v4/account", token).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v4/leads", "[{\"name\":\"x\"}]").statusCode()).isEqualTo(402);
        acme.changeStatus(AccountStatus.PAYMENT_REQUIRED);
        assertThat(get(base, "/api/v4/account", token).statusCode()).isEqualTo(402);
        acme.changeStatus(AccountStatus.FORBIDDEN);
        HttpResponse<String> forbidden = get(base, "/api/v4/account", token);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type")).contains("application/problem+json");
        acme.changeStatus(AccountStatus.ACTIVE);
        assertThat(acme.revokeToken(token)).isTrue();
        assertThat(get(base, "/api/v4/account", token).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("each token sees only its own account, though all accounts share the base URI")
    void tokensPickTheAccount() {
        SandboxAccount other = kommo.createAccount("other");
        acme.createLead("Acme lead", BigDecimal.ONE);
        Lead otherLead = other.createLead("Other lead", BigDecimal.ONE);
        assertThat(kommo.baseUri(other)).isEqualTo(base);

        JsonNode acmeLeads = json(get(base, "/api/v4/leads", token));
        assertThat(acmeLeads.at("/_embedded/leads")).extracting(l -> l.get("name").asText())
                .containsExactly("Acme lead");
        assertThat(get(base, "/api/v4/leads/" + otherLead.id(), token).statusCode()).isEqualTo(204);
        assertThat(json(get(base, "/api/v4/account", other.issueLongLivedToken())).get("subdomain").asText())
                .isEqualTo("other");
    }
}
