package io.kommosync.sandbox.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a {@code custom_fields_values} write to an entity's current values, the way Kommo does: only the listed
 * fields change, {@code "values": null} (or an empty array) clears a field, a field is named by {@code field_id} or
 * {@code field_code}, and values are checked against the field's type.
 */
final class FieldWriter {

    private FieldWriter() {
    }

    static List<CustomFieldValue> apply(List<CustomFieldValue> current, JsonNode array,
            Collection<CustomField> definitions, String basePath, ValidationErrors.Item issues) {
        if (array == null || array.isNull()) {
            return current;
        }
        if (!array.isArray()) {
            issues.invalidType(basePath, "array");
            return current;
        }
        Map<Long, CustomFieldValue> result = new LinkedHashMap<>();
        current.forEach(v -> result.put(v.fieldId(), v));
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String path = basePath + "." + i;
            if (!node.isObject()) {
                issues.invalidType(path, "object");
                continue;
            }
            CustomField field = resolve(node, definitions, path, issues);
            if (field == null) {
                continue;
            }
            JsonNode values = node.get("values");
            if (values == null || values.isNull() || (values.isArray() && values.isEmpty())) {
                result.remove(field.id());
                continue;
            }
            if (!values.isArray()) {
                issues.invalidType(path + ".values", "array");
                continue;
            }
            if (!field.type().multiValued() && values.size() > 1) {
                issues.add("Count", path + ".values", "This collection should contain 1 element or less.");
                continue;
            }
            List<FieldValue> parsed = new ArrayList<>();
            for (int j = 0; j < values.size(); j++) {
                parseValue(field, values.get(j), path + ".values." + j, issues).ifPresent(parsed::add);
            }
            if (parsed.size() == values.size()) {
                result.put(field.id(), new CustomFieldValue(field.id(), field.name(), field.code(), field.type(),
                        parsed));
            }
        }
        return new ArrayList<>(result.values());
    }

    private static CustomField resolve(JsonNode node, Collection<CustomField> definitions, String path,
            ValidationErrors.Item issues) {
        JsonNode id = node.get("field_id");
        if (id != null && !id.isNull()) {
            Long fieldId = asLong(id);
            CustomField field = fieldId == null ? null
                    : definitions.stream().filter(f -> f.id() == fieldId).findFirst().orElse(null);
            if (field == null) {
                issues.notSupportedChoice(path + ".field_id");
            }
            return field;
        }
        JsonNode code = node.get("field_code");
        if (code != null && !code.isNull()) {
            CustomField field = definitions.stream().filter(f -> code.asText().equals(f.code())).findFirst()
                    .orElse(null);
            if (field == null) {
                issues.notSupportedChoice(path + ".field_code");
            }
            return field;
        }
        issues.notBlank(path + ".field_id");
        return null;
    }

    private static Optional<FieldValue> parseValue(CustomField field, JsonNode node, String path,
            ValidationErrors.Item issues) {
        if (node == null || !node.isObject()) {
            issues.invalidType(path, "object");
            return Optional.empty();
        }
        JsonNode value = node.get("value");
        boolean hasValue = value != null && !value.isNull();
        switch (field.type()) {
            case TEXT, TEXTAREA -> {
                if (!hasValue) {
                    issues.notBlank(path + ".value");
                } else if (!value.isTextual() && !value.isNumber()) {
                    issues.invalidType(path + ".value", "string");
                } else {
                    return Optional.of(FieldValue.of(value.asText()));
                }
            }
            case URL -> {
                if (!hasValue) {
                    issues.notBlank(path + ".value");
                } else if (!value.isTextual() || !isHttpUrl(value.asText())) {
                    issues.add("InvalidUrl", path + ".value", "This value is not a valid URL.");
                } else {
                    return Optional.of(FieldValue.of(value.asText()));
                }
            }
            case NUMERIC, PRICE -> {
                BigDecimal number = hasValue ? asDecimal(value) : null;
                if (!hasValue) {
                    issues.notBlank(path + ".value");
                } else if (number == null) {
                    issues.invalidType(path + ".value", "numeric");
                } else {
                    return Optional.of(FieldValue.of(value.isTextual() ? value.asText().trim()
                            : number.toPlainString()));
                }
            }
            case CHECKBOX -> {
                Boolean bool = hasValue ? asBoolean(value) : null;
                if (bool == null) {
                    issues.invalidType(path + ".value", "bool");
                } else {
                    return Optional.of(FieldValue.of(bool));
                }
            }
            case DATE, DATE_TIME, BIRTHDAY -> {
                Long epoch = hasValue ? asEpochSeconds(value) : null;
                if (!hasValue) {
                    issues.notBlank(path + ".value");
                } else if (epoch == null) {
                    issues.invalidType(path + ".value", "timestamp or RFC 3339 date");
                } else {
                    return Optional.of(FieldValue.of(epoch));
                }
            }
            case SELECT, MULTISELECT, RADIOBUTTON -> {
                return chooseEnum(field, node, path, issues, false);
            }
            case MULTITEXT -> {
                if (!hasValue) {
                    issues.notBlank(path + ".value");
                    return Optional.empty();
                }
                if (!value.isTextual() && !value.isNumber()) {
                    issues.invalidType(path + ".value", "string");
                    return Optional.empty();
                }
                Optional<FieldValue> chosen = chooseEnum(field, node, path, issues, true);
                return chosen.map(e -> new FieldValue(value.asText(), e.enumId(), e.enumCode()));
            }
            default -> issues.notSupportedChoice(path);
        }
        return Optional.empty();
    }

    /** Picks the option named by enum_id, enum_code or (for select-likes) value; multitext defaults to the first. */
    private static Optional<FieldValue> chooseEnum(CustomField field, JsonNode node, String path,
            ValidationErrors.Item issues, boolean multitext) {
        JsonNode enumId = node.get("enum_id");
        JsonNode enumCode = node.get("enum_code");
        JsonNode value = node.get("value");
        Optional<FieldEnum> choice;
        String usedPath;
        if (enumId != null && !enumId.isNull()) {
            Long id = asLong(enumId);
            choice = id == null ? Optional.empty() : field.enumById(id);
            usedPath = path + ".enum_id";
        } else if (enumCode != null && !enumCode.isNull()) {
            choice = field.enumByCode(enumCode.asText());
            usedPath = path + ".enum_code";
        } else if (multitext) {
            choice = field.enums().stream().findFirst();
            usedPath = path + ".enum_id";
        } else if (value != null && !value.isNull()) {
            choice = field.enumByValue(value.asText());
            usedPath = path + ".value";
        } else {
            issues.notBlank(path + ".enum_id");
            return Optional.empty();
        }
        if (choice.isEmpty()) {
            issues.notSupportedChoice(usedPath);
            return Optional.empty();
        }
        FieldEnum e = choice.get();
        return Optional.of(new FieldValue(e.value(), e.id(), e.code()));
    }

    static Long asLong(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(node.asText());
        }
        return null;
    }

    static BigDecimal asDecimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Boolean asBoolean(JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        String text = node.asText();
        return switch (text) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Long asEpochSeconds(JsonNode node) {
        Long epoch = asLong(node);
        if (epoch != null) {
            return epoch;
        }
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.asText()).toEpochSecond();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
