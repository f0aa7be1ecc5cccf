package io.kommosync.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import io.kommosync.kommo.internal.Arguments;
import io.kommosync.kommo.internal.KommoCalls;
import io.kommosync.kommo.internal.KommoReader;
import io.kommosync.kommo.internal.Paging;
import io.kommosync.kommo.internal.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Catalogs ("lists") and their elements, above all the products catalog whose elements a lead links to. Get it
 * from {@link KommoClient#catalogs()}.
 *
 * <pre>{@code
 * Lead lead = kommo.leads().get(id, LeadWith.CATALOG_ELEMENTS).orElseThrow();
 * for (LeadProductRef line : lead.products()) {
 *     CatalogElement product = elements.get(line.elementId());   // from catalogs().elements(catalogId, ids)
 *     BigDecimal unitPrice = product.price(line.priceId()).orElseThrow();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Every method may throw the {@link KommoException} subclasses described there.
 */
public final class Catalogs {

    /** Most element ids per request and page size. */
    public static final int MAX_IDS = 250;

    private static final String PATH = "/api/v4/catalogs";

    private final KommoCalls calls;
    private final Paging<Catalog> paging;

    Catalogs(KommoCalls calls) {
        this.calls = calls;
        this.paging = new Paging<>(calls, PATH, (api, query) -> api.catalogs(query), "catalogs",
            KommoReader::catalog);
    }

    /**
     * Lists every catalog of the account (at most ten exist): {@code GET /api/v4/catalogs}.
     *
     * @return the catalogs
     */
    public List<Catalog> list() {
        return paging.all(new Query().put("limit", MAX_IDS));
    }

    /**
     * Finds the products catalog (type {@code products}; at most one per account).
     *
     * @return the products catalog; empty when the account has none
     */
    public Optional<Catalog> products() {
        return list().stream().filter(Catalog::isProducts).findFirst();
    }

    /**
     * Reads one element: {@code GET /api/v4/catalogs/{catalogId}/elements/{elementId}}.
     *
     * @param catalogId the catalog
     * @param elementId the element
     * @return the element; empty when Kommo answers 204 or 404
     */
    public Optional<CatalogElement> element(long catalogId, long elementId) {
        Arguments.id(catalogId, "catalogId");
        Arguments.id(elementId, "elementId");
        try {
            JsonNode answer = calls.repeatable("GET " + PATH + "/" + catalogId + "/elements/" + elementId,
                api -> api.catalogElement(catalogId, elementId));
            return answer == null ? Optional.empty()
                : Optional.of(KommoReader.element(answer, "element", catalogId));
        } catch (KommoNotFoundException notFound) {
            return Optional.empty();
        }
    }

    /**
     * Reads every element of one catalog: {@code GET /api/v4/catalogs/{catalogId}/elements}, page by page.
     *
     * @param catalogId the catalog
     * @return the elements, in Kommo's order; empty for an empty catalog
     * @throws KommoNotFoundException when the catalog does not exist
     */
    public List<CatalogElement> elements(long catalogId) {
        Arguments.id(catalogId, "catalogId");
        Paging<CatalogElement> elements = new Paging<>(calls, PATH + "/" + catalogId + "/elements",
            (api, query) -> api.catalogElements(catalogId, query), "elements",
            (node, path) -> KommoReader.element(node, path, catalogId));
        return elements.all(new Query().put("limit", MAX_IDS));
    }

    /**
     * Reads many elements of one catalog: {@code GET /api/v4/catalogs/{catalogId}/elements?filter[id][]=...}, at
     * most {@value #MAX_IDS} ids per request.
     *
     * @param catalogId the catalog
     * @param ids       the elements; duplicates are read once
     * @return the elements found, in the order of {@code ids}; unknown ids are left out
     * @throws KommoNotFoundException when the catalog does not exist
     */
    public List<CatalogElement> elements(long catalogId, Collection<Long> ids) {
        Arguments.id(catalogId, "catalogId");
        List<Long> wanted = new ArrayList<>(new LinkedHashSet<>(Arguments.ids(ids, "ids")));
        Paging<CatalogElement> elements = new Paging<>(calls, PATH + "/" + catalogId + "/elements",
            (api, query) -> api.catalogElements(catalogId, query), "elements",
            (node, path) -> KommoReader.element(node, path, catalogId));
        Map<Long, CatalogElement> found = new LinkedHashMap<>();
        for (int start = 0; start < wanted.size(); start += MAX_IDS) {
            List<Long> chunk = wanted.subList(start, Math.min(wanted.size(), start + MAX_IDS));
            elements.all(new Query().putAll("filter[id][]", chunk).put("limit", MAX_IDS))
                .forEach(element -> found.put(element.id(), element));
        }
        return wanted.stream().map(found::get).filter(element -> element != null).toList();
    }
}
