package io.kommosync.kommo.webhook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A custom field of the entity of a webhook event, in the older ("v2") shape that webhooks use:
 * {@code ...[custom_fields][i][id]}, {@code [name]}, {@code [code]} and {@code [values][j][value|enum]}. (The
 * API's {@code custom_fields_values} with {@code field_id} is a different shape; this record is only for webhooks.)
 *
 * @param id     the field's Kommo id, positive
 * @param name   the field's display name, if sent
 * @param code   the field's code (for example {@code PHONE}, {@code EMAIL}), if sent
 * @param values the values in the order Kommo numbered them; copied, unmodifiable, possibly empty
 */
public record WebhookCustomField(long id, Optional<String> name, Optional<String> code,
                                 List<WebhookCustomFieldValue> values) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if {@code id} is not positive
     * @throws NullPointerException     if a component or a value is null
     */
    public WebhookCustomField {
        Preconditions.positive(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
        values = Preconditions.copy(values, "values");
    }

    /**
     * The text of the first value, the common case for single-value fields.
     *
     * @return the first value's text, or empty if the field has no values
     */
    public Optional<String> firstValue() {
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).value());
    }
}
