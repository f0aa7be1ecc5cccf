package io.kommosync.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.client.Secret;
import io.kommosync.sync.InvoiceDefaults;
import io.kommosync.sync.KommoFields;
import io.kommosync.sync.Stage;
import io.kommosync.sync.TriggerRule;
import io.kommosync.sync.jdbc.Retention;
import io.kommosync.sync.mapping.MappingFormatException;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.mapping.MappingTables;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's configuration, read from a YAML file (the format is in the module README). Every command reads the
 * same file. Relative paths are resolved against the file's folder. Credentials are never written in the file: a
 * value {@code ${env:NAME}} is read from an environment variable and {@code ${file:/path}} from a file (trailing
 * line breaks dropped), both at load time; secret keys given as plain text are refused. Unknown keys are errors so
 * a typo never goes unnoticed, and every problem is reported at once ({@link ServerConfigException}).
 *
 * @param connections the connections, at least one, ids unique
 * @param store       the durable store
 * @param http        the HTTP front
 * @param engine      workers and background passes
 */
record ServerConfig(List<ConnectionConfig> connections, StoreConfig store, HttpConfig http, EngineConfig engine,
                    ConsoleConfig console) {

    ServerConfig {
        connections = List.copyOf(connections);
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(console, "console");
    }

    /**
     * A connection by id.
     *
     * @param id the id
     * @return the connection
     * @throws ServerConfigException when there is none; the message lists the ids there are
     */
    ConnectionConfig connection(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new ServerConfigException("--connection " + id, List.of("connections: no connection"
                        + " with id '" + id + "'; use one of " + connections.stream().map(ConnectionConfig::id).toList())));
    }

    /**
     * The connections a command works on: the one named, or all.
     *
     * @param id the {@code --connection} option, if given
     * @return the connections
     */
    List<ConnectionConfig> selected(Optional<String> id) {
        return id.map(i -> List.of(connection(i))).orElse(connections);
    }

    /**
     * The base URL Kommo reaches the server at: {@code http.publicUrl}, or the listening address.
     *
     * @return the URL without a trailing slash
     */
    String publicBase() {
        return http.publicUrl().map(URI::toString)
                .orElse("http://" + http.host() + ":" + http.port()).replaceAll("/+$", "");
    }

    /**
     * Reads a configuration file, resolving {@code ${env:...}} against the process environment.
     *
     * @param file the YAML file
     * @return the configuration
     * @throws ServerConfigException naming every bad or missing key, or when the file cannot be read
     */
    static ServerConfig load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * Reads a configuration file.
     *
     * @param file        the YAML file
     * @param environment the variables {@code ${env:NAME}} is resolved against
     * @return the configuration
     * @throws ServerConfigException naming every bad or missing key, or when the file cannot be read
     */
    static ServerConfig load(Path file, Map<String, String> environment) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Only the position: the parser's own message quotes the offending line, which may hold a secret.
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new ServerConfigException(file.toString(), List.of("(file): not valid YAML"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + "; check the indentation (spaces only) and quote values holding ': ' or starting with '{'"));
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
            throw new ServerConfigException(file.toString(), List.of("(file): cannot read it as YAML: " + why
                    + "; pass an existing, readable YAML file with --config (see the kommo-sync-server README)"));
        }
        Reader r = new Reader(file.toAbsolutePath().getParent(), environment);
        ServerConfig config = r.server(root == null || root.isMissingNode() ? YAMLMapper.builder().build()
                .createObjectNode() : root);
        if (!r.problems.isEmpty()) {
            throw new ServerConfigException(file.toString(), r.problems);
        }
        return config;
    }

    @Override
    public String toString() {
        return "ServerConfig[connections=" + connections + ", store=" + store + ", http=" + http + ", engine="
                + engine + "]";
    }

    /**
     * One Kommo account tied to one ledger.
     *
     * @param id           the id in the webhook path and in the store
     * @param kommo        the Kommo account
     * @param webhookToken the secret path token of the webhook URL
     * @param ledger       the ledger provider and its keys
     * @param triggers     the stages that raise an invoice, at least one
     * @param fields       the deal fields written back; empty until {@code setup} created them
     * @param invoice      invoice defaults
     * @param mapping      where the mapping table comes from
     * @param zone         the time zone of invoice dates
     * @param paidStage    where a deal moves when its invoice is paid, if anywhere
     */
    record ConnectionConfig(String id, KommoConfig kommo, Secret webhookToken, LedgerConfig ledger,
                            List<TriggerRule> triggers, Optional<KommoFields> fields, InvoiceDefaults invoice,
                            MappingSource mapping, ZoneId zone, Optional<Stage> paidStage) {
        ConnectionConfig {
            triggers = List.copyOf(triggers);
        }

        @Override
        public String toString() {
            return "Connection[" + id + ", kommo=" + kommo + ", ledger=" + ledger + ", triggers=" + triggers + "]";
        }
    }

    /**
     * A Kommo account.
     *
     * @param baseUrl           its URL
     * @param accountId         its id ({@code account[id]} in webhooks)
     * @param token             the long-lived token of the integration
     * @param requestsPerSecond the client-side rate limit
     */
    record KommoConfig(URI baseUrl, long accountId, Secret token, int requestsPerSecond) {
        @Override
        public String toString() {
            return baseUrl + " (account " + accountId + ")";
        }
    }

    /**
     * A ledger adapter and its keys.
     *
     * @param provider   the provider id for {@code AccountingPorts.load}
     * @param values     every key and its resolved value
     * @param secretKeys the keys passed as secrets
     */
    record LedgerConfig(String provider, Map<String, String> values, Set<String> secretKeys) {
        LedgerConfig {
            values = Map.copyOf(values);
            secretKeys = Set.copyOf(secretKeys);
        }

        AccountingConfig toAccountingConfig() {
            AccountingConfig.Builder b = AccountingConfig.builder();
            values.forEach((k, v) -> {
                if (secretKeys.contains(k)) {
                    b.putSecret(k, v);
                } else {
                    b.put(k, v);
                }
            });
            return b.build();
        }

        @Override
        public String toString() {
            return provider + " " + new TreeMap<>(values).keySet();
        }
    }

    /**
     * Where a connection's mapping table comes from: a file ({@code mapping.file}, CSV, YAML, JSON or a filled-in
     * {@code mapping export} sheet) or rows written in the configuration ({@code mapping.rows}).
     *
     * @param file   the file
     * @param inline the rows given in the configuration
     */
    record MappingSource(Optional<Path> file, Optional<MappingTable> inline) {
        /**
         * The table now.
         *
         * @return the table
         * @throws MappingFormatException when the file cannot be read as a mapping table
         */
        MappingTable load() {
            return inline.orElseGet(() -> MappingSheet.load(file.orElseThrow()).table());
        }
    }

    /**
     * The durable store: an H2 file (opened so that commands can share it with a running server) or PostgreSQL.
     *
     * @param h2File           the H2 file without {@code .mv.db}, when H2
     * @param postgresUrl      the JDBC URL, when PostgreSQL
     * @param postgresUser     the user
     * @param postgresPassword the password
     */
    record StoreConfig(Optional<Path> h2File, Optional<String> postgresUrl, Optional<String> postgresUser,
                       Optional<Secret> postgresPassword) {
        @Override
        public String toString() {
            return h2File.map(f -> "h2 " + f).orElse("postgres " + postgresUrl.orElse("?"));
        }
    }

    /**
     * The HTTP front.
     *
     * @param host      the address to listen on
     * @param port      the port, 0 for any free one
     * @param publicUrl the base URL Kommo posts to, if not the listening address
     */
    record HttpConfig(String host, int port, Optional<URI> publicUrl) {
    }

    /**
     * Workers and background passes.
     *
     * @param workers             worker threads
     * @param pollInterval        how often each worker looks for due jobs
     * @param lease               how long a claimed job is held before another worker may take it
     * @param reconcileInterval   the reconciler's period
     * @param reconcileLookback   how far back the very first reconciler pass looks
     * @param paymentPollInterval  the period of the payment status poll (ledger invoice changes)
     * @param overdueSweepInterval the period of the sweep that finds invoices whose due date passed
     * @param leaderLease          how long an instance holds a background pass's lease without renewing it; another
     *                             instance takes the pass over that long after the holder died
     * @param pruneInterval        how often old audit rows, finished jobs and seen events are pruned
     * @param retention            how long each kind of row is kept
     */
    record EngineConfig(int workers, Duration pollInterval, Duration lease, Duration reconcileInterval,
                        Duration reconcileLookback, Duration paymentPollInterval, Duration overdueSweepInterval,
                        Duration leaderLease, Duration pruneInterval, Retention retention) {
    }

    /**
     * The web console under {@code /console/}: served only when a token is configured.
     *
     * @param token the bearer token the console's API asks for, if the console is on
     */
    record ConsoleConfig(Optional<Secret> token) {
        @Override
        public String toString() {
            return token.isPresent() ? "console on" : "console off";
        }
    }

    /** Walks the YAML tree, collecting every problem with its path rather than stopping at the first. */
    private static final class Reader {
        private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");
        private static final String SECRET_FIX = "write a reference instead, ${env:NAME} or ${file:/path}, so the "
                + "secret stays out of the file";
        private final Path dir;
        private final Map<String, String> environment;
        private final List<String> problems = new ArrayList<>();

        Reader(Path dir, Map<String, String> environment) {
            this.dir = dir;
            this.environment = environment;
        }

        ServerConfig server(JsonNode root) {
            if (!root.isObject()) {
                problems.add("(root): expected a mapping with connections, store, http and engine");
                root = YAMLMapper.builder().build().createObjectNode();
            }
            known(root, "", "connections", "store", "http", "engine", "console");
            List<ConnectionConfig> connections = new ArrayList<>();
            JsonNode list = root.path("connections");
            if (!list.isArray() || list.isEmpty()) {
                problems.add("connections: missing; give a list with at least one connection (id, kommo, ledger, "
                        + "triggers, ...)");
            } else {
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    ConnectionConfig c = connection(list.get(i), "connections[" + i + "]", list.size() == 1);
                    String id = list.get(i).path("id").asText("").strip();
                    if (!id.isEmpty() && !ids.add(id)) {
                        problems.add("connections[" + i + "].id: '" + id + "' is used twice; give each "
                                + "connection its own id");
                    }
                    if (c != null) {
                        connections.add(c);
                    }
                }
            }
            return new ServerConfig(connections, store(root.path("store"), "store"), http(root.path("http"), "http"),
                    engine(root.path("engine"), "engine"), console(root.path("console"), "console"));
        }

        private ConsoleConfig console(JsonNode n, String p) {
            if (!object(n, p, false)) {
                return new ConsoleConfig(Optional.empty());
            }
            known(n, p, "token");
            Secret token = secret(n, p, "token");
            if (token != null && token.reveal().length() < 16) {
                problems.add(p + ".token: too short; use at least 16 random characters (openssl rand -hex 24)");
                token = null;
            }
            return new ConsoleConfig(Optional.ofNullable(token));
        }

        private ConnectionConfig connection(JsonNode n, String p, boolean only) {
            if (!object(n, p, true)) {
                return null;
            }
            known(n, p, "id", "kommo", "webhookToken", "ledger", "triggers", "fields", "invoice", "mapping", "zone",
                    "paidStage");
            String id = only ? text(n, p, "id", "default") : required(n, p, "id");
            if (!id.isEmpty() && !id.matches("[A-Za-z0-9_-]{1,64}")) {
                problems.add(p + ".id: '" + id + "' may only hold letters, digits, '-' and '_' (it is part of URLs)");
            }
            JsonNode k = n.path("kommo");
            String kp = p + ".kommo";
            KommoConfig kommo = null;
            if (object(k, kp, true)) {
                known(k, kp, "baseUrl", "accountId", "token", "requestsPerSecond");
                kommo = new KommoConfig(uri(k, kp, "baseUrl"), number(k, kp, "accountId"), secret(k, kp, "token"),
                        (int) number(k, kp, "requestsPerSecond", 7, 1, 1000));
            }
            Secret webhookToken = secret(n, p, "webhookToken");
            LedgerConfig ledger = ledger(n.path("ledger"), p + ".ledger");
            List<TriggerRule> triggers = triggers(n.path("triggers"), p + ".triggers");
            Optional<KommoFields> fields = fields(n.path("fields"), p + ".fields");
            InvoiceDefaults invoice = invoice(n.path("invoice"), p + ".invoice");
            MappingSource mapping = mapping(n.path("mapping"), p + ".mapping");
            ZoneId zone = ZoneOffset.UTC;
            String zoneText = text(n, p, "zone", "UTC");
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problems.add(p + ".zone: '" + zoneText + "' is not a time zone; use a region id such as Europe/London");
            }
            Optional<Stage> paid = Optional.empty();
            JsonNode ps = n.path("paidStage");
            if (object(ps, p + ".paidStage", false)) {
                known(ps, p + ".paidStage", "pipelineId", "stageId");
                long pipeline = number(ps, p + ".paidStage", "pipelineId");
                long stage = number(ps, p + ".paidStage", "stageId");
                if (pipeline > 0 && stage > 0) {
                    paid = Optional.of(new Stage(pipeline, stage));
                }
            }
            if (kommo == null || ledger == null || webhookToken == null || invoice == null || mapping == null) {
                return null;
            }
            return new ConnectionConfig(id, kommo, webhookToken, ledger, triggers, fields, invoice, mapping, zone, paid);
        }

        private LedgerConfig ledger(JsonNode n, String p) {
            if (!object(n, p, true)) {
                return null;
            }
            known(n, p, "provider", "config");
            String provider = required(n, p, "provider");
            Map<String, String> values = new LinkedHashMap<>();
            Set<String> secrets = new HashSet<>();
            JsonNode config = n.path("config");
            if (object(config, p + ".config", false)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String kp = p + ".config." + e.getKey();
                    if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                        problems.add(kp + ": expected a single value");
                        continue;
                    }
                    String raw = e.getValue().asText().strip();
                    boolean reference = REFERENCE.matcher(raw).find();
                    if (isSecretName(e.getKey())) {
                        secrets.add(e.getKey());
                        if (!reference) {
                            problems.add(kp + ": a secret written in plain text; " + SECRET_FIX);
                            continue;
                        }
                    }
                    resolve(raw, kp).ifPresent(v -> values.put(e.getKey(), v));
                }
            }
            return new LedgerConfig(provider, values, secrets);
        }

        private List<TriggerRule> triggers(JsonNode n, String p) {
            List<TriggerRule> rules = new ArrayList<>();
            if (!n.isArray() || n.isEmpty()) {
                problems.add(p + ": missing; list at least one stage, e.g. [{pipelineId: 7654321, stageId: 65432101}]");
                return rules;
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < n.size(); i++) {
                JsonNode t = n.get(i);
                String tp = p + "[" + i + "]";
                if (!object(t, tp, true)) {
                    continue;
                }
                known(t, tp, "id", "pipelineId", "stageId");
                String id = i == 0 ? text(t, tp, "id", "raise-invoice") : required(t, tp, "id");
                long pipeline = number(t, tp, "pipelineId");
                long stage = number(t, tp, "stageId");
                if (!id.isEmpty() && !ids.add(id)) {
                    problems.add(tp + ".id: '" + id + "' is used twice; give each trigger its own id");
                }
                if (!id.isEmpty() && pipeline > 0 && stage > 0) {
                    rules.add(new TriggerRule(id, pipeline, stage));
                }
            }
            return rules;
        }

        private Optional<KommoFields> fields(JsonNode n, String p) {
            if (!object(n, p, false)) {
                return Optional.empty();
            }
            known(n, p, "invoiceNumber", "invoiceLink", "paymentStatus");
            long number = number(n, p, "invoiceNumber");
            long link = number(n, p, "invoiceLink");
            if (number <= 0 || link <= 0) {
                return Optional.empty();
            }
            KommoFields fields = KommoFields.of(number, link);
            JsonNode ps = n.path("paymentStatus");
            String pp = p + ".paymentStatus";
            if (object(ps, pp, false)) {
                known(ps, pp, "fieldId", "options");
                long fieldId = number(ps, pp, "fieldId");
                Map<InvoiceStatus, Long> options = new EnumMap<>(InvoiceStatus.class);
                JsonNode o = ps.path("options");
                if (object(o, pp + ".options", true)) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        Optional<InvoiceStatus> status = constant(InvoiceStatus.class, e.getKey());
                        if (status.isEmpty()) {
                            problems.add(pp + ".options." + e.getKey() + ": not an invoice status; use "
                                    + List.of(InvoiceStatus.values()));
                        } else if (!e.getValue().canConvertToLong() || e.getValue().asLong() <= 0) {
                            problems.add(pp + ".options." + e.getKey() + ": expected the option's id (enum_id)");
                        } else {
                            options.put(status.get(), e.getValue().asLong());
                        }
                    }
                    for (InvoiceStatus s : InvoiceStatus.values()) {
                        if (!options.containsKey(s) && o.isObject() && !has(o, s.name())) {
                            problems.add(pp + ".options." + s + ": missing; map every invoice status to an option of "
                                    + "the select field (setup prints them)");
                        }
                    }
                }
                if (fieldId > 0 && options.size() == InvoiceStatus.values().length) {
                    fields = fields.withPaymentStatus(fieldId, options);
                }
            }
            return Optional.of(fields);
        }

        private InvoiceDefaults invoice(JsonNode n, String p) {
            if (!n.isMissingNode() && !object(n, p, false)) {
                return null;
            }
            known(n, p, "currency", "dueDays", "approval");
            String code = text(n, p, "currency", "GBP");
            Currency currency = Currency.getInstance("GBP");
            try {
                currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(p + ".currency: '" + code + "' is not an ISO 4217 currency code such as GBP");
            }
            int dueDays = (int) number(n, p, "dueDays", 30, 0, 365);
            String approvalText = text(n, p, "approval", "APPROVED");
            Optional<InvoiceDraft.Approval> approval = constant(InvoiceDraft.Approval.class, approvalText);
            if (approval.isEmpty()) {
                problems.add(p + ".approval: '" + approvalText + "' is not one of "
                        + List.of(InvoiceDraft.Approval.values()));
            }
            return new InvoiceDefaults(currency, dueDays, approval.orElse(InvoiceDraft.Approval.APPROVED),
                    InvoiceDefaults.of(currency).discountSource());
        }

        private MappingSource mapping(JsonNode n, String p) {
            if (!object(n, p, true)) {
                return null;
            }
            known(n, p, "file", "rows", "deal_price_fallback");
            boolean hasFile = has(n, "file");
            boolean hasRows = has(n, "rows") || has(n, "deal_price_fallback");
            if (hasFile == hasRows) {
                problems.add(p + ": give either file (a CSV, YAML or JSON mapping table, or a filled-in mapping export)"
                        + " or rows (the table written here), not " + (hasFile ? "both" : "neither"));
                return null;
            }
            if (hasFile) {
                String file = required(n, p, "file");
                return new MappingSource(Optional.of(dir.resolve(file.isEmpty() ? "." : file).normalize()),
                        Optional.empty());
            }
            try {
                var inline = YAMLMapper.builder().build().createObjectNode();
                inline.set("rows", n.path("rows").isMissingNode() ? inline.arrayNode() : n.path("rows"));
                if (has(n, "deal_price_fallback")) {
                    inline.set("deal_price_fallback", n.path("deal_price_fallback"));
                }
                String yaml = new YAMLMapper().writeValueAsString(inline);
                return new MappingSource(Optional.empty(), Optional.of(MappingTables.fromYaml(new StringReader(yaml))));
            } catch (MappingFormatException e) {
                e.problems().forEach(problem -> problems.add(p + "." + problem.column().orElse("rows") + ": "
                        + problem.message() + " " + problem.fix()));
            } catch (IOException e) {
                problems.add(p + ".rows: cannot be read: " + e.getMessage());
            }
            return null;
        }

        private StoreConfig store(JsonNode n, String p) {
            if (!n.isMissingNode() && !object(n, p, false)) {
                return new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            }
            known(n, p, "h2File", "postgres");
            JsonNode pg = n.path("postgres");
            if (has(n, "postgres")) {
                if (has(n, "h2File")) {
                    problems.add(p + ": give either h2File or postgres, not both");
                }
                String pp = p + ".postgres";
                if (!object(pg, pp, true)) {
                    return new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
                }
                known(pg, pp, "url", "user", "password");
                String url = required(pg, pp, "url");
                if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
                    problems.add(pp + ".url: must start with jdbc:postgresql:, e.g. jdbc:postgresql://db:5432/kommo");
                }
                return new StoreConfig(Optional.empty(), Optional.of(url), Optional.of(required(pg, pp, "user")),
                        Optional.ofNullable(secret(pg, pp, "password")));
            }
            String file = text(n, p, "h2File", "data/kommo-sync");
            return new StoreConfig(Optional.of(dir.resolve(file).normalize()), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }

        private HttpConfig http(JsonNode n, String p) {
            if (!n.isMissingNode()) {
                object(n, p, false);
            }
            known(n, p, "host", "port", "publicUrl");
            Optional<URI> publicUrl = has(n, "publicUrl") ? Optional.ofNullable(uri(n, p, "publicUrl")) : Optional.empty();
            return new HttpConfig(text(n, p, "host", "127.0.0.1"), (int) number(n, p, "port", 8080, 0, 65535),
                    publicUrl);
        }

        private EngineConfig engine(JsonNode n, String p) {
            if (!n.isMissingNode()) {
                object(n, p, false);
            }
            known(n, p, "workers", "pollInterval", "lease", "reconcileInterval", "reconcileLookback",
                    "paymentPollInterval", "overdueSweepInterval", "leaderLease", "pruneInterval", "retention");
            Retention retention = Retention.defaults();
            JsonNode r = n.path("retention");
            String rp = p + ".retention";
            if (object(r, rp, false)) {
                known(r, rp, "auditEntries", "doneJobs", "deadJobs", "seenEvents");
                retention = new Retention(duration(r, rp, "auditEntries", retention.auditEntries()),
                        duration(r, rp, "doneJobs", retention.doneJobs()),
                        duration(r, rp, "deadJobs", retention.deadJobs()),
                        duration(r, rp, "seenEvents", retention.seenEvents()));
            }
            Duration leaderLease = duration(n, p, "leaderLease", Duration.ofSeconds(30));
            if (leaderLease.compareTo(Duration.ofSeconds(3)) < 0) {
                problems.add(p + ".leaderLease: " + leaderLease + " is too short; give at least PT3S (PT30S is usual)");
                leaderLease = Duration.ofSeconds(30);
            }
            return new EngineConfig((int) number(n, p, "workers", 2, 1, 64),
                    duration(n, p, "pollInterval", Duration.ofMillis(200)),
                    duration(n, p, "lease", Duration.ofMinutes(5)),
                    duration(n, p, "reconcileInterval", Duration.ofSeconds(30)),
                    duration(n, p, "reconcileLookback", Duration.ofDays(1)),
                    duration(n, p, "paymentPollInterval", Duration.ofMinutes(1)),
                    duration(n, p, "overdueSweepInterval", Duration.ofHours(1)),
                    leaderLease,
                    duration(n, p, "pruneInterval", Duration.ofHours(24)),
                    retention);
        }

        // ---- values ---------------------------------------------------------------------------------------

        private boolean object(JsonNode n, String p, boolean required) {
            if (n.isObject()) {
                return true;
            }
            if (n.isMissingNode() || n.isNull()) {
                if (required) {
                    problems.add(p + ": missing; see the YAML example in the kommo-sync-server README");
                }
                return false;
            }
            problems.add(p + ": expected a mapping of keys, found " + n.getNodeType().name().toLowerCase(Locale.ROOT));
            return false;
        }

        private void known(JsonNode n, String p, String... keys) {
            if (!n.isObject()) {
                return;
            }
            List<String> allowed = List.of(keys);
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    problems.add((p.isEmpty() ? "" : p + ".") + key + ": unknown key; known here: " + allowed);
                }
            }
        }

        private static boolean has(JsonNode n, String key) {
            return n.isObject() && n.has(key) && !n.get(key).isNull();
        }

        private Optional<String> optional(JsonNode n, String p, String key) {
            if (!has(n, key)) {
                return Optional.empty();
            }
            JsonNode v = n.get(key);
            if (!v.isValueNode()) {
                problems.add(p + "." + key + ": expected a single value");
                return Optional.empty();
            }
            String raw = v.asText().strip();
            return raw.isEmpty() ? Optional.empty() : resolve(raw, p + "." + key);
        }

        private String text(JsonNode n, String p, String key, String fallback) {
            return optional(n, p, key).orElse(fallback);
        }

        private String required(JsonNode n, String p, String key) {
            Optional<String> v = optional(n, p, key);
            if (v.isEmpty() && !has(n, key)) {
                problems.add(p + "." + key + ": missing; set it");
            }
            return v.orElse("");
        }

        private Secret secret(JsonNode n, String p, String key) {
            if (has(n, key) && n.get(key).isValueNode() && !REFERENCE.matcher(n.get(key).asText()).find()) {
                problems.add(p + "." + key + ": a secret written in plain text; " + SECRET_FIX);
                return null;
            }
            if (!has(n, key)) {
                problems.add(p + "." + key + ": missing; set it to ${env:NAME} or ${file:/path}");
                return null;
            }
            Optional<String> v = optional(n, p, key);
            return v.filter(s -> !s.isBlank()).map(Secret::of).orElse(null);
        }

        private long number(JsonNode n, String p, String key) {
            String v = required(n, p, key);
            return v.isEmpty() ? 0 : parse(p + "." + key, v, 1, Long.MAX_VALUE);
        }

        private long number(JsonNode n, String p, String key, long fallback, long min, long max) {
            return optional(n, p, key).map(v -> parse(p + "." + key, v, min, max)).orElse(fallback);
        }

        private long parse(String path, String v, long min, long max) {
            try {
                long value = Long.parseLong(v);
                if (value < min || value > max) {
                    problems.add(path + ": " + value + " is out of range; use " + min + ".." + max);
                }
                return value;
            } catch (NumberFormatException e) {
                problems.add(path + ": '" + v + "' is not a whole number");
                return 0;
            }
        }

        private URI uri(JsonNode n, String p, String key) {
            String v = required(n, p, key);
            if (v.isEmpty()) {
                return null;
            }
            try {
                URI u = new URI(v);
                if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                    problems.add(p + "." + key + ": '" + v + "' is not an absolute http(s) URL such as "
                            + "https://acme.kommo.com");
                    return null;
                }
                return u;
            } catch (java.net.URISyntaxException e) {
                problems.add(p + "." + key + ": '" + v + "' is not a URL; write it like https://acme.kommo.com");
                return null;
            }
        }

        private Duration duration(JsonNode n, String p, String key, Duration fallback) {
            Optional<String> v = optional(n, p, key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                Duration d = Duration.parse(v.get());
                if (d.isNegative() || d.isZero()) {
                    problems.add(p + "." + key + ": must be positive, was " + v.get());
                    return fallback;
                }
                return d;
            } catch (DateTimeParseException e) {
                problems.add(p + "." + key + ": '" + v.get() + "' is not an ISO-8601 duration such as PT30S or PT5M");
                return fallback;
            }
        }

        private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String text) {
            String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        /** Replaces every {@code ${env:NAME}} and {@code ${file:path}}; the problem never shows a value. */
        private Optional<String> resolve(String raw, String path) {
            Matcher m = REFERENCE.matcher(raw);
            StringBuilder out = new StringBuilder();
            boolean ok = true;
            while (m.find()) {
                String name = m.group(2).strip();
                Optional<String> value = "env".equals(m.group(1)) ? env(name, path) : file(name, path);
                ok &= value.isPresent();
                m.appendReplacement(out, Matcher.quoteReplacement(value.orElse("")));
            }
            m.appendTail(out);
            return ok ? Optional.of(out.toString()) : Optional.empty();
        }

        private Optional<String> env(String name, String path) {
            String v = environment.get(name);
            if (v == null || v.isBlank()) {
                problems.add(path + ": the environment variable " + name + " is not set; export it before starting");
                return Optional.empty();
            }
            return Optional.of(v.strip());
        }

        private Optional<String> file(String name, String path) {
            Path f = dir.resolve(name).normalize();
            try {
                String v = Files.readString(f, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
                if (v.isBlank()) {
                    problems.add(path + ": the file " + f + " is empty; put the secret in it");
                    return Optional.empty();
                }
                return Optional.of(v);
            } catch (IOException e) {
                problems.add(path + ": cannot read the file " + f + " (" + e.getClass().getSimpleName()
                        + "); check the path and its permissions");
                return Optional.empty();
            }
        }

        private static boolean isSecretName(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            return k.contains("password") || k.contains("secret") || k.contains("token") || k.endsWith("key");
        }
    }
}
