package io.kommosync.sync.jdbc;

import io.kommosync.client.Secret;
import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.ReauthorizationRequiredException;
import io.kommosync.client.oauth.TokenEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint that behaves like Kommo's and Sage's: each refresh token works once and is exchanged for
 * {@code access-n} / {@code refresh-n}; a spent one gets {@code invalid_grant}. It counts calls, records every
 * refresh token presented, and can hold each call at a gate (a latch with a timeout, never a sleep).
 */
final class CountingTokenEndpoint implements TokenEndpoint {

    private final Instant now;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> presented = new CopyOnWriteArrayList<>();
    private final Set<String> spent = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean entriesOpenTheGate;

    CountingTokenEndpoint(Instant now) {
        this.now = now;
    }

    /** Makes every call wait until {@code latch} opens (at most 10 s). */
    void holdUntil(CountDownLatch latch) {
        this.gate = latch;
    }

    /** Makes every call wait until the endpoint was called {@code calls} times (at most 10 s). */
    void holdUntilCalled(int calls) {
        this.gate = new CountDownLatch(calls);
        this.entriesOpenTheGate = true;
    }

    int calls() {
        return calls.get();
    }

    List<String> presented() {
        return presented;
    }

    @Override
    public OAuthTokens refresh(String connectionId, Secret refreshToken) {
        int n = calls.incrementAndGet();
        presented.add(refreshToken.reveal());
        if (entriesOpenTheGate) {
            gate.countDown();
        }
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the endpoint's gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!spent.add(refreshToken.reveal())) {
            throw new ReauthorizationRequiredException(connectionId, "invalid_grant: refresh token already used");
        }
        return OAuthTokens.of(Secret.of("access-" + n), Secret.of("refresh-" + n), now.plus(Duration.ofHours(1)));
    }
}
