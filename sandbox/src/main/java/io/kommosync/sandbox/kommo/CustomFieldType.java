package io.kommosync.sandbox.kommo;

import java.util.Arrays;
import java.util.Optional;

/** The custom-field types the simulator understands, with their Kommo API names. */
public enum CustomFieldType {
    /** One line of text. */
    TEXT("text"),
    /** Several lines of text. */
    TEXTAREA("textarea"),
    /** A number; read back as a string. */
    NUMERIC("numeric"),
    /** A boolean. */
    CHECKBOX("checkbox"),
    /** One of the field's enums. */
    SELECT("select"),
    /** Several of the field's enums. */
    MULTISELECT("multiselect"),
    /** One of the field's enums, shown as radio buttons. */
    RADIOBUTTON("radiobutton"),
    /** A date, as a unix timestamp. */
    DATE("date"),
    /** A date and time, as a unix timestamp. */
    DATE_TIME("date_time"),
    /** A birthday, as a unix timestamp. */
    BIRTHDAY("birthday"),
    /** A URL. */
    URL("url"),
    /** Contacts and companies only: phones and e-mails, each value tagged with an enum such as {@code WORK}. */
    MULTITEXT("multitext"),
    /** Catalogs only: a price, read back as a string such as {@code "999.12"}. */
    PRICE("price");

    private final String apiName;

    CustomFieldType(String apiName) {
        this.apiName = apiName;
    }

    /** @return the name in the API, for example {@code date_time} */
    public String apiName() {
        return apiName;
    }

    /** @return true for types whose values pick from the field's enums */
    public boolean hasEnums() {
        return this == SELECT || this == MULTISELECT || this == RADIOBUTTON || this == MULTITEXT;
    }

    /** @return true for types that hold several values */
    public boolean multiValued() {
        return this == MULTISELECT || this == MULTITEXT;
    }

    /**
     * Looks a type up by its API name.
     *
     * @param apiName for example {@code select}
     * @return the type, or empty when unknown
     */
    public static Optional<CustomFieldType> fromApiName(String apiName) {
        return Arrays.stream(values()).filter(t -> t.apiName.equals(apiName)).findFirst();
    }
}
