package io.kommosync.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kommosync.client.Secret;
import io.kommosync.sync.store.JobKind;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.NewJob;
import io.kommosync.sync.store.SyncJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SyncDatabase")
class SyncDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path tempDir;

    @Test
    @DisplayName("an H2 file is created with its directory and keeps its state when closed and opened again")
    void h2FileIsDurable() {
        Path file = tempDir.resolve("data/nested/kommo-sync");
        SyncJob job;
        try (SyncDatabase db = SyncDatabase.builder().h2File(file).build()) {
            job = db.syncStore().enqueue(new NewJob("c1", JobKind.RAISE_INVOICE, "42", "d1", Map.of("k", "v"), T0),
                    T0).job();
            db.syncStore().claimDue(T0, 1, "w", Duration.ofMinutes(2));
            db.syncStore().saveCheckpoint(job.id(), "invoice", "INV-1");
            assertThat(db.databaseKind()).isEqualTo("H2");
        }
        assertThat(Files.exists(tempDir.resolve("data/nested/kommo-sync.mv.db"))).isTrue();
        try (SyncDatabase db = SyncDatabase.builder().h2File(tempDir.resolve("data/nested/kommo-sync.mv.db"))
                .build()) {
            SyncJob reopened = db.syncStore().job(job.id()).orElseThrow();
            assertThat(reopened.state()).isEqualTo(JobState.RUNNING);
            assertThat(reopened.payload()).isEqualTo(Map.of("k", "v"));
            assertThat(db.syncStore().checkpoints(job.id())).containsEntry("invoice", "INV-1");
        }
    }

    @Test
    @DisplayName("a shared H2 file (automatic mixed mode) is read by a second opening while the first holds it")
    void sharedH2File() {
        Path file = tempDir.resolve("shared/kommo-sync");
        try (SyncDatabase first = SyncDatabase.builder().h2FileShared(file).build();
             SyncDatabase second = SyncDatabase.builder().h2FileShared(file).migrateOnStart(false).build()) {
            SyncJob job = first.syncStore().enqueue(new NewJob("c1", JobKind.RAISE_INVOICE, "42", "d1", Map.of(), T0),
                    T0).job();

            assertThat(second.syncStore().job(job.id())).isPresent();
            assertThat(Files.exists(tempDir.resolve("shared/kommo-sync.lock.db"))).as("the server lock file").isTrue();
        }
    }

    @Test
    @DisplayName("build refuses zero or several database choices, naming the fix")
    void exactlyOneDatabase() {
        assertThatThrownBy(() -> SyncDatabase.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("h2File(...), postgres(...) or dataSource(...)");
        assertThatThrownBy(() -> SyncDatabase.builder().h2File(tempDir.resolve("a"))
                .postgres("jdbc:postgresql://localhost/x", "u", Secret.of("p")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2 were called");
    }

    @Test
    @DisplayName("settings are checked where they are made, naming the field")
    void settingsAreChecked() {
        assertThatThrownBy(() -> SyncDatabase.builder().postgres("jdbc:mysql://db/x", "u", Secret.of("p")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> SyncDatabase.builder().h2File(tempDir.resolve("a;AUTO_SERVER=TRUE")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("h2File");
        assertThatThrownBy(() -> SyncDatabase.builder().maximumPoolSize(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximumPoolSize");
        assertThatThrownBy(() -> SyncDatabase.builder().refreshLockTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshLockTimeout");
        assertThatThrownBy(() -> SyncDatabase.builder().dataSource(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("dataSource");
    }

    @Test
    @DisplayName("an unreachable PostgreSQL fails with a typed error that never shows the password")
    void unreachablePostgres() {
        assertThatThrownBy(() -> SyncDatabase.builder()
                .postgres("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=1", "kommo", Secret.of("hunter2-pw"))
                .build())
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("kommo-sync-postgres")
                .hasMessageNotContaining("hunter2-pw");
    }

    @Test
    @DisplayName("a database other than H2 or PostgreSQL is refused with a clear error")
    void otherDatabasesAreRefused() {
        try (TestDatabase database = TestDatabase.h2(tempDir)) {
            FaultyDataSource mysql = new FaultyDataSource(database.raw());
            mysql.reportProductName("MySQL");
            assertThatThrownBy(() -> SyncDatabase.builder().dataSource(mysql.dataSource()).build())
                    .isInstanceOf(JdbcStoreException.class)
                    .hasMessageContaining("supports H2 and PostgreSQL")
                    .hasMessageContaining("'MySQL'");
        }
    }

    @Test
    @DisplayName("closing leaves a DataSource the host passed open")
    void hostDataSourceStaysOpen() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + tempDir.resolve("host").toAbsolutePath());
        config.setUsername("sa");
        try (HikariDataSource host = new HikariDataSource(config)) {
            SyncDatabase db = SyncDatabase.builder().dataSource(host).build();
            assertThat(db.toString()).contains("host DataSource");
            db.close();
            assertThat(host.isClosed()).isFalse();
        }
    }
}
