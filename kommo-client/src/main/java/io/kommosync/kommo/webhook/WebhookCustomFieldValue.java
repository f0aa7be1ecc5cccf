package io.kommosync.kommo.webhook;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One value of a {@link WebhookCustomField}, from {@code ...[custom_fields][i][values][j][value]} and
 * {@code ...[values][j][enum]}, or from the short form {@code ...[values][j]} that Kommo uses for date fields.
 *
 * <p>Kommo sends every value as text, whatever the field's type: numbers, unix timestamps, {@code "1"} for a
 * ticked checkbox, the option's text for a select. Interpret it with the field definition read from the API.
 *
 * @param value  the value exactly as sent, possibly empty
 * @param enumId the id of the chosen option for select, multiselect, radio button and multitext fields
 *               (phone, email), if the webhook carried one; never negative
 */
public record WebhookCustomFieldValue(String value, OptionalLong enumId) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if {@code enumId} is negative
     */
    public WebhookCustomFieldValue {
        Objects.requireNonNull(value, "value");
        Preconditions.nonNegative(enumId, "enumId");
    }

    /**
     * A value without an option id.
     *
     * @param value the value as text
     * @return the value
     */
    public static WebhookCustomFieldValue of(String value) {
        return new WebhookCustomFieldValue(value, OptionalLong.empty());
    }

    /**
     * A value of an option field.
     *
     * @param value  the option's text
     * @param enumId the option's id, not negative
     * @return the value
     */
    public static WebhookCustomFieldValue of(String value, long enumId) {
        return new WebhookCustomFieldValue(value, OptionalLong.of(enumId));
    }
}
