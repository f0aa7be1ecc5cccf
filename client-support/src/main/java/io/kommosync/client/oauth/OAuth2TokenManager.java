package io.kommosync.client.oauth;

import io.kommosync.client.Secret;
import io.kommosync.client.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the OAuth2 access tokens of many connections valid.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Refresh ahead.</b> {@link #accessToken(String)} refreshes when the access token has expired or expires
 *       within {@code refreshAhead} (default 60 s). Keep {@code refreshAhead} well below the shortest token
 *       lifetime (Sage: 5 minutes). If a refresh ahead of expiry fails with a {@link TokenRefreshException} while
 *       the current token is still valid, the current token is returned and the failure logged.</li>
 *   <li><b>Single flight per connection.</b> However many threads need a refresh of one connection at the same
 *       time, one of them calls the {@link TokenEndpoint}; the others wait for and share its outcome, success or
 *       failure. Other connections are never blocked by it.</li>
 *   <li><b>Across instances.</b> The refresh runs inside {@link TokenStore#underRefreshLock}; inside the lock the
 *       tokens are reloaded from the store and the refresh is skipped if another party already did it.</li>
 *   <li><b>Persist, then use.</b> Rotated tokens are saved to the store before the new access token is returned
 *       to anyone. If the save fails the caller gets a {@link TokenRefreshException}, the new tokens are kept in
 *       memory only, and the next call saves them again before it would call the endpoint, so a single-use
 *       refresh token is not lost to a transient store failure.</li>
 *   <li><b>Lost grant.</b> When the endpoint answers {@code invalid_grant} (or there are no tokens, or no refresh
 *       token), every waiting caller gets a {@link ReauthorizationRequiredException} and later calls fail fast
 *       with it, without calling the endpoint, until new tokens are {@link #seed seeded} (or appear in the store
 *       through another instance).</li>
 * </ul>
 *
 * <p>Thread-safe. Build one per application with {@link #builder()} and share it.
 */
public final class OAuth2TokenManager {

    private static final Logger LOG = LoggerFactory.getLogger(OAuth2TokenManager.class);
    private static final int MAX_UNAUTHORIZED_ROUNDS = 3;

    private final TokenStore store;
    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final Duration refreshAhead;
    private final List<TokenRefreshListener> listeners;

    /** Tokens known to be saved, per connection; the fast path reads only this. */
    private final ConcurrentMap<String, OAuthTokens> cache = new ConcurrentHashMap<>();
    /** The refresh in progress per connection; callers that find one wait for its outcome. */
    private final ConcurrentMap<String, CompletableFuture<OAuthTokens>> flights = new ConcurrentHashMap<>();
    /** Connections whose grant is gone, with the tokens that were rejected. */
    private final ConcurrentMap<String, Rejection> rejections = new ConcurrentHashMap<>();
    /** Refreshed tokens whose save has not (yet) succeeded, per connection. */
    private final ConcurrentMap<String, Unsaved> unsaved = new ConcurrentHashMap<>();

    private OAuth2TokenManager(Builder builder) {
        this.store = Checks.notNull(builder.store, "tokenStore",
            "call builder.tokenStore(...) with new InMemoryTokenStore() or a durable store");
        this.endpoint = Checks.notNull(builder.endpoint, "tokenEndpoint",
            "call builder.tokenEndpoint(...) with an HttpTokenEndpoint for the vendor");
        this.clock = builder.clock;
        this.refreshAhead = builder.refreshAhead;
        this.listeners = List.copyOf(builder.listeners);
    }

    /**
     * Returns a new builder.
     *
     * @return a builder (not thread-safe)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a valid access token of a connection, refreshing it first when it has expired or expires within
     * {@code refreshAhead}.
     *
     * @param connectionId the connection
     * @return the access token
     * @throws ReauthorizationRequiredException when the connection has no tokens or its grant is gone
     * @throws TokenRefreshException            when a needed refresh failed (see {@link
     *     TokenRefreshException#retryable()})
     */
    public Secret accessToken(String connectionId) {
        requireConnectionId(connectionId);
        failFastIfRejected(connectionId);
        Instant now = clock.instant();
        OAuthTokens current = cache.get(connectionId);
        if (current == null) {
            current = store.load(connectionId).orElse(null);
            if (current != null && !unsaved.containsKey(connectionId)) {
                OAuthTokens raced = cache.putIfAbsent(connectionId, current);
                current = raced == null ? current : raced;
            }
        }
        if (current != null && !needsRefresh(current, now)) {
            return current.accessToken();
        }
        try {
            return refreshShared(connectionId, null).accessToken();
        } catch (TokenRefreshException e) {
            if (current != null && current.accessTokenValidAt(clock.instant())) {
                LOG.warn("Refresh ahead of expiry failed for connection {}; using the current access token, valid"
                    + " until {}: {}", connectionId, current.accessTokenExpiresAt(), e.getMessage());
                return current.accessToken();
            }
            throw e;
        }
    }

    /**
     * Returns a provider bound to one connection, for {@link io.kommosync.client.http.BearerTokenInterceptor}.
     * Its {@link AccessTokenProvider#refreshAfterUnauthorized(Secret)} delegates to
     * {@link #refreshAfterUnauthorized(String, Secret)}.
     *
     * @param connectionId the connection
     * @return the provider (thread-safe)
     */
    public AccessTokenProvider forConnection(String connectionId) {
        requireConnectionId(connectionId);
        return new AccessTokenProvider() {
            @Override
            public Secret accessToken() {
                return OAuth2TokenManager.this.accessToken(connectionId);
            }

            @Override
            public Optional<Secret> refreshAfterUnauthorized(Secret rejectedToken) {
                return Optional.of(OAuth2TokenManager.this.refreshAfterUnauthorized(connectionId, rejectedToken));
            }

            @Override
            public String toString() {
                return "AccessTokenProvider[connection=" + connectionId + "]";
            }
        };
    }

    /**
     * Handles "the server answered 401 to a request sent with {@code rejectedToken}": refreshes once, unless the
     * stored access token is already a different, valid one (another thread or instance refreshed meanwhile), in
     * which case that one is returned. Many threads hitting 401 with the same token together cause one refresh.
     * Retry the failed request once with the returned token; if that is rejected too, give up.
     *
     * @param connectionId  the connection
     * @param rejectedToken the access token the server rejected
     * @return an access token other than {@code rejectedToken} (unless the endpoint issued the same one again)
     * @throws ReauthorizationRequiredException when the connection has no tokens or its grant is gone
     * @throws TokenRefreshException            when the refresh failed
     */
    public Secret refreshAfterUnauthorized(String connectionId, Secret rejectedToken) {
        requireConnectionId(connectionId);
        Checks.notNull(rejectedToken, "rejectedToken",
            "pass the token the request was sent with (BearerTokenInterceptor.bearerToken(request))");
        failFastIfRejected(connectionId);
        OAuthTokens cached = cache.get(connectionId);
        if (cached != null && !cached.accessToken().equals(rejectedToken)
            && !needsRefresh(cached, clock.instant())) {
            return cached.accessToken();
        }
        OAuthTokens tokens = null;
        for (int round = 0; round < MAX_UNAUTHORIZED_ROUNDS; round++) {
            tokens = refreshShared(connectionId, rejectedToken);
            if (!tokens.accessToken().equals(rejectedToken)) {
                break;
            }
            // We joined a refresh started for another reason that kept the rejected token; go again.
        }
        return tokens.accessToken();
    }

    /**
     * Stores new tokens for a connection, for example right after the authorisation-code exchange, and clears a
     * pending "re-authorisation required" state. Runs under {@link TokenStore#underRefreshLock}.
     *
     * @param connectionId the connection
     * @param tokens       the new tokens
     * @throws RuntimeException what the store throws when the tokens cannot be saved; nothing changes then
     */
    public void seed(String connectionId, OAuthTokens tokens) {
        requireConnectionId(connectionId);
        Checks.notNull(tokens, "tokens", "pass the tokens from the authorisation-code exchange");
        store.underRefreshLock(connectionId, () -> {
            store.save(connectionId, tokens);
            return null;
        });
        unsaved.remove(connectionId);
        cache.put(connectionId, tokens);
        rejections.remove(connectionId);
        LOG.info("Seeded OAuth tokens of connection {}; access token valid until {}",
            connectionId, tokens.accessTokenExpiresAt());
    }

    /**
     * Tells whether this manager knows the connection's grant is gone. The answer may lag behind another
     * instance that re-authorised the connection; the next call to {@link #accessToken(String)} checks the
     * store.
     *
     * @param connectionId the connection
     * @return true when calls for this connection currently fail with {@link ReauthorizationRequiredException}
     */
    public boolean needsReauthorization(String connectionId) {
        requireConnectionId(connectionId);
        return rejections.containsKey(connectionId);
    }

    private boolean needsRefresh(OAuthTokens tokens, Instant now) {
        return !now.isBefore(tokens.accessTokenExpiresAt().minus(refreshAhead));
    }

    private void failFastIfRejected(String connectionId) {
        Rejection rejection = rejections.get(connectionId);
        if (rejection == null) {
            return;
        }
        Optional<OAuthTokens> stored = store.load(connectionId);
        if (stored.isPresent() && !sameCredentials(stored.get(), rejection.tokens)) {
            // Someone (another instance, an admin tool) stored new tokens: try again with them.
            if (rejections.remove(connectionId, rejection)) {
                cache.remove(connectionId);
                LOG.info("Connection {} has new tokens in the store; no longer failing fast", connectionId);
            }
            return;
        }
        throw new ReauthorizationRequiredException(connectionId, rejection.reason);
    }

    private static boolean sameCredentials(OAuthTokens a, OAuthTokens b) {
        return a.accessToken().equals(b.accessToken()) && a.refreshToken().equals(b.refreshToken());
    }

    /**
     * Leads or joins the single refresh flight of a connection.
     *
     * @param rejectedToken null for "refresh if expiring", else "refresh unless the stored token differs"
     */
    private OAuthTokens refreshShared(String connectionId, Secret rejectedToken) {
        CompletableFuture<OAuthTokens> mine = new CompletableFuture<>();
        CompletableFuture<OAuthTokens> running = flights.putIfAbsent(connectionId, mine);
        if (running != null) {
            return await(connectionId, running);
        }
        Outcome outcome;
        try {
            outcome = store.underRefreshLock(connectionId, () -> refreshUnderLock(connectionId, rejectedToken));
            if (outcome.refreshed) {
                // The store has committed: from here on the new tokens may be handed out.
                unsaved.remove(connectionId);
            }
            cache.put(connectionId, outcome.tokens);
            mine.complete(outcome.tokens);
        } catch (RuntimeException | Error e) {
            RuntimeException failure = typed(connectionId, e);
            mine.completeExceptionally(failure);
            if (e instanceof Error) {
                throw (Error) e;
            }
            throw failure;
        } finally {
            flights.remove(connectionId, mine);
        }
        if (outcome.refreshed) {
            notifyListeners(connectionId, outcome);
        }
        return outcome.tokens;
    }

    private Outcome refreshUnderLock(String connectionId, Secret rejectedToken) {
        Instant now = clock.instant();
        OAuthTokens stored = store.load(connectionId).orElse(null);
        Unsaved pending = unsaved.get(connectionId);
        if (pending != null) {
            if (stored != null && stored.refreshToken().equals(Optional.of(pending.usedRefreshToken))) {
                LOG.info("Saving the refreshed tokens of connection {} again after an earlier failed save",
                    connectionId);
                save(connectionId, pending.tokens);
                return new Outcome(pending.tokens, true, stored);
            }
            unsaved.remove(connectionId, pending);
        }
        if (stored == null) {
            throw new ReauthorizationRequiredException(connectionId, "no OAuth tokens are stored for it");
        }
        Rejection rejection = rejections.get(connectionId);
        if (rejection != null) {
            if (sameCredentials(stored, rejection.tokens)) {
                // A caller that arrived after the failed refresh: never send the dead grant again.
                throw new ReauthorizationRequiredException(connectionId, rejection.reason);
            }
            rejections.remove(connectionId, rejection);
        }
        boolean fresh = !needsRefresh(stored, now);
        if (fresh && (rejectedToken == null || !stored.accessToken().equals(rejectedToken))) {
            LOG.debug("Tokens of connection {} were already refreshed elsewhere; not refreshing", connectionId);
            return new Outcome(stored, false, stored);
        }
        if (stored.refreshToken().isEmpty()) {
            throw reject(connectionId, stored,
                rejectedToken == null ? "the access token expired and there is no refresh token"
                    : "the access token was rejected and there is no refresh token", null);
        }
        if (stored.refreshTokenExpiresAt().map(expiry -> !now.isBefore(expiry)).orElse(false)) {
            throw reject(connectionId, stored,
                "the refresh token expired at " + stored.refreshTokenExpiresAt().get(), null);
        }
        Secret usedRefreshToken = stored.refreshToken().get();
        OAuthTokens received;
        try {
            received = endpoint.refresh(connectionId, usedRefreshToken);
        } catch (ReauthorizationRequiredException e) {
            throw reject(connectionId, stored, e.reason(), e);
        }
        if (received == null) {
            throw new TokenRefreshException(
                "The token endpoint returned no tokens for connection '" + connectionId + "'", false, null);
        }
        OAuthTokens merged = keepUnrotatedRefreshToken(stored, received);
        unsaved.put(connectionId, new Unsaved(usedRefreshToken, merged));
        save(connectionId, merged);
        return new Outcome(merged, true, stored);
    }

    private void save(String connectionId, OAuthTokens tokens) {
        try {
            store.save(connectionId, tokens);
        } catch (RuntimeException e) {
            throw new TokenRefreshException("Could not save the refreshed tokens of connection '" + connectionId
                + "' (" + e.getClass().getSimpleName() + "); they are kept in memory and saved again on the next"
                + " call. Fix the token store.", true, e);
        }
    }

    private static OAuthTokens keepUnrotatedRefreshToken(OAuthTokens stored, OAuthTokens received) {
        if (received.refreshToken().isEmpty()) {
            return new OAuthTokens(received.accessToken(), stored.refreshToken(),
                received.accessTokenExpiresAt(), stored.refreshTokenExpiresAt());
        }
        if (received.refreshToken().equals(stored.refreshToken()) && received.refreshTokenExpiresAt().isEmpty()) {
            return new OAuthTokens(received.accessToken(), received.refreshToken(),
                received.accessTokenExpiresAt(), stored.refreshTokenExpiresAt());
        }
        return received;
    }

    private ReauthorizationRequiredException reject(
        String connectionId, OAuthTokens rejected, String reason, Throwable cause) {
        rejections.put(connectionId, new Rejection(rejected, reason));
        cache.remove(connectionId);
        LOG.warn("Connection {} needs re-authorisation: {}", connectionId, reason);
        return new ReauthorizationRequiredException(connectionId, reason, cause);
    }

    private static RuntimeException typed(String connectionId, Throwable failure) {
        if (failure instanceof ReauthorizationRequiredException || failure instanceof TokenRefreshException) {
            return (RuntimeException) failure;
        }
        return new TokenRefreshException("Token refresh of connection '" + connectionId + "' failed ("
            + failure.getClass().getSimpleName() + ")", true, failure);
    }

    /** Waits for another thread's refresh and rethrows its failure as a fresh exception of the same type. */
    private static OAuthTokens await(String connectionId, CompletableFuture<OAuthTokens> flight) {
        try {
            return flight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRefreshException("Interrupted while waiting for the token refresh of connection '"
                + connectionId + "'", true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ReauthorizationRequiredException) {
                ReauthorizationRequiredException lost = (ReauthorizationRequiredException) cause;
                throw new ReauthorizationRequiredException(connectionId, lost.reason(), lost);
            }
            if (cause instanceof TokenRefreshException) {
                TokenRefreshException failed = (TokenRefreshException) cause;
                throw new TokenRefreshException(failed.getMessage(), failed.retryable(),
                    failed.httpStatus().isPresent() ? failed.httpStatus().getAsInt() : null,
                    failed.retryAfter().orElse(null), failed);
            }
            throw typed(connectionId, cause);
        }
    }

    private void notifyListeners(String connectionId, Outcome outcome) {
        TokenRefreshed event = new TokenRefreshed(connectionId, clock.instant(),
            outcome.tokens.accessTokenExpiresAt(), outcome.tokens.refreshTokenExpiresAt(),
            !outcome.tokens.refreshToken().equals(outcome.previous.refreshToken()));
        LOG.info("Refreshed OAuth tokens of connection {}; access token valid until {}, refresh token {}",
            connectionId, event.accessTokenExpiresAt(), event.refreshTokenRotated() ? "rotated" : "kept");
        for (TokenRefreshListener listener : listeners) {
            try {
                listener.onTokensRefreshed(event);
            } catch (RuntimeException e) {
                LOG.warn("Token refresh listener {} failed for connection {}", listener.getClass().getName(),
                    connectionId, e);
            }
        }
    }

    private static void requireConnectionId(String connectionId) {
        Checks.notBlank(connectionId, "connectionId", "pass the id of the connection the tokens belong to");
    }

    @Override
    public String toString() {
        return "OAuth2TokenManager[refreshAhead=" + refreshAhead + ", store=" + store + "]";
    }

    private static final class Outcome {
        final OAuthTokens tokens;
        final boolean refreshed;
        final OAuthTokens previous;

        Outcome(OAuthTokens tokens, boolean refreshed, OAuthTokens previous) {
            this.tokens = tokens;
            this.refreshed = refreshed;
            this.previous = previous;
        }
    }

    private static final class Rejection {
        final OAuthTokens tokens;
        final String reason;

        Rejection(OAuthTokens tokens, String reason) {
            this.tokens = tokens;
            this.reason = reason;
        }
    }

    private static final class Unsaved {
        final Secret usedRefreshToken;
        final OAuthTokens tokens;

        Unsaved(Secret usedRefreshToken, OAuthTokens tokens) {
            this.usedRefreshToken = usedRefreshToken;
            this.tokens = tokens;
        }
    }

    /**
     * Configures an {@link OAuth2TokenManager}. Mutable and not thread-safe.
     */
    public static final class Builder {
        private TokenStore store;
        private TokenEndpoint endpoint;
        private Clock clock = Clock.systemUTC();
        private Duration refreshAhead = Duration.ofSeconds(60);
        private final List<TokenRefreshListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets where tokens are stored (required).
         *
         * @param tokenStore the store
         * @return this builder
         */
        public Builder tokenStore(TokenStore tokenStore) {
            this.store = Checks.notNull(tokenStore, "tokenStore", "pass new InMemoryTokenStore() or a durable store");
            return this;
        }

        /**
         * Sets how tokens are refreshed (required).
         *
         * @param tokenEndpoint the endpoint
         * @return this builder
         */
        public Builder tokenEndpoint(TokenEndpoint tokenEndpoint) {
            this.endpoint = Checks.notNull(tokenEndpoint, "tokenEndpoint", "pass an HttpTokenEndpoint");
            return this;
        }

        /**
         * Sets the clock expiry is judged by (default: {@link Clock#systemUTC()}).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Checks.notNull(value, "clock", "pass Clock.systemUTC() or a test clock");
            return this;
        }

        /**
         * Sets how long before expiry a token is refreshed (default 60 s; zero refreshes only expired tokens).
         *
         * @param value not negative, and well below the shortest token lifetime
         * @return this builder
         */
        public Builder refreshAhead(Duration value) {
            this.refreshAhead = Checks.notNegative(value, "refreshAhead", "use e.g. Duration.ofSeconds(60)");
            return this;
        }

        /**
         * Adds a listener notified after each successful refresh.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(TokenRefreshListener listener) {
            listeners.add(Checks.notNull(listener, "listener", "pass a TokenRefreshListener"));
            return this;
        }

        /**
         * Builds the manager.
         *
         * @return the manager
         * @throws NullPointerException naming the setting when the token store or endpoint is missing
         */
        public OAuth2TokenManager build() {
            return new OAuth2TokenManager(this);
        }
    }
}
