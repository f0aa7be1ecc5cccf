package io.kommosync.examples.spring;

import io.kommosync.accounting.spi.Invoice;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.store.SyncJob;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine's events as the test sees them: {@link #awaitFor} blocks (bounded) until the engine has raised the
 * deal's invoice and written it back to the deal, and fails at once when the job is retried, parked or dead
 * instead. Registered as a bean; the application hands every {@link SyncListener} bean to the engine.
 */
final class RaisedInvoices implements SyncListener {

    private final ConcurrentMap<Long, CompletableFuture<Invoice>> byDeal = new ConcurrentHashMap<>();

    private CompletableFuture<Invoice> of(long dealId) {
        return byDeal.computeIfAbsent(dealId, id -> new CompletableFuture<>());
    }

    Invoice awaitFor(long dealId, Duration timeout) {
        try {
            return of(dealId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no invoice was raised for deal " + dealId + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError("the job for deal " + dealId + " did not succeed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for deal " + dealId, e);
        }
    }

    @Override
    public void invoiceRaised(String connectionId, long dealId, Invoice invoice) {
        of(dealId).complete(invoice);
    }

    @Override
    public void jobRetrying(SyncJob job, Throwable failure) {
        fail(job, "retrying after " + failure);
    }

    @Override
    public void jobParked(SyncJob job, String reason) {
        fail(job, "parked: " + reason);
    }

    @Override
    public void jobDead(SyncJob job, String reason) {
        fail(job, "dead: " + reason);
    }

    private void fail(SyncJob job, String what) {
        try {
            of(Long.parseLong(job.subjectId())).completeExceptionally(new IllegalStateException(job.id() + " " + what));
        } catch (NumberFormatException e) {
            // Not a deal's job (a ledger event's): nothing waits for it.
        }
    }
}
