package io.kommosync.client.oauth;

import io.kommosync.client.internal.Checks;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link TokenStore} in memory: for tests, demos and single-process hosts that re-authorise after a restart.
 *
 * <p>Thread-safe. {@link #underRefreshLock} holds a real per-connection lock, so several
 * {@link OAuth2TokenManager}s sharing one instance behave like several processes sharing a database.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final ConcurrentMap<String, OAuthTokens> tokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryTokenStore() {
    }

    @Override
    public Optional<OAuthTokens> load(String connectionId) {
        Checks.notNull(connectionId, "connectionId", "pass the id of the connection");
        return Optional.ofNullable(tokens.get(connectionId));
    }

    @Override
    public void save(String connectionId, OAuthTokens newTokens) {
        Checks.notNull(connectionId, "connectionId", "pass the id of the connection");
        Checks.notNull(newTokens, "tokens", "pass the tokens to store");
        tokens.put(connectionId, newTokens);
    }

    @Override
    public <T> T underRefreshLock(String connectionId, Supplier<T> action) {
        Checks.notNull(connectionId, "connectionId", "pass the id of the connection");
        Checks.notNull(action, "action", "pass the work to run under the lock");
        ReentrantLock lock = locks.computeIfAbsent(connectionId, id -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore[connections=" + tokens.size() + "]";
    }
}
