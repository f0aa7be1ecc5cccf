package io.kommosync.sync.jdbc;

import io.kommosync.sync.store.SyncStore;
import io.kommosync.sync.store.SyncStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("JdbcSyncStore on an H2 file honours the store contract")
class H2FileSyncStoreContractTest extends SyncStoreContract {

    @TempDir
    Path tempDir;

    private TestDatabase database;

    @Override
    protected SyncStore newStore() {
        database = TestDatabase.h2(tempDir);
        return database.open().syncStore();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
