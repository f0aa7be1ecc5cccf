package io.kommosync.kommo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.kommosync.kommo.Account;
import io.kommosync.kommo.Catalog;
import io.kommosync.kommo.CatalogElement;
import io.kommosync.kommo.Company;
import io.kommosync.kommo.Contact;
import io.kommosync.kommo.CustomFieldDefinition;
import io.kommosync.kommo.CustomFieldValue;
import io.kommosync.kommo.KommoException;
import io.kommosync.kommo.Lead;
import io.kommosync.kommo.LeadContactRef;
import io.kommosync.kommo.LeadLink;
import io.kommosync.kommo.LeadProductRef;
import io.kommosync.kommo.Page;
import io.kommosync.kommo.Pipeline;
import io.kommosync.kommo.PipelineStatus;
import io.kommosync.kommo.WebhookSubscription;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * Turns Kommo's HAL+JSON answers into the public records. Lenient where Kommo varies (numbers sent as strings,
 * {@code null} instead of empty lists, missing optional parts), strict about ids: an entity without a usable id is
 * a {@link KommoException} naming the path.
 *
 * <p>Stateless and thread-safe. Not part of the public API.
 */
public final class KommoReader {

    private KommoReader() {
    }

    /**
     * Reads one page of a list answer.
     *
     * @param root   the answer; null for 204 (an empty page)
     * @param key    the key under {@code _embedded}, such as {@code leads}
     * @param reader reads one item; gets the item and its path for messages
     * @param <T>    the item type
     * @return the page
     */
    public static <T> Page<T> page(JsonNode root, String key, BiFunction<JsonNode, String, T> reader) {
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new Page<>(List.of(), 1, Optional.empty());
        }
        List<T> items = embedded(root, key, reader);
        int number = root.path("_page").canConvertToInt() && root.path("_page").asInt() >= 1
            ? root.path("_page").asInt() : 1;
        Optional<String> next = text(root.path("_links").path("next"), "href").filter(href -> !href.isBlank());
        return new Page<>(items, number, next);
    }

    /**
     * Reads the items under {@code _embedded.<key>}.
     *
     * @param root   the answer; null for 204
     * @param key    the embedded key
     * @param reader reads one item
     * @param <T>    the item type
     * @return the items; empty when absent
     */
    public static <T> List<T> embedded(JsonNode root, String key, BiFunction<JsonNode, String, T> reader) {
        if (root == null) {
            return List.of();
        }
        JsonNode array = root.path("_embedded").path(key);
        List<T> items = new ArrayList<>();
        if (array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                items.add(reader.apply(array.get(i), "_embedded." + key + "[" + i + "]"));
            }
        }
        return items;
    }

    /**
     * Reads a lead.
     *
     * @param node the lead object
     * @param path its path, for messages
     * @return the lead
     */
    public static Lead lead(JsonNode node, String path) {
        long id = id(node, "id", path);
        JsonNode priceNode = node.path("price_with_minor_units");
        BigDecimal price = decimal(priceNode).or(() -> decimal(node.path("price"))).orElse(BigDecimal.ZERO);
        JsonNode embedded = node.path("_embedded");
        List<LeadContactRef> contacts = new ArrayList<>();
        JsonNode contactArray = embedded.path("contacts");
        for (int i = 0; i < contactArray.size(); i++) {
            JsonNode contact = contactArray.get(i);
            contacts.add(new LeadContactRef(id(contact, "id", path + "._embedded.contacts[" + i + "]"),
                contact.path("is_main").asBoolean(false)));
        }
        List<LeadProductRef> products = new ArrayList<>();
        JsonNode elements = embedded.path("catalog_elements");
        for (int i = 0; i < elements.size(); i++) {
            String where = path + "._embedded.catalog_elements[" + i + "]";
            JsonNode element = elements.get(i);
            JsonNode metadata = element.path("metadata");
            products.add(new LeadProductRef(id(element, "id", where), id(metadata, "catalog_id", where + ".metadata"),
                decimal(metadata.path("quantity")).orElse(BigDecimal.ONE), optionalId(metadata, "price_id")));
        }
        return new Lead(id, text(node, "name").orElse(""), price, number(node, "pipeline_id"),
            number(node, "status_id"), number(node, "responsible_user_id"), epoch(node, "created_at"),
            epoch(node, "updated_at"), customFields(node.path("custom_fields_values"), path),
            contacts, products, firstEmbeddedId(embedded, "companies"));
    }

    /**
     * Reads a contact.
     *
     * @param node the contact object
     * @param path its path
     * @return the contact
     */
    public static Contact contact(JsonNode node, String path) {
        List<CustomFieldValue> fields = customFields(node.path("custom_fields_values"), path);
        return new Contact(id(node, "id", path), text(node, "name").orElse(""), text(node, "first_name").orElse(""),
            text(node, "last_name").orElse(""), number(node, "responsible_user_id"), multitext(fields, "EMAIL"),
            multitext(fields, "PHONE"), fields, firstEmbeddedId(node.path("_embedded"), "companies"));
    }

    /**
     * Reads a company.
     *
     * @param node the company object
     * @param path its path
     * @return the company
     */
    public static Company company(JsonNode node, String path) {
        List<CustomFieldValue> fields = customFields(node.path("custom_fields_values"), path);
        return new Company(id(node, "id", path), text(node, "name").orElse(""), multitext(fields, "EMAIL"),
            multitext(fields, "PHONE"), fields);
    }

    /**
     * Reads a catalog.
     *
     * @param node the catalog object
     * @param path its path
     * @return the catalog
     */
    public static Catalog catalog(JsonNode node, String path) {
        return new Catalog(id(node, "id", path), text(node, "name").orElse(""), text(node, "type").orElse(""));
    }

    /**
     * Reads a catalog element.
     *
     * @param node      the element object
     * @param path      its path
     * @param catalogId the catalog asked for, used when the element does not name its own
     * @return the element
     */
    public static CatalogElement element(JsonNode node, String path, long catalogId) {
        long own = number(node, "catalog_id");
        return new CatalogElement(id(node, "id", path), own > 0 ? own : catalogId, text(node, "name").orElse(""),
            customFields(node.path("custom_fields_values"), path));
    }

    /**
     * Reads a link of a lead.
     *
     * @param node the link object
     * @param path its path
     * @return the link
     */
    public static LeadLink link(JsonNode node, String path) {
        JsonNode metadata = node.path("metadata");
        return new LeadLink(id(node, "to_entity_id", path), text(node, "to_entity_type").orElse("unknown"),
            optionalId(metadata, "catalog_id"), decimal(metadata.path("quantity")), optionalId(metadata, "price_id"),
            metadata.path("main_contact").asBoolean(false));
    }

    /**
     * Reads a pipeline with its stages.
     *
     * @param node the pipeline object
     * @param path its path
     * @return the pipeline
     */
    public static Pipeline pipeline(JsonNode node, String path) {
        long id = id(node, "id", path);
        List<PipelineStatus> statuses = embedded(node, "statuses", (status, where) -> new PipelineStatus(
            id(status, "id", path + "." + where), number(status, "pipeline_id") > 0 ? number(status, "pipeline_id") : id,
            text(status, "name").orElse(""), status.path("sort").asInt(0)));
        return new Pipeline(id, text(node, "name").orElse(""), node.path("is_main").asBoolean(false),
            node.path("sort").asInt(0), statuses);
    }

    /**
     * Reads a custom field definition.
     *
     * @param node the field object
     * @param path its path
     * @return the definition
     */
    public static CustomFieldDefinition definition(JsonNode node, String path) {
        List<CustomFieldDefinition.Option> options = new ArrayList<>();
        JsonNode enums = node.path("enums");
        for (int i = 0; i < enums.size(); i++) {
            JsonNode option = enums.get(i);
            options.add(new CustomFieldDefinition.Option(id(option, "id", path + ".enums[" + i + "]"),
                text(option, "value").orElse(""), option.path("sort").asInt(0),
                text(option, "code").filter(code -> !code.isBlank())));
        }
        return new CustomFieldDefinition(id(node, "id", path), text(node, "name").orElse(""),
            text(node, "type").orElse(""), text(node, "code").filter(code -> !code.isBlank()),
            node.path("sort").asInt(0), node.path("is_api_only").asBoolean(false), options);
    }

    /**
     * Reads a webhook subscription.
     *
     * @param node the subscription object
     * @param path its path
     * @return the subscription
     */
    public static WebhookSubscription webhook(JsonNode node, String path) {
        List<String> settings = new ArrayList<>();
        node.path("settings").forEach(setting -> settings.add(setting.asText()));
        return new WebhookSubscription(id(node, "id", path), text(node, "destination").orElse(""), settings,
            node.path("disabled").asBoolean(false), node.path("sort").asInt(0));
    }

    /**
     * Reads the account.
     *
     * @param node the account object
     * @return the account
     */
    public static Account account(JsonNode node) {
        if (node == null) {
            throw new KommoException("Unexpected Kommo answer: GET /api/v4/account returned no content");
        }
        return new Account(id(node, "id", "account"), text(node, "name").orElse(""),
            text(node, "subdomain").orElse(""), text(node, "currency").orElse(""));
    }

    /**
     * Reads the ids of created entities under {@code _embedded.<key>}, in the order of the request's items: by
     * their echoed {@code request_id} when every item has one, else in answer order.
     *
     * @param root     the answer
     * @param key      the embedded key
     * @param expected how many items were sent
     * @param what     what was created, for messages
     * @return the ids
     */
    public static List<Long> createdIds(JsonNode root, String key, int expected, String what) {
        List<JsonNode> items = new ArrayList<>();
        if (root != null) {
            root.path("_embedded").path(key).forEach(items::add);
        }
        if (items.size() != expected) {
            throw new KommoException("Unexpected Kommo answer when creating " + what + ": sent " + expected
                + " items but Kommo reported " + items.size() + " created; check Kommo before creating them again");
        }
        Long[] ids = new Long[expected];
        boolean byRequestId = true;
        for (JsonNode item : items) {
            OptionalLong index = optionalNumber(item.path("request_id"));
            if (index.isEmpty() || index.getAsLong() < 0 || index.getAsLong() >= expected
                || ids[(int) index.getAsLong()] != null) {
                byRequestId = false;
                break;
            }
            ids[(int) index.getAsLong()] = id(item, "id", "_embedded." + key);
        }
        List<Long> result = new ArrayList<>(expected);
        for (int i = 0; i < items.size(); i++) {
            result.add(byRequestId ? ids[i] : id(items.get(i), "id", "_embedded." + key + "[" + i + "]"));
        }
        return result;
    }

    /**
     * Reads {@code custom_fields_values}.
     *
     * @param array the array; null or missing for none
     * @param path  the owner's path
     * @return the values
     */
    public static List<CustomFieldValue> customFields(JsonNode array, String path) {
        List<CustomFieldValue> fields = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return fields;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode field = array.get(i);
            String where = path + ".custom_fields_values[" + i + "]";
            List<CustomFieldValue.Value> values = new ArrayList<>();
            JsonNode valueArray = field.path("values");
            for (int j = 0; j < valueArray.size(); j++) {
                JsonNode value = valueArray.get(j);
                values.add(new CustomFieldValue.Value(valueText(value.path("value")),
                    optionalNumber(value.path("enum_id")), text(value, "enum_code").filter(code -> !code.isBlank())));
            }
            fields.add(new CustomFieldValue(id(field, "field_id", where),
                text(field, "field_code").filter(code -> !code.isBlank()),
                text(field, "field_name").filter(name -> !name.isBlank()),
                text(field, "field_type").filter(type -> !type.isBlank()), values));
        }
        return fields;
    }

    private static List<String> multitext(List<CustomFieldValue> fields, String code) {
        return fields.stream().filter(field -> field.hasCode(code))
            .flatMap(field -> field.texts().stream()).map(String::trim).filter(text -> !text.isEmpty()).toList();
    }

    /** A value of any JSON type as text: strings as is, numbers plain, booleans, JSON for structures. */
    private static Optional<String> valueText(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(value.asText());
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.bigIntegerValue().toString());
        }
        if (value.isNumber()) {
            return Optional.of(value.decimalValue().toPlainString());
        }
        if (value.isBoolean()) {
            return Optional.of(Boolean.toString(value.booleanValue()));
        }
        return Optional.of(value.toString());
    }

    private static OptionalLong firstEmbeddedId(JsonNode embedded, String key) {
        JsonNode array = embedded.path(key);
        if (array.isArray() && !array.isEmpty()) {
            return optionalNumber(array.get(0).path("id")).stream().filter(id -> id > 0).findFirst();
        }
        return OptionalLong.empty();
    }

    private static long id(JsonNode node, String field, String path) {
        OptionalLong value = optionalNumber(node.path(field));
        if (value.isEmpty() || value.getAsLong() <= 0) {
            throw new KommoException("Unexpected Kommo answer: " + path + "." + field
                + " is missing or not a positive id");
        }
        return value.getAsLong();
    }

    private static OptionalLong optionalId(JsonNode node, String field) {
        OptionalLong value = optionalNumber(node.path(field));
        return value.isPresent() && value.getAsLong() > 0 ? value : OptionalLong.empty();
    }

    private static long number(JsonNode node, String field) {
        return optionalNumber(node.path(field)).orElse(0);
    }

    private static OptionalLong optionalNumber(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return OptionalLong.of(node.longValue());
        }
        if (node.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(node.asText().trim()));
            } catch (NumberFormatException notANumber) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<BigDecimal> decimal(JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue());
        }
        if (node.isTextual() && !node.asText().isBlank()) {
            try {
                return Optional.of(new BigDecimal(node.asText().trim()));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Instant epoch(JsonNode node, String field) {
        return Instant.ofEpochSecond(optionalNumber(node.path(field)).orElse(0));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
    }
}
