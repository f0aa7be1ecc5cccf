package io.kommosync.sync.kommo;

import io.kommosync.kommo.CatalogElement;
import io.kommosync.kommo.Company;
import io.kommosync.kommo.Contact;
import io.kommosync.kommo.CustomFieldValue;
import io.kommosync.kommo.FieldValueWrite;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.Lead;
import io.kommosync.kommo.LeadFilter;
import io.kommosync.kommo.LeadPatch;
import io.kommosync.kommo.LeadProductRef;
import io.kommosync.kommo.LeadWith;
import io.kommosync.kommo.NewContact;
import io.kommosync.kommo.NewLead;
import io.kommosync.kommo.NewTask;
import io.kommosync.kommo.WebhookSubscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link KommoGateway} over the Kommo API client. A deal snapshot costs one lead read (with contacts and
 * products), one contact read, one company read when the deal has a company, and one element read per catalog its
 * products come from; a deal update is one PATCH. Thread-safe.
 */
public final class KommoClientGateway implements KommoGateway {

    private final KommoClient client;

    /**
     * A gateway over a client.
     *
     * @param client the Kommo client of one account
     */
    public KommoClientGateway(KommoClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Optional<DealSnapshot> deal(long dealId) {
        Optional<Lead> found = client.leads().get(dealId, LeadWith.CONTACTS, LeadWith.CATALOG_ELEMENTS);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Lead lead = found.get();
        Optional<DealContact> contact = lead.mainContactId().flatMap(id -> client.contacts().get(id))
                .map(c -> contact(lead, c));
        List<DealProduct> products = products(lead.products());
        Map<Long, String> fields = new HashMap<>();
        for (CustomFieldValue v : lead.customFields()) {
            v.firstText().ifPresent(text -> fields.put(v.fieldId(), text));
        }
        return Optional.of(new DealSnapshot(lead.id(), lead.name(), lead.price(), lead.pipelineId(), lead.statusId(),
                lead.responsibleUserId(), lead.updatedAt(), fields, contact, products));
    }

    private DealContact contact(Lead lead, Contact c) {
        Optional<String> company = (lead.companyId().isPresent() ? lead.companyId() : c.companyId()).stream()
                .boxed().findFirst().flatMap(id -> client.companies().get(id)).map(Company::name);
        return new DealContact(c.id(), c.name(), c.emails().stream().findFirst(), c.phones().stream().findFirst(),
                company);
    }

    private List<DealProduct> products(List<LeadProductRef> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> idsByCatalog = refs.stream().collect(Collectors.groupingBy(LeadProductRef::catalogId,
                LinkedHashMap::new, Collectors.mapping(LeadProductRef::elementId, Collectors.toList())));
        Map<Long, CatalogElement> elements = new HashMap<>();
        idsByCatalog.forEach((catalogId, ids) -> client.catalogs().elements(catalogId, ids)
                .forEach(e -> elements.put(e.id(), e)));
        List<DealProduct> products = new ArrayList<>(refs.size());
        for (LeadProductRef ref : refs) {
            CatalogElement e = elements.get(ref.elementId());
            if (e == null) {
                continue;   // deleted from the catalog since it was linked
            }
            products.add(new DealProduct(e.id(), ref.catalogId(), e.name(), e.sku(), ref.quantity(),
                    e.price(ref.priceId()), e.fieldTexts()));
        }
        return products;
    }

    @Override
    public void update(DealUpdate update) {
        LeadPatch patch = LeadPatch.of(update.dealId());
        for (DealFieldValue v : update.fields()) {
            patch = patch.withField(write(v));
        }
        if (update.statusId().isPresent()) {
            patch = patch.withStatus(update.pipelineId().getAsLong(), update.statusId().getAsLong());
        }
        client.leads().update(List.of(patch));
    }

    private static FieldValueWrite write(DealFieldValue v) {
        if (v instanceof DealFieldValue.Choice c) {
            return FieldValueWrite.choice(c.fieldId(), c.enumId());
        }
        DealFieldValue.Text t = (DealFieldValue.Text) v;
        return FieldValueWrite.text(t.fieldId(), t.value());
    }

    @Override
    public void createTask(long dealId, long responsibleUserId, String text, Instant completeTill) {
        NewTask task = NewTask.forLead(dealId, text, completeTill);
        if (responsibleUserId > 0) {
            task = task.withResponsibleUser(responsibleUserId);
        }
        client.tasks().create(List.of(task));
    }

    @Override
    public void addNote(long dealId, String text) {
        client.notes().addToLead(dealId, text);
    }

    @Override
    public List<Long> dealsInStage(long pipelineId, long statusId, Instant since) {
        return client.leads().listAll(LeadFilter.all().withStatus(pipelineId, statusId).withUpdatedFrom(since))
                .stream().map(Lead::id).toList();
    }

    @Override
    public long createDeal(NewDeal deal) {
        long contactId = deal.contactEmail().flatMap(this::contactWithEmail)
                .orElseGet(() -> {
                    NewContact contact = NewContact.named(deal.contactName());
                    if (deal.contactEmail().isPresent()) {
                        contact = contact.withEmail(deal.contactEmail().get());
                    }
                    return client.contacts().create(List.of(contact)).get(0);
                });
        NewLead lead = NewLead.named(deal.name()).withPrice(deal.price())
                .withStatus(deal.pipelineId(), deal.statusId()).withContact(contactId);
        for (DealFieldValue v : deal.fields()) {
            lead = lead.withField(write(v));
        }
        return client.leads().create(List.of(lead)).get(0);
    }

    private Optional<Long> contactWithEmail(String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return client.contacts().find(wanted).stream()
                .filter(c -> c.emails().stream().anyMatch(e -> e.trim().toLowerCase(Locale.ROOT).equals(wanted)))
                .map(Contact::id).findFirst();
    }

    @Override
    public boolean ensureWebhook(String destination, List<String> events) {
        Optional<WebhookSubscription> existing = client.webhooks().find(destination);
        if (existing.isPresent() && !existing.get().disabled()
                && existing.get().settings().containsAll(events)) {
            return false;
        }
        if (existing.isPresent()) {
            client.webhooks().unsubscribe(destination);
        }
        client.webhooks().subscribe(destination, events);
        return true;
    }
}
