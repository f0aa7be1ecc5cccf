package io.kommosync.sandbox.kommo;

import io.kommosync.sandbox.SandboxException;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One simulated Kommo account and its admin API: seed pipelines, users, contacts, products and leads, move leads
 * (which fires the webhooks), issue tokens, and read the state back for assertions, all without HTTP.
 *
 * <p>A new account has an administrator user, a main pipeline "Sales" (stages "Incoming leads", "Initial contact",
 * "Negotiation", "Decision making", {@value Stage#WON} "Closed - won", {@value Stage#LOST} "Closed - lost"), contact
 * and company fields {@code PHONE} and {@code EMAIL}, and a private {@link #integration() OAuth integration}.
 *
 * <p>Thread-safe: every operation runs atomically under the account's lock; webhooks are sent after the lock is
 * released, before the method returns. Getters return immutable snapshots. Misuse (an unknown id, a stage outside
 * the pipeline, a negative price) throws {@link SandboxException} naming the argument.
 */
public final class SandboxAccount {

    private static final Duration DEFAULT_LONG_LIVED = Duration.ofDays(5 * 365);
    private static final List<String> PHONE_ENUMS = List.of("WORK", "WORKDD", "MOB", "FAX", "HOME", "OTHER");
    private static final List<String> EMAIL_ENUMS = List.of("WORK", "PRIV", "OTHER");

    final KommoSimulator simulator;
    final Object lock = new Object();
    private final long id;
    private final String subdomain;
    private final Currency currency;
    private final OAuthIntegration integration;
    private final Instant createdAt;
    private final long adminUserId;
    private volatile AccountStatus status = AccountStatus.ACTIVE;

    final Map<Long, User> users = new LinkedHashMap<>();
    final Map<Long, Pipeline> pipelines = new LinkedHashMap<>();
    final Map<Long, Lead> leads = new LinkedHashMap<>();
    final Map<Long, Contact> contacts = new LinkedHashMap<>();
    final Map<Long, Company> companies = new LinkedHashMap<>();
    final Map<Long, Catalog> catalogs = new LinkedHashMap<>();
    final Map<Long, CatalogElement> elements = new LinkedHashMap<>();
    final Map<Long, CustomField> fields = new LinkedHashMap<>();
    final Map<Long, Task> tasks = new LinkedHashMap<>();
    final Map<Long, Note> notes = new LinkedHashMap<>();
    final Map<Long, SubscriptionState> subscriptions = new LinkedHashMap<>();

    /** A subscription and the times of its recent invalid responses. */
    static final class SubscriptionState {
        WebhookSubscription subscription;
        final ArrayDeque<Instant> invalid = new ArrayDeque<>();

        SubscriptionState(WebhookSubscription subscription) {
            this.subscription = subscription;
        }
    }

    SandboxAccount(KommoSimulator simulator, long id, String subdomain, Currency currency) {
        this.simulator = simulator;
        this.id = id;
        this.subdomain = subdomain;
        this.currency = currency;
        this.createdAt = simulator.clock().instant();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.integration = new OAuthIntegration(UUID.randomUUID().toString(), HexFormat.of().formatHex(secret),
                URI.create("https://sync.example.test/kommo/oauth/callback"));
        synchronized (lock) {
            User admin = insertUser("Admin " + subdomain, "admin@" + subdomain + ".example.test", true);
            this.adminUserId = admin.id();
            insertPipeline("Sales", true, List.of("Initial contact", "Negotiation", "Decision making"));
            for (String entity : List.of("contacts", "companies")) {
                insertField(entity, null, "Phone", "PHONE", CustomFieldType.MULTITEXT, 4, false,
                        PHONE_ENUMS.stream().map(c -> new String[] {c, c}).toList());
                insertField(entity, null, "Email", "EMAIL", CustomFieldType.MULTITEXT, 6, false,
                        EMAIL_ENUMS.stream().map(c -> new String[] {c, c}).toList());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- identity

    /** @return the account id ({@code account[id]} in webhooks) */
    public long id() {
        return id;
    }

    /** @return the subdomain given at creation */
    public String subdomain() {
        return subdomain;
    }

    /** @return the account currency ({@code GET /api/v4/account}); lead prices are in it */
    public Currency currency() {
        return currency;
    }

    /** @return the currency symbol, for example {@code $} */
    public String currencySymbol() {
        return currency.getSymbol(Locale.US);
    }

    /**
     * The base URI a client uses as this account's base domain. Every account of a simulator has the same one; the
     * bearer token selects the account.
     *
     * @return {@code http://127.0.0.1:{port}/}
     */
    public URI baseUri() {
        return simulator.baseUri();
    }

    /** @return when the account was created, by the simulator's clock */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return the account's private integration (OAuth client) */
    public OAuthIntegration integration() {
        return integration;
    }

    /** @return whether the API answers, or 402/403 */
    public AccountStatus status() {
        return status;
    }

    /**
     * Switches the account between serving, 402 (unpaid) and 403 (forbidden).
     *
     * @param status the new status
     */
    public void changeStatus(AccountStatus status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    // ---------------------------------------------------------------------------------------------- tokens

    /**
     * Issues a long-lived token (as a private integration's "Keys and scopes" tab does) valid for five years.
     *
     * @return the bearer token
     */
    public String issueLongLivedToken() {
        return issueLongLivedToken(DEFAULT_LONG_LIVED);
    }

    /**
     * Issues a long-lived token.
     *
     * @param lifetime one day to five years, as Kommo allows
     * @return the bearer token
     * @throws SandboxException if the lifetime is out of range
     */
    public String issueLongLivedToken(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.compareTo(KommoTokens.LONG_LIVED_MIN) < 0 || lifetime.compareTo(KommoTokens.LONG_LIVED_MAX) > 0) {
            throw new SandboxException("lifetime must be between 1 day and 5 years, was " + lifetime);
        }
        return simulator.tokens.issueLongLived(this, lifetime);
    }

    /**
     * Issues an authorization code for the account's integration, as the consent redirect
     * ({@code redirect_uri?code=...&referer=...}) delivers it. Single use, valid 20 minutes by the simulator's
     * clock. Exchange it with {@code POST /oauth2/access_token} ({@code grant_type=authorization_code}).
     *
     * @return the code
     */
    public String issueAuthorizationCode() {
        return simulator.tokens.issueCode(this);
    }

    /**
     * Revokes an access token or long-lived token; later calls with it get 401.
     *
     * @param token the bearer token
     * @return true if the token was known
     */
    public boolean revokeToken(String token) {
        return simulator.tokens.revoke(Objects.requireNonNull(token, "token"));
    }

    // ---------------------------------------------------------------------------------------------- users

    /** @return the administrator created with the account; admin-API changes are made in their name */
    public User adminUser() {
        return user(adminUserId);
    }

    /**
     * Adds a user.
     *
     * @param name display name
     * @param email login e-mail
     * @return the user
     */
    public User createUser(String name, String email) {
        requireText(name, "name");
        requireText(email, "email");
        synchronized (lock) {
            return insertUser(name, email, false);
        }
    }

    /**
     * A user.
     *
     * @param userId the id
     * @return the user
     * @throws SandboxException if the account has no such user
     */
    public User user(long userId) {
        synchronized (lock) {
            return require(users, userId, "user", "createUser(name, email)");
        }
    }

    /** @return every user */
    public List<User> users() {
        synchronized (lock) {
            return List.copyOf(users.values());
        }
    }

    // ---------------------------------------------------------------------------------------------- pipelines

    /** @return the main pipeline ("Sales" unless changed) */
    public Pipeline mainPipeline() {
        synchronized (lock) {
            return pipelines.values().stream().filter(Pipeline::main).findFirst().orElseThrow();
        }
    }

    /** @return every pipeline */
    public List<Pipeline> pipelines() {
        synchronized (lock) {
            return List.copyOf(pipelines.values());
        }
    }

    /**
     * A pipeline.
     *
     * @param pipelineId the id
     * @return the pipeline
     * @throws SandboxException if the account has no such pipeline
     */
    public Pipeline pipeline(long pipelineId) {
        synchronized (lock) {
            return require(pipelines, pipelineId, "pipeline", "createPipeline(name)");
        }
    }

    /**
     * Adds a pipeline with the stages Kommo always creates: "Incoming leads", {@value Stage#WON} and
     * {@value Stage#LOST}. Add working stages with {@link #addStage(long, String)}.
     *
     * @param name display name
     * @return the pipeline
     */
    public Pipeline createPipeline(String name) {
        requireText(name, "name");
        synchronized (lock) {
            return insertPipeline(name, false, List.of());
        }
    }

    /**
     * Adds a working stage to a pipeline, after the existing working stages and before the closing ones.
     *
     * @param pipelineId the pipeline
     * @param name display name
     * @return the stage
     * @throws SandboxException if the pipeline does not exist
     */
    public Stage addStage(long pipelineId, String name) {
        requireText(name, "name");
        synchronized (lock) {
            Pipeline p = require(pipelines, pipelineId, "pipeline", "createPipeline(name)");
            int sort = p.stages().stream().filter(s -> !s.closing()).mapToInt(Stage::sort).max().orElse(0) + 10;
            Stage stage = new Stage(simulator.ids.next(IdSequence.Kind.STAGE), pipelineId, name, sort, 0, "#99ccff",
                    true);
            List<Stage> stages = new ArrayList<>(p.stages());
            stages.add(stage);
            stages.sort((a, b) -> Integer.compare(a.sort(), b.sort()));
            pipelines.put(pipelineId, new Pipeline(p.id(), p.name(), p.sort(), p.main(), stages));
            return stage;
        }
    }

    // ---------------------------------------------------------------------------------------------- contacts

    /**
     * Adds a contact; e-mail and phone go into the {@code EMAIL} and {@code PHONE} fields with enum {@code WORK}.
     *
     * @param name full name
     * @param email e-mail, or {@code null}
     * @param phone phone, or {@code null}
     * @return the contact
     */
    public Contact createContact(String name, String email, String phone) {
        requireText(name, "name");
        synchronized (lock) {
            String[] parts = name.trim().split("\\s+", 2);
            return insertContact(name, parts[0], parts.length > 1 ? parts[1] : "", adminUserId, null,
                    workValues("contacts", email, phone), adminUserId);
        }
    }

    /**
     * A contact.
     *
     * @param contactId the id
     * @return the contact
     * @throws SandboxException if the account has no such contact
     */
    public Contact contact(long contactId) {
        synchronized (lock) {
            return require(contacts, contactId, "contact", "createContact(name, email, phone)");
        }
    }

    /** @return every contact */
    public List<Contact> contacts() {
        synchronized (lock) {
            return List.copyOf(contacts.values());
        }
    }

    /**
     * Adds a company without e-mail or phone.
     *
     * @param name the name
     * @return the company
     */
    public Company createCompany(String name) {
        return createCompany(name, null, null);
    }

    /**
     * Adds a company.
     *
     * @param name the name
     * @param email e-mail, or {@code null}
     * @param phone phone, or {@code null}
     * @return the company
     */
    public Company createCompany(String name, String email, String phone) {
        requireText(name, "name");
        synchronized (lock) {
            return insertCompany(name, adminUserId, workValues("companies", email, phone), adminUserId);
        }
    }

    /**
     * A company.
     *
     * @param companyId the id
     * @return the company
     * @throws SandboxException if the account has no such company
     */
    public Company company(long companyId) {
        synchronized (lock) {
            return require(companies, companyId, "company", "createCompany(name)");
        }
    }

    /** @return every company */
    public List<Company> companies() {
        synchronized (lock) {
            return List.copyOf(companies.values());
        }
    }

    // ---------------------------------------------------------------------------------------------- catalogs

    /**
     * Creates the products catalog (type {@code products}) with the fields {@code SKU} (text), {@code PRICE}
     * (price) and {@code DESCRIPTION} (textarea). An account has at most one.
     *
     * @return the catalog
     * @throws SandboxException if the account already has a products catalog
     */
    public Catalog createProductsCatalog() {
        synchronized (lock) {
            if (catalogs.values().stream().anyMatch(c -> c.type().equals("products"))) {
                throw new SandboxException("account " + subdomain + " already has a products catalog; use "
                        + "productsCatalog()");
            }
            Instant now = now();
            Catalog catalog = new Catalog(simulator.ids.next(IdSequence.Kind.CATALOG), "Products", "products", 10,
                    adminUserId, now, now);
            catalogs.put(catalog.id(), catalog);
            insertField("catalogs", catalog.id(), "SKU", "SKU", CustomFieldType.TEXT, 10, false, List.of());
            insertField("catalogs", catalog.id(), "Price", "PRICE", CustomFieldType.PRICE, 20, false, List.of());
            insertField("catalogs", catalog.id(), "Description", "DESCRIPTION", CustomFieldType.TEXTAREA, 30, false,
                    List.of());
            return catalog;
        }
    }

    /** @return the products catalog, or empty before {@link #createProductsCatalog()} */
    public Optional<Catalog> productsCatalog() {
        synchronized (lock) {
            return catalogs.values().stream().filter(c -> c.type().equals("products")).findFirst();
        }
    }

    /** @return every catalog */
    public List<Catalog> catalogs() {
        synchronized (lock) {
            return List.copyOf(catalogs.values());
        }
    }

    /**
     * Adds a field to a catalog, for example a second price-type field (a price list) to choose with
     * {@code price_id} in {@link #linkProduct(long, long, BigDecimal, OptionalLong)}.
     *
     * @param catalogId the catalog
     * @param type the type ({@link CustomFieldType#PRICE}, {@link CustomFieldType#TEXT}, ...)
     * @param name display name
     * @param code field code, or {@code null}
     * @return the field
     * @throws SandboxException if the catalog does not exist or the code is taken
     */
    public CustomField createCatalogField(long catalogId, CustomFieldType type, String name, String code) {
        Objects.requireNonNull(type, "type");
        requireText(name, "name");
        synchronized (lock) {
            require(catalogs, catalogId, "catalog", "createProductsCatalog()");
            if (code != null && catalogFieldsOf(catalogId).stream().anyMatch(f -> code.equals(f.code()))) {
                throw new SandboxException("catalog " + catalogId + " already has a field with code " + code);
            }
            return insertField("catalogs", catalogId, name, code, type, 100, false, List.of());
        }
    }

    /**
     * The fields of a catalog.
     *
     * @param catalogId the catalog
     * @return its fields
     */
    public List<CustomField> catalogFields(long catalogId) {
        synchronized (lock) {
            return List.copyOf(catalogFieldsOf(catalogId));
        }
    }

    /**
     * Adds a catalog element (a product).
     *
     * @param catalogId the catalog
     * @param name the product name
     * @param sku the {@code SKU} value, or {@code null}
     * @param price the {@code PRICE} value as a decimal string such as {@code "999.12"}, or {@code null}
     * @param extraFields more values by field code; a code the catalog lacks becomes a new text field, a code of a
     *     price-type field takes a decimal string
     * @return the element
     * @throws SandboxException if the catalog does not exist or a price is not a decimal number
     */
    public CatalogElement createCatalogElement(long catalogId, String name, String sku, String price,
            Map<String, String> extraFields) {
        requireText(name, "name");
        Objects.requireNonNull(extraFields, "extraFields");
        synchronized (lock) {
            require(catalogs, catalogId, "catalog", "createProductsCatalog()");
            Map<String, String> byCode = new LinkedHashMap<>();
            if (sku != null) {
                byCode.put("SKU", sku);
            }
            if (price != null) {
                byCode.put("PRICE", price);
            }
            byCode.putAll(extraFields);
            List<CustomFieldValue> values = new ArrayList<>();
            for (Map.Entry<String, String> e : byCode.entrySet()) {
                Objects.requireNonNull(e.getValue(), () -> "value of catalog field " + e.getKey());
                CustomField field = catalogFieldsOf(catalogId).stream().filter(f -> e.getKey().equals(f.code()))
                        .findFirst().orElseGet(() -> insertField("catalogs", catalogId, e.getKey(), e.getKey(),
                                CustomFieldType.TEXT, 200, false, List.of()));
                if (field.type() == CustomFieldType.PRICE || field.type() == CustomFieldType.NUMERIC) {
                    try {
                        new BigDecimal(e.getValue());
                    } catch (NumberFormatException ex) {
                        throw new SandboxException("catalog field " + e.getKey() + " needs a decimal number such as "
                                + "\"999.12\", was \"" + e.getValue() + "\"");
                    }
                }
                values.add(new CustomFieldValue(field.id(), field.name(), field.code(), field.type(),
                        List.of(FieldValue.of(e.getValue()))));
            }
            Instant now = now();
            CatalogElement element = new CatalogElement(simulator.ids.next(IdSequence.Kind.ELEMENT), catalogId, name,
                    adminUserId, now, now, values);
            elements.put(element.id(), element);
            return element;
        }
    }

    /**
     * A catalog element.
     *
     * @param elementId the id
     * @return the element
     * @throws SandboxException if the account has no such element
     */
    public CatalogElement catalogElement(long elementId) {
        synchronized (lock) {
            return require(elements, elementId, "catalog element", "createCatalogElement(...)");
        }
    }

    /**
     * The elements of a catalog.
     *
     * @param catalogId the catalog
     * @return its elements
     */
    public List<CatalogElement> catalogElements(long catalogId) {
        synchronized (lock) {
            return elements.values().stream().filter(e -> e.catalogId() == catalogId).toList();
        }
    }

    // ---------------------------------------------------------------------------------------------- lead fields

    /**
     * Adds a lead custom field without options.
     *
     * @param type the type
     * @param name display name
     * @param code field code for writes by {@code field_code}, or {@code null}
     * @return the field
     * @throws SandboxException if the type needs options, or the code is taken
     */
    public CustomField createLeadCustomField(CustomFieldType type, String name, String code) {
        return createLeadCustomField(type, name, code, List.of());
    }

    /**
     * Adds a lead custom field.
     *
     * @param type the type; {@link CustomFieldType#MULTITEXT} and {@link CustomFieldType#PRICE} are not lead types
     * @param name display name
     * @param code field code for writes by {@code field_code}, or {@code null}
     * @param enumValues the options of select, multiselect and radiobutton fields (each gets an enum id), else empty
     * @return the field
     * @throws SandboxException if the type is not a lead type, a select-like field has no options, or the code is
     *     taken
     */
    public CustomField createLeadCustomField(CustomFieldType type, String name, String code,
            List<String> enumValues) {
        Objects.requireNonNull(type, "type");
        requireText(name, "name");
        Objects.requireNonNull(enumValues, "enumValues");
        if (type == CustomFieldType.MULTITEXT || type == CustomFieldType.PRICE) {
            throw new SandboxException(type.apiName() + " is not available on leads; pick another type");
        }
        if (type.hasEnums() && enumValues.isEmpty()) {
            throw new SandboxException(type.apiName() + " field " + name + " needs enumValues (its options)");
        }
        synchronized (lock) {
            if (code != null && fieldsOf("leads").stream().anyMatch(f -> code.equals(f.code()))) {
                throw new SandboxException("leads already have a field with code " + code);
            }
            List<String[]> enums = type.hasEnums() ? enumValues.stream().map(v -> new String[] {v, null}).toList()
                    : List.of();
            return insertField("leads", null, name, code, type, 500, false, enums);
        }
    }

    /** @return the lead custom fields */
    public List<CustomField> leadCustomFields() {
        synchronized (lock) {
            return List.copyOf(fieldsOf("leads"));
        }
    }

    /**
     * A custom field of any entity.
     *
     * @param fieldId the id
     * @return the field
     * @throws SandboxException if the account has no such field
     */
    public CustomField customField(long fieldId) {
        synchronized (lock) {
            return require(fields, fieldId, "custom field", "createLeadCustomField(...)");
        }
    }

    // ---------------------------------------------------------------------------------------------- leads

    /**
     * Adds a lead in the main pipeline's first working stage, for the administrator, without links. Fires
     * {@code add_lead} webhooks.
     *
     * @param name the name
     * @param price the budget, not negative
     * @return the lead
     */
    public Lead createLead(String name, BigDecimal price) {
        Pipeline main = mainPipeline();
        return createLead(name, price, main.id(), main.firstWorkingStage().id(), adminUserId, List.of(), null);
    }

    /**
     * Adds a lead. Fires {@code add_lead} webhooks.
     *
     * @param name the name
     * @param price the budget in the account currency, not negative
     * @param pipelineId the pipeline
     * @param statusId a stage of that pipeline
     * @param responsibleUserId the responsible user
     * @param contactIds contacts to link, the main contact first (may be empty)
     * @param companyId the company to link, or {@code null}
     * @return the lead
     * @throws SandboxException if a referenced entity does not exist, the stage is not in the pipeline, or the
     *     price is negative
     */
    public Lead createLead(String name, BigDecimal price, long pipelineId, long statusId, long responsibleUserId,
            List<Long> contactIds, Long companyId) {
        Objects.requireNonNull(name, "name");
        requirePrice(price);
        Objects.requireNonNull(contactIds, "contactIds");
        Lead lead;
        synchronized (lock) {
            Pipeline p = require(pipelines, pipelineId, "pipeline", "createPipeline(name)");
            requireStage(p, statusId);
            require(users, responsibleUserId, "user", "createUser(name, email)");
            contactIds.forEach(c -> require(contacts, c, "contact", "createContact(name, email, phone)"));
            if (companyId != null) {
                require(companies, companyId, "company", "createCompany(name)");
            }
            lead = insertLead(name, price, pipelineId, statusId, responsibleUserId, contactIds, companyId, List.of(),
                    adminUserId);
        }
        simulator.dispatch(this, List.of(LeadEvent.added(lead)));
        return lead;
    }

    /**
     * Links a catalog element to a lead with its default price (a line item). Linking an element again replaces
     * its quantity. Fires no webhook (Kommo documents none for links).
     *
     * @param leadId the lead
     * @param elementId the catalog element
     * @param quantity positive quantity, fractions allowed
     * @return the lead after the change
     */
    public Lead linkProduct(long leadId, long elementId, BigDecimal quantity) {
        return linkProduct(leadId, elementId, quantity, OptionalLong.empty());
    }

    /**
     * Links a catalog element to a lead (a line item).
     *
     * @param leadId the lead
     * @param elementId the catalog element
     * @param quantity positive quantity, fractions allowed
     * @param priceId a price-type field of the element's catalog to use instead of the default {@code PRICE}
     * @return the lead after the change
     * @throws SandboxException if the lead or element does not exist, the quantity is not positive, or the price
     *     field is not a price field of that catalog
     */
    public Lead linkProduct(long leadId, long elementId, BigDecimal quantity, OptionalLong priceId) {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(priceId, "priceId");
        if (quantity.signum() <= 0) {
            throw new SandboxException("quantity must be positive, was " + quantity.toPlainString());
        }
        synchronized (lock) {
            Lead lead = require(leads, leadId, "lead", "createLead(...)");
            CatalogElement element = require(elements, elementId, "catalog element", "createCatalogElement(...)");
            Long price = null;
            if (priceId.isPresent()) {
                long fieldId = priceId.getAsLong();
                boolean ok = catalogFieldsOf(element.catalogId()).stream()
                        .anyMatch(f -> f.id() == fieldId && f.type() == CustomFieldType.PRICE);
                if (!ok) {
                    throw new SandboxException("priceId " + fieldId + " is not a price field of catalog "
                            + element.catalogId() + "; create one with createCatalogField(catalogId, PRICE, ...)");
                }
                price = fieldId;
            }
            return putProduct(lead, new ProductLink(elementId, element.catalogId(), quantity, price));
        }
    }

    /**
     * Writes a lead custom field as {@code PATCH /api/v4/leads} would (select options by their text, dates as unix
     * seconds or RFC 3339, checkboxes as {@code "true"}/{@code "false"}). No values clears the field. Fires
     * {@code update_lead} webhooks.
     *
     * @param leadId the lead
     * @param fieldId the lead field
     * @param values the values
     * @return the lead after the change
     * @throws SandboxException if the lead or field does not exist or a value does not fit the field
     */
    public Lead setLeadField(long leadId, long fieldId, String... values) {
        Objects.requireNonNull(values, "values");
        List<LeadEvent> events = new ArrayList<>();
        Lead after;
        synchronized (lock) {
            Lead lead = require(leads, leadId, "lead", "createLead(...)");
            CustomField field = fieldsOf("leads").stream().filter(f -> f.id() == fieldId).findFirst()
                    .orElseThrow(() -> new SandboxException("no lead custom field " + fieldId + " in account "
                            + subdomain + "; create it with createLeadCustomField(...)"));
            var write = io.kommosync.sandbox.http.Json.array();
            var entry = write.addObject();
            entry.put("field_id", fieldId);
            if (values.length == 0) {
                entry.putNull("values");
            } else {
                var array = entry.putArray("values");
                for (String v : values) {
                    var o = array.addObject();
                    if (field.type() == CustomFieldType.CHECKBOX) {
                        o.put("value", Boolean.parseBoolean(v));
                    } else {
                        o.put("value", v);
                    }
                }
            }
            ValidationErrors errors = new ValidationErrors();
            List<CustomFieldValue> updated = FieldWriter.apply(lead.customFields(), write, fieldsOf("leads"),
                    "custom_fields_values", errors.item("0"));
            if (!errors.isEmpty()) {
                throw new SandboxException("cannot write " + Arrays.toString(values) + " to lead field " + fieldId
                        + ": " + errors.describe());
            }
            after = changeLead(lead, lead.name(), lead.price(), lead.pipelineId(), lead.statusId(),
                    lead.responsibleUserId(), updated, adminUserId, events);
        }
        simulator.dispatch(this, events);
        return after;
    }

    /**
     * Moves a lead to a stage in the same pipeline; see {@link #moveLead(long, long, long)}.
     *
     * @param leadId the lead
     * @param statusId a stage of the lead's pipeline
     * @return the deliveries made
     */
    public List<WebhookDelivery> moveLead(long leadId, long statusId) {
        return moveLead(leadId, lead(leadId).pipelineId(), statusId);
    }

    /**
     * Moves a lead to a stage, as a user dragging the card would, and synchronously POSTs the real Kommo webhook
     * bodies before returning: {@code leads[status]} (with {@code old_status_id} and {@code old_pipeline_id}) to
     * every enabled subscription with {@code status_lead}, then {@code leads[update]} to those with
     * {@code update_lead}. Reaching {@value Stage#WON} or {@value Stage#LOST} sets {@code closed_at}. Moving to the
     * stage the lead is in changes nothing and sends nothing.
     *
     * @param leadId the lead
     * @param pipelineId the target pipeline
     * @param statusId a stage of that pipeline
     * @return the deliveries made, in order (also in {@link KommoSimulator#webhookDeliveries()})
     * @throws SandboxException if the lead or pipeline does not exist or the stage is not in the pipeline
     */
    public List<WebhookDelivery> moveLead(long leadId, long pipelineId, long statusId) {
        List<LeadEvent> events = new ArrayList<>();
        synchronized (lock) {
            Lead lead = require(leads, leadId, "lead", "createLead(...)");
            Pipeline p = require(pipelines, pipelineId, "pipeline", "createPipeline(name)");
            requireStage(p, statusId);
            changeLead(lead, lead.name(), lead.price(), pipelineId, statusId, lead.responsibleUserId(),
                    lead.customFields(), adminUserId, events);
        }
        return simulator.dispatch(this, events);
    }

    /**
     * A lead.
     *
     * @param leadId the id
     * @return the lead with its links and custom field values
     * @throws SandboxException if the account has no such lead
     */
    public Lead lead(long leadId) {
        synchronized (lock) {
            return require(leads, leadId, "lead", "createLead(...)");
        }
    }

    /** @return every lead, by id */
    public List<Lead> leads() {
        synchronized (lock) {
            return List.copyOf(leads.values());
        }
    }

    // ---------------------------------------------------------------------------------------------- tasks, notes

    /** @return every task */
    public List<Task> tasks() {
        synchronized (lock) {
            return List.copyOf(tasks.values());
        }
    }

    /**
     * The notes of a lead.
     *
     * @param leadId the lead
     * @return its notes, oldest first
     */
    public List<Note> notes(long leadId) {
        synchronized (lock) {
            return notes.values().stream().filter(n -> n.entityType().equals("leads") && n.entityId() == leadId)
                    .toList();
        }
    }

    // ---------------------------------------------------------------------------------------------- webhooks

    /**
     * Subscribes a destination, as {@code POST /api/v4/webhooks} does: an existing subscription for the same
     * destination gets the new settings and is enabled again.
     *
     * @param destination an http(s) URL
     * @param settings events such as {@code status_lead}, {@code add_lead}, {@code update_lead}
     * @return the subscription
     * @throws SandboxException if the destination is not http(s) or no setting is given
     */
    public WebhookSubscription subscribeWebhook(URI destination, String... settings) {
        Objects.requireNonNull(destination, "destination");
        if (!"http".equals(destination.getScheme()) && !"https".equals(destination.getScheme())) {
            throw new SandboxException("destination must be an http(s) URL, was a " + destination.getScheme()
                    + " URI");
        }
        if (settings.length == 0) {
            throw new SandboxException("give at least one setting, for example \"status_lead\"");
        }
        synchronized (lock) {
            return upsertSubscription(destination, List.of(settings), 1, adminUserId);
        }
    }

    /** @return every webhook subscription, with its {@code disabled} flag */
    public List<WebhookSubscription> subscriptions() {
        synchronized (lock) {
            return subscriptions.values().stream().map(s -> s.subscription).toList();
        }
    }

    @Override
    public String toString() {
        return "SandboxAccount[" + subdomain + ", id=" + id + ", " + status + "]";
    }

    // ====================================================================== internals (callers hold the lock)

    long adminUserId() {
        return adminUserId;
    }

    Instant now() {
        return simulator.clock().instant();
    }

    User insertUser(String name, String email, boolean admin) {
        User user = new User(simulator.ids.next(IdSequence.Kind.USER), name, email, admin);
        users.put(user.id(), user);
        return user;
    }

    private Pipeline insertPipeline(String name, boolean main, List<String> workingStages) {
        long pipelineId = simulator.ids.next(IdSequence.Kind.PIPELINE);
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage(simulator.ids.next(IdSequence.Kind.STAGE), pipelineId, "Incoming leads", 10, 1,
                "#c1c1c1", false));
        int sort = 20;
        for (String stage : workingStages) {
            stages.add(new Stage(simulator.ids.next(IdSequence.Kind.STAGE), pipelineId, stage, sort, 0, "#99ccff",
                    true));
            sort += 10;
        }
        stages.add(new Stage(Stage.WON, pipelineId, "Closed - won", 10000, 0, "#CCFF66", false));
        stages.add(new Stage(Stage.LOST, pipelineId, "Closed - lost", 11000, 0, "#D5D8DB", false));
        Pipeline p = new Pipeline(pipelineId, name, pipelines.size() + 1, main, stages);
        pipelines.put(pipelineId, p);
        return p;
    }

    CustomField insertField(String entityType, Long catalogId, String name, String code, CustomFieldType type,
            int sort, boolean apiOnly, List<String[]> enumValuesAndCodes) {
        List<FieldEnum> enums = new ArrayList<>();
        int enumSort = 1;
        for (String[] e : enumValuesAndCodes) {
            enums.add(new FieldEnum(simulator.ids.next(IdSequence.Kind.ENUM), e[0], enumSort++, e[1]));
        }
        CustomField field = new CustomField(simulator.ids.next(IdSequence.Kind.FIELD), entityType, catalogId, name,
                code, type, sort, apiOnly, enums);
        fields.put(field.id(), field);
        return field;
    }

    List<CustomField> fieldsOf(String entityType) {
        return fields.values().stream().filter(f -> f.entityType().equals(entityType) && f.catalogId() == null)
                .toList();
    }

    List<CustomField> catalogFieldsOf(long catalogId) {
        return fields.values().stream().filter(f -> f.catalogId() != null && f.catalogId() == catalogId).toList();
    }

    Contact insertContact(String name, String firstName, String lastName, long responsible, Long companyId,
            List<CustomFieldValue> values, long author) {
        Instant now = now();
        long contactId = simulator.ids.next(IdSequence.Kind.CONTACT);
        Contact contact = new Contact(contactId, name.isBlank() ? "Contact #" + contactId : name, firstName,
                lastName, responsible, author, author, now, now, companyId, values);
        contacts.put(contact.id(), contact);
        return contact;
    }

    Company insertCompany(String name, long responsible, List<CustomFieldValue> values, long author) {
        Instant now = now();
        long companyId = simulator.ids.next(IdSequence.Kind.COMPANY);
        Company company = new Company(companyId, name.isBlank() ? "Company #" + companyId : name, responsible,
                author, author, now, now, values);
        companies.put(company.id(), company);
        return company;
    }

    Lead insertLead(String name, BigDecimal price, long pipelineId, long statusId, long responsible,
            List<Long> contactIds, Long companyId, List<CustomFieldValue> values, long author) {
        Instant now = now();
        long leadId = simulator.ids.next(IdSequence.Kind.LEAD);
        boolean closing = statusId == Stage.WON || statusId == Stage.LOST;
        Lead lead = new Lead(leadId, name.isBlank() ? "Lead #" + leadId : name, price, pipelineId, statusId,
                responsible, author, author, now, now, closing ? now : null, contactIds, companyId, List.of(),
                values);
        leads.put(leadId, lead);
        return lead;
    }

    /** Applies a change; adds {@code status} and {@code update} events when something changed. */
    Lead changeLead(Lead before, String name, BigDecimal price, long pipelineId, long statusId, long responsible,
            List<CustomFieldValue> values, long author, List<LeadEvent> events) {
        boolean moved = before.pipelineId() != pipelineId || before.statusId() != statusId;
        boolean changed = moved || !before.name().equals(name) || before.price().compareTo(price) != 0
                || before.responsibleUserId() != responsible || !before.customFields().equals(values);
        if (!changed) {
            return before;
        }
        Instant now = now();
        boolean closing = statusId == Stage.WON || statusId == Stage.LOST;
        Instant closedAt = !closing ? null : moved ? now : before.closedAt();
        Lead after = before.with(name, price, pipelineId, statusId, responsible, author, now, closedAt,
                before.contactIds(), before.companyId(), before.products(), values);
        leads.put(after.id(), after);
        if (moved) {
            events.add(LeadEvent.statusChanged(after, before.statusId(), before.pipelineId()));
        }
        events.add(LeadEvent.updated(after));
        return after;
    }

    Lead putProduct(Lead lead, ProductLink link) {
        List<ProductLink> products = new ArrayList<>();
        boolean replaced = false;
        for (ProductLink p : lead.products()) {
            if (p.elementId() == link.elementId()) {
                products.add(link);
                replaced = true;
            } else {
                products.add(p);
            }
        }
        if (!replaced) {
            products.add(link);
        }
        Lead after = lead.with(lead.name(), lead.price(), lead.pipelineId(), lead.statusId(),
                lead.responsibleUserId(), lead.updatedBy(), lead.updatedAt(), lead.closedAt(), lead.contactIds(),
                lead.companyId(), products, lead.customFields());
        leads.put(after.id(), after);
        return after;
    }

    Lead putContactLink(Lead lead, long contactId, boolean main) {
        List<Long> ids = new ArrayList<>(lead.contactIds());
        ids.remove(contactId);
        if (main) {
            ids.add(0, contactId);
        } else {
            ids.add(contactId);
        }
        Lead after = lead.with(lead.name(), lead.price(), lead.pipelineId(), lead.statusId(),
                lead.responsibleUserId(), lead.updatedBy(), lead.updatedAt(), lead.closedAt(), ids,
                lead.companyId(), lead.products(), lead.customFields());
        leads.put(after.id(), after);
        return after;
    }

    Lead putCompanyLink(Lead lead, long companyId) {
        Lead after = lead.with(lead.name(), lead.price(), lead.pipelineId(), lead.statusId(),
                lead.responsibleUserId(), lead.updatedBy(), lead.updatedAt(), lead.closedAt(), lead.contactIds(),
                companyId, lead.products(), lead.customFields());
        leads.put(after.id(), after);
        return after;
    }

    Task insertTask(String entityType, Long entityId, long responsible, int taskTypeId, String text,
            Instant completeTill, long duration, boolean completed, String result, long author) {
        Instant now = now();
        Task task = new Task(simulator.ids.next(IdSequence.Kind.TASK), entityType, entityId, responsible, taskTypeId,
                text, completeTill, duration, completed, result, author, now, now);
        tasks.put(task.id(), task);
        return task;
    }

    Note insertNote(String entityType, long entityId, String noteType, Map<String, Object> params, long author) {
        Note note = new Note(simulator.ids.next(IdSequence.Kind.NOTE), entityType, entityId, noteType, params, author,
                now());
        notes.put(note.id(), note);
        return note;
    }

    WebhookSubscription upsertSubscription(URI destination, List<String> settings, int sort, long author) {
        Instant now = now();
        for (SubscriptionState state : subscriptions.values()) {
            WebhookSubscription s = state.subscription;
            if (s.destination().equals(destination)) {
                state.subscription = new WebhookSubscription(s.id(), destination, settings, sort, false,
                        s.createdBy(), s.createdAt(), now);
                state.invalid.clear();
                return state.subscription;
            }
        }
        WebhookSubscription s = new WebhookSubscription(simulator.ids.next(IdSequence.Kind.WEBHOOK), destination,
                settings, sort, false, author, now, now);
        subscriptions.put(s.id(), new SubscriptionState(s));
        return s;
    }

    boolean removeSubscription(URI destination) {
        return subscriptions.values().removeIf(s -> s.subscription.destination().equals(destination));
    }

    /** Kommo disables a subscription after more than N invalid responses within the window, the last invalid. */
    void recordDeliveryOutcome(long subscriptionId, boolean valid, Instant at, int maxInvalid, Duration window) {
        synchronized (lock) {
            SubscriptionState state = subscriptions.get(subscriptionId);
            if (state == null || valid) {
                return;
            }
            state.invalid.addLast(at);
            while (!state.invalid.isEmpty() && !state.invalid.peekFirst().isAfter(at.minus(window))) {
                state.invalid.removeFirst();
            }
            if (state.invalid.size() > maxInvalid && !state.subscription.disabled()) {
                WebhookSubscription s = state.subscription;
                state.subscription = new WebhookSubscription(s.id(), s.destination(), s.settings(), s.sort(), true,
                        s.createdBy(), s.createdAt(), at);
            }
        }
    }

    boolean enabled(long subscriptionId) {
        synchronized (lock) {
            SubscriptionState state = subscriptions.get(subscriptionId);
            return state != null && !state.subscription.disabled();
        }
    }

    private List<CustomFieldValue> workValues(String entityType, String email, String phone) {
        List<CustomFieldValue> values = new ArrayList<>();
        for (CustomField f : fieldsOf(entityType)) {
            String value = "PHONE".equals(f.code()) ? phone : "EMAIL".equals(f.code()) ? email : null;
            if (value != null && !value.isBlank()) {
                FieldEnum work = f.enumByCode("WORK").orElseThrow();
                values.add(new CustomFieldValue(f.id(), f.name(), f.code(), f.type(),
                        List.of(new FieldValue(value, work.id(), work.code()))));
            }
        }
        return values;
    }

    private <T> T require(Map<Long, T> map, long entityId, String what, String how) {
        T value = map.get(entityId);
        if (value == null) {
            throw new SandboxException("no " + what + " " + entityId + " in account " + subdomain + "; create it with "
                    + how + " first");
        }
        return value;
    }

    private void requireStage(Pipeline p, long statusId) {
        if (p.stage(statusId).isEmpty()) {
            throw new SandboxException("stage " + statusId + " is not in pipeline " + p.id() + " (" + p.name()
                    + "); its stages are " + p.stages().stream().map(s -> s.id() + " " + s.name()).toList());
        }
    }

    private static void requirePrice(BigDecimal price) {
        Objects.requireNonNull(price, "price");
        if (price.signum() < 0) {
            throw new SandboxException("price must not be negative, was " + price.toPlainString());
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new SandboxException(name + " must not be blank");
        }
    }
}
