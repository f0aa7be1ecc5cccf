package io.kommosync.sync;

import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.sync.kommo.KommoGateway;
import io.kommosync.sync.mapping.MappingTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Kommo account joined to one ledger organisation, with everything the engine needs to raise that account's
 * invoices: trigger rules, the mapping table, the deal fields to write, defaults, and where dimensions come from.
 *
 * <p>Immutable and thread-safe; build with {@link #builder(String)}. To change the mapping table of a running
 * engine, use {@link SyncEngine#replaceMapping}, which builds a new connection with {@link #withMapping}.
 */
public final class Connection {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final String id;
    private final long kommoAccountId;
    private final byte[] webhookToken;
    private final KommoGateway kommo;
    private final AccountingPort ledger;
    private final List<TriggerRule> triggers;
    private final Optional<Stage> paidStage;
    private final Optional<Stage> ledgerInvoiceStage;
    private final MappingTable mapping;
    private final KommoFields fields;
    private final InvoiceDefaults defaults;
    private final Map<DimensionType, Long> dimensionFields;
    private final Dimensions defaultDimensions;
    private final ZoneId zone;

    private Connection(Builder b) {
        List<String> problems = new ArrayList<>();
        if (b.id == null || !ID.matcher(b.id).matches()) {
            problems.add("id: '" + b.id + "' must be lower-case letters, digits and '-'");
        }
        if (b.kommoAccountId <= 0) {
            problems.add("kommoAccountId: set the Kommo account id (GET /api/v4/account → id)");
        }
        if (b.webhookToken == null || b.webhookToken.length() < 16) {
            problems.add("webhookToken: set a random secret of at least 16 characters; it goes in the webhook URL");
        }
        if (b.kommo == null) {
            problems.add("kommo: set the Kommo gateway");
        }
        if (b.ledger == null) {
            problems.add("ledger: set the accounting port");
        }
        if (b.triggers.isEmpty()) {
            problems.add("triggers: add at least one trigger rule (pipeline + stage that raises the invoice)");
        }
        if (b.triggers.stream().map(TriggerRule::id).distinct().count() != b.triggers.size()) {
            problems.add("triggers: two trigger rules have the same id");
        }
        if (b.mapping == null) {
            problems.add("mapping: set the mapping table");
        }
        if (b.fields == null) {
            problems.add("fields: set the deal fields for the invoice number and link");
        }
        if (b.defaults == null) {
            problems.add("defaults: set the invoice defaults (at least the currency)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConnectionException(b.id, problems);
        }
        this.id = b.id;
        this.kommoAccountId = b.kommoAccountId;
        this.webhookToken = b.webhookToken.getBytes(StandardCharsets.UTF_8);
        this.kommo = b.kommo;
        this.ledger = b.ledger;
        this.triggers = List.copyOf(b.triggers);
        this.paidStage = b.paidStage;
        this.ledgerInvoiceStage = b.ledgerInvoiceStage;
        this.mapping = b.mapping;
        this.fields = b.fields;
        this.defaults = b.defaults;
        EnumMap<DimensionType, Long> dims = new EnumMap<>(DimensionType.class);
        dims.putAll(b.dimensionFields);
        this.dimensionFields = Map.copyOf(dims);
        this.defaultDimensions = b.defaultDimensions;
        this.zone = b.zone;
    }

    /**
     * A builder for a connection with an id.
     *
     * @param id a stable id, lower-case letters, digits and {@code -}; part of idempotency keys and webhook URLs
     * @return the builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * The id.
     *
     * @return the connection id
     */
    public String id() {
        return id;
    }

    /**
     * The Kommo account id webhooks must carry.
     *
     * @return the account id
     */
    public long kommoAccountId() {
        return kommoAccountId;
    }

    /**
     * Whether a token from a webhook URL is this connection's, compared in constant time.
     *
     * @param candidate the token from the request path
     * @return {@code true} when it matches
     */
    public boolean webhookTokenMatches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(webhookToken, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The Kommo side.
     *
     * @return the gateway
     */
    public KommoGateway kommo() {
        return kommo;
    }

    /**
     * The ledger side.
     *
     * @return the port
     */
    public AccountingPort ledger() {
        return ledger;
    }

    /**
     * The trigger rules.
     *
     * @return the rules
     */
    public List<TriggerRule> triggers() {
        return triggers;
    }

    /**
     * The rule matching a stage.
     *
     * @param pipelineId the pipeline
     * @param statusId   the stage
     * @return the rule, or empty
     */
    public Optional<TriggerRule> triggerFor(long pipelineId, long statusId) {
        return triggers.stream().filter(t -> t.matches(pipelineId, statusId)).findFirst();
    }

    /**
     * The rule with an id.
     *
     * @param triggerId the rule id
     * @return the rule, or empty
     */
    public Optional<TriggerRule> trigger(String triggerId) {
        return triggers.stream().filter(t -> t.id().equals(triggerId)).findFirst();
    }

    /**
     * The stage to move a deal to when its invoice is paid.
     *
     * @return the stage, or empty to leave the deal where it is
     */
    public Optional<Stage> paidStage() {
        return paidStage;
    }

    /**
     * Where deals for invoices raised by hand in the ledger are created.
     *
     * @return the stage, or empty to not create deals for them
     */
    public Optional<Stage> ledgerInvoiceStage() {
        return ledgerInvoiceStage;
    }

    /**
     * The mapping table.
     *
     * @return the table
     */
    public MappingTable mapping() {
        return mapping;
    }

    /**
     * The deal fields written.
     *
     * @return the fields
     */
    public KommoFields fields() {
        return fields;
    }

    /**
     * Invoice defaults.
     *
     * @return the defaults
     */
    public InvoiceDefaults defaults() {
        return defaults;
    }

    /**
     * Deal fields whose value (an option's text, or a dimension value id or name) gives a dimension.
     *
     * @return field id by dimension type
     */
    public Map<DimensionType, Long> dimensionFields() {
        return dimensionFields;
    }

    /**
     * Dimensions used when neither the mapping row nor a deal field gives one.
     *
     * @return the defaults
     */
    public Dimensions defaultDimensions() {
        return defaultDimensions;
    }

    /**
     * The time zone of the ledger's dates (issue and due dates, overdue).
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * A copy with another mapping table.
     *
     * @param table the new table
     * @return the new connection
     */
    public Connection withMapping(MappingTable table) {
        Builder b = toBuilder();
        b.mapping = Objects.requireNonNull(table, "table");
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder(id);
        b.kommoAccountId = kommoAccountId;
        b.webhookToken = new String(webhookToken, StandardCharsets.UTF_8);
        b.kommo = kommo;
        b.ledger = ledger;
        b.triggers.addAll(triggers);
        b.paidStage = paidStage;
        b.ledgerInvoiceStage = ledgerInvoiceStage;
        b.mapping = mapping;
        b.fields = fields;
        b.defaults = defaults;
        b.dimensionFields.putAll(dimensionFields);
        b.defaultDimensions = defaultDimensions;
        b.zone = zone;
        return b;
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", kommo account " + kommoAccountId + ", ledger " + ledger.providerId() + "]";
    }

    /** Builds a {@link Connection}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private long kommoAccountId;
        private String webhookToken;
        private KommoGateway kommo;
        private AccountingPort ledger;
        private final List<TriggerRule> triggers = new ArrayList<>();
        private Optional<Stage> paidStage = Optional.empty();
        private Optional<Stage> ledgerInvoiceStage = Optional.empty();
        private MappingTable mapping;
        private KommoFields fields;
        private InvoiceDefaults defaults;
        private final Map<DimensionType, Long> dimensionFields = new EnumMap<>(DimensionType.class);
        private Dimensions defaultDimensions = Dimensions.none();
        private ZoneId zone = ZoneId.of("UTC");

        private Builder(String id) {
            this.id = id;
        }

        /**
         * The Kommo account: its id, and the gateway to it.
         *
         * @param accountId the Kommo account id
         * @param gateway   the gateway
         * @return this builder
         */
        public Builder kommo(long accountId, KommoGateway gateway) {
            this.kommoAccountId = accountId;
            this.kommo = gateway;
            return this;
        }

        /**
         * The secret token that goes in this connection's webhook URL.
         *
         * @param token at least 16 random characters
         * @return this builder
         */
        public Builder webhookToken(String token) {
            this.webhookToken = token;
            return this;
        }

        /**
         * The ledger.
         *
         * @param port the accounting port
         * @return this builder
         */
        public Builder ledger(AccountingPort port) {
            this.ledger = port;
            return this;
        }

        /**
         * Adds a trigger rule.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder trigger(TriggerRule rule) {
            this.triggers.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Moves deals to a stage when their invoice is paid.
         *
         * @param stage the stage
         * @return this builder
         */
        public Builder moveWhenPaid(Stage stage) {
            this.paidStage = Optional.of(stage);
            return this;
        }

        /**
         * Creates deals at a stage for invoices raised by hand in the ledger.
         *
         * @param stage the stage
         * @return this builder
         */
        public Builder dealsForLedgerInvoicesAt(Stage stage) {
            this.ledgerInvoiceStage = Optional.of(stage);
            return this;
        }

        /**
         * The mapping table.
         *
         * @param table the table
         * @return this builder
         */
        public Builder mapping(MappingTable table) {
            this.mapping = table;
            return this;
        }

        /**
         * The deal fields to write.
         *
         * @param kommoFields the fields
         * @return this builder
         */
        public Builder fields(KommoFields kommoFields) {
            this.fields = kommoFields;
            return this;
        }

        /**
         * Invoice defaults.
         *
         * @param invoiceDefaults the defaults
         * @return this builder
         */
        public Builder defaults(InvoiceDefaults invoiceDefaults) {
            this.defaults = invoiceDefaults;
            return this;
        }

        /**
         * Reads a dimension from a deal field.
         *
         * @param type    the dimension
         * @param fieldId the deal field
         * @return this builder
         */
        public Builder dimensionFromDealField(DimensionType type, long fieldId) {
            this.dimensionFields.put(type, fieldId);
            return this;
        }

        /**
         * Dimensions used when nothing else gives one.
         *
         * @param dimensions the defaults
         * @return this builder
         */
        public Builder defaultDimensions(Dimensions dimensions) {
            this.defaultDimensions = Objects.requireNonNull(dimensions, "dimensions");
            return this;
        }

        /**
         * The ledger's time zone.
         *
         * @param zoneId the zone
         * @return this builder
         */
        public Builder zone(ZoneId zoneId) {
            this.zone = Objects.requireNonNull(zoneId, "zoneId");
            return this;
        }

        /**
         * Builds the connection.
         *
         * @return the connection
         * @throws InvalidConnectionException listing every missing or bad setting
         */
        public Connection build() {
            return new Connection(this);
        }
    }
}
