package io.kommosync.sage.intacct;

import io.kommosync.accounting.tck.AccountingPortCompatibilityKit;
import io.kommosync.accounting.tck.LedgerFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The compatibility kit over the REST API: on the Intacct simulator, and on WireMock in front of it. */
@DisplayName("Sage Intacct over the REST API")
class IntacctRestCompatibilityTest {

    @Nested
    @DisplayName("on the simulator")
    class OnTheSimulator extends AccountingPortCompatibilityKit {
        @Override
        protected String expectedProviderId() {
            return "sage-intacct";
        }

        @Override
        protected LedgerFixture createFixture() {
            return new IntacctSimulatorFixture(IntacctTransport.REST);
        }
    }

    @Nested
    @DisplayName("on WireMock")
    class OnWireMock extends AccountingPortCompatibilityKit {
        @Override
        protected String expectedProviderId() {
            return "sage-intacct";
        }

        @Override
        protected LedgerFixture createFixture() {
            return IntacctWireMockFixture.start(IntacctTransport.REST);
        }
    }
}
