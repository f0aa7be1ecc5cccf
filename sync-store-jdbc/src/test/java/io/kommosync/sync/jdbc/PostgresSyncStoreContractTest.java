package io.kommosync.sync.jdbc;

import io.kommosync.sync.store.SyncStore;
import io.kommosync.sync.store.SyncStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcSyncStore on PostgreSQL honours the store contract")
class PostgresSyncStoreContractTest extends SyncStoreContract {

    private TestDatabase database;

    @Override
    protected SyncStore newStore() {
        database = TestDatabase.postgres();
        return database.open().syncStore();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
