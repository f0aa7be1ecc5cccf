package io.kommosync.kommo;

/**
 * What to embed when reading leads (the {@code with} query parameter).
 */
public enum LeadWith {
    /** Linked contacts with {@code is_main}: {@link Lead#contacts()}. */
    CONTACTS("contacts"),
    /** Linked catalog elements with quantity and price id: {@link Lead#products()}. */
    CATALOG_ELEMENTS("catalog_elements"),
    /** The loss reason of lost leads (not modelled; requested for completeness). */
    LOSS_REASON("loss_reason"),
    /** The lead's source id (not modelled; requested for completeness). */
    SOURCE_ID("source_id");

    private final String wireName;

    LeadWith(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the value sent in {@code with}.
     *
     * @return e.g. {@code catalog_elements}
     */
    public String wireName() {
        return wireName;
    }
}
