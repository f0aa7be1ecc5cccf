package io.kommosync.kommo.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Argument checks for the public API of the Kommo client: every message names the argument and the fix, so bad
 * input fails at the boundary instead of deep inside a request.
 *
 * <p>Not part of the public API.
 */
public final class Arguments {

    private Arguments() {
    }

    /**
     * Returns {@code value} or throws when it is null.
     *
     * @param value the argument
     * @param name  its name in the message
     * @param fix   what to pass instead
     * @param <T>   its type
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     */
    public static <T> T notNull(T value, String name, String fix) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null: " + fix);
        }
        return value;
    }

    /**
     * Returns {@code value} or throws when it is null or blank.
     *
     * @param value the argument
     * @param name  its name in the message
     * @param fix   what to pass instead
     * @return {@code value}
     * @throws NullPointerException     when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is blank
     */
    public static String notBlank(String value, String name, String fix) {
        notNull(value, name, fix);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank: " + fix);
        }
        return value;
    }

    /**
     * Returns {@code id} or throws when it is not a positive Kommo id.
     *
     * @param id   the argument
     * @param name its name in the message
     * @return {@code id}
     * @throws IllegalArgumentException when {@code id} is zero or negative
     */
    public static long id(long id, String name) {
        if (id <= 0) {
            throw new IllegalArgumentException(name + " must be a positive Kommo id but was " + id
                + ": pass the id Kommo assigned");
        }
        return id;
    }

    /**
     * Checks an optional id.
     *
     * @param id   the argument
     * @param name its name in the message
     * @return {@code id}
     * @throws NullPointerException     when {@code id} is null
     * @throws IllegalArgumentException when a present id is not positive
     */
    public static OptionalLong id(OptionalLong id, String name) {
        notNull(id, name, "pass OptionalLong.empty() when absent");
        if (id.isPresent()) {
            id(id.getAsLong(), name);
        }
        return id;
    }

    /**
     * Checks that an {@code Optional} itself is not null.
     *
     * @param value the argument
     * @param name  its name in the message
     * @param <T>   the element type
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     */
    public static <T> Optional<T> optional(Optional<T> value, String name) {
        return notNull(value, name, "pass Optional.empty() when absent");
    }

    /**
     * Copies a list, rejecting a null list or null elements.
     *
     * @param list the argument
     * @param name its name in the message
     * @param <T>  the element type
     * @return an unmodifiable copy
     * @throws NullPointerException naming the index of the first null element
     */
    public static <T> List<T> list(Collection<? extends T> list, String name) {
        notNull(list, name, "pass an empty list when there is nothing");
        List<T> copy = new ArrayList<>(list.size());
        int index = 0;
        for (T element : list) {
            if (element == null) {
                throw new NullPointerException(name + "[" + index + "] is null: " + name + " must not contain nulls");
            }
            copy.add(element);
            index++;
        }
        return List.copyOf(copy);
    }

    /**
     * Copies a collection of ids, rejecting nulls and ids that are not positive.
     *
     * @param ids  the argument
     * @param name its name in the message
     * @return an unmodifiable copy, in the given order
     * @throws NullPointerException     when the collection or an element is null
     * @throws IllegalArgumentException when an id is not positive
     */
    public static List<Long> ids(Collection<Long> ids, String name) {
        List<Long> copy = list(ids, name);
        for (int i = 0; i < copy.size(); i++) {
            id(copy.get(i), name + "[" + i + "]");
        }
        return copy;
    }
}
