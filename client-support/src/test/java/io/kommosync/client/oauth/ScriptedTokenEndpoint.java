package io.kommosync.client.oauth;

import io.kommosync.client.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A token endpoint that counts calls, can be held at a gate (a latch, never a sleep), and answers
 * "{connection}-access-{n}" / "{connection}-refresh-{n}" or a scripted failure.
 */
final class ScriptedTokenEndpoint implements TokenEndpoint {

    static final Duration LIFETIME = Duration.ofHours(1);

    final AtomicInteger calls = new AtomicInteger();
    final Map<String, AtomicInteger> callsPerConnection = new ConcurrentHashMap<>();
    final List<Secret> refreshTokensUsed = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    private final Clock clock;
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private volatile Supplier<RuntimeException> failure;
    private volatile boolean rotateRefreshToken = true;

    ScriptedTokenEndpoint(Clock clock) {
        this.clock = clock;
    }

    /** Holds refreshes of {@code connectionId} until the returned latch is counted down. */
    CountDownLatch holdRefreshesOf(String connectionId) {
        CountDownLatch gate = new CountDownLatch(1);
        gates.put(connectionId, gate);
        return gate;
    }

    void failWith(Supplier<RuntimeException> next) {
        this.failure = next;
    }

    void keepRefreshToken() {
        this.rotateRefreshToken = false;
    }

    int callsFor(String connectionId) {
        AtomicInteger count = callsPerConnection.get(connectionId);
        return count == null ? 0 : count.get();
    }

    @Override
    public OAuthTokens refresh(String connectionId, Secret refreshToken) {
        int n = calls.incrementAndGet();
        int forConnection = callsPerConnection.computeIfAbsent(connectionId, id -> new AtomicInteger())
            .incrementAndGet();
        refreshTokensUsed.add(refreshToken);
        entered.countDown();
        CountDownLatch gate = gates.get(connectionId);
        if (gate != null) {
            try {
                if (!gate.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        Supplier<RuntimeException> failing = failure;
        if (failing != null) {
            throw failing.get();
        }
        return new OAuthTokens(
            Secret.of(connectionId + "-access-" + forConnection),
            rotateRefreshToken ? Optional.of(Secret.of(connectionId + "-refresh-" + forConnection)) : Optional.empty(),
            clock.instant().plus(LIFETIME),
            Optional.empty());
    }

    @Override
    public String toString() {
        return "ScriptedTokenEndpoint[calls=" + calls + "]";
    }
}
