package io.kommosync.examples.server;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@code serve} command's configuration, read from a Java properties file (UTF-8). Every key is documented in
 * the module README; relative file paths are resolved against the file's folder. Unknown keys are errors, so a typo
 * never goes unnoticed; everything under {@code ledger.config.} is handed to the ledger provider unchanged.
 *
 * @param connectionId          the connection's id in the webhook path and the store ({@code connection.id})
 * @param kommoBaseUrl          the Kommo account's base URL ({@code kommo.baseUrl})
 * @param kommoToken            the long-lived Kommo token ({@code kommo.token}); never shown
 * @param kommoAccountId        the Kommo account id ({@code kommo.accountId})
 * @param kommoRequestsPerSecond the client-side Kommo rate limit ({@code kommo.requestsPerSecond})
 * @param webhookToken          the secret path token of the Kommo webhook URL ({@code webhook.token}); never shown
 * @param pipelineId            the trigger pipeline ({@code trigger.pipelineId})
 * @param stageId               the trigger stage ({@code trigger.stageId})
 * @param invoiceNumberFieldId  the deal field for the invoice number ({@code fields.invoiceNumber})
 * @param invoiceLinkFieldId    the deal field for the invoice link ({@code fields.invoiceLink})
 * @param currency              the invoice currency ({@code invoice.currency})
 * @param mappingFile           the mapping table file ({@code mapping.file})
 * @param ledgerProvider        the ledger provider id ({@code ledger.provider})
 * @param ledgerConfig          the provider's keys ({@code ledger.config.*}), without the prefix
 * @param h2File                the H2 store file, without {@code .mv.db} ({@code store.h2File})
 * @param httpHost              the address to listen on ({@code http.host})
 * @param httpPort              the port to listen on, 0 for any free one ({@code http.port})
 * @param publicUrl             the base URL Kommo posts to, if not the listening address ({@code http.publicUrl})
 * @param workers               worker threads ({@code engine.workers})
 * @param pollInterval          how often each worker looks for due jobs ({@code engine.pollInterval})
 * @param lease                 how long a claimed job is held before another worker may take it ({@code engine.lease})
 * @param reconcileEvery        the reconciler's period ({@code reconciler.interval})
 * @param reconcileLookback     how far back the first reconciler pass looks ({@code reconciler.lookback})
 */
