package io.kommosync.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.client.Secret;
import io.kommosync.client.oauth.OAuthTokens;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Encryption of tokens at rest")
class TokenEncryptionTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final EncryptionKey KEY = EncryptionKey.of(filled(32, 7));
    private static final EncryptionKey OTHER_KEY = EncryptionKey.of(filled(32, 8));
    private static final OAuthTokens TOKENS = new OAuthTokens(Secret.of("plain-access-token"),
            Optional.of(Secret.of("plain-refresh-token")), NOW.plusSeconds(300), Optional.of(NOW.plusSeconds(9000)));

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("with a key both tokens are stored as AES-GCM ciphertext under the key's id and read back")
    void encryptedRoundTrip(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            JdbcTokenStore store = database.track(database.builder().encryptionKey(KEY).build()).tokenStore();
            store.save("c1", TOKENS);
            Row row = row(database, "c1");
            assertThat(row.keyId()).isEqualTo(KEY.id());
            assertThat(row.access()).doesNotContain("plain-access-token");
            assertThat(row.refresh()).doesNotContain("plain-refresh-token");
            assertThat(store.load("c1")).contains(TOKENS);

            store.save("c1", TOKENS);
            assertThat(row(database, "c1").access()).as("a fresh nonce per save").isNotEqualTo(row.access());
            assertThat(database.track(database.builder().encryptionKey(EncryptionKey.of(filled(32, 7))).build())
                    .tokenStore().load("c1")).as("the same key from another instance").contains(TOKENS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("reading with another key, or with none, fails with a typed error naming the key ids, never a token")
    void wrongOrMissingKey(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            database.track(database.builder().encryptionKey(KEY).build()).tokenStore().save("c1", TOKENS);

            JdbcTokenStore wrongKey = database.track(database.builder().encryptionKey(OTHER_KEY).build()).tokenStore();
            assertThatThrownBy(() -> wrongKey.load("c1"))
                    .isInstanceOf(EncryptionKeyMismatchException.class)
                    .hasMessageContaining("connection 'c1'")
                    .hasMessageContaining(KEY.id())
                    .hasMessageContaining(OTHER_KEY.id())
                    .hasMessageNotContaining("plain-")
                    .satisfies(e -> assertThat(((EncryptionKeyMismatchException) e).connectionId()).isEqualTo("c1"));

            JdbcTokenStore noKey = database.open().tokenStore();
            assertThatThrownBy(() -> noKey.load("c1"))
                    .isInstanceOf(EncryptionKeyMismatchException.class)
                    .hasMessageContaining("no encryption key was supplied")
                    .hasMessageContaining("encryptionKey(...)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("without a key tokens are stored in plaintext; a key added later reads them and encrypts them on"
            + " the next save")
    void plaintextWithoutKeyThenMigratedByAKey(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            database.open().tokenStore().save("c1", TOKENS);
            Row plain = row(database, "c1");
            assertThat(plain.keyId()).isNull();
            assertThat(plain.access()).isEqualTo("plain-access-token");

            JdbcTokenStore withKey = database.track(database.builder().encryptionKey(KEY).build()).tokenStore();
            assertThat(withKey.load("c1")).contains(TOKENS);
            withKey.save("c1", TOKENS);
            assertThat(row(database, "c1").keyId()).isEqualTo(KEY.id());
            assertThat(row(database, "c1").access()).doesNotContain("plain-access-token");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    @DisplayName("ciphertext altered, or copied to another connection's row, fails its integrity check")
    void tamperedOrMovedCiphertext(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind, tempDir)) {
            JdbcTokenStore store = database.track(database.builder().encryptionKey(KEY).build()).tokenStore();
            store.save("c1", TOKENS);
            store.save("c2", OAuthTokens.of(Secret.of("c2-access"), Secret.of("c2-refresh"), NOW));
            Row c1 = row(database, "c1");
            database.execute("UPDATE ks_oauth_token SET access_token = '" + c1.access() + "', refresh_token = '"
                    + c1.refresh() + "' WHERE connection_id = 'c2'");
            assertThatThrownBy(() -> store.load("c2"))
                    .isInstanceOf(EncryptionKeyMismatchException.class)
                    .hasMessageContaining("integrity check");

            byte[] bytes = Base64.getDecoder().decode(c1.access());
            bytes[bytes.length / 2] ^= 1;
            String altered = Base64.getEncoder().encodeToString(bytes);
            database.execute("UPDATE ks_oauth_token SET access_token = '" + altered + "' WHERE connection_id = 'c1'");
            assertThatThrownBy(() -> store.load("c1")).isInstanceOf(EncryptionKeyMismatchException.class);
            database.execute("UPDATE ks_oauth_token SET access_token = 'not base64!' WHERE connection_id = 'c1'");
            assertThatThrownBy(() -> store.load("c1")).isInstanceOf(EncryptionKeyMismatchException.class)
                    .hasMessageContaining("not valid ciphertext");
        }
    }

    private record Row(String access, String refresh, String keyId) {
    }

    private static Row row(TestDatabase database, String connectionId) {
        try (Connection c = database.raw().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT access_token, refresh_token, key_id FROM ks_oauth_token WHERE connection_id = ?")) {
            ps.setString(1, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Row(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
