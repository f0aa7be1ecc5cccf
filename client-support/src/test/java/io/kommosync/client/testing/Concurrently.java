package io.kommosync.client.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one task on N real threads released together by a barrier; every wait is bounded so a test cannot hang.
 *
 * @param <T> task result
 */
public final class Concurrently<T> implements AutoCloseable {

    /** What one thread ended with. */
    public record Outcome<T>(T value, Throwable error) {
    }

    private final ExecutorService pool;
    private final List<Future<T>> futures = new ArrayList<>();
    private final CountDownLatch calling;

    private Concurrently(int threads, Callable<T> task) {
        this.pool = Executors.newFixedThreadPool(threads);
        this.calling = new CountDownLatch(threads);
        CyclicBarrier barrier = new CyclicBarrier(threads);
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                barrier.await(10, TimeUnit.SECONDS);
                calling.countDown();
                return task.call();
            }));
        }
    }

    public static <T> Concurrently<T> start(int threads, Callable<T> task) {
        return new Concurrently<>(threads, task);
    }

    /** Waits until every thread has passed the barrier and is about to call the task. */
    public void awaitCalling() throws InterruptedException {
        if (!calling.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("threads did not start in time");
        }
    }

    public long finishedCount() {
        return futures.stream().filter(Future::isDone).count();
    }

    /** Waits for every thread and returns what each ended with. */
    public List<Outcome<T>> outcomes() throws InterruptedException {
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Future<T> future : futures) {
            try {
                outcomes.add(new Outcome<>(future.get(15, TimeUnit.SECONDS), null));
            } catch (ExecutionException e) {
                outcomes.add(new Outcome<>(null, e.getCause()));
            } catch (TimeoutException e) {
                throw new AssertionError("a thread did not finish in time", e);
            }
        }
        return outcomes;
    }

    /** Waits for every thread and returns the results, failing if any thread threw. */
    public List<T> results() throws InterruptedException {
        List<T> results = new ArrayList<>();
        for (Outcome<T> outcome : outcomes()) {
            if (outcome.error() != null) {
                throw new AssertionError("a thread failed", outcome.error());
            }
            results.add(outcome.value());
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
