package io.kommosync.sage.cloud;

import io.kommosync.accounting.tck.AccountingPortCompatibilityKit;
import io.kommosync.accounting.tck.LedgerFixture;
import org.junit.jupiter.api.DisplayName;

/** The compatibility kit on the stateful Sage Cloud simulator of the sandbox module. */
@DisplayName("Sage Cloud port on the Sage Cloud simulator")
class SageCloudSimulatorCompatibilityTest extends AccountingPortCompatibilityKit {

    @Override
    protected String expectedProviderId() {
        return SageCloudProvider.ID;
    }

    @Override
    protected LedgerFixture createFixture() {
        return new SageSimulatorFixture();
    }
}
