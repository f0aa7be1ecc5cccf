package io.kommosync.kommo.webhook;

import io.kommosync.kommo.webhook.KommoWebhookEvent.Action;
import io.kommosync.kommo.webhook.KommoWebhookEvent.CompanyAdded;
import io.kommosync.kommo.webhook.KommoWebhookEvent.CompanyDeleted;
import io.kommosync.kommo.webhook.KommoWebhookEvent.CompanyResponsibleChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.CompanyRestored;
import io.kommosync.kommo.webhook.KommoWebhookEvent.CompanyUpdated;
import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactAdded;
import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactDeleted;
import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactResponsibleChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactRestored;
import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactUpdated;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadAdded;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadDeleted;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadResponsibleChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadRestored;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadStatusChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadUpdated;
import io.kommosync.kommo.webhook.internal.Excerpt;
import io.kommosync.kommo.webhook.internal.FormDecoder;
import io.kommosync.kommo.webhook.internal.FormKey;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Collects the fields of one webhook body that this library understands, then turns them into a
 * {@link KommoWebhook}. Keys under other roots, other actions and other event fields are skipped; the known
 * structure is checked strictly. Memory is proportional to the number of fields, never to index values: events,
 * tags, custom fields and values are held in maps keyed by index. One instance per body; not thread-safe.
 */
final class WebhookBodyReader implements FormDecoder.FieldSink {

    private static final long MAX_UNIX_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final int MAX_AMOUNT_INTEGER_DIGITS = 30;
    private static final int MAX_AMOUNT_FRACTION_DIGITS = 12;
    private static final String[] ROOTS = {"leads", "contacts", "companies"};
    private static final Action[] ACTIONS = Action.values();

    private final KommoWebhookParser limits;
    private final Map<String, String> account = new HashMap<>(4);
    /** Groups by root (index into {@link #ROOTS}) and action; {@link #groupOrder} keeps first appearance. */
    private final Group[][] groups = new Group[ROOTS.length][ACTIONS.length];
    private final List<Group> groupOrder = new ArrayList<>();
    private int eventCount;
    private int ignoredFields;

    WebhookBodyReader(KommoWebhookParser limits) {
        this.limits = limits;
    }

    int ignoredFields() {
        return ignoredFields;
    }

    @Override
    public void accept(String key, String value) {
        if (hasRoot(key, "account")) {
            accountField(key, value);
            return;
        }
        for (int root = 0; root < ROOTS.length; root++) {
            if (hasRoot(key, ROOTS[root])) {
                eventField(root, key, value);
                return;
            }
        }
        ignoredFields++;
    }

    private static boolean hasRoot(String key, String root) {
        return key.startsWith(root) && (key.length() == root.length() || key.charAt(root.length()) == '[');
    }

    private void accountField(String key, String value) {
        List<String> parts = FormKey.parts(key, limits.maxKeyDepth());
        if (parts.isEmpty()) {
            throw new KommoWebhookFormatException(key, "expected bracketed keys such as account[subdomain]");
        }
        String name = parts.size() == 1 ? parts.get(0)
                : parts.size() == 2 && parts.get(0).equals("_links") ? "_links." + parts.get(1) : "";
        if (name.equals("id") || name.equals("subdomain") || name.equals("_links.self")) {
            putOnce(account, name, value, key);
        } else {
            ignoredFields++;
        }
    }

    private void eventField(int root, String key, String value) {
        List<String> parts = FormKey.parts(key, limits.maxKeyDepth());
        if (parts.isEmpty()) {
            throw new KommoWebhookFormatException(key, "expected bracketed keys such as " + ROOTS[root]
                    + "[update][0][id]");
        }
        Action action = action(root, parts.get(0));
        if (action == null) {
            ignoredFields++;
            return;
        }
        if (parts.size() == 1) {
            throw new KommoWebhookFormatException(key, "expected an event index and field such as " + key + "[0][id]");
        }
        int index = index(parts.get(1), key);
        Group group = groups[root][action.ordinal()];
        if (group == null) {
            group = new Group(ROOTS[root], action);
            groups[root][action.ordinal()] = group;
            groupOrder.add(group);
        }
        EventFields event = group.events.get(index);
        if (event == null) {
            if (eventCount == limits.maxEvents()) {
                throw new KommoWebhookFormatException("body", "has more than " + limits.maxEvents() + " events"
                        + " (raise the limit with KommoWebhookParser.builder().withMaxEvents(...))");
            }
            eventCount++;
            event = new EventFields(group.root + "[" + action.wireName() + "][" + index + "]");
            group.events.put(index, event);
        }
        if (parts.size() == 2) {
            if (action != Action.DELETE) {
                throw new KommoWebhookFormatException(key, "expected event fields such as " + event.prefix + "[id]");
            }
            putOnce(event.scalars, "id", value, key); // short delete form: leads[delete][0]=4821
            return;
        }
        String field = parts.get(2);
        if (parts.size() == 3) {
            putOnce(event.scalars, field, value, key);
        } else if (field.equals("tags")) {
            tagField(event, parts, key, value);
        } else if (field.equals("custom_fields")) {
            customFieldField(event, parts, key, value);
        } else {
            ignoredFields++;
        }
    }

