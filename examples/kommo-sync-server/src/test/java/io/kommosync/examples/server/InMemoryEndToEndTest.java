package io.kommosync.examples.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("End to end on the Kommo simulator and the in-memory reference ledger")
class InMemoryEndToEndTest extends EndToEndTest {

    @Override
    DemoLedgers.Kind ledgerKind() {
        return DemoLedgers.Kind.IN_MEMORY;
    }
}
