package io.kommosync.sage.cloud;

import io.kommosync.accounting.tck.AccountingPortCompatibilityKit;
import io.kommosync.accounting.tck.LedgerFixture;
import org.junit.jupiter.api.DisplayName;

/**
 * The compatibility kit on WireMock stubs ({@code wiremock/sage-cloud}); after each scenario the fixture fails the test
 * if a request matched no stub or breaks Sage's published specification. {@link SageCloudSimulatorCompatibilityTest}
 * runs the same kit on the sandbox's simulator.
 */
@DisplayName("Sage Cloud port on WireMock stubs")
class SageCloudCompatibilityTest extends AccountingPortCompatibilityKit {

    @Override
    protected String expectedProviderId() {
        return SageCloudProvider.ID;
    }

    @Override
    protected LedgerFixture createFixture() {
        return new SageWireMockFixture();
    }
}
