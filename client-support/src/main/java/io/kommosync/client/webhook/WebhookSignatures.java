package io.kommosync.client.webhook;

import io.kommosync.client.Secret;
import io.kommosync.client.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 webhook signatures over the raw request body (for example Xero's {@code x-xero-signature}: Base64
 * of HMAC-SHA256 of the body bytes with the webhook key).
 *
 * <p>Verify the bytes exactly as received, before any JSON parsing or re-encoding. Thread-safe (no state).
 */
public final class WebhookSignatures {

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignatures() {
    }

    /**
     * Checks a signature in constant time.
     *
     * @param rawBody   the request body exactly as received; null verifies as false
     * @param signature the signature header's value; null, blank or malformed verifies as false
     * @param key       the webhook signing key
     * @param encoding  how {@code signature} is encoded
     * @return true only when {@code signature} is the HMAC-SHA256 of {@code rawBody} under {@code key}
     * @throws NullPointerException when {@code key} or {@code encoding} is null (a programming error, not bad input)
     */
    public static boolean verify(byte[] rawBody, String signature, Secret key, SignatureEncoding encoding) {
        Checks.notNull(key, "key", "pass the webhook signing key as Secret.of(...)");
        Checks.notNull(encoding, "encoding", "pass SignatureEncoding.BASE64 or SignatureEncoding.HEX");
        if (rawBody == null || signature == null) {
            return false;
        }
        byte[] presented = decode(signature.trim(), encoding);
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(hmac(rawBody, key), presented);
    }

    /**
     * Signs a body, for tests and simulators.
     *
     * @param rawBody  the body bytes
     * @param key      the webhook signing key
     * @param encoding how to encode the signature
     * @return the encoded HMAC-SHA256 of {@code rawBody} under {@code key}
     */
    public static String sign(byte[] rawBody, Secret key, SignatureEncoding encoding) {
        Checks.notNull(rawBody, "rawBody", "pass the body bytes");
        Checks.notNull(key, "key", "pass the webhook signing key as Secret.of(...)");
        Checks.notNull(encoding, "encoding", "pass SignatureEncoding.BASE64 or SignatureEncoding.HEX");
        byte[] mac = hmac(rawBody, key);
        return encoding == SignatureEncoding.BASE64 ? Base64.getEncoder().encodeToString(mac)
            : HexFormat.of().formatHex(mac);
    }

    private static byte[] decode(String signature, SignatureEncoding encoding) {
        if (signature.isEmpty()) {
            return null;
        }
        try {
            return encoding == SignatureEncoding.BASE64 ? Base64.getDecoder().decode(signature)
                : HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static byte[] hmac(byte[] body, Secret key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform but is unusable", e);
        }
    }
}
