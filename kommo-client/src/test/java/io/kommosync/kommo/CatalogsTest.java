package io.kommosync.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.kommosync.kommo.KommoStubs.hal;
import static io.kommosync.kommo.KommoStubs.noContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Catalogs and products")
class CatalogsTest {

    @RegisterExtension
    static WireMockExtension server = KommoStubs.server();

    private final KommoClient kommo = KommoStubs.client(server).build();

    @AfterEach
    void close() {
        kommo.close();
    }

    @Test
    @DisplayName("lists catalogs and finds the products catalog by type")
    void listAndProducts() {
        server.stubFor(get(urlPathEqualTo("/api/v4/catalogs")).willReturn(hal("catalogs.json")));

        assertThat(kommo.catalogs().list()).extracting(Catalog::type).containsExactly("invoices", "products");
        assertThat(kommo.catalogs().products()).contains(new Catalog(4521, "Products", "products"));
    }

    @Test
    @DisplayName("an account without catalogs (204) has no products catalog")
    void noCatalogs() {
        server.stubFor(get(urlPathEqualTo("/api/v4/catalogs")).willReturn(noContent()));

        assertThat(kommo.catalogs().products()).isEmpty();
    }

    @Test
    @DisplayName("elements of a lead's products: price as a string, price_id picks another price field, SKU and"
        + " any field by name")
    void elementsWithPrices() {
        server.stubFor(get(urlPathEqualTo("/api/v4/catalogs/4521/elements")).willReturn(hal("catalog-elements.json")));
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/4821")).willReturn(hal("lead-4821.json")));

        Lead lead = kommo.leads().get(4821, LeadWith.CATALOG_ELEMENTS).orElseThrow();
        List<CatalogElement> elements = kommo.catalogs().elements(4521,
            lead.products().stream().map(LeadProductRef::elementId).toList());

        assertThat(elements).extracting(CatalogElement::id).containsExactly(525439L, 1126317L);
        CatalogElement hosting = elements.get(0);
        CatalogElement design = elements.get(1);
        LeadProductRef designLine = lead.products().get(1);
        assertThat(design.price(designLine.priceId())).contains(new BigDecimal("850.5"));
        assertThat(design.price(OptionalLong.empty())).contains(new BigDecimal("999.12"));
        assertThat(hosting.price(lead.products().get(0).priceId())).contains(new BigDecimal("120"));
        assertThat(design.sku()).contains("WEB-1");
        assertThat(design.name()).isEqualTo("Web design (hours)");
        assertThat(design.catalogId()).isEqualTo(4521);
        assertThat(design.fieldText("Description")).contains("Design work, billed per hour");
        assertThat(design.fieldText("DESCRIPTION")).contains("Design work, billed per hour");
        assertThat(design.fieldText("Unit")).contains("hour");
        assertThat(design.fieldText("Colour")).isEmpty();
        assertThat(design.fieldTexts()).containsExactly(Map.entry("SKU", "WEB-1"), Map.entry("Price", "999.12"),
            Map.entry("Wholesale price", "850.5"), Map.entry("Description", "Design work, billed per hour"),
            Map.entry("Unit", "hour"));
        assertThat(design.price(OptionalLong.of(777))).isEmpty();
        LoggedRequest request = server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/catalogs/4521/elements"))).get(0);
        assertThat(request.queryParameter("filter[id][]").values()).containsExactly("525439", "1126317");
    }

    @Test
    @DisplayName("every element of a catalog, without an id filter")
    void allElements() {
        server.stubFor(get(urlPathEqualTo("/api/v4/catalogs/4521/elements")).willReturn(hal("catalog-elements.json")));

        List<CatalogElement> elements = kommo.catalogs().elements(4521);

        assertThat(elements).extracting(CatalogElement::id).contains(525439L, 1126317L);
        LoggedRequest request = server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/catalogs/4521/elements"))).get(0);
        assertThat(request.queryParameter("filter[id][]").isPresent()).isFalse();
        assertThat(request.queryParameter("limit").firstValue()).isEqualTo("250");
    }

    @Test
    @DisplayName("element ids are fetched in chunks of at most 250")
    void elementChunks() {
        server.stubFor(get(urlPathEqualTo("/api/v4/catalogs/4521/elements")).willReturn(noContent()));

        kommo.catalogs().elements(4521, LongStream.rangeClosed(1, 251).boxed().toList());

        List<LoggedRequest> calls = server.findAll(getRequestedFor(urlPathEqualTo("/api/v4/catalogs/4521/elements")));
        assertThat(calls).extracting(call -> call.queryParameter("filter[id][]").values().size())
            .containsExactly(250, 1);
    }

    @Test
    @DisplayName("one element by id; 204 and 404 are empty")
    void oneElement() {
        server.stubFor(get(urlPathEqualTo("/api/v4/catalogs/4521/elements/5")).willReturn(KommoStubs.halBody(
            "{\"id\":5,\"name\":\"Widget\",\"custom_fields_values\":[{\"field_id\":1,\"field_code\":\"PRICE\","
                + "\"values\":[{\"value\":\"10.50\"}]}]}")));
        server.stubFor(get(urlPathEqualTo("/api/v4/catalogs/4521/elements/6")).willReturn(noContent()));
        server.stubFor(get(urlPathEqualTo("/api/v4/catalogs/4521/elements/7")).willReturn(aResponse().withStatus(404)));

        Optional<CatalogElement> widget = kommo.catalogs().element(4521, 5);
        assertThat(widget).hasValueSatisfying(element -> {
            assertThat(element.catalogId()).isEqualTo(4521);
            assertThat(element.price(OptionalLong.empty())).contains(new BigDecimal("10.50"));
            assertThat(element.sku()).isEmpty();
        });
        assertThat(kommo.catalogs().element(4521, 6)).isEmpty();
        assertThat(kommo.catalogs().element(4521, 7)).isEmpty();
    }

    @Test
    @DisplayName("a price that is not a number is a KommoException naming element and field, not a bare"
        + " NumberFormatException")
    void badPrice() {
        CatalogElement element = new CatalogElement(9, 4521, "Odd", List.of(new CustomFieldValue(3,
            Optional.of("PRICE"), Optional.of("Price"), Optional.of("price"),
            List.of(CustomFieldValue.Value.of("ask us")))));

        assertThatThrownBy(() -> element.price(OptionalLong.empty())).isInstanceOf(KommoException.class)
            .hasMessageContaining("Catalog element 9").hasMessageContaining("price field 3 (Price)")
            .hasCauseInstanceOf(NumberFormatException.class);
    }
}
