package io.kommosync.kommo.webhook.internal;

/**
 * Short, sanitised renderings of untrusted text for exception messages: bounded length, no line breaks,
 * control or formatting characters (they are escaped as {@code \\uXXXX}), so a hostile body can neither flood
 * a log nor forge log lines.
 */
public final class Excerpt {

    /** The most characters of a value that a message ever shows. */
    public static final int MAX_VALUE_CHARS = 32;

    /** The most characters of a key that a message ever shows. */
    public static final int MAX_KEY_CHARS = 120;

    private Excerpt() {
    }

    /**
     * Quotes a value received in a body: at most {@value #MAX_VALUE_CHARS} characters, sanitised.
     *
     * @param value the untrusted text
     * @return the text in single quotes, shortened with an ellipsis and a length note when needed
     */
    public static String value(String value) {
        return "'" + sanitise(value, MAX_VALUE_CHARS) + "'";
    }

    /**
     * Renders a key (or other field name) received in a body: at most {@value #MAX_KEY_CHARS} characters,
     * sanitised.
     *
     * @param key the untrusted key
     * @return the sanitised key
     */
    public static String key(String key) {
        return sanitise(key, MAX_KEY_CHARS);
    }

    private static String sanitise(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 16);
        int shown = 0;
        int i = 0;
        while (i < text.length() && shown < maxChars) {
            int cp = text.codePointAt(i);
            if (printable(cp)) {
                out.appendCodePoint(cp);
            } else {
                for (char c : Character.toChars(cp)) {
                    out.append(String.format("\\u%04X", (int) c));
                }
            }
            shown++;
            i += Character.charCount(cp);
        }
        if (i < text.length()) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    private static boolean printable(int cp) {
        return cp >= 0x20 && cp < 0x7F || cp >= 0xA0 && Character.isLetterOrDigit(cp);
    }
}