record ServeConfig(String connectionId, URI kommoBaseUrl, String kommoToken, long kommoAccountId,
                   int kommoRequestsPerSecond, String webhookToken, long pipelineId, long stageId,
                   long invoiceNumberFieldId, long invoiceLinkFieldId, Currency currency, Path mappingFile,
                   String ledgerProvider, Map<String, String> ledgerConfig, Path h2File, String httpHost,
                   int httpPort, Optional<URI> publicUrl, int workers, Duration pollInterval, Duration lease,
                   Duration reconcileEvery, Duration reconcileLookback) {

    /** The prefix of the keys handed to the ledger provider. */
    static final String LEDGER_PREFIX = "ledger.config.";

    private static final List<String> KEYS = List.of("connection.id", "kommo.baseUrl", "kommo.token",
            "kommo.accountId", "kommo.requestsPerSecond", "webhook.token", "trigger.pipelineId", "trigger.stageId",
            "fields.invoiceNumber", "fields.invoiceLink", "invoice.currency", "mapping.file", "ledger.provider",
            "store.h2File", "http.host", "http.port", "http.publicUrl", "engine.workers", "engine.pollInterval",
            "engine.lease", "reconciler.interval", "reconciler.lookback");

    ServeConfig {
        ledgerConfig = Map.copyOf(ledgerConfig);
    }

    /**
     * Reads a configuration file.
     *
     * @param file the properties file
     * @return the configuration
     * @throws ServeConfigException naming every bad or missing key, or when the file cannot be read
     */
    static ServeConfig load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new ServeConfigException("cannot read the configuration file " + file + ": " + e.getMessage()
                    + "; pass an existing, readable properties file with --config");
        }
        Path dir = file.toAbsolutePath().getParent();
        Fields f = new Fields(p);
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key) && !key.startsWith(LEDGER_PREFIX)) {
                f.problems.add(key + ": unknown key; see the serve section of the kommo-sync-server README");
            }
        }
        Map<String, String> ledger = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(LEDGER_PREFIX) && key.length() > LEDGER_PREFIX.length()) {
                ledger.put(key.substring(LEDGER_PREFIX.length()), p.getProperty(key).trim());
            }
        }
        ServeConfig config = new ServeConfig(
                f.text("connection.id", "default"),
                f.uri("kommo.baseUrl"),
                f.required("kommo.token"),
                f.number("kommo.accountId"),
                (int) f.number("kommo.requestsPerSecond", 7),
                f.required("webhook.token"),
                f.number("trigger.pipelineId"),
                f.number("trigger.stageId"),
                f.number("fields.invoiceNumber"),
                f.number("fields.invoiceLink"),
                f.currency("invoice.currency"),
                f.path(dir, "mapping.file"),
                f.required("ledger.provider"),
                ledger,
                f.path(dir, "store.h2File"),
                f.text("http.host", "127.0.0.1"),
                (int) f.number("http.port", 8080),
                Optional.ofNullable(f.optional("http.publicUrl")).map(v -> f.uri("http.publicUrl")),
                (int) f.number("engine.workers", 2),
                f.duration("engine.pollInterval", Duration.ofMillis(200)),
                f.duration("engine.lease", Duration.ofMinutes(5)),
                f.duration("reconciler.interval", Duration.ofSeconds(30)),
                f.duration("reconciler.lookback", Duration.ofDays(1)));
        if (config.httpPort() < 0 || config.httpPort() > 65535) {
            f.problems.add("http.port: must be 0 (any free port) or 1..65535");
        }
        if (config.workers() < 1 || config.kommoRequestsPerSecond() < 1) {
            f.problems.add("engine.workers and kommo.requestsPerSecond: must be at least 1");
        }
        if (!f.problems.isEmpty()) {
            throw new ServeConfigException("the configuration file " + file + " has problems:\n  - "
                    + String.join("\n  - ", f.problems));
        }
        return config;
    }

    @Override
    public String toString() {
        return "ServeConfig[connection=" + connectionId + ", kommo=" + kommoBaseUrl + ", account=" + kommoAccountId
                + ", ledger=" + ledgerProvider + ", store=" + h2File + ", http=" + httpHost + ":" + httpPort + "]";
    }

    /** Reads typed values, collecting every problem rather than stopping at the first. */
    private static final class Fields {
        private final Properties p;
        private final List<String> problems = new ArrayList<>();

        Fields(Properties p) {
            this.p = p;
        }

        String optional(String key) {
            String v = p.getProperty(key);
            return v == null || v.isBlank() ? null : v.trim();
        }

        String text(String key, String fallback) {
            String v = optional(key);
            return v == null ? fallback : v;
        }

        String required(String key) {
            String v = optional(key);
            if (v == null) {
                problems.add(key + ": missing; set it in the configuration file");
                return "";
            }
            return v;
        }

        long number(String key) {
            String v = required(key);
            return v.isEmpty() ? 0 : parse(key, v);
        }

        long number(String key, long fallback) {
            String v = optional(key);
            return v == null ? fallback : parse(key, v);
        }

        private long parse(String key, String v) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                problems.add(key + ": '" + v + "' is not a whole number");
                return 0;
            }
        }

        URI uri(String key) {
            String v = required(key);
            try {
                URI u = URI.create(v);
                if (!v.isEmpty() && (u.getScheme() == null || u.getHost() == null)) {
                    problems.add(key + ": '" + v + "' is not an absolute http(s) URL");
                }
                return u;
            } catch (IllegalArgumentException e) {
                problems.add(key + ": '" + v + "' is not a URL");
                return URI.create("http://invalid");
            }
        }

        Currency currency(String key) {
            String v = text(key, "GBP");
            try {
                return Currency.getInstance(v);
            } catch (IllegalArgumentException e) {
                problems.add(key + ": '" + v + "' is not an ISO 4217 currency code such as GBP");
                return Currency.getInstance("GBP");
            }
        }

        Path path(Path dir, String key) {
            String v = required(key);
            return dir.resolve(v.isEmpty() ? "." : v).normalize();
        }

        Duration duration(String key, Duration fallback) {
            String v = optional(key);
            if (v == null) {
                return fallback;
            }
            try {
                Duration d = Duration.parse(v);
                if (d.isNegative() || d.isZero()) {
                    problems.add(key + ": must be positive, was " + v);
                }
                return d;
            } catch (DateTimeParseException e) {
                problems.add(key + ": '" + v + "' is not an ISO-8601 duration such as PT5S");
                return fallback;
            }
        }
    }
}
