package io.kommosync.kommo.webhook;

import io.kommosync.kommo.webhook.KommoWebhookEvent.CompanyEvent;
import io.kommosync.kommo.webhook.KommoWebhookEvent.CompanyResponsibleChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactEvent;
import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactResponsibleChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadEvent;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadResponsibleChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadStatusChanged;
import io.kommosync.kommo.webhook.internal.FormEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes webhook bodies the way Kommo sends them, for tests and simulators: the inverse of
 * {@link KommoWebhookParser}.
 *
 * <p>The body is {@code application/x-www-form-urlencoded} UTF-8, percent-encoded as PHP does (brackets as
 * {@code %5B}/{@code %5D}, a space as {@code +}). Events are grouped by key and action in order of first
 * appearance and numbered from 0 within each group ({@code leads[status][0]}, {@code leads[status][1]}, ...);
 * companies are written under {@code contacts} with {@code type=company}, as Kommo does. Within an event the keys
 * follow the order of captured Kommo payloads, times are written in unix seconds under both the current
 * ({@code created_at}, {@code updated_at}) and the older ({@code date_create}, {@code last_modified}) names, and
 * the account comes last.
 *
 * <p>Round trip: {@code parser.parse(encode(webhook))} equals {@code webhook} whenever the webhook's events are
 * already grouped as above (every parsed webhook is) and its instants are whole seconds.
 *
 * <p>Stateless and thread-safe.
 */
public final class KommoWebhookBodies {

    /** The content type to send with an encoded body. */
    public static final String CONTENT_TYPE = KommoWebhookParser.FORM_CONTENT_TYPE;

    private KommoWebhookBodies() {
    }

