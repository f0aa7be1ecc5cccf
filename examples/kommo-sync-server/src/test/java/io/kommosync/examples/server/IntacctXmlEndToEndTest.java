package io.kommosync.examples.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("End to end on the Kommo simulator and Sage Intacct's XML gateway (simulated)")
class IntacctXmlEndToEndTest extends EndToEndTest {

    @Override
    DemoLedgers.Kind ledgerKind() {
        return DemoLedgers.Kind.SAGE_INTACCT;
    }
}
