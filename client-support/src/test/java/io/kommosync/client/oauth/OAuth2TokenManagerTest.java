package io.kommosync.client.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.client.Secret;
import io.kommosync.client.testing.Concurrently;
import io.kommosync.client.testing.Concurrently.Outcome;
import io.kommosync.client.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
@DisplayName("OAuth2 token manager")
class OAuth2TokenManagerTest {

    private static final String KOMMO = "kommo-acme";
    private static final String XERO = "xero-acme";

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private final ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint(clock);
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    private OAuth2TokenManager manager(TokenStore tokenStore) {
        return OAuth2TokenManager.builder().tokenStore(tokenStore).tokenEndpoint(endpoint).clock(clock).build();
    }

    private OAuthTokens tokens(String connectionId, Duration validFor) {
        return OAuthTokens.of(Secret.of(connectionId + "-access-0"), Secret.of(connectionId + "-refresh-0"),
            clock.instant().plus(validFor));
    }

    private static Secret secret(String value) {
        return Secret.of(value);
    }

    @Nested
    @DisplayName("single flight")
    class SingleFlight {

        @Test
        @DisplayName("50 threads asking during expiry cause exactly one refresh and all get the new token")
        void fiftyCallersOneRefresh() throws Exception {
            // A store without a refresh lock: one process must not need one.
            OAuth2TokenManager manager = manager(new ForwardingStore(store) {
                @Override
                public <T> T underRefreshLock(String connectionId, Supplier<T> action) {
                    return action.get();
                }
            });
            manager.seed(KOMMO, tokens(KOMMO, Duration.ofMinutes(5)));
            clock.advance(Duration.ofMinutes(5));
            CountDownLatch gate = endpoint.holdRefreshesOf(KOMMO);

            try (Concurrently<Secret> callers = Concurrently.start(50, () -> manager.accessToken(KOMMO))) {
                callers.awaitCalling();
                assertThat(endpoint.entered.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(callers.finishedCount()).isZero();
                gate.countDown();

                assertThat(callers.results()).hasSize(50).containsOnly(secret(KOMMO + "-access-1"));
            }
            assertThat(endpoint.calls).hasValue(1);
            assertThat(endpoint.refreshTokensUsed).containsExactly(secret(KOMMO + "-refresh-0"));
            assertThat(store.load(KOMMO).orElseThrow().refreshToken()).contains(secret(KOMMO + "-refresh-1"));
        }

        @Test
        @DisplayName("a slow refresh of one connection does not block another connection")
        void connectionsAreIndependent() throws Exception {
            OAuth2TokenManager manager = manager(store);
            manager.seed(KOMMO, tokens(KOMMO, Duration.ZERO));
            manager.seed(XERO, tokens(XERO, Duration.ZERO));
            CountDownLatch kommoGate = endpoint.holdRefreshesOf(KOMMO);

            try (Concurrently<Secret> kommoCaller = Concurrently.start(1, () -> manager.accessToken(KOMMO))) {
                assertThat(endpoint.entered.await(5, TimeUnit.SECONDS)).isTrue();

                assertThat(manager.accessToken(XERO)).isEqualTo(secret(XERO + "-access-1"));
                assertThat(kommoCaller.finishedCount()).isZero();

                kommoGate.countDown();
                assertThat(kommoCaller.results()).containsExactly(secret(KOMMO + "-access-1"));
            }
            assertThat(endpoint.callsFor(KOMMO)).isEqualTo(1);
            assertThat(endpoint.callsFor(XERO)).isEqualTo(1);
        }

        @Test
        @DisplayName("two managers sharing one store (two instances) refresh once: the second reloads inside the lock")
        void twoInstancesShareOneRefresh() throws Exception {
            OAuth2TokenManager first = manager(store);
            OAuth2TokenManager second = manager(store);
            first.seed(KOMMO, tokens(KOMMO, Duration.ofMinutes(2)));
            assertThat(second.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-0"));
            clock.advance(Duration.ofMinutes(2));
            CountDownLatch gate = endpoint.holdRefreshesOf(KOMMO);

            AtomicInteger turn = new AtomicInteger();
            try (Concurrently<Secret> callers = Concurrently.start(20,
                () -> (turn.getAndIncrement() % 2 == 0 ? first : second).accessToken(KOMMO))) {
                callers.awaitCalling();
                assertThat(endpoint.entered.await(5, TimeUnit.SECONDS)).isTrue();
                gate.countDown();

                assertThat(callers.results()).containsOnly(secret(KOMMO + "-access-1"));
            }
            assertThat(endpoint.calls).hasValue(1);
        }

        @Test
        @DisplayName("a transient failure is shared by the waiting callers; the next call tries again")
        void transientFailureIsSharedThenRetried() throws Exception {
            OAuth2TokenManager manager = manager(store);
            manager.seed(KOMMO, tokens(KOMMO, Duration.ZERO));
            CountDownLatch gate = endpoint.holdRefreshesOf(KOMMO);
            endpoint.failWith(() -> new TokenRefreshException("token endpoint answered 503", true, 503, null, null));

            try (Concurrently<Secret> callers = Concurrently.start(20, () -> manager.accessToken(KOMMO))) {
                callers.awaitCalling();
                assertThat(endpoint.entered.await(5, TimeUnit.SECONDS)).isTrue();
                gate.countDown();

                for (Outcome<Secret> outcome : callers.outcomes()) {
                    assertThat(outcome.error()).isInstanceOfSatisfying(TokenRefreshException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.httpStatus()).hasValue(503);
                    });
                }
            }
            int callsAfterFailure = endpoint.calls.get();
            assertThat(callsAfterFailure).isBetween(1, 20);

            endpoint.failWith(null);
            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-" + (callsAfterFailure + 1)));
        }
    }

