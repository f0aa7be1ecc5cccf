package io.kommosync.kommo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.kommosync.kommo.KommoException;
import io.kommosync.kommo.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads a Kommo list endpoint page by page, following {@code _links.next.href} until it is absent. The link's query
 * is sent to the client's own base URL. A link that repeats is an error instead of an endless loop.
 *
 * <p>Immutable and thread-safe. Not part of the public API.
 *
 * @param calls  runs each page request
 * @param path   the endpoint path, such as {@code /api/v4/leads}
 * @param fetch  sends one page request with a query
 * @param key    the key under {@code _embedded}
 * @param reader reads one item
 * @param <T>    the item type
 */
public record Paging<T>(
    KommoCalls calls,
    String path,
    BiFunction<KommoApi, Map<String, Object>, JsonNode> fetch,
    String key,
    BiFunction<JsonNode, String, T> reader) {

    /**
     * Fetches one page.
     *
     * @param query the page's query
     * @return the page; empty for 204
     */
    public Page<T> page(Query query) {
        Map<String, Object> map = query.asMap();
        JsonNode answer = calls.repeatable("GET " + path, api -> fetch.apply(api, map));
        return KommoReader.page(answer, key, reader);
    }

    /**
     * Fetches the page after {@code page}.
     *
     * @param current the current page
     * @return the next page; empty when {@code current} is the last
     */
    public Optional<Page<T>> next(Page<T> current) {
        return current.nextLink().map(link -> page(Query.ofLink(link, path)));
    }

    /**
     * Fetches every page from {@code first} on.
     *
     * @param first the first page's query
     * @return all items in order
     */
    public List<T> all(Query first) {
        List<T> items = new ArrayList<>();
        Set<String> followed = new HashSet<>();
        Page<T> page = page(first);
        items.addAll(page.items());
        while (page.nextLink().isPresent()) {
            String link = page.nextLink().get();
            if (!followed.add(link)) {
                throw new KommoException("Unexpected Kommo answer: the next-page link of " + path
                    + " repeats an earlier page; stopped paging after " + items.size() + " items");
            }
            page = page(Query.ofLink(link, path));
            items.addAll(page.items());
        }
        return items;
    }
}
