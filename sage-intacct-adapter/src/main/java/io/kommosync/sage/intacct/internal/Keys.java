package io.kommosync.sage.intacct.internal;

import io.kommosync.accounting.spi.IdempotencyKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Deterministic vendor identifiers derived from idempotency keys. */
public final class Keys {

    private Keys() {
    }

    /**
     * The function {@code controlid} of a write: the same key and step always give the same id, so Intacct's
     * {@code uniqueid=true} refuses a repeat.
     *
     * @param key  the idempotency key
     * @param step the write, for example {@code invoice}
     * @return an id of at most 40 characters
     */
    public static String controlId(IdempotencyKey key, String step) {
        return "ks-" + step + "-" + hash(key.value()).substring(0, 24);
    }

    /**
     * The {@code CUSTOMERID} of a customer created under a key: {@code KS-} and 12 hex characters.
     *
     * @param key the idempotency key
     * @return the customer id
     */
    public static String customerId(IdempotencyKey key) {
        return "KS-" + hash(key.value()).substring(0, 12).toUpperCase(Locale.ROOT);
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