    private void tagField(EventFields event, List<String> parts, String key, String value) {
        if (parts.size() != 5) {
            throw new KommoWebhookFormatException(key, "expected " + event.prefix + "[tags][0][id] or [name]");
        }
        TagFields tag = event.tagFields().computeIfAbsent(index(parts.get(3), key), i -> new TagFields());
        switch (parts.get(4)) {
            case "id" -> tag.id = once(tag.id, value, key);
            case "name" -> tag.name = once(tag.name, value, key);
            default -> ignoredFields++;
        }
    }

    private void customFieldField(EventFields event, List<String> parts, String key, String value) {
        if (parts.size() < 5) {
            throw new KommoWebhookFormatException(key, "expected " + event.prefix
                    + "[custom_fields][0][id], [name], [code] or [values][0][value]");
        }
        int index = index(parts.get(3), key);
        TreeMap<Integer, CustomFieldFields> fields = event.customFieldFields();
        CustomFieldFields field = fields.get(index);
        if (field == null) {
            if (fields.size() == limits.maxCustomFields()) {
                throw new KommoWebhookFormatException(event.prefix + "[custom_fields]", "has more than "
                        + limits.maxCustomFields() + " custom fields (raise the limit with "
                        + "KommoWebhookParser.builder().withMaxCustomFields(...))");
            }
            field = new CustomFieldFields();
            fields.put(index, field);
        }
        String name = parts.get(4);
        if (parts.size() == 5) {
            switch (name) {
                case "id" -> field.id = once(field.id, value, key);
                case "name" -> field.name = once(field.name, value, key);
                case "code" -> field.code = once(field.code, value, key);
                default -> ignoredFields++;
            }
            return;
        }
        if (!name.equals("values")) {
            ignoredFields++;
            return;
        }
        if (parts.size() > 7) {
            throw new KommoWebhookFormatException(key, "expected [values][0] or [values][0][value] or [enum]");
        }
        ValueFields entry = field.values().computeIfAbsent(index(parts.get(5), key), i -> new ValueFields());
        if (parts.size() == 6) {
            if (entry.shortForm != null || entry.hasParts) {
                throw repeated(key);
            }
            entry.shortForm = value; // short form used for dates: [values][0]=1471813200
            return;
        }
        if (entry.shortForm != null) {
            throw repeated(key);
        }
        entry.hasParts = true;
        switch (parts.get(6)) {
            case "value" -> entry.value = once(entry.value, value, key);
            case "enum" -> entry.enumId = once(entry.enumId, value, key);
            default -> ignoredFields++;
        }
    }

    private static Action action(int root, String name) {
        for (Action action : ACTIONS) {
            if (action.wireName().equals(name)) {
                return action == Action.STATUS && root != 0 ? null : action;
            }
        }
        return null;
    }

    private int index(String text, String key) {
        boolean canonical = digits(text, 0, text.length()) && text.length() <= 10
                && (text.length() == 1 || text.charAt(0) != '0');
        if (!canonical || Long.parseLong(text) > limits.maxIndex()) {
            throw new KommoWebhookFormatException(key, "expected an index from 0 to " + limits.maxIndex() + ", got "
                    + Excerpt.value(text));
        }
        return Integer.parseInt(text);
    }

    private static void putOnce(Map<String, String> map, String name, String value, String key) {
        if (map.putIfAbsent(name, value) != null) {
            throw repeated(key);
        }
    }

    private static String once(String existing, String value, String key) {
        if (existing != null) {
            throw repeated(key);
        }
        return value;
    }