    @Nested
    @DisplayName("expiry")
    class Expiry {

        @Test
        @DisplayName("a token far from expiry is used as is; within refreshAhead it is refreshed")
        void refreshAhead() {
            OAuth2TokenManager manager = manager(store);
            manager.seed(KOMMO, tokens(KOMMO, Duration.ofMinutes(10)));

            clock.advance(Duration.ofMinutes(8));
            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-0"));
            clock.advance(Duration.ofSeconds(59));
            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-0"));
            assertThat(endpoint.calls).hasValue(0);

            // Exactly refreshAhead (60 s) before expiry.
            clock.advance(Duration.ofSeconds(1));
            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-1"));
            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-1"));
            assertThat(endpoint.calls).hasValue(1);
        }

        @Test
        @DisplayName("refreshAhead is configurable")
        void configurableRefreshAhead() {
            OAuth2TokenManager manager = OAuth2TokenManager.builder().tokenStore(store).tokenEndpoint(endpoint)
                .clock(clock).refreshAhead(Duration.ofMinutes(2)).build();
            manager.seed(KOMMO, tokens(KOMMO, Duration.ofMinutes(3)));

            clock.advance(Duration.ofSeconds(61));

            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-1"));
        }

        @Test
        @DisplayName("when a refresh ahead of expiry fails transiently, the still-valid token is used")
        void refreshAheadFailureFallsBackToTheValidToken() {
            OAuth2TokenManager manager = manager(store);
            manager.seed(KOMMO, tokens(KOMMO, Duration.ofSeconds(30)));
            endpoint.failWith(() -> new TokenRefreshException("connection reset", true, null));

            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-0"));

            clock.advance(Duration.ofSeconds(30));
            assertThatThrownBy(() -> manager.accessToken(KOMMO)).isInstanceOf(TokenRefreshException.class);
        }

        @Test
        @DisplayName("tokens put into the store directly are picked up without a refresh")
        void readsTheStoreOnFirstUse() {
            store.save(KOMMO, tokens(KOMMO, Duration.ofHours(1)));

            assertThat(manager(store).accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-0"));
            assertThat(endpoint.calls).hasValue(0);
        }
    }

    @Nested
    @DisplayName("persist, then use")
    class PersistThenUse {

