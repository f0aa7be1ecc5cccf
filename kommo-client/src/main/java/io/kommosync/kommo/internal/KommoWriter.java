package io.kommosync.kommo.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.kommo.FieldRef;
import io.kommosync.kommo.FieldValueWrite;
import io.kommosync.kommo.LeadPatch;
import io.kommosync.kommo.NewCompany;
import io.kommosync.kommo.NewContact;
import io.kommosync.kommo.NewCustomField;
import io.kommosync.kommo.NewLead;
import io.kommosync.kommo.NewNote;
import io.kommosync.kommo.NewTask;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the JSON bodies Kommo expects. Every body carries only what the caller set: nothing is echoed back from
 * an earlier read. Numbers are exact ({@link BigDecimal}); whole amounts are sent as JSON integers because Kommo
 * documents {@code price} as an int.
 *
 * <p>Stateless and thread-safe. Not part of the public API.
 */
public final class KommoWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private KommoWriter() {
    }

    /**
     * Returns an empty JSON array to add items to.
     *
     * @return the array
     */
    public static ArrayNode array() {
        return JSON.arrayNode();
    }

    /**
     * Writes one lead patch.
     *
     * @param patch     the patch
     * @param requestId the item's {@code request_id}
     * @return the object
     */
    public static ObjectNode leadPatch(LeadPatch patch, String requestId) {
        ObjectNode item = JSON.objectNode();
        item.put("id", patch.id());
        patch.name().ifPresent(name -> item.put("name", name));
        patch.price().ifPresent(price -> item.set("price", amount(price)));
        patch.pipelineId().ifPresent(id -> item.put("pipeline_id", id));
        patch.statusId().ifPresent(id -> item.put("status_id", id));
        patch.responsibleUserId().ifPresent(id -> item.put("responsible_user_id", id));
        if (!patch.customFields().isEmpty()) {
            item.set("custom_fields_values", fieldValues(patch.customFields()));
        }
        item.put("request_id", requestId);
        return item;
    }

    /**
     * Writes one new lead.
     *
     * @param lead      the lead
     * @param requestId the item's {@code request_id}
     * @return the object
     */
    public static ObjectNode newLead(NewLead lead, String requestId) {
        ObjectNode item = JSON.objectNode();
        item.put("name", lead.name());
        lead.price().ifPresent(price -> item.set("price", amount(price)));
        lead.pipelineId().ifPresent(id -> item.put("pipeline_id", id));
        lead.statusId().ifPresent(id -> item.put("status_id", id));
        lead.responsibleUserId().ifPresent(id -> item.put("responsible_user_id", id));
        if (!lead.customFields().isEmpty()) {
            item.set("custom_fields_values", fieldValues(lead.customFields()));
        }
        if (!lead.contactIds().isEmpty() || lead.companyId().isPresent()) {
            ObjectNode embedded = item.putObject("_embedded");
            if (!lead.contactIds().isEmpty()) {
                ArrayNode contacts = embedded.putArray("contacts");
                for (int i = 0; i < lead.contactIds().size(); i++) {
                    ObjectNode contact = contacts.addObject().put("id", lead.contactIds().get(i));
                    if (i == 0) {
                        contact.put("is_main", true);
                    }
                }
            }
            lead.companyId().ifPresent(id -> embedded.putArray("companies").addObject().put("id", id));
        }
        item.put("request_id", requestId);
        return item;
    }

    /**
     * Writes one new contact.
     *
     * @param contact   the contact
     * @param requestId the item's {@code request_id}
     * @return the object
     */
    public static ObjectNode newContact(NewContact contact, String requestId) {
        ObjectNode item = JSON.objectNode();
        item.put("name", contact.name());
        contact.firstName().ifPresent(name -> item.put("first_name", name));
        contact.lastName().ifPresent(name -> item.put("last_name", name));
        contact.responsibleUserId().ifPresent(id -> item.put("responsible_user_id", id));
        List<FieldValueWrite> fields = partyFields(contact.emails(), contact.phones(), contact.customFields());
        if (!fields.isEmpty()) {
            item.set("custom_fields_values", fieldValues(fields));
        }
        contact.companyId().ifPresent(id ->
            item.putObject("_embedded").putArray("companies").addObject().put("id", id));
        item.put("request_id", requestId);
        return item;
    }

    /**
     * Writes one new company.
     *
     * @param company   the company
     * @param requestId the item's {@code request_id}
     * @return the object
     */
    public static ObjectNode newCompany(NewCompany company, String requestId) {
        ObjectNode item = JSON.objectNode();
        item.put("name", company.name());
        company.responsibleUserId().ifPresent(id -> item.put("responsible_user_id", id));
        List<FieldValueWrite> fields = partyFields(company.emails(), company.phones(), company.customFields());
        if (!fields.isEmpty()) {
            item.set("custom_fields_values", fieldValues(fields));
        }
        item.put("request_id", requestId);
        return item;
    }

    /**
     * Writes one new task on a lead.
     *
     * @param task      the task
     * @param requestId the item's {@code request_id}
     * @return the object
     */
    public static ObjectNode newTask(NewTask task, String requestId) {
        ObjectNode item = JSON.objectNode();
        item.put("text", task.text());
        item.put("complete_till", task.completeTill().getEpochSecond());
        item.put("entity_id", task.leadId());
        item.put("entity_type", "leads");
        if (task.responsibleUserId() > 0) {
            item.put("responsible_user_id", task.responsibleUserId());
        }
        item.put("task_type_id", task.taskTypeId());
        item.put("request_id", requestId);
        return item;
    }

    /**
     * Writes one new note.
     *
     * @param note         the note
     * @param withEntityId true to include {@code entity_id} (the {@code /leads/notes} endpoint)
     * @param requestId    the item's {@code request_id}
     * @return the object
     */
    public static ObjectNode newNote(NewNote note, boolean withEntityId, String requestId) {
        ObjectNode item = JSON.objectNode();
        if (withEntityId) {
            item.put("entity_id", note.leadId());
        }
        item.put("note_type", note.noteType());
        ObjectNode params = item.putObject("params");
        note.service().ifPresent(service -> params.put("service", service));
        params.put("text", note.text());
        item.put("request_id", requestId);
        return item;
    }

    /**
     * Writes one new custom field.
     *
     * @param field the field
     * @return the object
     */
    public static ObjectNode newCustomField(NewCustomField field) {
        ObjectNode item = JSON.objectNode();
        item.put("type", field.type().wireName());
        item.put("name", field.name());
        field.code().ifPresent(code -> item.put("code", code));
        if (field.apiOnly()) {
            item.put("is_api_only", true);
        }
        if (!field.options().isEmpty()) {
            ArrayNode enums = item.putArray("enums");
            for (NewCustomField.Option option : field.options()) {
                ObjectNode node = enums.addObject().put("value", option.value()).put("sort", option.sort());
                option.code().ifPresent(code -> node.put("code", code));
            }
        }
        return item;
    }

    /**
     * Writes a webhook subscription.
     *
     * @param destination the URL
     * @param settings    the events
     * @return the object
     */
    public static ObjectNode subscription(String destination, List<String> settings) {
        ObjectNode body = JSON.objectNode();
        body.put("destination", destination);
        ArrayNode list = body.putArray("settings");
        settings.forEach(list::add);
        return body;
    }

    /**
     * Writes a webhook unsubscription.
     *
     * @param destination the URL
     * @return the object
     */
    public static ObjectNode unsubscription(String destination) {
        return JSON.objectNode().put("destination", destination);
    }

    /**
     * Writes {@code custom_fields_values}.
     *
     * @param values the values
     * @return the array
     */
    public static ArrayNode fieldValues(List<FieldValueWrite> values) {
        ArrayNode array = JSON.arrayNode();
        for (FieldValueWrite value : values) {
            ObjectNode field = array.addObject();
            FieldRef ref = value.field();
            if (ref.id().isPresent()) {
                field.put("field_id", ref.id().getAsLong());
            } else {
                field.put("field_code", ref.code().orElseThrow());
            }
            if (value instanceof FieldValueWrite.ClearValue) {
                field.putNull("values");
                continue;
            }
            ArrayNode list = field.putArray("values");
            if (value instanceof FieldValueWrite.TextValue text) {
                list.addObject().put("value", text.text());
            } else if (value instanceof FieldValueWrite.UrlValue url) {
                list.addObject().put("value", url.url());
            } else if (value instanceof FieldValueWrite.NumberValue number) {
                list.addObject().set("value", DecimalNode.valueOf(number.number()));
            } else if (value instanceof FieldValueWrite.ChoiceValue choice) {
                choice.enumIds().forEach(id -> list.addObject().put("enum_id", id));
            } else if (value instanceof FieldValueWrite.ChoiceTextValue choice) {
                choice.options().forEach(option -> list.addObject().put("value", option));
            } else if (value instanceof FieldValueWrite.DateValue date) {
                list.addObject().put("value", date.at().getEpochSecond());
            } else if (value instanceof FieldValueWrite.CheckboxValue checkbox) {
                list.addObject().put("value", checkbox.checked());
            } else if (value instanceof FieldValueWrite.MultitextValue multitext) {
                multitext.entries().forEach(entry ->
                    list.addObject().put("value", entry.value()).put("enum_code", entry.enumCode()));
            } else {
                throw new IllegalStateException("unhandled FieldValueWrite " + value.getClass().getName());
            }
        }
        return array;
    }

    private static List<FieldValueWrite> partyFields(
        List<String> emails, List<String> phones, List<FieldValueWrite> others) {
        List<FieldValueWrite> fields = new ArrayList<>();
        if (!emails.isEmpty()) {
            fields.add(FieldValueWrite.emails(emails));
        }
        if (!phones.isEmpty()) {
            fields.add(FieldValueWrite.phones(phones));
        }
        fields.addAll(others);
        return fields;
    }

    /** Whole amounts as JSON integers (Kommo's documented int), others as exact decimals. */
    private static com.fasterxml.jackson.databind.JsonNode amount(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return JSON.numberNode(stripped.toBigIntegerExact());
        }
        return DecimalNode.valueOf(value);
    }
}
