package io.kommosync.sync.jdbc;

import static io.kommosync.sync.jdbc.TokenEncryptionTest.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EncryptionKey")
class EncryptionKeyTest {

    @Test
    @DisplayName("accepts AES-128, -192 and -256 keys and refuses other lengths with the fix")
    void lengths() {
        assertThat(EncryptionKey.of(filled(16, 1)).id()).hasSize(16);
        assertThat(EncryptionKey.of(filled(24, 1)).id()).hasSize(16);
        assertThat(EncryptionKey.fromBase64(Base64.getEncoder().encodeToString(filled(32, 1)))).isEqualTo(
                EncryptionKey.of(filled(32, 1)));
        assertThatThrownBy(() -> EncryptionKey.of(filled(31, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16, 24 or 32 bytes").hasMessageContaining("31").hasMessageContaining("openssl");
        assertThatThrownBy(() -> EncryptionKey.of((byte[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("encryptionKey");
    }

    @Test
    @DisplayName("never shows the key: not in toString, not when Base64 is malformed")
    void neverShowsTheKey() {
        String secretText = "c2VjcmV0LWtleS1ub3QtYmFzZTY0!!";
        assertThatThrownBy(() -> EncryptionKey.fromBase64(secretText)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(secretText).hasNoCause();
        EncryptionKey key = EncryptionKey.of(filled(32, 5));
        assertThat(key.toString()).isEqualTo("EncryptionKey[id=" + key.id() + "]");
    }

    @Test
    @DisplayName("the id is stable for a key and differs between keys")
    void ids() {
        assertThat(EncryptionKey.of(filled(32, 2)).id()).isEqualTo(EncryptionKey.of(filled(32, 2)).id());
        assertThat(EncryptionKey.of(filled(32, 2)).id()).isNotEqualTo(EncryptionKey.of(filled(32, 3)).id());
        assertThat(EncryptionKey.of(new SecretKeySpec(filled(32, 2), "AES"))).isEqualTo(
                EncryptionKey.of(filled(32, 2)));
        assertThatThrownBy(() -> EncryptionKey.of(new SecretKeySpec(filled(32, 2), "HmacSHA256")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AES");
    }
}
