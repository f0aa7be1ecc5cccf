package io.kommosync.kommo.webhook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook bodies in the shapes documented in the Kommo reference brief (section 6.1 and the captures it cites),
 * encoded with the JDK's {@link URLEncoder} so that the parser is never tested only against our own encoder.
 */
final class WebhookSamples {

    /** A lead moved to "closed - won": the documented {@code leads[status]} capture, one event. */
    static final String[] LEAD_WON = {
        "leads[status][0][id]", "4821",
        "leads[status][0][name]", "Deal #4821 – Иванов",
        "leads[status][0][status_id]", "142",
        "leads[status][0][old_status_id]", "21",
        "leads[status][0][pipeline_id]", "11",
        "leads[status][0][old_pipeline_id]", "11",
        "leads[status][0][price]", "22500",
        "leads[status][0][responsible_user_id]", "2079676",
        "leads[status][0][last_modified]", "1539782664",
        "leads[status][0][modified_user_id]", "2079718",
        "leads[status][0][created_user_id]", "2076025",
        "leads[status][0][date_create]", "1539782209",
        "leads[status][0][created_at]", "1539782209",
        "leads[status][0][updated_at]", "1539782664",
        "leads[status][0][account_id]", "17769199",
        "leads[status][0][tags][0][id]", "80147",
        "leads[status][0][tags][0][name]", "wholesale",
        "leads[status][0][custom_fields][0][id]", "66339",
        "leads[status][0][custom_fields][0][name]", "Источник",
        "leads[status][0][custom_fields][0][values][0][value]", "Сайт",
        "leads[status][0][custom_fields][0][values][0][enum]", "139517",
        "account[subdomain]", "example",
        "account[id]", "30739638",
        "account[_links][self]", "https://example.amocrm.ru",
    };

    /** Two stage changes and a company update in one body, as Kommo batches them. */
    static final String[] MULTI_EVENT = {
        "leads[status][0][id]", "4821",
        "leads[status][0][status_id]", "142",
        "leads[status][0][old_status_id]", "21",
        "leads[status][0][pipeline_id]", "11",
        "leads[status][0][old_pipeline_id]", "11",
        "leads[status][0][updated_at]", "1539782664",
        "leads[status][1][id]", "4822",
        "leads[status][1][status_id]", "35",
        "leads[status][1][old_status_id]", "34",
        "leads[status][1][pipeline_id]", "12",
        "leads[status][1][old_pipeline_id]", "11",
        "leads[status][1][price]", "1500.50",
        "leads[status][1][updated_at]", "1539782665",
        "contacts[update][0][id]", "7793457",
        "contacts[update][0][name]", "Таллинский-Авто",
        "contacts[update][0][responsible_user_id]", "6101560",
        "contacts[update][0][date_create]", "1608138130",
        "contacts[update][0][last_modified]", "1642684812",
        "contacts[update][0][created_user_id]", "6507739",
        "contacts[update][0][modified_user_id]", "6507739",
        "contacts[update][0][custom_fields][0][id]", "293097",
        "contacts[update][0][custom_fields][0][name]", "Тип компании",
        "contacts[update][0][custom_fields][0][values][0][value]", "ДЦ",
        "contacts[update][0][custom_fields][0][values][0][enum]", "395207",
        "contacts[update][0][custom_fields][1][id]", "293207",
        "contacts[update][0][custom_fields][1][name]", "Дата регистрации",
        "contacts[update][0][custom_fields][1][values][0]", "1471813200",
        "contacts[update][0][created_at]", "1608138130",
        "contacts[update][0][updated_at]", "1642684812",
        "contacts[update][0][type]", "company",
        "account[subdomain]", "autorutesting",
        "account[id]", "29138932",
        "account[_links][self]", "https://autorutesting.amocrm.ru",
    };

    /** An older payload: a responsible change without {@code account[id]}. */
    static final String[] OLD_RESPONSIBLE = {
        "leads[responsible][0][id]", "31926520",
        "leads[responsible][0][name]", "Some test lead",
        "leads[responsible][0][date_create]", "1456808154",
        "leads[responsible][0][old_responsible_user_id]", "102525",
        "leads[responsible][0][pipeline_id]", "2116",
        "leads[responsible][0][last_modified]", "1456822527",
        "leads[responsible][0][custom_fields][0][id]", "4396",
        "leads[responsible][0][custom_fields][0][name]", "Some text field",
        "leads[responsible][0][custom_fields][0][values][0][value]", "some text",
        "leads[responsible][0][responsible_user_id]", "938348",
        "leads[responsible][0][created_user_id]", "102525",
        "leads[responsible][0][modified_user_id]", "102525",
        "account[subdomain]", "test000002",
    };

    /** A delete, which carries only the id (and sometimes stage and pipeline). */
    static final String[] LEAD_DELETED = {
        "leads[delete][0][id]", "6",
        "leads[delete][0][status_id]", "142",
        "leads[delete][0][pipeline_id]", "11",
        "account[subdomain]", "example",
        "account[id]", "30739638",
    };

    private WebhookSamples() {
    }

    /** Form-encodes alternating keys and values with the JDK encoder. */
    static String formString(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.add(URLEncoder.encode(keysAndValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(keysAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", fields);
    }

    /** {@link #formString} as bytes. */
    static byte[] form(String... keysAndValues) {
        return formString(keysAndValues).getBytes(StandardCharsets.US_ASCII);
    }

    /** The sample with one key's value replaced, or the key removed when {@code value} is null. */
    static String[] with(String[] sample, String key, String value) {
        List<String> out = new ArrayList<>();
        boolean found = false;
        for (int i = 0; i < sample.length; i += 2) {
            if (sample[i].equals(key)) {
                found = true;
                if (value != null) {
                    out.add(key);
                    out.add(value);
                }
            } else {
                out.add(sample[i]);
                out.add(sample[i + 1]);
            }
        }
        if (!found && value != null) {
            out.add(key);
            out.add(value);
        }
        return out.toArray(String[]::new);
    }

    /** All samples that parse. */
    static List<String[]> all() {
        return List.of(LEAD_WON, MULTI_EVENT, OLD_RESPONSIBLE, LEAD_DELETED);
    }
}
