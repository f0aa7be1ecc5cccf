package io.kommosync.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A credential (access token, refresh token, client secret, webhook key) that must never leak.
 *
 * <p>{@link #toString()} always returns {@code "Secret[redacted]"}; the value is only available through the
 * deliberately named {@link #reveal()}. Equality compares content in constant time
 * ({@link MessageDigest#isEqual(byte[], byte[])}) so comparing a presented credential with a stored one does not
 * leak timing information. The hash code is derived from a SHA-256 digest of the value, never from the value itself.
 * This class never logs.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Secret {

    private static final String REDACTED = "Secret[redacted]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a credential.
     *
     * @param value the credential; not null, not blank
     * @return the wrapped credential
     * @throws NullPointerException     when {@code value} is null (the message never contains a value)
     * @throws IllegalArgumentException when {@code value} is blank
     */
    public static Secret of(String value) {
        if (value == null) {
            throw new NullPointerException(
                "secret value must not be null: pass the credential read from your configuration or token store");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(
                "secret value must not be blank: pass the credential read from your configuration or token store");
        }
        return new Secret(value);
    }

    /**
     * Returns the credential itself. Call it only at the point where the value goes on the wire.
     *
     * @return the plain value; never null or blank
     */
    public String reveal() {
        return value;
    }

    /**
     * Compares the content of two secrets in constant time.
     *
     * @param other the object to compare with; may be null
     * @return true when {@code other} is a {@code Secret} with the same value
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Secret)) {
            return false;
        }
        return MessageDigest.isEqual(bytes(value), bytes(((Secret) other).value));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256(value));
    }

    /**
     * Returns {@code "Secret[redacted]"}, never the value.
     *
     * @return a constant placeholder
     */
    @Override
    public String toString() {
        return REDACTED;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform but is missing", e);
        }
    }
}
