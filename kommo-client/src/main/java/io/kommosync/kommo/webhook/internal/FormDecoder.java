package io.kommosync.kommo.webhook.internal;

import io.kommosync.kommo.webhook.KommoWebhookFormatException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict decoder of {@code application/x-www-form-urlencoded} bodies: splits on {@code &} and the first
 * {@code =}, turns {@code +} into a space, requires every {@code %} to be followed by two hex digits, and decodes
 * the resulting bytes with a charset that reports (never replaces) malformed input.
 *
 * <p>Work and memory are bounded before anything is decoded: the number of fields is counted first, and a key
 * longer than the limit is rejected from its raw length. Empty fields ({@code a=1&&b=2}, a trailing {@code &})
 * are skipped; a field without {@code =} has an empty value. Stateless; thread-safe.
 */
public final class FormDecoder {

    /** Receives each decoded field in body order. */
    @FunctionalInterface
    public interface FieldSink {
        /**
         * Accepts one field.
         *
         * @param key   the decoded key, never empty
         * @param value the decoded value, possibly empty
         * @throws KommoWebhookFormatException if the field is not acceptable
         */
        void accept(String key, String value);
    }

    /** The most bytes one character can take once percent-encoded: four UTF-8 bytes of three characters each. */
    private static final int MAX_RAW_BYTES_PER_CHAR = 12;

    private FormDecoder() {
    }

    /**
     * Decodes {@code body} and hands each field to {@code sink}.
     *
     * @param body         the raw body
     * @param charset      an ASCII-compatible charset (see {@link ContentTypes#isAsciiCompatible(Charset)})
     * @param maxFields    the most non-empty fields accepted
     * @param maxKeyLength the most characters a decoded key may have
     * @param sink         receives the fields
     * @throws KommoWebhookFormatException if the body has too many fields, an empty or too long key, a bad
     *                                     percent escape or bytes that are not valid in {@code charset}
     */
    public static void decode(byte[] body, Charset charset, int maxFields, int maxKeyLength, FieldSink sink) {
        int fields = countFields(body);
        if (fields > maxFields) {
            throw new KommoWebhookFormatException("body", "has " + fields + " fields; the limit is " + maxFields
                    + " (raise it with KommoWebhookParser.builder().withMaxKeys(...))");
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Scratch scratch = new Scratch();
        int fieldNumber = 0;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i < body.length && body[i] != '&') {
                continue;
            }
            if (i > start) {
                fieldNumber++;
                int eq = indexOf(body, (byte) '=', start, i);
                int keyEnd = eq < 0 ? i : eq;
                if (keyEnd == start) {
                    throw new KommoWebhookFormatException(keyName(fieldNumber), "is empty; expected name=value"
                            + " fields such as leads[status][0][id]=4821");
                }
                if ((long) keyEnd - start > (long) maxKeyLength * MAX_RAW_BYTES_PER_CHAR) {
                    throw tooLong(keyName(fieldNumber), keyEnd - start, "bytes", maxKeyLength);
                }
                String key = component(body, start, keyEnd, decoder, scratch, null, fieldNumber);
                if (key.length() > maxKeyLength) {
                    throw tooLong(keyName(fieldNumber), key.length(), "characters", maxKeyLength);
                }
                String value = eq < 0 ? "" : component(body, eq + 1, i, decoder, scratch, key, fieldNumber);
                sink.accept(key, value);
            }
            start = i + 1;
        }
    }

    /**
     * Counts the non-empty {@code &}-separated fields of a body without decoding anything.
     *
     * @param body the raw body
     * @return the number of fields
     */
    public static int countFields(byte[] body) {
        int fields = 0;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    fields++;
                }
                start = i + 1;
            }
        }
        return fields;
    }

    private static KommoWebhookFormatException tooLong(String keyName, int length, String unit, int max) {
        return new KommoWebhookFormatException(keyName, "is " + length + " " + unit + " long; keys may have at most "
                + max + " characters (raise it with KommoWebhookParser.builder().withMaxKeyLength(...))");
    }

    /** How a key that could not be decoded is named in messages: by its position, counting from 1. */
    private static String keyName(int fieldNumber) {
        return "key #" + fieldNumber;
    }

    /** Decodes {@code body[from, to)}; {@code key} names the field in messages, or null while decoding the key. */
    private static String component(byte[] body, int from, int to, CharsetDecoder decoder, Scratch scratch,
                                    String key, int fieldNumber) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '%' || b == '+' || b < 0) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(body, from, to - from, StandardCharsets.ISO_8859_1);
        }
        byte[] buffer = scratch.atLeast(to - from);
        int length = 0;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                b = ' ';
            } else if (b == '%') {
                int high = i + 1 < to ? hex(body[i + 1]) : -1;
                int low = i + 2 < to ? hex(body[i + 2]) : -1;
                if (high < 0 || low < 0) {
                    String escape = new String(body, i, Math.min(3, to - i), StandardCharsets.ISO_8859_1);
                    throw new KommoWebhookFormatException(key == null ? keyName(fieldNumber) : key,
                            "has a bad percent escape " + Excerpt.value(escape)
                            + "; expected '%' followed by two hex digits");
                }
                b = (byte) (high << 4 | low);
                i += 2;
            }
            ascii &= b >= 0;
            buffer[length++] = b;
        }
        if (ascii) {
            return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        }
        decoder.reset();
        try {
            return decoder.decode(ByteBuffer.wrap(buffer, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new KommoWebhookFormatException(key == null ? keyName(fieldNumber) : key,
                    "is not valid " + decoder.charset().name()
                    + " once percent-decoded; expected text encoded as " + decoder.charset().name());
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    private static int indexOf(byte[] body, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** A byte buffer reused across the fields of one body, grown on demand. */
    private static final class Scratch {
        private byte[] bytes = new byte[256];

        byte[] atLeast(int size) {
            if (bytes.length < size) {
                bytes = new byte[Math.max(size, bytes.length * 2)];
            }
            return bytes;
        }
    }
}
