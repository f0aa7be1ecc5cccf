package io.kommosync.sync.mapping;

import java.text.Normalizer;
import java.util.Locale;

/** The one rule for comparing product keys: strip surrounding whitespace, Unicode NFC, lower case (root locale). */
final class KeyFolding {

    private KeyFolding() {
    }

    static String fold(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
