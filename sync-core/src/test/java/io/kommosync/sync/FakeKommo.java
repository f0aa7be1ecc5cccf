package io.kommosync.sync;

import io.kommosync.kommo.KommoException;
import io.kommosync.sync.kommo.DealContact;
import io.kommosync.sync.kommo.DealProduct;
import io.kommosync.sync.kommo.DealSnapshot;
import io.kommosync.sync.kommo.DealUpdate;
import io.kommosync.sync.kommo.KommoGateway;
import io.kommosync.sync.kommo.NewDeal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-test Kommo account for the engine's unit tests: deals in memory, every write recorded, failures scripted.
 * The end-to-end tests run the engine on the Kommo simulator instead.
 */
final class FakeKommo implements KommoGateway {

    record Task(long dealId, long responsibleUserId, String text, Instant completeTill) {
    }

    final Map<Long, DealSnapshot> deals = new HashMap<>();
    final List<DealUpdate> updates = new ArrayList<>();
    final List<Task> tasks = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<NewDeal> createdDeals = new ArrayList<>();
    final AtomicInteger dealReads = new AtomicInteger();
    private int failNextCalls;
    private final AtomicInteger nextDealId = new AtomicInteger(9000);

    static DealSnapshot deal(long id, long pipeline, long status, List<DealProduct> products) {
        return new DealSnapshot(id, "Deal " + id, new BigDecimal("100"), pipeline, status, 77,
                Instant.parse("2026-05-01T09:00:00Z"), Map.of(),
                Optional.of(new DealContact(500 + id, "Ann Buyer", Optional.of("Ann@Example.com"),
                        Optional.of("+44 20 0000"), Optional.of("Buyer Ltd"))), products);
    }

    static DealProduct product(long elementId, String name, String sku, String qty, String price) {
        return new DealProduct(elementId, 10, name, Optional.ofNullable(sku), new BigDecimal(qty),
                Optional.ofNullable(price).map(BigDecimal::new), Map.of());
    }

    synchronized void put(DealSnapshot deal) {
        deals.put(deal.dealId(), deal);
    }

    /** The next n calls fail with a retryable 503. */
    synchronized void failNext(int n) {
        failNextCalls = n;
    }

    private synchronized void maybeFail() {
        if (failNextCalls > 0) {
            failNextCalls--;
            throw new KommoException("HTTP 503 from Kommo") {
                @Override
                public boolean retryable() {
                    return true;
                }

                @Override
                public OptionalInt httpStatus() {
                    return OptionalInt.of(503);
                }
            };
        }
    }

    @Override
    public synchronized Optional<DealSnapshot> deal(long dealId) {
        maybeFail();
        dealReads.incrementAndGet();
        return Optional.ofNullable(deals.get(dealId));
    }

    @Override
    public synchronized void update(DealUpdate update) {
        maybeFail();
        updates.add(update);
    }

    @Override
    public synchronized void createTask(long dealId, long responsibleUserId, String text, Instant completeTill) {
        maybeFail();
        tasks.add(new Task(dealId, responsibleUserId, text, completeTill));
    }

    @Override
    public synchronized void addNote(long dealId, String text) {
        maybeFail();
        notes.add(dealId + ": " + text);
    }

    @Override
    public synchronized List<Long> dealsInStage(long pipelineId, long statusId, Instant since) {
        maybeFail();
        return deals.values().stream().filter(d -> d.pipelineId() == pipelineId && d.statusId() == statusId)
                .filter(d -> !d.updatedAt().isBefore(since)).map(DealSnapshot::dealId).sorted().toList();
    }

    @Override
    public synchronized long createDeal(NewDeal deal) {
        maybeFail();
        createdDeals.add(deal);
        return nextDealId.incrementAndGet();
    }

    @Override
    public synchronized boolean ensureWebhook(String destination, List<String> events) {
        maybeFail();
        return false;
    }
}
