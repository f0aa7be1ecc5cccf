package io.kommosync.kommo.webhook.internal;

import io.kommosync.kommo.webhook.KommoWebhookFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PHP-style bracketed form keys such as {@code leads[status][0][id]} into the parts after the root
 * ({@code status}, {@code 0}, {@code id}). Strict: every part is {@code [text]} with no bracket inside,
 * nothing may follow the last {@code ]}, and nesting is bounded. Stateless; thread-safe.
 */
public final class FormKey {

    private FormKey() {
    }

    /**
     * The bracketed parts of a key, after its root.
     *
     * @param key      a decoded key
     * @param maxDepth the most parts accepted
     * @return the parts in order, possibly empty; a part may be empty ({@code []})
     * @throws KommoWebhookFormatException if the brackets are malformed or nested deeper than {@code maxDepth}
     */
    public static List<String> parts(String key, int maxDepth) {
        int pos = key.indexOf('[');
        if (pos < 0) {
            return List.of();
        }
        List<String> parts = new ArrayList<>(8);
        while (pos < key.length()) {
            if (key.charAt(pos) != '[') {
                throw new KommoWebhookFormatException(key, "has text after a ']'; expected name[part][part]...");
            }
            int close = key.indexOf(']', pos + 1);
            if (close < 0) {
                throw new KommoWebhookFormatException(key, "has a '[' without a matching ']'");
            }
            int nested = key.indexOf('[', pos + 1);
            if (nested >= 0 && nested < close) {
                throw new KommoWebhookFormatException(key, "has a '[' inside brackets; expected name[part][part]...");
            }
            if (parts.size() == maxDepth) {
                throw new KommoWebhookFormatException(key, "is nested deeper than " + maxDepth + " brackets"
                        + " (raise it with KommoWebhookParser.builder().withMaxKeyDepth(...))");
            }
            parts.add(key.substring(pos + 1, close));
            pos = close + 1;
        }
        return parts;
    }
}
