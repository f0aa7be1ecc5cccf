package io.kommosync.xero;

import io.kommosync.accounting.tck.AccountingPortCompatibilityKit;
import io.kommosync.accounting.tck.LedgerFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The Xero port passes the whole compatibility kit twice: on the stateful Xero simulator, and on WireMock stubs. Both
 * fixtures fail a test when any request of it breaks Xero's OpenAPI document.
 */
@DisplayName("The Xero port passes the compatibility kit")
class XeroCompatibilityTest {

    @Nested
    @DisplayName("on the Xero simulator")
    class OnTheSimulator extends AccountingPortCompatibilityKit {
        @Override
        protected String expectedProviderId() {
            return "xero";
        }

        @Override
        protected LedgerFixture createFixture() {
            return new XeroSimulatorFixture();
        }
    }

    @Nested
    @DisplayName("on WireMock stubs")
    class OnWireMock extends AccountingPortCompatibilityKit {
        @Override
        protected String expectedProviderId() {
            return "xero";
        }

        @Override
        protected LedgerFixture createFixture() {
            return new XeroWireMockFixture();
        }
    }
}
