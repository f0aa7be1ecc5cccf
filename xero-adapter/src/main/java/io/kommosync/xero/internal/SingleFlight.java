package io.kommosync.xero.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs one call per key at a time in this process: a thread asking while another runs the same key waits for and
 * shares its result (or its exception). Keeps two threads sending the same idempotent write at once from racing to
 * Xero. Thread-safe.
 *
 * @param <V> the result type
 */
public final class SingleFlight<V> {

    private final ConcurrentMap<String, CompletableFuture<V>> flights = new ConcurrentHashMap<>();

    /**
     * Runs the call, or joins the one running for the key.
     *
     * @param key  the key
     * @param call the call
     * @return the result
     * @throws RuntimeException what the call threw (the same instance for every waiter)
     */
    public V run(String key, Supplier<V> call) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            V value = call.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    private static <V> V join(CompletableFuture<V> flight) {
        try {
            return flight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the same write on another thread", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