        @Test
        @DisplayName("every caller finds the rotated refresh token in the store before it receives the new access token")
        void savedBeforeHandedOut() throws Exception {
            CountDownLatch saveEntered = new CountDownLatch(1);
            CountDownLatch saveGate = new CountDownLatch(1);
            AtomicBoolean holdSaves = new AtomicBoolean(false);
            TokenStore slowStore = new ForwardingStore(store) {
                @Override
                public void save(String connectionId, OAuthTokens tokens) {
                    if (holdSaves.get()) {
                        saveEntered.countDown();
                        await(saveGate);
                    }
                    super.save(connectionId, tokens);
                }
            };
            OAuth2TokenManager manager = manager(slowStore);
            manager.seed(KOMMO, tokens(KOMMO, Duration.ZERO));
            holdSaves.set(true);

            try (Concurrently<Boolean> callers = Concurrently.start(20, () -> {
                Secret received = manager.accessToken(KOMMO);
                OAuthTokens stored = store.load(KOMMO).orElseThrow();
                return received.equals(secret(KOMMO + "-access-1"))
                    && stored.accessToken().equals(received)
                    && stored.refreshToken().equals(Optional.of(secret(KOMMO + "-refresh-1")));
            })) {
                assertThat(saveEntered.await(5, TimeUnit.SECONDS)).isTrue();
                // The endpoint has answered, the save is in progress: nobody may have the new token yet.
                assertThat(callers.finishedCount()).isZero();
                saveGate.countDown();

                assertThat(callers.results()).hasSize(20).containsOnly(true);
            }
        }

        @Test
        @DisplayName("when the store fails to save, the caller gets an error and never the new access token;"
            + " the next call saves the kept tokens without calling the endpoint again")
        void failedSave() {
            AtomicBoolean failSaves = new AtomicBoolean(false);
            TokenStore flakyStore = new ForwardingStore(store) {
                @Override
                public void save(String connectionId, OAuthTokens tokens) {
                    if (failSaves.get()) {
                        throw new IllegalStateException("database is down");
                    }
                    super.save(connectionId, tokens);
                }
            };
            List<TokenRefreshed> events = new CopyOnWriteArrayList<>();
            OAuth2TokenManager manager = OAuth2TokenManager.builder().tokenStore(flakyStore).tokenEndpoint(endpoint)
                .clock(clock).listener(events::add).build();
            manager.seed(KOMMO, tokens(KOMMO, Duration.ZERO));
            failSaves.set(true);

            assertThatThrownBy(() -> manager.accessToken(KOMMO))
                .isInstanceOfSatisfying(TokenRefreshException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e).hasMessageContaining("save").hasRootCauseMessage("database is down");
                    assertThat(e.getMessage()).doesNotContain("access-1").doesNotContain("refresh-1");
                });
            assertThatThrownBy(() -> manager.accessToken(KOMMO)).isInstanceOf(TokenRefreshException.class);
            assertThat(store.load(KOMMO).orElseThrow().accessToken()).isEqualTo(secret(KOMMO + "-access-0"));
            assertThat(events).isEmpty();

            failSaves.set(false);
            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-1"));
            assertThat(endpoint.calls).hasValue(1);
            assertThat(store.load(KOMMO).orElseThrow().refreshToken()).contains(secret(KOMMO + "-refresh-1"));
            assertThat(events).hasSize(1);
        }

        @Test
        @DisplayName("an answer without a refresh token keeps the old refresh token and its expiry")
        void keepsTheOldRefreshToken() {
            OAuth2TokenManager manager = manager(store);
            Instant refreshExpiry = clock.instant().plus(Duration.ofDays(31));
            manager.seed(KOMMO, new OAuthTokens(secret("a0"), Optional.of(secret("r0")), clock.instant(),
                Optional.of(refreshExpiry)));
            endpoint.keepRefreshToken();

            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-1"));

            OAuthTokens stored = store.load(KOMMO).orElseThrow();
            assertThat(stored.refreshToken()).contains(secret("r0"));
            assertThat(stored.refreshTokenExpiresAt()).contains(refreshExpiry);
        }

