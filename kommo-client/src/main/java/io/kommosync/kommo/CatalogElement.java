package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An element of a Kommo catalog, typically a product. Its data lives in custom fields: {@code SKU} (text),
 * {@code PRICE} (type {@code price}; Kommo sends the value as a string such as {@code "999.12"}), possibly further
 * price fields (price lists), {@code DESCRIPTION}, {@code GROUP}, and the account's own fields.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id           the element's id
 * @param catalogId    the catalog it belongs to
 * @param name         its name
 * @param customFields its custom field values
 */
public record CatalogElement(long id, long catalogId, String name, List<CustomFieldValue> customFields) {

    /** Code of the standard SKU field. */
    public static final String SKU = "SKU";
    /** Code of the standard price field. */
    public static final String PRICE = "PRICE";

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when an id is not positive
     */
    public CatalogElement {
        Arguments.id(id, "id");
        Arguments.id(catalogId, "catalogId");
        Arguments.notNull(name, "name", "pass \"\" when absent");
        customFields = Arguments.list(customFields, "customFields");
    }

    /**
     * Returns the SKU: the first value of the field with code {@value #SKU}.
     *
     * @return the SKU; empty when the element has none
     */
    public Optional<String> sku() {
        return customFields.stream().filter(field -> field.hasCode(SKU)).findFirst()
            .flatMap(CustomFieldValue::firstText).filter(text -> !text.isBlank());
    }

    /**
     * Returns the unit price for a lead line: the value of the price field the lead's link chose
     * ({@link LeadProductRef#priceId()}), or, when none was chosen, of the field with code {@value #PRICE}.
     *
     * @param priceFieldId the price field chosen on the link; empty for the default {@value #PRICE} field
     * @return the price; empty when the element has no value in that field (a chosen price field is never replaced
     *     by the default one: that would silently bill the wrong price)
     * @throws KommoException when the field holds text that is not a decimal number; the message names the element
     *     and the field
     */
    public Optional<BigDecimal> price(OptionalLong priceFieldId) {
        Arguments.notNull(priceFieldId, "priceFieldId", "pass OptionalLong.empty() for the default PRICE field");
        Optional<CustomFieldValue> field = priceFieldId.isPresent()
            ? customFields.stream().filter(value -> value.fieldId() == priceFieldId.getAsLong()).findFirst()
            : customFields.stream().filter(value -> value.hasCode(PRICE)).findFirst();
        return field.flatMap(value -> value.firstText().filter(text -> !text.isBlank())
            .map(text -> decimal(value, text)));
    }

    /**
     * Returns the text of a field by name (as shown in Kommo), or by code when no field has that name. Several
     * values are joined with {@code ", "}.
     *
     * @param fieldName the field's name, or its code
     * @return the text; empty when the element has no such field or it holds no text
     */
    public Optional<String> fieldText(String fieldName) {
        Arguments.notBlank(fieldName, "fieldName", "pass a field name such as \"Description\" or a code such as \"SKU\"");
        Optional<CustomFieldValue> field = customFields.stream()
            .filter(value -> value.fieldName().filter(fieldName::equals).isPresent()).findFirst()
            .or(() -> customFields.stream().filter(value -> value.hasCode(fieldName)).findFirst());
        return field.map(value -> String.join(", ", value.texts())).filter(text -> !text.isEmpty());
    }

    /**
     * Returns the text of every field, keyed by field name (or code, or {@code field_<id>} when the field has
     * neither), in the element's order. Several values are joined with {@code ", "}.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> fieldTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (CustomFieldValue value : customFields) {
            String key = value.fieldName().filter(name -> !name.isBlank())
                .or(value::fieldCode).orElse("field_" + value.fieldId());
            texts.putIfAbsent(key, String.join(", ", value.texts()));
        }
        return Collections.unmodifiableMap(texts);
    }

    private BigDecimal decimal(CustomFieldValue field, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new KommoException("Catalog element " + id + " of catalog " + catalogId + ": price field "
                + field.fieldId() + field.fieldName().map(name -> " (" + name + ")").orElse("")
                + " holds text that is not a decimal number (" + Math.min(text.length(), 40)
                + " characters). Fix the price in Kommo.", e);
        }
    }
}
