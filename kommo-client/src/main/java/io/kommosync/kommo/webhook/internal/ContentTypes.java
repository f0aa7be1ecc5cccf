package io.kommosync.kommo.webhook.internal;

import io.kommosync.kommo.webhook.KommoWebhookFormatException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the {@code Content-Type} of a webhook request: it must be {@code application/x-www-form-urlencoded};
 * an optional {@code charset} parameter selects the charset (UTF-8 when absent). Stateless; thread-safe.
 */
public final class ContentTypes {

    /** The media type Kommo webhooks use. */
    public static final String FORM = "application/x-www-form-urlencoded";

    private static final String HEADER = "Content-Type";
    private static final int MAX_LENGTH = 256;
    private static final String ASCII;

    static {
        char[] chars = new char[128];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) i;
        }
        ASCII = new String(chars);
    }

    private ContentTypes() {
    }

    /**
     * The charset of a form content type.
     *
     * @param contentType the header value, possibly null (missing)
     * @return the charset named by the {@code charset} parameter, or UTF-8
     * @throws KommoWebhookFormatException if the header is missing, too long, not the form media type, names a
     *                                     charset twice, or names an unknown or non-ASCII-compatible charset
     */
    public static Charset formCharset(String contentType) {
        if (contentType == null) {
            throw new KommoWebhookFormatException(HEADER, "is missing; expected " + FORM);
        }
        if (contentType.length() > MAX_LENGTH) {
            throw new KommoWebhookFormatException(HEADER, "is " + contentType.length() + " characters long; expected "
                    + FORM + " with at most " + MAX_LENGTH + " characters");
        }
        String[] parts = contentType.split(";", -1);
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(FORM)) {
            throw new KommoWebhookFormatException(HEADER, "is " + Excerpt.value(mediaType) + "; expected " + FORM
                    + " (Kommo sends webhooks form-encoded)");
        }
        Charset charset = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq < 0 || !parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                continue;
            }
            if (charset != null) {
                throw new KommoWebhookFormatException(HEADER, "names a charset more than once");
            }
            charset = charset(unquote(parameter.substring(eq + 1).trim()));
        }
        return charset == null ? StandardCharsets.UTF_8 : charset;
    }

    /**
     * Whether a charset encodes the 128 ASCII characters as the single bytes 0 to 127, as the form syntax
     * ({@code &}, {@code =}, {@code %}, {@code +}) requires.
     *
     * @param charset the charset
     * @return true for UTF-8, ISO-8859-1, windows-1251 and the like; false for UTF-16 and the like
     */
    public static boolean isAsciiCompatible(Charset charset) {
        byte[] bytes = new byte[128];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return new String(bytes, charset).equals(ASCII);
    }

    private static Charset charset(String name) {
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new KommoWebhookFormatException(HEADER, "names the unknown charset " + Excerpt.value(name)
                    + "; expected UTF-8");
        }
        if (!isAsciiCompatible(charset)) {
            throw new KommoWebhookFormatException(HEADER, "names the charset " + charset.name()
                    + ", which cannot carry form encoding; expected UTF-8");
        }
        return charset;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