    /**
     * Encodes a webhook as the bytes of a request body.
     *
     * @param webhook the webhook
     * @return the body, ASCII (UTF-8 text percent-encoded)
     * @throws IllegalArgumentException if a text has an unpaired surrogate character, which UTF-8 cannot carry
     */
    public static byte[] encode(KommoWebhook webhook) {
        return encodeToString(webhook).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Encodes a webhook as the text of a request body.
     *
     * @param webhook the webhook
     * @return the body text, ASCII
     * @throws IllegalArgumentException if a text has an unpaired surrogate character, which UTF-8 cannot carry
     */
    public static String encodeToString(KommoWebhook webhook) {
        Objects.requireNonNull(webhook, "webhook");
        FormEncoder form = new FormEncoder();
        Map<String, List<KommoWebhookEvent>> groups = new LinkedHashMap<>();
        for (KommoWebhookEvent event : webhook.events()) {
            String root = event instanceof LeadEvent ? "leads" : "contacts";
            groups.computeIfAbsent(root + "[" + event.action().wireName() + "]", k -> new ArrayList<>()).add(event);
        }
        groups.forEach((group, events) -> {
            for (int i = 0; i < events.size(); i++) {
                String prefix = group + "[" + i + "]";
                KommoWebhookEvent event = events.get(i);
                if (event instanceof LeadEvent lead) {
                    writeLead(form, prefix, lead);
                } else {
                    writeContact(form, prefix, event);
                }
            }
        });
        WebhookAccount account = webhook.account();
        form.field("account[subdomain]", account.subdomain());
        number(form, "account[id]", account.id());
        account.baseUrl().ifPresent(url -> form.field("account[_links][self]", url.toString()));
        return form.body();
    }

    private static void writeLead(FormEncoder form, String p, LeadEvent event) {
        LeadSnapshot lead = event.lead();
        form.field(p + "[id]", Long.toString(event.leadId()));
        text(form, p + "[name]", lead.name());
        number(form, p + "[status_id]", lead.statusId());
        if (event instanceof LeadStatusChanged change) {
            form.field(p + "[old_status_id]", Long.toString(change.oldStatusId()));
        }
        number(form, p + "[pipeline_id]", lead.pipelineId());
        if (event instanceof LeadStatusChanged change) {
            form.field(p + "[old_pipeline_id]", Long.toString(change.oldPipelineId()));
        }
        lead.price().ifPresent(price -> form.field(p + "[price]", price.toPlainString()));
        number(form, p + "[responsible_user_id]", lead.responsibleUserId());
        if (event instanceof LeadResponsibleChanged change) {
            number(form, p + "[old_responsible_user_id]", change.oldResponsibleUserId());
        }
        time(form, p + "[last_modified]", lead.updatedAt());
        number(form, p + "[modified_user_id]", lead.updatedBy());
        number(form, p + "[created_user_id]", lead.createdBy());
        time(form, p + "[date_create]", lead.createdAt());
        time(form, p + "[created_at]", lead.createdAt());
        time(form, p + "[updated_at]", lead.updatedAt());
        number(form, p + "[account_id]", lead.accountId());
        tags(form, p, lead.tags());
        customFields(form, p, lead.customFields());
    }

    private static void writeContact(FormEncoder form, String p, KommoWebhookEvent event) {
        ContactSnapshot contact;
        OptionalLong oldResponsible = OptionalLong.empty();
        String type;
        if (event instanceof CompanyEvent company) {
            contact = company.company();
            type = "company";
            if (company instanceof CompanyResponsibleChanged change) {
                oldResponsible = change.oldResponsibleUserId();
            }
        } else {
            ContactEvent person = (ContactEvent) event;
            contact = person.contact();
            type = "contact";
            if (person instanceof ContactResponsibleChanged change) {
                oldResponsible = change.oldResponsibleUserId();
            }
        }
        form.field(p + "[id]", Long.toString(event.entityId()));
        text(form, p + "[name]", contact.name());
        number(form, p + "[responsible_user_id]", contact.responsibleUserId());
        number(form, p + "[old_responsible_user_id]", oldResponsible);
        time(form, p + "[date_create]", contact.createdAt());
        time(form, p + "[last_modified]", contact.updatedAt());
        number(form, p + "[created_user_id]", contact.createdBy());
        number(form, p + "[modified_user_id]", contact.updatedBy());
        number(form, p + "[account_id]", contact.accountId());
        tags(form, p, contact.tags());
        customFields(form, p, contact.customFields());
        time(form, p + "[created_at]", contact.createdAt());
        time(form, p + "[updated_at]", contact.updatedAt());
        form.field(p + "[type]", type);
    }

    private static void tags(FormEncoder form, String p, List<WebhookTag> tags) {
        for (int i = 0; i < tags.size(); i++) {
            WebhookTag tag = tags.get(i);
            form.field(p + "[tags][" + i + "][id]", Long.toString(tag.id()));
            text(form, p + "[tags][" + i + "][name]", tag.name());
        }
    }

    private static void customFields(FormEncoder form, String p, List<WebhookCustomField> fields) {
        for (int i = 0; i < fields.size(); i++) {
            WebhookCustomField field = fields.get(i);
            String f = p + "[custom_fields][" + i + "]";
            form.field(f + "[id]", Long.toString(field.id()));
            text(form, f + "[name]", field.name());
            text(form, f + "[code]", field.code());
            for (int j = 0; j < field.values().size(); j++) {
                WebhookCustomFieldValue value = field.values().get(j);
                form.field(f + "[values][" + j + "][value]", value.value());
                number(form, f + "[values][" + j + "][enum]", value.enumId());
            }
        }
    }

    private static void text(FormEncoder form, String key, Optional<String> value) {
        value.ifPresent(text -> form.field(key, text));
    }

    private static void number(FormEncoder form, String key, OptionalLong value) {
        if (value.isPresent()) {
            form.field(key, Long.toString(value.getAsLong()));
        }
    }

    private static void time(FormEncoder form, String key, Optional<Instant> value) {
        value.ifPresent(instant -> form.field(key, Long.toString(instant.getEpochSecond())));
    }
}