    private static KommoWebhookFormatException repeated(String key) {
        return new KommoWebhookFormatException(key, "appears more than once; each key may appear once");
    }

    // ---------------------------------------------------------------- assembling

    KommoWebhook webhook() {
        WebhookAccount webhookAccount = webhookAccount();
        List<KommoWebhookEvent> events = new ArrayList<>(eventCount);
        for (Group group : groupOrder) {
            for (EventFields fields : group.events.values()) {
                KommoWebhookEvent event = event(group, fields);
                if (event == null) {
                    ignoredFields += fields.scalars.size();
                } else {
                    events.add(event);
                }
            }
        }
        return new KommoWebhook(webhookAccount, events);
    }

    private WebhookAccount webhookAccount() {
        String subdomain = account.get("subdomain");
        if (subdomain == null) {
            throw new KommoWebhookFormatException("account[subdomain]", "is missing; every Kommo webhook names"
                    + " its account");
        }
        if (!WebhookAccount.isSubdomain(subdomain)) {
            throw new KommoWebhookFormatException("account[subdomain]", "expected a Kommo subdomain (letters, digits"
                    + " and '-'), got " + Excerpt.value(subdomain));
        }
        String idText = account.get("id");
        OptionalLong id = idText == null || idText.isEmpty()
                ? OptionalLong.empty()
                : OptionalLong.of(id(idText, "account[id]"));
        Optional<URI> baseUrl = Optional.empty();
        String self = account.get("_links.self");
        if (self != null && !self.isEmpty()) {
            URI uri = null;
            try {
                uri = new URI(self);
            } catch (URISyntaxException e) {
                // reported below
            }
            if (uri == null || !WebhookAccount.isBaseUrl(uri)) {
                throw new KommoWebhookFormatException("account[_links][self]", "expected an absolute https URL such"
                        + " as https://example.kommo.com, got " + Excerpt.value(self));
            }
            baseUrl = Optional.of(uri);
        }
        return new WebhookAccount(id, subdomain, baseUrl);
    }

    private KommoWebhookEvent event(Group group, EventFields f) {
        if (group.root.equals("leads")) {
            return leadEvent(group.action, f);
        }
        boolean company = group.root.equals("companies");
        if (!company) {
            String type = f.scalars.get("type");
            if ("company".equals(type)) {
                company = true;
            } else if (type != null && !type.equals("contact") && !type.isEmpty()) {
                return null; // another kind of contact-like entity: not modelled
            }
        }
        long id = f.id("id");
        ContactSnapshot snapshot = new ContactSnapshot(f.text("name"), f.number("responsible_user_id"),
                f.number("created_user_id"), f.number("modified_user_id"), f.instant("created_at", "date_create"),
                f.instant("updated_at", "last_modified"), f.number("account_id"), f.tags(), f.customFields());
        return switch (group.action) {
            case ADD -> company ? new CompanyAdded(id, snapshot) : new ContactAdded(id, snapshot);
            case UPDATE -> company ? new CompanyUpdated(id, snapshot) : new ContactUpdated(id, snapshot);
            case DELETE -> company ? new CompanyDeleted(id, snapshot) : new ContactDeleted(id, snapshot);
            case RESTORE -> company ? new CompanyRestored(id, snapshot) : new ContactRestored(id, snapshot);
            case RESPONSIBLE -> {
                long responsible = f.requiredNumber("responsible_user_id");
                OptionalLong old = f.number("old_responsible_user_id");
                yield company
                        ? new CompanyResponsibleChanged(id, responsible, old, snapshot)
                        : new ContactResponsibleChanged(id, responsible, old, snapshot);
            }
            case STATUS -> throw new IllegalStateException("status events are collected for leads only");
        };
    }

    private KommoWebhookEvent leadEvent(Action action, EventFields f) {
        long id = f.id("id");
        LeadSnapshot snapshot = new LeadSnapshot(f.text("name"), f.amount("price"), f.number("status_id"),
                f.number("pipeline_id"), f.number("responsible_user_id"), f.number("created_user_id"),
                f.number("modified_user_id"), f.instant("created_at", "date_create"),
                f.instant("updated_at", "last_modified"), f.number("account_id"), f.tags(), f.customFields());
        return switch (action) {
            case ADD -> new LeadAdded(id, snapshot);
            case UPDATE -> new LeadUpdated(id, snapshot);
            case DELETE -> new LeadDeleted(id, snapshot);
            case RESTORE -> new LeadRestored(id, snapshot);
            case STATUS -> new LeadStatusChanged(id, f.requiredNumber("status_id"), f.requiredNumber("old_status_id"),
                    f.requiredNumber("pipeline_id"), f.requiredNumber("old_pipeline_id"), snapshot);
            case RESPONSIBLE -> new LeadResponsibleChanged(id, f.requiredNumber("responsible_user_id"),
                    f.number("old_responsible_user_id"), snapshot);
        };
    }

