package io.kommosync.sync.jdbc.internal;

import io.kommosync.sync.jdbc.EncryptionKey;
import io.kommosync.sync.jdbc.EncryptionKeyMismatchException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts and decrypts secret columns with AES-GCM: a fresh 96-bit nonce per value, a 128-bit tag, and the
 * table, row key and column as associated data, so a value copied to another row or column does not decrypt.
 * Stored form: Base64 of nonce followed by ciphertext and tag. Thread-safe.
 */
public final class TokenCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<EncryptionKey> key;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates the cipher.
     *
     * @param key the host's key, or empty to store plaintext
     */
    public TokenCipher(Optional<EncryptionKey> key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * The id of the key values are encrypted with.
     *
     * @return the key id, or empty when values are stored in plaintext
     */
    public Optional<String> keyId() {
        return key.map(EncryptionKey::id);
    }

    /**
     * Encrypts a value, or returns it unchanged when there is no key.
     *
     * @param plaintext the value
     * @param context   where it is stored ("table/row/column"), bound to the ciphertext
     * @return the value to store
     */
    public String seal(String plaintext, String context) {
        if (key.isEmpty()) {
            return plaintext;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.get().secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform but failed", e);
        }
    }

    /**
     * Reads a stored value.
     *
     * @param stored       the stored value
     * @param storedKeyId  the id of the key it was encrypted with, or empty for plaintext
     * @param context      where it is stored, as passed to {@link #seal}
     * @param connectionId the connection, for the error message
     * @return the plaintext
     * @throws EncryptionKeyMismatchException when the value is encrypted and no key, another key, or a value
     *                                        altered or moved from another row is found
     */
    public String open(String stored, Optional<String> storedKeyId, String context, String connectionId) {
        if (storedKeyId.isEmpty()) {
            return stored;
        }
        if (key.isEmpty()) {
            throw new EncryptionKeyMismatchException(connectionId, "its tokens are stored encrypted with key "
                    + storedKeyId.get() + " but no encryption key was supplied; pass that key to"
                    + " SyncDatabase.builder().encryptionKey(...)");
        }
        if (!key.get().id().equals(storedKeyId.get())) {
            throw new EncryptionKeyMismatchException(connectionId, "its tokens are stored encrypted with key "
                    + storedKeyId.get() + " but the supplied key is " + key.get().id()
                    + "; pass the key the tokens were encrypted with, or re-authorise the connection");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new EncryptionKeyMismatchException(connectionId, "a stored token is not valid ciphertext");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new EncryptionKeyMismatchException(connectionId, "a stored token is not valid ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.get().secretKey(),
                    new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new EncryptionKeyMismatchException(connectionId, "a stored token failed its integrity check:"
                    + " it was altered or copied from another row");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform but failed", e);
        }
    }
}
