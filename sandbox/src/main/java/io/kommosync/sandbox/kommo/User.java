package io.kommosync.sandbox.kommo;

import java.util.Objects;

/**
 * A user of an account; leads, tasks and notes name one as responsible or author.
 *
 * @param id the user id
 * @param name display name
 * @param email login e-mail
 * @param admin whether the user is an account administrator
 */
public record User(long id, String name, String email, boolean admin) {
    /** Validates. */
    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
    }
}
