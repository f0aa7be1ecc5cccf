package io.kommosync.sandbox.kommo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the {@code application/x-www-form-urlencoded} body Kommo POSTs for lead events: PHP-style bracketed keys
 * ({@code leads[status][0][id]}), every value a string, custom fields in the old v2 shape
 * ({@code custom_fields[i][id|name|code|values][j][value|enum]}), then {@code account[subdomain|id|_links][self]}.
 * Keys and values are percent-encoded as PHP's {@code http_build_query} does (brackets become {@code %5B}/{@code %5D},
 * spaces {@code +}).
 */
final class LeadWebhookForm {

    private final StringBuilder body = new StringBuilder();

    private LeadWebhookForm() {
    }

    static String build(String action, List<LeadEvent> events, long accountId, String subdomain, String accountUrl) {
        LeadWebhookForm form = new LeadWebhookForm();
        for (int i = 0; i < events.size(); i++) {
            LeadEvent event = events.get(i);
            Lead lead = event.lead();
            String p = "leads[" + action + "][" + i + "]";
            form.add(p + "[id]", lead.id());
            form.add(p + "[name]", lead.name());
            form.add(p + "[status_id]", lead.statusId());
            if ("status".equals(action)) {
                form.add(p + "[old_status_id]", event.oldStatusId());
            }
            form.add(p + "[pipeline_id]", lead.pipelineId());
            if ("status".equals(action)) {
                form.add(p + "[old_pipeline_id]", event.oldPipelineId());
            }
            form.add(p + "[price]", KommoJson.amountText(lead.price()));
            form.add(p + "[responsible_user_id]", lead.responsibleUserId());
            form.add(p + "[last_modified]", lead.updatedAt().getEpochSecond());
            form.add(p + "[modified_user_id]", lead.updatedBy());
            form.add(p + "[created_user_id]", lead.createdBy());
            form.add(p + "[date_create]", lead.createdAt().getEpochSecond());
            form.add(p + "[created_at]", lead.createdAt().getEpochSecond());
            form.add(p + "[updated_at]", lead.updatedAt().getEpochSecond());
            form.add(p + "[account_id]", accountId);
            List<CustomFieldValue> fields = lead.customFields();
            for (int f = 0; f < fields.size(); f++) {
                CustomFieldValue field = fields.get(f);
                String fp = p + "[custom_fields][" + f + "]";
                form.add(fp + "[id]", field.fieldId());
                form.add(fp + "[name]", field.fieldName());
                if (field.fieldCode() != null) {
                    form.add(fp + "[code]", field.fieldCode());
                }
                for (int v = 0; v < field.values().size(); v++) {
                    FieldValue value = field.values().get(v);
                    form.add(fp + "[values][" + v + "][value]", v2Text(value));
                    if (value.enumId() != null) {
                        form.add(fp + "[values][" + v + "][enum]", value.enumId());
                    }
                }
            }
        }
        form.add("account[subdomain]", subdomain);
        form.add("account[id]", accountId);
        form.add("account[_links][self]", accountUrl);
        return form.body.toString();
    }

    private static String v2Text(FieldValue value) {
        if (value.value() instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return value.text();
    }

    private void add(String key, Object value) {
        if (body.length() > 0) {
            body.append('&');
        }
        body.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
    }
}
