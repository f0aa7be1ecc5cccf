package io.kommosync.kommo.internal;

/**
 * Short, sanitised renderings of text received from Kommo for exception messages: bounded length, control and
 * formatting characters escaped, so an answer can neither flood a log nor forge log lines.
 *
 * <p>Not part of the public API.
 */
public final class Texts {

    private Texts() {
    }

    /**
     * Shortens and sanitises text.
     *
     * @param text     the untrusted text; null gives ""
     * @param maxChars the most characters to keep
     * @return the excerpt, with an ellipsis when shortened
     */
    public static String excerpt(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 8);
        int shown = 0;
        int i = 0;
        while (i < text.length() && shown < maxChars) {
            int cp = text.codePointAt(i);
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                out.append(' ');
            } else if (cp >= 0x20 && cp < 0x7F || cp >= 0xA0 && !Character.isISOControl(cp)
                && Character.getType(cp) != Character.FORMAT) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u%04X", cp & 0xFFFF));
            }
            shown++;
            i += Character.charCount(cp);
        }
        if (i < text.length()) {
            out.append('…');
        }
        return out.toString();
    }
}
