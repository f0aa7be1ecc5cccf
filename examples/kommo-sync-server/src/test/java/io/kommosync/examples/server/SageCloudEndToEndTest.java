package io.kommosync.examples.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("End to end on the Kommo simulator and Sage Business Cloud Accounting (simulated)")
class SageCloudEndToEndTest extends EndToEndTest {

    @Override
    DemoLedgers.Kind ledgerKind() {
        return DemoLedgers.Kind.SAGE_CLOUD;
    }
}
