package io.kommosync.accounting.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The key of one logical write. The same key is sent with every retry of that write, and a port that receives
 * a key it has seen before returns the result of the first write instead of writing again.
 *
 * <p>Keys made by {@link #derive(String...)} are 32 lower-case hex characters, which every supported vendor
 * accepts (Sage Cloud asks for a 32-character hyphenless id).
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9._:-]}
 */
public record IdempotencyKey(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /**
     * Validates the value.
     *
     * @throws NullPointerException     if {@code value} is {@code null}
     * @throws IllegalArgumentException if it is empty, longer than 64 characters, or has other characters
     */
    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("idempotency key '" + value
                    + "' must be 1 to 64 characters from A-Z a-z 0-9 . _ : -; use IdempotencyKey.derive(...)");
        }
    }

    /**
     * A key derived from the parts that identify the write, for example connection id, deal id and trigger: the
     * first 32 hex characters of the SHA-256 of the parts. The same parts always give the same key.
     *
     * @param parts the identifying parts; at least one, none {@code null}
     * @return the key
     * @throws IllegalArgumentException if no part is given
     */
    public static IdempotencyKey derive(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("derive needs at least one part");
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = Objects.requireNonNull(part, "part").getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return new IdempotencyKey(HexFormat.of().formatHex(sha.digest()).substring(0, 32));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * A key for a sub-operation of this write (for example the customer created on the way to an invoice).
     *
     * @param step the name of the sub-operation
     * @return a different, equally deterministic key
     */
    public IdempotencyKey forStep(String step) {
        return derive(value, step);
    }

    @Override
    public String toString() {
        return value;
    }
}
