package io.kommosync.sandbox.kommo;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of one simulator, unique across its accounts (as Kommo's are global), each kind from its own range so an id
 * of the wrong kind is never found by accident.
 */
final class IdSequence {

    enum Kind {
        ACCOUNT(31_000_000), USER(8_100_000), PIPELINE(7_200_000), STAGE(62_000_000), LEAD(19_000_000),
        CONTACT(24_000_000), COMPANY(26_000_000), CATALOG(9_000), ELEMENT(1_120_000), FIELD(700_000),
        ENUM(480_000), TASK(41_000_000), NOTE(52_000_000), WEBHOOK(3_000), DELIVERY(0);

        final long start;

        Kind(long start) {
            this.start = start;
        }
    }

    private final Map<Kind, AtomicLong> counters = new EnumMap<>(Kind.class);

    IdSequence() {
        for (Kind kind : Kind.values()) {
            counters.put(kind, new AtomicLong(kind.start));
        }
    }

    long next(Kind kind) {
        return counters.get(kind).incrementAndGet();
    }
}