    // ---------------------------------------------------------------- conversions
    // Each parse* returns a marker (-1 or null) for bad text, so that the key naming the field in a message is
    // only built when there is an error to report.

    /** Whether {@code text[from, to)} is one or more ASCII digits. */
    private static boolean digits(String text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A non-negative whole number that fits a long, or -1. */
    private static long parseWholeNumber(String text) {
        if (text.length() > 19 || !digits(text, 0, text.length())) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Unix seconds up to year 9999, or null. */
    private static Instant parseInstant(String text) {
        if (text.length() > 12 || !digits(text, 0, text.length())) {
            return null;
        }
        long seconds = Long.parseLong(text);
        return seconds > MAX_UNIX_SECONDS ? null : Instant.ofEpochSecond(seconds);
    }

    /** A plain non-negative decimal such as {@code 1500} or {@code 1500.50}, or null. */
    private static BigDecimal parseAmount(String text) {
        int point = text.indexOf('.');
        int integerEnd = point < 0 ? text.length() : point;
        boolean plain = integerEnd <= MAX_AMOUNT_INTEGER_DIGITS && digits(text, 0, integerEnd)
                && (point < 0 || text.length() - point - 1 <= MAX_AMOUNT_FRACTION_DIGITS
                && digits(text, point + 1, text.length()));
        return plain ? new BigDecimal(text) : null;
    }

    private static long wholeNumber(String text, String key) {
        long value = parseWholeNumber(text);
        if (value < 0) {
            throw new KommoWebhookFormatException(key, "expected a whole number, got " + Excerpt.value(text));
        }
        return value;
    }

    private static long id(String text, String key) {
        long value = wholeNumber(text, key);
        if (value == 0) {
            throw new KommoWebhookFormatException(key, "expected a positive id, got " + Excerpt.value(text));
        }
        return value;
    }

    // ---------------------------------------------------------------- holders

    /** The events of one {@code root[action]}, by index. */
    private static final class Group {
        final String root;
        final Action action;
        final TreeMap<Integer, EventFields> events = new TreeMap<>();

        Group(String root, Action action) {
            this.root = root;
            this.action = action;
        }
    }

    /** The fields of one event; {@link #prefix} is its key prefix, such as {@code leads[status][0]}. */
    private static final class EventFields {
        final String prefix;
        final Map<String, String> scalars = new HashMap<>();
        private TreeMap<Integer, TagFields> tags;
        private TreeMap<Integer, CustomFieldFields> customFields;

        EventFields(String prefix) {
            this.prefix = prefix;
        }

        TreeMap<Integer, TagFields> tagFields() {
            if (tags == null) {
                tags = new TreeMap<>();
            }
            return tags;
        }

        TreeMap<Integer, CustomFieldFields> customFieldFields() {
            if (customFields == null) {
                customFields = new TreeMap<>();
            }
            return customFields;
        }

        String key(String field) {
            return prefix + "[" + field + "]";
        }

        long id(String field) {
            String text = scalars.get(field);
            if (text == null || text.isEmpty()) {
                throw new KommoWebhookFormatException(key(field), "is missing; every event names its entity's id");
            }
            return WebhookBodyReader.id(text, key(field));
        }

        long requiredNumber(String field) {
            String text = scalars.get(field);
            if (text == null) {
                throw new KommoWebhookFormatException(key(field), "is missing; this kind of event always carries it");
            }
            return wholeNumber(text, key(field));
        }

        OptionalLong number(String field) {
            String text = scalars.get(field);
            return text == null || text.isEmpty()
                    ? OptionalLong.empty()
                    : OptionalLong.of(wholeNumber(text, key(field)));
        }

        Optional<String> text(String field) {
            return Optional.ofNullable(scalars.get(field));
        }

        Optional<BigDecimal> amount(String field) {
            String text = scalars.get(field);
            if (text == null || text.isEmpty()) {
                return Optional.empty();
            }
            BigDecimal amount = parseAmount(text);
            if (amount == null) {
                throw new KommoWebhookFormatException(key(field), "expected an amount such as 1500 or 1500.50, got "
                        + Excerpt.value(text));
            }
            return Optional.of(amount);
        }

        Optional<Instant> instant(String field, String olderField) {
            Optional<Instant> older = instantOf(olderField);
            Optional<Instant> current = instantOf(field);
            return current.isPresent() ? current : older;
        }

        private Optional<Instant> instantOf(String field) {
            String text = scalars.get(field);
            if (text == null || text.isEmpty()) {
                return Optional.empty();
            }
            Instant instant = parseInstant(text);
            if (instant == null) {
                throw new KommoWebhookFormatException(key(field), "expected a unix time in seconds, got "
                        + Excerpt.value(text));
            }
            return Optional.of(instant);
        }

        List<WebhookTag> tags() {
            if (tags == null) {
                return List.of();
            }
            List<WebhookTag> list = new ArrayList<>(tags.size());
            tags.forEach((index, tag) -> list.add(tag.toTag(this, index)));
            return list;
        }

        List<WebhookCustomField> customFields() {
            if (customFields == null) {
                return List.of();
            }
            List<WebhookCustomField> list = new ArrayList<>(customFields.size());
            customFields.forEach((index, field) -> list.add(field.toField(this, index)));
            return list;
        }
    }

    /** The fields of one tag. */
    private static final class TagFields {
        String id;
        String name;

        WebhookTag toTag(EventFields event, int index) {
            long tagId = id == null ? -1 : parseWholeNumber(id);
            if (tagId <= 0) {
                String key = event.prefix + "[tags][" + index + "][id]";
                if (id == null || id.isEmpty()) {
                    throw new KommoWebhookFormatException(key, "is missing; every tag has an id");
                }
                WebhookBodyReader.id(id, key); // throws with the right message
            }
            return new WebhookTag(tagId, Optional.ofNullable(name));
        }
    }

    /** The fields of one custom field. */
    private static final class CustomFieldFields {
        String id;
        String name;
        String code;
        private TreeMap<Integer, ValueFields> values;

        TreeMap<Integer, ValueFields> values() {
            if (values == null) {
                values = new TreeMap<>();
            }
            return values;
        }

        WebhookCustomField toField(EventFields event, int index) {
            long fieldId = id == null ? -1 : parseWholeNumber(id);
            if (fieldId <= 0) {
                String key = event.prefix + "[custom_fields][" + index + "][id]";
                if (id == null || id.isEmpty()) {
                    throw new KommoWebhookFormatException(key, "is missing; every custom field has an id");
                }
                WebhookBodyReader.id(id, key); // throws with the right message
            }
            List<WebhookCustomFieldValue> list;
            if (values == null) {
                list = List.of();
            } else {
                list = new ArrayList<>(values.size());
                for (Map.Entry<Integer, ValueFields> entry : values.entrySet()) {
                    list.add(entry.getValue().toValue(event, index, entry.getKey()));
                }
            }
            return new WebhookCustomField(fieldId, Optional.ofNullable(name), Optional.ofNullable(code), list);
        }
    }

    /** One custom field value: the short form {@code [values][0]=text}, or {@code [value]} and {@code [enum]}. */
    private static final class ValueFields {
        String shortForm;
        boolean hasParts;
        String value;
        String enumId;

        WebhookCustomFieldValue toValue(EventFields event, int fieldIndex, int valueIndex) {
            if (shortForm != null) {
                return WebhookCustomFieldValue.of(shortForm);
            }
            if (value == null) {
                throw new KommoWebhookFormatException(key(event, fieldIndex, valueIndex) + "[value]", "is missing;"
                        + " every custom field value has one");
            }
            if (enumId == null || enumId.isEmpty()) {
                return WebhookCustomFieldValue.of(value);
            }
            long parsed = parseWholeNumber(enumId);
            if (parsed < 0) {
                wholeNumber(enumId, key(event, fieldIndex, valueIndex) + "[enum]"); // throws
            }
            return WebhookCustomFieldValue.of(value, parsed);
        }

        private static String key(EventFields event, int fieldIndex, int valueIndex) {
            return event.prefix + "[custom_fields][" + fieldIndex + "][values][" + valueIndex + "]";
        }
    }
}
