package io.kommosync.sync.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES key the host application supplies to encrypt OAuth tokens at rest (AES-GCM). The store never creates,
 * saves or logs it: keep it in the host's secret manager and pass the same key on every start.
 *
 * <p>Each key has a short {@link #id()} derived from it one-way (HMAC-SHA-256), stored next to the values it
 * encrypted, so reading with another key fails with {@link EncryptionKeyMismatchException} naming both ids.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the id only.
 */
public final class EncryptionKey {

    private final byte[] key;
    private final String id;

    private EncryptionKey(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("encryptionKey must be 16, 24 or 32 bytes (AES-128, -192 or -256)"
                    + " but was " + key.length + " bytes: generate one with `openssl rand -base64 32`");
        }
        this.key = key.clone();
        this.id = deriveId(this.key);
    }

    /**
     * A key from raw bytes.
     *
     * @param key 16, 24 or 32 bytes; copied
     * @return the key
     * @throws NullPointerException     when {@code key} is null
     * @throws IllegalArgumentException when it has another length
     */
    public static EncryptionKey of(byte[] key) {
        return new EncryptionKey(Objects.requireNonNull(key, "encryptionKey must not be null: pass the key bytes"));
    }

    /**
     * A key from its Base64 text, for example the output of {@code openssl rand -base64 32}.
     *
     * @param base64 the key in standard Base64
     * @return the key
     * @throws NullPointerException     when {@code base64} is null
     * @throws IllegalArgumentException when it is not Base64 of 16, 24 or 32 bytes (the message never shows it)
     */
    public static EncryptionKey fromBase64(String base64) {
        Objects.requireNonNull(base64, "encryptionKey must not be null: pass the Base64 text of the key");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encryptionKey is not valid Base64: pass the output of"
                    + " `openssl rand -base64 32`", null);
        }
        return new EncryptionKey(bytes);
    }

    /**
     * A key from a JCA key, for example one read from a key store.
     *
     * @param secretKey an AES key whose encoded form is available
     * @return the key
     * @throws IllegalArgumentException when it is not an AES key of a supported length, or cannot be encoded
     */
    public static EncryptionKey of(SecretKey secretKey) {
        Objects.requireNonNull(secretKey, "encryptionKey must not be null: pass an AES SecretKey");
        if (!"AES".equalsIgnoreCase(secretKey.getAlgorithm()) || secretKey.getEncoded() == null) {
            throw new IllegalArgumentException("encryptionKey must be an extractable AES key but its algorithm is "
                    + secretKey.getAlgorithm() + ": pass an AES key");
        }
        return new EncryptionKey(secretKey.getEncoded());
    }

    /**
     * The key's public id: 16 hex digits derived one-way from the key.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The key for the JCA.
     *
     * @return a new key object
     */
    public SecretKey secretKey() {
        return new SecretKeySpec(key, "AES");
    }

    /**
     * Compares the keys' ids, which differ for different keys.
     *
     * @param other the object to compare with
     * @return {@code true} for the same key
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptionKey && ((EncryptionKey) other).id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /**
     * Describes the key by its id, never its bytes.
     *
     * @return {@code "EncryptionKey[id=...]"}
     */
    @Override
    public String toString() {
        return "EncryptionKey[id=" + id + "]";
    }

    private static String deriveId(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal("kommo-sync/encryption-key-id".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform but failed", e);
        }
    }
}
