package io.kommosync.sage.intacct;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPortProvider;
import io.kommosync.accounting.spi.ConfigReader;
import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sage.intacct.internal.IntacctSettings;
import io.kommosync.sage.intacct.internal.LedgerGateway;
import io.kommosync.sage.intacct.rest.RestCredentials;
import io.kommosync.sage.intacct.rest.RestTransport;
import io.kommosync.sage.intacct.xml.XmlTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code sage-intacct} provider. Registered for {@link java.util.ServiceLoader}; builds a port over the XML
 * gateway or the REST API as the key {@code transport} says, after validating every key at once. Makes no remote
 * call while building.
 *
 * <p>Keys for both transports:
 * <ul>
 *   <li>{@code transport}: {@code xml} (default) or {@code rest};</li>
 *   <li>{@code companyId} (required): the Intacct company id;</li>
 *   <li>{@code entityId}: the entity of a multi-entity company (XML login {@code locationid}, REST
 *       {@code X-IA-API-Param-Entity}); absent for the top level;</li>
 *   <li>{@code baseUrl}: the API host root, default {@code https://api.intacct.com/};</li>
 *   <li>{@code pageSize}: rows per query page, 1 to 2000, default 100;</li>
 *   <li>{@code lineQuantityField}, {@code lineUnitPriceField}: AR invoice line custom fields that keep each line's
 *       quantity and unit price (Intacct AR lines hold only an amount); without them lines read back as 1 × the
 *       line amount;</li>
 *   <li>{@code maxConcurrentRequests}: the client-side concurrency limit, 1 to 20, default 2;</li>
 *   <li>{@code timeout}: the read timeout, ISO-8601 or seconds, default 300 s (the official SDKs' value).</li>
 * </ul>
 * XML keys: {@code senderId}, {@code senderPassword} (secret), {@code userId}, {@code userPassword} (secret), all
 * required. REST keys: {@code clientId}, {@code clientSecret} (secret), {@code grant}
 * ({@code authorization_code}, the default, or {@code client_credentials}), {@code userId} (required for client
 * credentials), {@code connectionId} (the token store key, default the company id),
 * {@code refreshOnUnauthorized} (default {@code true}); with the authorization-code grant attach an
 * {@link io.kommosync.client.oauth.OAuth2TokenManager} or a {@link io.kommosync.client.oauth.TokenStore}.
 *
 * <p>Attachments for both: a {@link Clock} (default system UTC) and {@link RetrySettings} (default
 * {@link RetrySettings#defaults()}).
 *
 * <p>Thread-safe and stateless.
 */
public final class IntacctPortProvider implements AccountingPortProvider {

    /** The provider id. */
    public static final String ID = "sage-intacct";
    /** The default API host root. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.intacct.com/");

    /** Creates the provider; does nothing else. */
    public IntacctPortProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AccountingPort create(AccountingConfig config) {
        ConfigReader r = config.reader(ID);
        IntacctTransport transport = r.oneOf("transport", IntacctTransport.class, IntacctTransport.XML);
        URI baseUrl = r.uri("baseUrl", DEFAULT_BASE_URL);
        String companyId = r.required("companyId");
        Optional<String> entityId = r.optional("entityId");
        int pageSize = r.intInRange("pageSize", 100, 1, 2000);
        Optional<String> quantityField = r.optional("lineQuantityField");
        Optional<String> unitPriceField = r.optional("lineUnitPriceField");
        int maxConcurrent = r.intInRange("maxConcurrentRequests", 2, 1, 20);
        Duration timeout = r.duration("timeout", Duration.ofSeconds(300));
        Clock clock = config.attachment(Clock.class).orElse(Clock.system(ZoneOffset.UTC));
        RetrySettings retry = config.attachment(RetrySettings.class).orElse(RetrySettings.defaults());
        String senderId = "";
        String senderPassword = "";
        String userId = "";
        String userPassword = "";
        RestCredentials restCredentials = null;
        if (transport == IntacctTransport.XML || transport == null) {
            senderId = r.required("senderId");
            senderPassword = r.required("senderPassword");
            userId = r.required("userId");
            userPassword = r.required("userPassword");
        } else {
            restCredentials = RestCredentials.read(r, config, companyId);
            userId = restCredentials.userId().orElse("");
        }
        if (baseUrl != null && !baseUrl.getPath().endsWith("/")) {
            baseUrl = URI.create(baseUrl + "/");
        }
        r.validate();
        IntacctSettings settings = new IntacctSettings(baseUrl, companyId, entityId, pageSize, quantityField,
                unitPriceField, clock, retry, maxConcurrent, timeout, nonNull(senderId), secret(senderPassword),
                nonNull(userId), secret(userPassword));
        LedgerGateway gateway = transport == IntacctTransport.REST ? new RestTransport(settings, restCredentials)
                : new XmlTransport(settings);
        return new IntacctAccountingPort(transport, gateway, settings);
    }

    private static Optional<Secret> secret(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(Secret.of(s));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
