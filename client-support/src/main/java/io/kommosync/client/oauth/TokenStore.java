package io.kommosync.client.oauth;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the OAuth2 tokens of each connection live. This is an SPI: the SDK ships {@link InMemoryTokenStore}; the
 * JDBC module provides a durable one shared by several instances.
 *
 * <p>Refresh tokens of Kommo and Sage are single-use: each refresh returns a new one and invalidates the old one.
 * Losing a rotated token, or two instances refreshing with the same token, forces the customer to re-authorise.
 * {@link OAuth2TokenManager} therefore (1) runs every refresh inside {@link #underRefreshLock}, (2) reloads the
 * tokens from the store <em>inside</em> the lock and skips the refresh when another party already did it, and
 * (3) saves the rotated tokens before handing the new access token to anyone.
 *
 * <p>Implementations must be thread-safe. {@link #load} and {@link #save} are also called by the thread that holds
 * the refresh lock, from inside {@code action}; they must not deadlock there.
 */
public interface TokenStore {

    /**
     * Returns the latest saved tokens of a connection.
     *
     * @param connectionId the connection
     * @return the tokens, or empty when none were ever saved
     */
    Optional<OAuthTokens> load(String connectionId);

    /**
     * Replaces the tokens of a connection. When this returns normally the tokens must be durable, or, when called
     * inside {@link #underRefreshLock}, become durable before that method returns normally.
     *
     * @param connectionId the connection
     * @param tokens       the new tokens
     * @throws RuntimeException when the tokens could not be saved; the manager then keeps them in memory, hands
     *     the new access token to no one, and tries the save again on the next call
     */
    void save(String connectionId, OAuthTokens tokens);

    /**
     * Runs {@code action} while holding the refresh lock of one connection. The default runs it without a lock,
     * which is enough for a single process because {@link OAuth2TokenManager} already lets only one thread per
     * connection refresh at a time. A store shared by several instances overrides this to hold a lock across them
     * (for example {@code SELECT ... FOR UPDATE} on the connection's row) for the whole action, and throws when
     * the lock cannot be taken or its transaction cannot be committed.
     *
     * @param connectionId the connection whose refresh is serialised
     * @param action       the work to do under the lock; it reloads the tokens, may call the token endpoint,
     *                     and saves the result
     * @param <T>          result type
     * @return what {@code action} returned
     */
    default <T> T underRefreshLock(String connectionId, Supplier<T> action) {
        return action.get();
    }
}
