package io.kommosync.examples.spring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code kommo-sync.*} configuration, bound from {@code application.yml} (or any Spring property source) and
 * validated when the application starts: every missing or bad value is reported at once, by its property name.
 * Secrets (the Kommo token, the webhook token, ledger keys that look secret) never appear in {@link #toString()}.
 *
 * @param connectionId the connection's id, in the webhook path and the store ({@code kommo-sync.connection-id})
 * @param kommo        the Kommo account
 * @param webhook      the Kommo webhook
 * @param ledger       the ledger adapter
 * @param trigger      the pipeline stage that raises invoices
 * @param fields       the deal fields the engine writes
 * @param currency     the invoice currency ({@code kommo-sync.currency}, default GBP)
 * @param mappingFile  the mapping table, CSV, YAML or JSON ({@code kommo-sync.mapping-file})
 * @param store        where the engine keeps its state
 * @param engine       the worker threads
 */
@ConfigurationProperties("kommo-sync")
@Validated
public record KommoSyncProperties(
        @DefaultValue("default") @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]+",
                message = "use letters, digits, '-' and '_' only: it is a URL path segment") String connectionId,
        @DefaultValue @Valid Kommo kommo,
        @DefaultValue @Valid Webhook webhook,
        @DefaultValue @Valid Ledger ledger,
        @DefaultValue @Valid Trigger trigger,
        @DefaultValue @Valid Fields fields,
        @DefaultValue("GBP") @NotNull Currency currency,
        @NotNull(message = "set it to the mapping table file (.csv, .yaml or .json)") Path mappingFile,
        @DefaultValue @Valid Store store,
        @DefaultValue @Valid Engine engine) {

    /**
     * The Kommo account ({@code kommo-sync.kommo.*}).
     *
     * @param baseUrl           the account's base URL, for example {@code https://acme.kommo.com}
     * @param accountId         the account id, as Kommo sends it in webhooks
     * @param token             a long-lived token; never shown
     * @param requestsPerSecond the client-side rate limit (default 7, Kommo's own limit)
     */
    public record Kommo(@NotNull(message = "set it to the account's URL, for example https://acme.kommo.com")
                        URI baseUrl,
                        @Positive(message = "set it to the Kommo account id") long accountId,
                        @NotBlank(message = "set it to a long-lived Kommo token") String token,
                        @DefaultValue("7") @Min(1) int requestsPerSecond) {

        @Override
        public String toString() {
            return "Kommo[baseUrl=" + baseUrl + ", accountId=" + accountId + ", token=***, requestsPerSecond="
                    + requestsPerSecond + "]";
        }
    }

    /**
     * The Kommo webhook ({@code kommo-sync.webhook.*}): Kommo posts to {@code /kommo/<connection id>/<token>}.
     *
     * @param token the secret last path segment; never shown
     */
    public record Webhook(@NotBlank(message = "set it to a random string of at least 16 characters; it is the"
            + " webhook URL's secret") String token) {

        @Override
        public String toString() {
            return "Webhook[token=***]";
        }
    }

    /**
     * The ledger adapter ({@code kommo-sync.ledger.*}), found through {@code AccountingPorts.load}.
     *
     * @param provider the provider id: {@code xero}, {@code sage-cloud}, {@code sage-intacct} or a third party's
     * @param config   the provider's keys, handed over as they are; keys whose name contains {@code password},
     *                 {@code secret} or {@code token}, or ends in {@code key}, are passed as secrets
     */
    public record Ledger(@NotBlank(message = "set it to a ledger provider id such as xero or sage-cloud")
                         String provider,
                         @DefaultValue Map<String, String> config) {

        /** Copies the configuration. */
        public Ledger {
            config = config == null ? Map.of() : Map.copyOf(config);
        }

        /**
         * Whether a provider key holds a secret.
         *
         * @param key a key of {@link #config()}
         * @return true for keys such as {@code accessToken}, {@code clientSecret}, {@code userPassword}
         */
        public static boolean isSecret(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            return k.contains("password") || k.contains("secret") || k.contains("token") || k.endsWith("key");
        }

        @Override
        public String toString() {
            Map<String, String> shown = new TreeMap<>();
            config.forEach((k, v) -> shown.put(k, isSecret(k) ? "***" : v));
            return "Ledger[provider=" + provider + ", config=" + shown + "]";
        }
    }

    /**
     * The stage that raises an invoice ({@code kommo-sync.trigger.*}).
     *
     * @param pipelineId the pipeline
     * @param stageId    the stage ("status") in it
     */
    public record Trigger(@Positive(message = "set it to the Kommo pipeline id") long pipelineId,
                          @Positive(message = "set it to the Kommo stage (status) id") long stageId) {
    }

    /**
     * The deal fields the engine writes ({@code kommo-sync.fields.*}).
     *
     * @param invoiceNumber the custom field id for the invoice number
     * @param invoiceLink   the custom field id for the invoice link
     */
    public record Fields(@Positive(message = "set it to the id of the deal field for the invoice number")
                         long invoiceNumber,
                         @Positive(message = "set it to the id of the deal field for the invoice link")
                         long invoiceLink) {
    }

    /**
     * Where the engine keeps its state ({@code kommo-sync.store.*}). When {@code spring.datasource.url} is set the
     * store lives in the application's DataSource instead and {@code h2-file} is not used.
     *
     * @param h2File the H2 database file without {@code .mv.db} (default {@code data/kommo-sync})
     */
    public record Store(@DefaultValue("data/kommo-sync") @NotNull Path h2File) {
    }

    /**
     * The engine's workers ({@code kommo-sync.engine.*}).
     *
     * @param workers      worker threads (default 2)
     * @param pollInterval how often each worker looks for due jobs (default 200 ms)
     * @param lease        how long a claimed job is held before another worker may take it (default 5 minutes)
     */
    public record Engine(@DefaultValue("2") @Min(1) int workers,
                         @DefaultValue("200ms") @NotNull @DurationMin(millis = 1) Duration pollInterval,
                         @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration lease) {
    }
}
