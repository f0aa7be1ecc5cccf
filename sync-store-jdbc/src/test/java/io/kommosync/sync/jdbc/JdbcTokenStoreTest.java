package io.kommosync.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.client.Secret;
import io.kommosync.client.oauth.OAuth2TokenManager;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.ReauthorizationRequiredException;
import io.kommosync.client.oauth.TokenRefreshException;
import io.kommosync.client.oauth.TokenStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("JdbcTokenStore")
class JdbcTokenStoreTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final OAuthTokens EXPIRED = OAuthTokens.of(Secret.of("access-0"), Secret.of("refresh-0"),
            NOW.minusSeconds(60));

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("keeps tokens with and without a refresh token and expiries, replaces and deletes them")
    void roundTrip(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            JdbcTokenStore store = database.open().tokenStore();
            OAuthTokens full = new OAuthTokens(Secret.of("a1"), Optional.of(Secret.of("r1")), NOW.plusSeconds(300),
                    Optional.of(NOW.plus(Duration.ofDays(90))));
            OAuthTokens accessOnly = new OAuthTokens(Secret.of("long-lived"), Optional.empty(), NOW.plusSeconds(60),
                    Optional.empty());
            assertThat(store.load("c1")).isEmpty();
            store.save("c1", full);
            store.save("c2", accessOnly);
            assertThat(store.load("c1")).contains(full);
            assertThat(store.load("c2")).contains(accessOnly);
            store.save("c1", accessOnly);
            assertThat(store.load("c1")).contains(accessOnly);
            assertThat(store.delete("c1")).isTrue();
            assertThat(store.delete("c1")).isFalse();
            assertThat(store.load("c1")).isEmpty();
            assertThat(store.load("c2")).contains(accessOnly);
            assertThatThrownBy(() -> store.load(" ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("connectionId");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("two token managers on two connection pools refresh once: the second waits for the row lock"
            + " and uses the tokens the first one saved")
    void refreshIsSerialisedAcrossInstances(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            SyncDatabase first = database.open();
            SyncDatabase second = database.open();
            first.tokenStore().save("c1", EXPIRED);
            CountingTokenEndpoint endpoint = new CountingTokenEndpoint(NOW);
            CountDownLatch bothWantTheLock = new CountDownLatch(2);
            endpoint.holdUntil(bothWantTheLock);

            List<Outcome> outcomes = race(
                    manager(new Announcing(first.tokenStore(), bothWantTheLock, true), endpoint),
                    manager(new Announcing(second.tokenStore(), bothWantTheLock, true), endpoint));

            assertThat(endpoint.calls()).isEqualTo(1);
            assertThat(endpoint.presented()).containsExactly("refresh-0");
            assertThat(outcomes).extracting(Outcome::token).containsExactly(Secret.of("access-1"),
                    Secret.of("access-1"));
            assertThat(first.tokenStore().load("c1").orElseThrow().refreshToken()).contains(Secret.of("refresh-1"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("without the row lock the same race spends the single-use refresh token twice (so the test above"
            + " can fail)")
    void withoutTheLockTheRefreshTokenIsSpentTwice(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            SyncDatabase first = database.open();
            SyncDatabase second = database.open();
            first.tokenStore().save("c1", EXPIRED);
            CountingTokenEndpoint endpoint = new CountingTokenEndpoint(NOW);
            // Neither refresh may finish before both reached the endpoint, which only a lock would prevent.
            endpoint.holdUntilCalled(2);
            CountDownLatch unused = new CountDownLatch(2);

            List<Outcome> outcomes = race(
                    manager(new Announcing(first.tokenStore(), unused, false), endpoint),
                    manager(new Announcing(second.tokenStore(), unused, false), endpoint));

            assertThat(endpoint.calls()).isEqualTo(2);
            assertThat(endpoint.presented()).containsExactly("refresh-0", "refresh-0");
            assertThat(outcomes).extracting(Outcome::failure).hasAtLeastOneElementOfType(
                    ReauthorizationRequiredException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("a refresh waits at most the lock timeout while another instance holds the connection's lock,"
            + " and other connections are not blocked")
    void lockTimeout(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            SyncDatabase holder = database.open();
            SyncDatabase waiter = database.track(database.builder().refreshLockTimeout(Duration.ofMillis(300)).build());
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<String> holding = pool.submit(() -> holder.tokenStore().underRefreshLock("c1", () -> {
                    locked.countDown();
                    await(release);
                    return "held";
                }));
                assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
                assertThatThrownBy(() -> waiter.tokenStore().underRefreshLock("c1", () -> "never"))
                        .isInstanceOf(JdbcStoreException.class)
                        .hasMessageContaining("Could not take the token refresh lock of connection 'c1' within PT0.3S")
                        .hasMessageContaining("refreshLockTimeout");
                assertThat(waiter.tokenStore().underRefreshLock("c2", () -> "other connection")).isEqualTo(
                        "other connection");
                release.countDown();
                assertThat(holding.get(10, TimeUnit.SECONDS)).isEqualTo("held");
                assertThat(waiter.tokenStore().underRefreshLock("c1", () -> "now free")).isEqualTo("now free");
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("when the commit of a refresh fails the store throws and keeps nothing, and the manager saves the"
            + " refreshed tokens on its next call without spending the refresh token again")
    void commitFailure(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            SyncDatabase observer = database.open();
            FaultyDataSource faulty = new FaultyDataSource(database.raw());
            SyncDatabase db = database.track(SyncDatabase.builder().dataSource(faulty.dataSource()).build());
            CountingTokenEndpoint endpoint = new CountingTokenEndpoint(NOW);
            OAuth2TokenManager manager = manager(db.tokenStore(), endpoint);
            manager.seed("c1", EXPIRED);

            faulty.failNextCommit();
            assertThatThrownBy(() -> manager.accessToken("c1"))
                    .isInstanceOf(TokenRefreshException.class)
                    .cause().isInstanceOf(JdbcStoreException.class)
                    .hasMessageContaining("Could not commit the token refresh of connection 'c1'")
                    .hasRootCauseInstanceOf(SQLException.class);
            assertThat(faulty.commitFailurePending()).isFalse();
            assertThat(endpoint.calls()).isEqualTo(1);
            assertThat(observer.tokenStore().load("c1")).contains(EXPIRED);

            assertThat(manager.accessToken("c1")).isEqualTo(Secret.of("access-1"));
            assertThat(endpoint.calls()).isEqualTo(1);
            assertThat(observer.tokenStore().load("c1").orElseThrow().refreshToken()).contains(Secret.of("refresh-1"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("inside the lock, saves are committed with the lock's release and the lock is re-entrant")
    void savesCommitWithTheLock(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            JdbcTokenStore store = database.open().tokenStore();
            JdbcTokenStore elsewhere = database.open().tokenStore();
            store.save("c1", EXPIRED);
            OAuthTokens fresh = OAuthTokens.of(Secret.of("access-9"), Secret.of("refresh-9"), NOW.plusSeconds(600));
            String seenElsewhere = store.underRefreshLock("c1", () -> {
                store.save("c1", fresh);
                assertThat(store.load("c1")).contains(fresh);
                assertThat(store.underRefreshLock("c1", () -> store.load("c1"))).contains(fresh);
                return elsewhere.load("c1").orElseThrow().accessToken().reveal();
            });
            assertThat(seenElsewhere).isEqualTo("access-0");
            assertThat(elsewhere.load("c1")).contains(fresh);
            assertThatThrownBy(() -> store.underRefreshLock("c1", () -> {
                store.save("c1", EXPIRED);
                throw new IllegalStateException("the action failed");
            })).hasMessage("the action failed");
            assertThat(elsewhere.load("c1")).contains(fresh);
        }
    }

    private static OAuth2TokenManager manager(TokenStore store, CountingTokenEndpoint endpoint) {
        return OAuth2TokenManager.builder().tokenStore(store).tokenEndpoint(endpoint)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    /** Runs {@code accessToken("c1")} on both managers at once and returns their outcomes. */
    private static List<Outcome> race(OAuth2TokenManager a, OAuth2TokenManager b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Secret>> futures = List.of(pool.submit(() -> a.accessToken("c1")),
                    pool.submit(() -> b.accessToken("c1")));
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Secret> f : futures) {
                try {
                    outcomes.add(new Outcome(f.get(20, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome(null, e.getCause()));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Outcome(Secret token, Throwable failure) {
    }

    /**
     * Delegates to a store and counts down a latch when a refresh asks for the lock, so the test knows both
     * instances are racing. With {@code locking == false} it skips the store's lock, as a store without one would.
     */
    private static final class Announcing implements TokenStore {
        private final TokenStore delegate;
        private final CountDownLatch wantsLock;
        private final boolean locking;

        Announcing(TokenStore delegate, CountDownLatch wantsLock, boolean locking) {
            this.delegate = delegate;
            this.wantsLock = wantsLock;
            this.locking = locking;
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
            wantsLock.countDown();
            return locking ? delegate.underRefreshLock(connectionId, action) : action.get();
        }
    }
}
