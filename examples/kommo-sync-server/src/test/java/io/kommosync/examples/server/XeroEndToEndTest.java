package io.kommosync.examples.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("End to end on the Kommo simulator and Xero (simulated)")
class XeroEndToEndTest extends EndToEndTest {

    @Override
    DemoLedgers.Kind ledgerKind() {
        return DemoLedgers.Kind.XERO;
    }
}
