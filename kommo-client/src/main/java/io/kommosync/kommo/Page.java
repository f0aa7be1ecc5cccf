package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.List;
import java.util.Optional;

/**
 * One page of a Kommo list. Kommo answers an empty list with 204 No Content; that is an empty page here.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items    the entities on this page, in Kommo's order
 * @param number   the page number (from 1)
 * @param nextLink Kommo's {@code _links.next.href}; empty on the last page
 * @param <T>      the entity type
 */
public record Page<T>(List<T> items, int number, Optional<String> nextLink) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when {@code number} is below 1
     */
    public Page {
        items = Arguments.list(items, "items");
        if (number < 1) {
            throw new IllegalArgumentException("number must be at least 1 but was " + number);
        }
        Arguments.optional(nextLink, "nextLink");
    }

    /**
     * Tells whether another page follows.
     *
     * @return true when Kommo sent a {@code next} link
     */
    public boolean hasNext() {
        return nextLink.isPresent();
    }
}
