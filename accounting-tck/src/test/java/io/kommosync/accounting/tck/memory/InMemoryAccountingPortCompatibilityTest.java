package io.kommosync.accounting.tck.memory;

import io.kommosync.accounting.tck.AccountingPortCompatibilityKit;
import io.kommosync.accounting.tck.LedgerFixture;

/** The kit run against its own reference port: every scenario that applies to it passes. */
class InMemoryAccountingPortCompatibilityTest extends AccountingPortCompatibilityKit {

    @Override
    protected String expectedProviderId() {
        return InMemoryAccountingPortProvider.ID;
    }

    @Override
    protected LedgerFixture createFixture() {
        return new InMemoryLedgerFixture();
    }
}
