package io.kommosync.kommo.webhook.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code application/x-www-form-urlencoded} fields the way Kommo (a PHP service) does: UTF-8, letters,
 * digits and {@code - _ .} kept, a space as {@code +}, every other byte (brackets included) as an upper-case
 * {@code %XX} escape. Not thread-safe: use one instance per body.
 */
public final class FormEncoder {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out = new StringBuilder(1024);
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * Appends {@code key=value}, preceded by {@code &} unless it is the first field.
     *
     * @param key   the key, such as {@code leads[status][0][id]}
     * @param value the value
     * @return this encoder
     * @throws IllegalArgumentException if the key or value has an unpaired surrogate, which UTF-8 cannot carry
     */
    public FormEncoder field(String key, String value) {
        if (out.length() > 0) {
            out.append('&');
        }
        append(key, key);
        out.append('=');
        append(value, key);
        return this;
    }

    /**
     * The body so far.
     *
     * @return the encoded fields, pure ASCII
     */
    public String body() {
        return out.toString();
    }

    private void append(String text, String key) {
        ByteBuffer bytes;
        try {
            bytes = utf8.reset().encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the text of " + Excerpt.key(key)
                    + " has an unpaired surrogate character, which UTF-8 cannot encode");
        }
        while (bytes.hasRemaining()) {
            int b = bytes.get() & 0xFF;
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_'
                    || b == '.') {
                out.append((char) b);
            } else if (b == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0x0F]);
            }
        }
    }
}
