package io.kommosync.sandbox.kommo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sandbox.http.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders entities in the shapes of Kommo API v4 responses. {@code base} is the account base URL without a slash. */
final class KommoJson {

    private KommoJson() {
    }

    static ObjectNode links(String href) {
        ObjectNode links = Json.object();
        links.putObject("self").put("href", href);
        return links;
    }

    static long epoch(Instant instant) {
        return instant.getEpochSecond();
    }

    static void putEpoch(ObjectNode node, String key, Instant instant) {
        if (instant == null) {
            node.putNull(key);
        } else {
            node.put(key, instant.getEpochSecond());
        }
    }

    /** Whole amounts as integers (Kommo documents {@code price} as int), fractional ones as decimals. */
    static void putAmount(ObjectNode node, String key, BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            node.put(key, stripped.longValueExact());
        } else {
            node.put(key, amount);
        }
    }

    static String amountText(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : amount.toPlainString();
    }

    static void putFieldValues(ObjectNode node, List<CustomFieldValue> values) {
        if (values.isEmpty()) {
            node.putNull("custom_fields_values");
            return;
        }
        ArrayNode array = node.putArray("custom_fields_values");
        for (CustomFieldValue v : values) {
            ObjectNode f = array.addObject();
            f.put("field_id", v.fieldId());
            f.put("field_name", v.fieldName());
            if (v.fieldCode() == null) {
                f.putNull("field_code");
            } else {
                f.put("field_code", v.fieldCode());
            }
            f.put("field_type", v.fieldType().apiName());
            ArrayNode vs = f.putArray("values");
            for (FieldValue fv : v.values()) {
                ObjectNode o = vs.addObject();
                if (fv.value() instanceof Boolean b) {
                    o.put("value", b);
                } else if (fv.value() instanceof Long l) {
                    o.put("value", l);
                } else {
                    o.put("value", fv.text());
                }
                if (fv.enumId() != null) {
                    o.put("enum_id", fv.enumId());
                }
                if (fv.enumCode() != null) {
                    o.put("enum_code", fv.enumCode());
                }
            }
        }
    }

    static ObjectNode lead(Lead lead, long accountId, String base, Set<String> with) {
        ObjectNode n = Json.object();
        n.put("id", lead.id());
        n.put("name", lead.name());
        putAmount(n, "price", lead.price());
        n.put("responsible_user_id", lead.responsibleUserId());
        n.put("group_id", 0);
        n.put("status_id", lead.statusId());
        n.put("pipeline_id", lead.pipelineId());
        n.putNull("loss_reason_id");
        n.put("created_by", lead.createdBy());
        n.put("updated_by", lead.updatedBy());
        putEpoch(n, "created_at", lead.createdAt());
        putEpoch(n, "updated_at", lead.updatedAt());
        putEpoch(n, "closed_at", lead.closedAt());
        n.putNull("closest_task_at");
        n.put("is_deleted", false);
        putFieldValues(n, lead.customFields());
        n.putNull("score");
        n.put("account_id", accountId);
        n.putNull("labor_cost");
        n.set("_links", links(base + "/api/v4/leads/" + lead.id()));
        ObjectNode embedded = n.putObject("_embedded");
        embedded.putArray("tags");
        ArrayNode companies = embedded.putArray("companies");
        if (lead.companyId() != null) {
            ObjectNode c = companies.addObject();
            c.put("id", lead.companyId());
            c.set("_links", links(base + "/api/v4/companies/" + lead.companyId()));
        }
        if (with.contains("contacts")) {
            ArrayNode contacts = embedded.putArray("contacts");
            for (int i = 0; i < lead.contactIds().size(); i++) {
                long contactId = lead.contactIds().get(i);
                ObjectNode c = contacts.addObject();
                c.put("id", contactId);
                c.put("is_main", i == 0);
                c.set("_links", links(base + "/api/v4/contacts/" + contactId));
            }
        }
        if (with.contains("catalog_elements")) {
            ArrayNode elements = embedded.putArray("catalog_elements");
            for (ProductLink p : lead.products()) {
                ObjectNode e = elements.addObject();
                e.put("id", p.elementId());
                e.set("metadata", productMetadata(p));
            }
        }
        return n;
    }

    static ObjectNode productMetadata(ProductLink p) {
        ObjectNode m = Json.object();
        m.put("quantity", p.quantity());
        m.put("catalog_id", p.catalogId());
        if (p.priceId() != null) {
            m.put("price_id", p.priceId());
        }
        return m;
    }

    static ObjectNode contact(Contact c, long accountId, String base, Set<String> with, List<Lead> leads) {
        ObjectNode n = Json.object();
        n.put("id", c.id());
        n.put("name", c.name());
        n.put("first_name", c.firstName());
        n.put("last_name", c.lastName());
        n.put("responsible_user_id", c.responsibleUserId());
        n.put("group_id", 0);
        n.put("created_by", c.createdBy());
        n.put("updated_by", c.updatedBy());
        putEpoch(n, "created_at", c.createdAt());
        putEpoch(n, "updated_at", c.updatedAt());
        n.putNull("closest_task_at");
        n.put("is_deleted", false);
        n.put("is_unsorted", false);
        putFieldValues(n, c.customFields());
        n.put("account_id", accountId);
        n.set("_links", links(base + "/api/v4/contacts/" + c.id()));
        ObjectNode embedded = n.putObject("_embedded");
        embedded.putArray("tags");
        ArrayNode companies = embedded.putArray("companies");
        if (c.companyId() != null) {
            ObjectNode co = companies.addObject();
            co.put("id", c.companyId());
            co.set("_links", links(base + "/api/v4/companies/" + c.companyId()));
        }
        if (with.contains("leads")) {
            ArrayNode ls = embedded.putArray("leads");
            for (Lead lead : leads) {
                ObjectNode l = ls.addObject();
                l.put("id", lead.id());
                l.set("_links", links(base + "/api/v4/leads/" + lead.id()));
            }
        }
        return n;
    }

    static ObjectNode company(Company c, long accountId, String base, Set<String> with, List<Lead> leads) {
        ObjectNode n = Json.object();
        n.put("id", c.id());
        n.put("name", c.name());
        n.put("responsible_user_id", c.responsibleUserId());
        n.put("group_id", 0);
        n.put("created_by", c.createdBy());
        n.put("updated_by", c.updatedBy());
        putEpoch(n, "created_at", c.createdAt());
        putEpoch(n, "updated_at", c.updatedAt());
        n.putNull("closest_task_at");
        n.put("is_deleted", false);
        putFieldValues(n, c.customFields());
        n.put("account_id", accountId);
        n.set("_links", links(base + "/api/v4/companies/" + c.id()));
        ObjectNode embedded = n.putObject("_embedded");
        embedded.putArray("tags");
        if (with.contains("leads")) {
            ArrayNode ls = embedded.putArray("leads");
            for (Lead lead : leads) {
                ObjectNode l = ls.addObject();
                l.put("id", lead.id());
                l.set("_links", links(base + "/api/v4/leads/" + lead.id()));
            }
        }
        return n;
    }

    static ObjectNode catalog(Catalog c, long accountId, String base) {
        ObjectNode n = Json.object();
        n.put("id", c.id());
        n.put("name", c.name());
        n.put("created_by", c.createdBy());
        n.put("updated_by", c.createdBy());
        putEpoch(n, "created_at", c.createdAt());
        putEpoch(n, "updated_at", c.updatedAt());
        n.put("sort", c.sort());
        n.put("type", c.type());
        n.put("can_add_elements", true);
        n.put("can_show_in_cards", true);
        n.put("can_link_multiple", true);
        n.put("can_be_deleted", !"products".equals(c.type()));
        n.putNull("sdk_widget_code");
        n.put("account_id", accountId);
        n.set("_links", links(base + "/api/v4/catalogs/" + c.id()));
        return n;
    }

    static ObjectNode element(CatalogElement e, long accountId, String base) {
        ObjectNode n = Json.object();
        n.put("id", e.id());
        n.put("name", e.name());
        n.put("created_by", e.createdBy());
        n.put("updated_by", e.createdBy());
        putEpoch(n, "created_at", e.createdAt());
        putEpoch(n, "updated_at", e.updatedAt());
        n.put("is_deleted", false);
        putFieldValues(n, e.customFields());
        n.put("catalog_id", e.catalogId());
        n.put("account_id", accountId);
        n.set("_links", links(base + "/api/v4/catalogs/" + e.catalogId() + "/elements/" + e.id()));
        return n;
    }

    static ObjectNode customField(CustomField f, long accountId, String base) {
        ObjectNode n = Json.object();
        n.put("id", f.id());
        n.put("name", f.name());
        n.put("type", f.type().apiName());
        n.put("account_id", accountId);
        if (f.code() == null) {
            n.putNull("code");
        } else {
            n.put("code", f.code());
        }
        n.put("sort", f.sort());
        n.put("is_api_only", f.apiOnly());
        if (f.enums().isEmpty()) {
            n.putNull("enums");
        } else {
            ArrayNode enums = n.putArray("enums");
            for (FieldEnum e : f.enums()) {
                ObjectNode o = enums.addObject();
                o.put("id", e.id());
                o.put("value", e.value());
                o.put("sort", e.sort());
                if (e.code() != null) {
                    o.put("code", e.code());
                }
            }
        }
        n.putNull("group_id");
        n.putArray("required_statuses");
        n.put("is_deletable", f.code() == null || !List.of("PHONE", "EMAIL", "SKU", "PRICE").contains(f.code()));
        n.put("is_predefined", f.code() != null && List.of("PHONE", "EMAIL", "SKU", "PRICE", "DESCRIPTION")
                .contains(f.code()));
        n.put("entity_type", f.entityType());
        n.putNull("remind");
        String href;
        if (f.catalogId() != null) {
            n.put("catalog_id", f.catalogId());
            href = base + "/api/v4/catalogs/" + f.catalogId() + "/custom_fields/" + f.id();
        } else {
            href = base + "/api/v4/" + f.entityType() + "/custom_fields/" + f.id();
        }
        n.set("_links", links(href));
        return n;
    }

    static ObjectNode task(Task t, long accountId, String base) {
        ObjectNode n = Json.object();
        n.put("id", t.id());
        n.put("created_by", t.createdBy());
        n.put("updated_by", t.createdBy());
        putEpoch(n, "created_at", t.createdAt());
        putEpoch(n, "updated_at", t.updatedAt());
        n.put("responsible_user_id", t.responsibleUserId());
        n.put("group_id", 0);
        if (t.entityId() == null) {
            n.putNull("entity_id");
            n.putNull("entity_type");
        } else {
            n.put("entity_id", t.entityId());
            n.put("entity_type", t.entityType());
        }
        n.put("duration", t.durationSeconds());
        n.put("is_completed", t.completed());
        n.put("task_type_id", t.taskTypeId());
        n.put("text", t.text());
        if (t.resultText() == null) {
            n.putArray("result");
        } else {
            n.putObject("result").put("text", t.resultText());
        }
        putEpoch(n, "complete_till", t.completeTill());
        n.put("account_id", accountId);
        n.set("_links", links(base + "/api/v4/tasks/" + t.id()));
        return n;
    }

    static ObjectNode note(Note note, long accountId, String base) {
        ObjectNode n = Json.object();
        n.put("id", note.id());
        n.put("entity_id", note.entityId());
        n.put("created_by", note.createdBy());
        n.put("updated_by", note.createdBy());
        putEpoch(n, "created_at", note.createdAt());
        putEpoch(n, "updated_at", note.createdAt());
        n.put("responsible_user_id", note.createdBy());
        n.put("group_id", 0);
        n.put("note_type", note.noteType());
        n.set("params", Json.mapper().valueToTree(note.params()));
        n.put("account_id", accountId);
        n.set("_links", links(base + "/api/v4/" + note.entityType() + "/" + note.entityId() + "/notes/" + note.id()));
        return n;
    }

    static ObjectNode webhook(WebhookSubscription w, long accountId) {
        ObjectNode n = Json.object();
        n.put("id", w.id());
        n.put("destination", w.destination().toString());
        putEpoch(n, "created_at", w.createdAt());
        putEpoch(n, "updated_at", w.updatedAt());
        n.put("account_id", accountId);
        n.put("created_by", w.createdBy());
        n.put("sort", w.sort());
        n.put("disabled", w.disabled());
        ArrayNode settings = n.putArray("settings");
        w.settings().forEach(settings::add);
        return n;
    }

    static ObjectNode pipeline(Pipeline p, long accountId, String base) {
        ObjectNode n = Json.object();
        n.put("id", p.id());
        n.put("name", p.name());
        n.put("sort", p.sort());
        n.put("is_main", p.main());
        n.put("is_unsorted_on", true);
        n.put("is_archive", false);
        n.put("account_id", accountId);
        n.set("_links", links(base + "/api/v4/leads/pipelines/" + p.id()));
        ArrayNode statuses = n.putObject("_embedded").putArray("statuses");
        for (Stage s : p.stages()) {
            ObjectNode st = statuses.addObject();
            st.put("id", s.id());
            st.put("name", s.name());
            st.put("sort", s.sort());
            st.put("is_editable", s.editable());
            st.put("pipeline_id", p.id());
            st.put("color", s.color());
            st.put("type", s.type());
            st.put("account_id", accountId);
            st.set("_links", links(base + "/api/v4/leads/pipelines/" + p.id() + "/statuses/" + s.id()));
        }
        return n;
    }

    static ObjectNode user(User u, String base) {
        ObjectNode n = Json.object();
        n.put("id", u.id());
        n.put("name", u.name());
        n.put("email", u.email());
        n.put("lang", "en");
        ObjectNode rights = n.putObject("rights");
        rights.put("is_admin", u.admin());
        rights.put("is_free", false);
        rights.put("is_active", true);
        n.set("_links", links(base + "/api/v4/users/" + u.id()));
        return n;
    }

    static ObjectNode list(String key, List<ObjectNode> items, Map<String, String> links, Integer page) {
        ObjectNode n = Json.object();
        if (page != null) {
            n.put("_page", page);
        }
        ObjectNode l = n.putObject("_links");
        links.forEach((rel, href) -> l.putObject(rel).put("href", href));
        ArrayNode array = n.putObject("_embedded").putArray(key);
        items.forEach(array::add);
        return n;
    }
}
