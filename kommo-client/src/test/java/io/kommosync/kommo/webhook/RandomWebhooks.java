package io.kommosync.kommo.webhook;

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
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadEvent;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadResponsibleChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadRestored;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadStatusChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadUpdated;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/** Seeded generator of valid webhooks, with awkward text (Cyrillic, emoji, form metacharacters, empty). */
final class RandomWebhooks {

    private static final String[] WORDS = {
        "", " ", "Deal", "Сделка", "Иванов & Co", "a=b", "50%", "x+y", "[0]", "]", "😀 ok", "line\nbreak",
        "tab\tchar", "café", "日本語", "'quoted'", "\"dq\"", "~tilde*", "#hash?", "/slash\\"
    };

    private final Random random;

    RandomWebhooks(Random random) {
        this.random = random;
    }

    KommoWebhook next() {
        int count = random.nextInt(6);
        List<KommoWebhookEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event());
        }
        return new KommoWebhook(account(), grouped(events));
    }

    /** Orders events as Kommo sends them and the parser returns them: by key and action, first appearance first. */
    static List<KommoWebhookEvent> grouped(List<KommoWebhookEvent> events) {
        Map<String, List<KommoWebhookEvent>> groups = new LinkedHashMap<>();
        for (KommoWebhookEvent event : events) {
            String root = event instanceof LeadEvent ? "leads" : "contacts";
            groups.computeIfAbsent(root + ":" + event.action(), k -> new ArrayList<>()).add(event);
        }
        List<KommoWebhookEvent> out = new ArrayList<>();
        groups.values().forEach(out::addAll);
        return out;
    }

    WebhookAccount account() {
        String subdomain = "acct" + random.nextInt(100_000);
        OptionalLong id = random.nextBoolean()
                ? OptionalLong.of(1 + random.nextInt(Integer.MAX_VALUE))
                : OptionalLong.empty();
        Optional<URI> url = random.nextBoolean()
                ? Optional.of(URI.create("https://" + subdomain + (random.nextBoolean() ? ".kommo.com" : ".amocrm.ru")))
                : Optional.empty();
        return new WebhookAccount(id, subdomain, url);
    }

    KommoWebhookEvent event() {
        long id = positive();
        return switch (random.nextInt(16)) {
            case 0 -> new LeadAdded(id, lead());
            case 1 -> new LeadUpdated(id, lead());
            case 2 -> new LeadDeleted(id, random.nextBoolean() ? LeadSnapshot.empty() : lead());
            case 3 -> new LeadRestored(id, lead());
            case 4, 5 -> new LeadStatusChanged(id, small(), small(), small(), small(),
                    random.nextBoolean() ? LeadSnapshot.empty() : stageless());
            case 6 -> new LeadResponsibleChanged(id, small(), optional(), responsibleless());
            case 7 -> new ContactAdded(id, contact());
            case 8 -> new ContactUpdated(id, contact());
            case 9 -> new ContactDeleted(id, ContactSnapshot.empty());
            case 10 -> new ContactRestored(id, contact());
            case 11 -> new ContactResponsibleChanged(id, small(), optional(), contactWithoutResponsible());
            case 12 -> new CompanyAdded(id, contact());
            case 13 -> new CompanyUpdated(id, contact());
            case 14 -> new CompanyDeleted(id, ContactSnapshot.empty());
            default -> random.nextBoolean()
                    ? new CompanyRestored(id, contact())
                    : new CompanyResponsibleChanged(id, small(), optional(), contactWithoutResponsible());
        };
    }

    private LeadSnapshot stageless() {
        LeadSnapshot lead = lead();
        return new LeadSnapshot(lead.name(), lead.price(), OptionalLong.empty(), OptionalLong.empty(),
                lead.responsibleUserId(), lead.createdBy(), lead.updatedBy(), lead.createdAt(), lead.updatedAt(),
                lead.accountId(), lead.tags(), lead.customFields());
    }

    private LeadSnapshot responsibleless() {
        LeadSnapshot lead = lead();
        return new LeadSnapshot(lead.name(), lead.price(), lead.statusId(), lead.pipelineId(),
                OptionalLong.empty(), lead.createdBy(), lead.updatedBy(), lead.createdAt(), lead.updatedAt(),
                lead.accountId(), lead.tags(), lead.customFields());
    }

    private ContactSnapshot contactWithoutResponsible() {
        ContactSnapshot c = contact();
        return new ContactSnapshot(c.name(), OptionalLong.empty(), c.createdBy(), c.updatedBy(), c.createdAt(),
                c.updatedAt(), c.accountId(), c.tags(), c.customFields());
    }

    LeadSnapshot lead() {
        return new LeadSnapshot(text(), price(), optional(), optional(), optional(), optional(), optional(), time(),
                time(), optional(), tags(), customFields());
    }

    ContactSnapshot contact() {
        return new ContactSnapshot(text(), optional(), optional(), optional(), time(), time(), optional(), tags(),
                customFields());
    }

    private List<WebhookTag> tags() {
        List<WebhookTag> tags = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            tags.add(new WebhookTag(positive(), text()));
        }
        return tags;
    }

    private List<WebhookCustomField> customFields() {
        List<WebhookCustomField> fields = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            List<WebhookCustomFieldValue> values = new ArrayList<>();
            for (int j = random.nextInt(3); j > 0; j--) {
                values.add(new WebhookCustomFieldValue(word(), optional()));
            }
            fields.add(new WebhookCustomField(positive(), text(), text(), values));
        }
        return fields;
    }

    private Optional<String> text() {
        return random.nextInt(4) == 0 ? Optional.empty() : Optional.of(word());
    }

    String word() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(3); i >= 0; i--) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private Optional<BigDecimal> price() {
        if (random.nextInt(3) == 0) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(BigInteger.valueOf(random.nextInt(100_000_000)), random.nextInt(3)));
    }

    private Optional<Instant> time() {
        return random.nextInt(3) == 0
                ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE)));
    }

    private OptionalLong optional() {
        return random.nextInt(3) == 0 ? OptionalLong.empty() : OptionalLong.of(small());
    }

    private long small() {
        return random.nextInt(3) == 0 ? random.nextLong() & Long.MAX_VALUE : random.nextInt(10_000_000);
    }

    private long positive() {
        return 1 + (random.nextLong() & (Long.MAX_VALUE - 1));
    }
}