        @Test
        @DisplayName("listeners hear about a refresh after the save, without secrets; a failing listener is ignored")
        void listeners() {
            List<String> seen = new CopyOnWriteArrayList<>();
            OAuth2TokenManager manager = OAuth2TokenManager.builder().tokenStore(store).tokenEndpoint(endpoint)
                .clock(clock)
                .listener(event -> {
                    throw new IllegalStateException("broken listener");
                })
                .listener(event -> seen.add(event + " stored=" + store.load(event.connectionId()).orElseThrow()
                    .refreshToken().equals(Optional.of(secret(KOMMO + "-refresh-1")))))
                .build();
            manager.seed(KOMMO, tokens(KOMMO, Duration.ZERO));

            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-1"));

            assertThat(seen).singleElement().satisfies(text -> {
                assertThat(text).contains("connectionId=" + KOMMO).contains("refreshTokenRotated=true")
                    .endsWith("stored=true").doesNotContain("access-1").doesNotContain("refresh-1");
            });
        }
    }

    @Nested
    @DisplayName("lost grant")
    class LostGrant {

        @Test
        @DisplayName("invalid_grant reaches all 50 waiting callers as a typed error after one endpoint call,"
            + " then later calls fail fast until new tokens are seeded")
        void invalidGrant() throws Exception {
            OAuth2TokenManager manager = manager(store);
            manager.seed(KOMMO, tokens(KOMMO, Duration.ZERO));
            CountDownLatch gate = endpoint.holdRefreshesOf(KOMMO);
            endpoint.failWith(() -> new ReauthorizationRequiredException(KOMMO, "invalid_grant"));

            try (Concurrently<Secret> callers = Concurrently.start(50, () -> manager.accessToken(KOMMO))) {
                callers.awaitCalling();
                assertThat(endpoint.entered.await(5, TimeUnit.SECONDS)).isTrue();
                gate.countDown();

                for (Outcome<Secret> outcome : callers.outcomes()) {
                    assertThat(outcome.error()).isInstanceOfSatisfying(ReauthorizationRequiredException.class,
                        e -> assertThat(e.connectionId()).isEqualTo(KOMMO));
                }
            }
            assertThat(endpoint.calls).hasValue(1);
            assertThat(manager.needsReauthorization(KOMMO)).isTrue();

            clock.advance(Duration.ofHours(1));
            assertThatThrownBy(() -> manager.accessToken(KOMMO))
                .isInstanceOf(ReauthorizationRequiredException.class).hasMessageContaining("invalid_grant");
            assertThatThrownBy(() -> manager.refreshAfterUnauthorized(KOMMO, secret(KOMMO + "-access-0")))
                .isInstanceOf(ReauthorizationRequiredException.class);
            assertThat(endpoint.calls).hasValue(1);

            endpoint.failWith(null);
            manager.seed(KOMMO, OAuthTokens.of(secret("fresh-access"), secret("fresh-refresh"),
                clock.instant().plus(Duration.ofHours(1))));
            assertThat(manager.needsReauthorization(KOMMO)).isFalse();
            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret("fresh-access"));
        }

        @Test
        @DisplayName("new tokens stored by another instance end the fail-fast state")
        void reauthorisedElsewhere() {
            OAuth2TokenManager manager = manager(store);
            manager.seed(KOMMO, tokens(KOMMO, Duration.ZERO));
            endpoint.failWith(() -> new ReauthorizationRequiredException(KOMMO, "invalid_grant"));
            assertThatThrownBy(() -> manager.accessToken(KOMMO)).isInstanceOf(ReauthorizationRequiredException.class);

            manager(store).seed(KOMMO, OAuthTokens.of(secret("other-access"), secret("other-refresh"),
                clock.instant().plus(Duration.ofHours(1))));

            assertThat(manager.accessToken(KOMMO)).isEqualTo(secret("other-access"));
            assertThat(endpoint.calls).hasValue(1);
        }

        @Test
        @DisplayName("no stored tokens: a typed error naming the connection and the fix, no endpoint call")
        void missingTokens() {
            OAuth2TokenManager manager = manager(store);

            assertThatThrownBy(() -> manager.accessToken("sage-unknown"))
                .isInstanceOfSatisfying(ReauthorizationRequiredException.class,
                    e -> assertThat(e.connectionId()).isEqualTo("sage-unknown"))
                .hasMessageContaining("'sage-unknown'")
                .hasMessageContaining("no OAuth tokens are stored")
                .hasMessageContaining("seed(");
            assertThat(endpoint.calls).hasValue(0);
        }

        @Test
        @DisplayName("an expired token without a refresh token, or an expired refresh token, needs re-authorisation")
        void nothingToRefreshWith() {
            OAuth2TokenManager manager = manager(store);
            manager.seed(KOMMO, new OAuthTokens(secret("a"), Optional.empty(), clock.instant(), Optional.empty()));
            manager.seed(XERO, new OAuthTokens(secret("b"), Optional.of(secret("r")), clock.instant(),
                Optional.of(clock.instant())));

            assertThatThrownBy(() -> manager.accessToken(KOMMO))
                .isInstanceOf(ReauthorizationRequiredException.class).hasMessageContaining("no refresh token");
            assertThatThrownBy(() -> manager.accessToken(XERO))
                .isInstanceOf(ReauthorizationRequiredException.class).hasMessageContaining("refresh token expired");
            assertThat(endpoint.calls).hasValue(0);
        }
    }

    @Nested
    @DisplayName("after a 401")
    class AfterUnauthorized {

        @Test
        @DisplayName("10 threads rejected with the same token cause one refresh; a late 401 for it causes none")
        void oneRefreshForManyRejections() throws Exception {
            OAuth2TokenManager manager = manager(store);
            manager.seed(KOMMO, tokens(KOMMO, Duration.ofHours(1)));
            Secret rejected = secret(KOMMO + "-access-0");
            CountDownLatch gate = endpoint.holdRefreshesOf(KOMMO);

            try (Concurrently<Secret> callers = Concurrently.start(10,
                () -> manager.refreshAfterUnauthorized(KOMMO, rejected))) {
                callers.awaitCalling();
                assertThat(endpoint.entered.await(5, TimeUnit.SECONDS)).isTrue();
                gate.countDown();

                assertThat(callers.results()).containsOnly(secret(KOMMO + "-access-1"));
            }
            assertThat(endpoint.calls).hasValue(1);

            assertThat(manager.refreshAfterUnauthorized(KOMMO, rejected)).isEqualTo(secret(KOMMO + "-access-1"));
            assertThat(manager.forConnection(KOMMO).refreshAfterUnauthorized(rejected))
                .contains(secret(KOMMO + "-access-1"));
            assertThat(endpoint.calls).hasValue(1);
        }

        @Test
        @DisplayName("a 401 seen by another instance's token is resolved from the store without a refresh")
        void otherInstanceAlreadyRefreshed() {
            OAuth2TokenManager first = manager(store);
            OAuth2TokenManager second = manager(store);
            first.seed(KOMMO, tokens(KOMMO, Duration.ofHours(1)));
            assertThat(second.accessToken(KOMMO)).isEqualTo(secret(KOMMO + "-access-0"));

            Secret fresh = first.refreshAfterUnauthorized(KOMMO, secret(KOMMO + "-access-0"));
            Secret seenBySecond = second.refreshAfterUnauthorized(KOMMO, secret(KOMMO + "-access-0"));

            assertThat(seenBySecond).isEqualTo(fresh).isEqualTo(secret(KOMMO + "-access-1"));
            assertThat(endpoint.calls).hasValue(1);
        }

        @Test
        @DisplayName("the provider for one connection hands out and refreshes that connection's token")
        void provider() {
            OAuth2TokenManager manager = manager(store);
            manager.seed(KOMMO, tokens(KOMMO, Duration.ofHours(1)));
            AccessTokenProvider provider = manager.forConnection(KOMMO);

            assertThat(provider.accessToken()).isEqualTo(secret(KOMMO + "-access-0"));
            assertThat(provider.refreshAfterUnauthorized(provider.accessToken())).contains(secret(KOMMO + "-access-1"));
            assertThat(provider.accessToken()).isEqualTo(secret(KOMMO + "-access-1"));
            assertThat(provider.toString()).contains(KOMMO).doesNotContain("access");
            assertThat(AccessTokenProvider.fixed(secret("long-lived")).refreshAfterUnauthorized(secret("long-lived")))
                .isEmpty();
        }
    }

    @Test
    @DisplayName("the builder names a missing store or endpoint")
    void builderValidation() {
        assertThatThrownBy(() -> OAuth2TokenManager.builder().tokenEndpoint(endpoint).build())
            .isInstanceOf(NullPointerException.class).hasMessageContaining("tokenStore");
        assertThatThrownBy(() -> OAuth2TokenManager.builder().tokenStore(store).build())
            .isInstanceOf(NullPointerException.class).hasMessageContaining("tokenEndpoint");
        assertThatThrownBy(() -> OAuth2TokenManager.builder().refreshAhead(Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshAhead");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Delegates to a real store; tests override one method to inject slowness or failure. */
    static class ForwardingStore implements TokenStore {
        private final TokenStore delegate;

        ForwardingStore(TokenStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<OAuthTokens> load(String connectionId) {
            return delegate.load(connectionId);
        }

        @Override
        public void save(String connectionId, OAuthTokens tokens) {
            delegate.save(connectionId, tokens);
        }

        @Override
        public <T> T underRefreshLock(String connectionId, Supplier<T> action) {
            return delegate.underRefreshLock(connectionId, action);
        }
    }
}
