package io.kommosync.sync.store;

import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemorySyncStore honours the store contract")
class InMemorySyncStoreTest extends SyncStoreContract {

    @Override
    protected SyncStore newStore() {
        return new InMemorySyncStore();
    }
}
