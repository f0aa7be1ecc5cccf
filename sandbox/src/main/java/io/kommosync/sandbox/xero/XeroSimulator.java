package io.kommosync.sandbox.xero;

import io.kommosync.sandbox.SandboxException;
import io.kommosync.sandbox.http.FaultPlan;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.Latency;
import io.kommosync.sandbox.http.RequestJournal;
import io.kommosync.sandbox.http.SimulatorServer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful Xero simulator: the Accounting API ({@code /api.xro/2.0/...}), the identity service
 * ({@code POST /connect/token}, {@code GET /connections}) and signed webhooks, for one Xero app serving many
 * organisations (tenants), with Xero's rate limits, faults, and a check of every request against Xero's official
 * OpenAPI document ({@link XeroApiSpec}).
 *
 * <h2>Addresses</h2>
 * One loopback server: the Accounting API at {@link #accountingUri()} ({@code http://127.0.0.1:{port}/api.xro/2.0/}),
 * {@link #connectionsUri()}, {@link #tokenUri()}, and online invoices at {@code /in/{token}}.
 *
 * <h2>Pipeline of an Accounting API request</h2>
 * Latency and the {@link FaultPlan} (shared infrastructure), then: bearer token (401), {@code xero-tenant-id} one of
 * the token's connections (403) and the scope the endpoint needs (403), the {@link XeroLimits} (429 with
 * {@code Retry-After} and {@code X-Rate-Limit-Problem}), the OpenAPI check (400 {@code PostDataInvalidException},
 * recorded in {@link #specViolations()}), then the endpoint. Answers carry {@code Xero-Correlation-Id} and the
 * {@code X-*Limit-Remaining} headers.
 *
 * <h2>Webhooks</h2>
 * {@link #subscribeWebhook(URI, String)} sets the app's webhook; {@link #intentToReceive()} runs Xero's check
 * (correctly and wrongly signed POSTs with no events); once it passed, every invoice and contact change (through the
 * API or the admin API) POSTs {@code {"events": [...], "firstEventSequence", "lastEventSequence", "entropy"}} with
 * {@code x-xero-signature} = Base64 HMAC-SHA256 of the body. Delivery is synchronous by default (before the admin
 * method or the API answer returns), or on demand ({@link #deliverWebhooks()}).
 *
 * <p>Thread-safe. Close it (or let {@link XeroSimulatorExtension} close it) to free the port.
 */
public final class XeroSimulator implements AutoCloseable {

    /** When webhook events are sent. */
    public enum WebhookMode {
        /** Right after the change, before the admin method or the API answer returns. */
        IMMEDIATE,
        /** When {@link #deliverWebhooks()} is called. */
        ON_DEMAND
    }

    private static final Logger LOG = LoggerFactory.getLogger(XeroSimulator.class);
    private static final DateTimeFormatter EVENT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Clock clock;
    private final SimulatorServer server;
    private final RateGate gate;
    private final XeroLimits initialLimits;
    private final TokenAuthority tokens;
    private final XeroApiSpec spec;
    private final WebhookMode webhookMode;
    private final Duration accessTokenLifetime;
    private final Duration webhookTimeout;
    private final HttpClient webhookClient;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, XeroOrganisation> organisations = new LinkedHashMap<>();
    private final List<SpecViolation> violations = new ArrayList<>();

    private final ReentrantLock delivering = new ReentrantLock();
    private final List<PendingEvent> pendingEvents = new ArrayList<>();
    private final List<XeroWebhookDelivery> deliveries = new ArrayList<>();
    private XeroWebhookSubscription subscription;
    private long eventSequence;
    private long deliverySequence;

    /**
     * A request the OpenAPI document rejects.
     *
     * @param method   the method
     * @param path     the path
     * @param problems what the document rejects
     */
    public record SpecViolation(String method, String path, List<String> problems) {
        /** Copies the problems. */
        public SpecViolation {
            problems = List.copyOf(problems);
        }
    }

    private record PendingEvent(String tenantId, String category, String type, String resourceId, Instant at) {
    }

    private XeroSimulator(Builder b) {
        this.clock = b.clock;
        this.gate = new RateGate(clock, b.limits);
        this.initialLimits = b.limits;
        this.tokens = new TokenAuthority(clock, b.accessTokenLifetime);
        this.spec = b.validateRequests ? XeroApiSpec.load() : null;
        this.webhookMode = b.webhookMode;
        this.accessTokenLifetime = b.accessTokenLifetime;
        this.webhookTimeout = b.webhookTimeout;
        this.webhookClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(webhookTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.server = SimulatorServer.builder("xero").clock(clock).latency(b.latency).faultPlan(b.faultPlan)
                .journal(new RequestJournal(b.journalCapacity)).port(b.port).build();
        new XeroApi(this).register(server);
    }

    /**
     * Starts a simulator with the defaults: system clock, Xero's limits, no latency, no faults, request validation.
     *
     * @return the running simulator
     */
    public static XeroSimulator start() {
        return builder().start();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------ organisations

    /**
     * Creates an organisation with base currency GBP in UTC and an empty chart (see
     * {@link XeroOrganisation#withDemoChart()}).
     *
     * @param name the organisation's name
     * @return the organisation
     */
    public XeroOrganisation createOrganisation(String name) {
        return createOrganisation(name, "GBP", ZoneOffset.UTC);
    }

    /**
     * Creates an organisation.
     *
     * @param name         the organisation's name
     * @param baseCurrency its base currency (ISO 4217)
     * @param zone         its time zone, which decides "today" for default dates
     * @return the organisation
     */
    public XeroOrganisation createOrganisation(String name, String baseCurrency, ZoneId zone) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        String currency = java.util.Currency.getInstance(Objects.requireNonNull(baseCurrency, "baseCurrency"))
                .getCurrencyCode();
        XeroOrganisation organisation = new XeroOrganisation(this, name, currency, zone);
        synchronized (organisations) {
            organisations.put(organisation.tenantId(), organisation);
        }
        return organisation;
    }

    /**
     * An organisation by tenant id.
     *
     * @param tenantId the tenant id
     * @return the organisation
     * @throws SandboxException if there is none
     */
    public XeroOrganisation organisation(String tenantId) {
        return findOrganisation(tenantId).orElseThrow(() -> new SandboxException("no organisation with tenant id "
                + tenantId + "; create it with createOrganisation"));
    }

    /** @return every organisation, in creation order */
    public List<XeroOrganisation> organisations() {
        synchronized (organisations) {
            return List.copyOf(organisations.values());
        }
    }

    // ------------------------------------------------------------------------------------------ OAuth

    /** @return the app's client credentials, for HTTP Basic authentication at the token endpoint */
    public XeroApp app() {
        return tokens.app();
    }

    /**
     * Authorises the app for organisations, as the consent screen would: connections to each, a 30-minute access
     * token (or the builder's lifetime) and a refresh token.
     *
     * @param scopes        the granted scopes, for example {@code accounting.invoices accounting.contacts
     *                      accounting.settings offline_access}
     * @param organisations the organisations connected
     * @return the tokens
     * @throws SandboxException if a scope is unknown or no organisation is given
     */
    public XeroTokenSet authorize(Set<String> scopes, XeroOrganisation... organisations) {
        for (String scope : scopes) {
            if (!TokenAuthority.ALL_SCOPES.contains(scope)) {
                throw new SandboxException("unknown scope " + scope + "; use one of " + TokenAuthority.ALL_SCOPES);
            }
        }
        if (organisations.length == 0) {
            throw new SandboxException("authorize needs at least one organisation to connect");
        }
        return tokens.authorize(scopes, List.of(organisations), accessTokenLifetime());
    }

    /**
     * A test convenience real Xero does not have: an authorisation whose access token lasts ten years, with every
     * scope, so a fixture can move the clock by weeks without refreshing.
     *
     * @param organisations the organisations connected
     * @return the tokens
     */
    public XeroTokenSet authorizeLongLived(XeroOrganisation... organisations) {
        if (organisations.length == 0) {
            throw new SandboxException("authorizeLongLived needs at least one organisation to connect");
        }
        return tokens.authorize(TokenAuthority.ALL_SCOPES, List.of(organisations), Duration.ofDays(3650));
    }

    /**
     * Revokes an authorisation: its tokens stop working and refreshing answers {@code invalid_grant}.
     *
     * @param authEventId the authorisation's id ({@link XeroTokenSet#authEventId()})
     */
    public void revoke(String authEventId) {
        tokens.revoke(authEventId);
    }

    // ------------------------------------------------------------------------------------------ webhooks

    /**
     * Sets the app's webhook (replacing any earlier one). Events are delivered once {@link #intentToReceive()}
     * passed.
     *
     * @param url the delivery URL
     * @param key the signing key
     * @return the subscription, status {@code INTENT_TO_RECEIVE_REQUIRED}
     */
    public synchronized XeroWebhookSubscription subscribeWebhook(URI url, String key) {
        Objects.requireNonNull(url, "url");
        if (Objects.requireNonNull(key, "key").isBlank()) {
            throw new SandboxException("a webhook key must not be blank");
        }
        subscription = new XeroWebhookSubscription(url, key, "INTENT_TO_RECEIVE_REQUIRED");
        return subscription;
    }

    /**
     * Sets the app's webhook with a key the simulator makes up, as Xero does.
     *
     * @param url the delivery URL
     * @return the subscription; read the key from it
     */
    public XeroWebhookSubscription subscribeWebhook(URI url) {
        byte[] key = new byte[48];
        random.nextBytes(key);
        return subscribeWebhook(url, Base64.getEncoder().encodeToString(key));
    }

    /** @return the app's webhook, or empty when none is set */
    public synchronized Optional<XeroWebhookSubscription> webhookSubscription() {
        return Optional.ofNullable(subscription);
    }

    /**
     * Runs Xero's intent-to-receive check against the webhook: four POSTs with no events, the first and third
     * correctly signed, the second and fourth signed with another key. The subscription becomes {@code OK} when
     * every answer was right.
     *
     * @return the outcome
     * @throws SandboxException when no webhook is set
     */
    public IntentToReceiveResult intentToReceive() {
        XeroWebhookSubscription sub = webhookSubscription().orElseThrow(() ->
                new SandboxException("set a webhook with subscribeWebhook first"));
        List<XeroWebhookDelivery> sent = new ArrayList<>();
        delivering.lock();
        try {
            for (int i = 0; i < 4; i++) {
                boolean good = i % 2 == 0;
                String body = envelope(List.of(), 0, 0);
                String key = good ? sub.key() : sub.key() + "-not-the-key";
                sent.add(send(sub.url(), body, sign(body, key), good, true, null));
            }
        } finally {
            delivering.unlock();
        }
        boolean passed = sent.stream().allMatch(XeroWebhookDelivery::answeredCorrectly);
        synchronized (this) {
            if (subscription != null && subscription.url().equals(sub.url())) {
                subscription = new XeroWebhookSubscription(sub.url(), sub.key(),
                        passed ? "OK" : "INTENT_TO_RECEIVE_REQUIRED");
            }
        }
        return new IntentToReceiveResult(passed, sent);
    }

    /** @return every webhook POST sent, in order */
    public synchronized List<XeroWebhookDelivery> webhookDeliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * Sends a delivery's exact body and signature again, as Xero's retries do.
     *
     * @param delivery an earlier delivery
     * @return the new delivery
     */
    public XeroWebhookDelivery redeliver(XeroWebhookDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        delivering.lock();
        try {
            return send(delivery.destination(), delivery.body(), delivery.signature(), delivery.correctlySigned(),
                    delivery.intentToReceive(), delivery.id());
        } finally {
            delivering.unlock();
        }
    }

    /**
     * Sends the events waiting for delivery (with {@link WebhookMode#ON_DEMAND}; with
     * {@link WebhookMode#IMMEDIATE} there is normally nothing waiting).
     */
    public void deliverWebhooks() {
        drainEvents();
    }

    // ------------------------------------------------------------------------------------------ observation

    /** @return {@code http://127.0.0.1:{port}/} */
    public URI baseUri() {
        return server.baseUri();
    }

    /** @return the Accounting API base, {@code http://127.0.0.1:{port}/api.xro/2.0/} */
    public URI accountingUri() {
        return server.baseUri().resolve("api.xro/2.0/");
    }

    /** @return the connections endpoint, {@code http://127.0.0.1:{port}/connections} */
    public URI connectionsUri() {
        return server.baseUri().resolve("connections");
    }

    /** @return the token endpoint, {@code http://127.0.0.1:{port}/connect/token} */
    public URI tokenUri() {
        return server.baseUri().resolve("connect/token");
    }

    /** @return every HTTP request received */
    public RequestJournal journal() {
        return server.journal();
    }

    /** @return the fault plan; script faults on it at any time */
    public FaultPlan faultPlan() {
        return server.faultPlan();
    }

    /** @return the limits in force */
    public XeroLimits limits() {
        return gate.limits();
    }

    /**
     * Changes the limits in force (windows already counted stay counted).
     *
     * @param limits the new limits
     */
    public void limits(XeroLimits limits) {
        gate.limits(Objects.requireNonNull(limits, "limits"));
    }

    /** @return the requests Xero's OpenAPI document rejected, in order */
    public synchronized List<SpecViolation> specViolations() {
        return List.copyOf(violations);
    }

    /** @return the clock for dates, token expiry and the daily limit */
    public Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------------------------------ lifecycle

    /**
     * Forgets every organisation, token, webhook, delivery, limit window, spec violation, journal entry and scripted
     * fault, and restores the limits the simulator was built with. The server keeps its port. Call between tests, not
     * while requests are in flight.
     */
    public void reset() {
        gate.limits(initialLimits);
        synchronized (organisations) {
            organisations.clear();
        }
        tokens.clear();
        gate.reset();
        server.journal().clear();
        server.faultPlan().reset();
        synchronized (this) {
            violations.clear();
            deliveries.clear();
            pendingEvents.clear();
            subscription = null;
            eventSequence = 0;
            deliverySequence = 0;
        }
    }

    /** Stops the server and frees the port. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "XeroSimulator[" + server + ", " + organisations().size() + " organisations]";
    }

    // ------------------------------------------------------------------------------------------ internals

    XeroSimulator startServer() {
        server.start();
        return this;
    }

    Optional<XeroOrganisation> findOrganisation(String tenantId) {
        synchronized (organisations) {
            return Optional.ofNullable(organisations.get(tenantId));
        }
    }

    TokenAuthority tokens() {
        return tokens;
    }

    RateGate gate() {
        return gate;
    }

    Optional<XeroApiSpec> spec() {
        return Optional.ofNullable(spec);
    }

    synchronized void recordViolation(SpecViolation violation) {
        violations.add(violation);
        LOG.warn("xero simulator rejected {} {} by the OpenAPI document: {}", violation.method(), violation.path(),
                violation.problems());
    }

    Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    String newOnlineToken() {
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            sb.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    URI onlineInvoiceUri(String token) {
        return server.baseUri().resolve("in/" + token);
    }

    void enqueueEvent(XeroOrganisation organisation, String category, String type, String resourceId) {
        synchronized (this) {
            if (subscription == null || !subscription.active()) {
                return;
            }
            pendingEvents.add(new PendingEvent(organisation.tenantId(), category, type, resourceId, clock.instant()));
        }
    }

    void flushWebhooks() {
        if (webhookMode == WebhookMode.IMMEDIATE) {
            drainEvents();
        }
    }

    private void drainEvents() {
        while (hasPendingEvents()) {
            if (!delivering.tryLock()) {
                return; // another thread is delivering and will pick these events up
            }
            try {
                List<PendingEvent> batch;
                XeroWebhookSubscription sub;
                long first;
                long last;
                synchronized (this) {
                    batch = List.copyOf(pendingEvents);
                    pendingEvents.clear();
                    sub = subscription;
                    first = eventSequence + 1;
                    eventSequence += batch.size();
                    last = eventSequence;
                }
                if (batch.isEmpty() || sub == null) {
                    continue;
                }
                ArrayNode events = Json.array();
                for (PendingEvent e : batch) {
                    String collection = e.category().equals("INVOICE") ? "Invoices" : "Contacts";
                    ObjectNode event = events.addObject();
                    event.put("resourceUrl", accountingUri().resolve(collection + "/" + e.resourceId()).toString());
                    event.put("resourceId", e.resourceId());
                    event.put("eventDateUtc", EVENT_DATE.format(LocalDateTime.ofInstant(e.at(), ZoneOffset.UTC)));
                    event.put("eventType", e.type());
                    event.put("eventCategory", e.category());
                    event.put("tenantId", e.tenantId());
                    event.put("tenantType", "ORGANISATION");
                }
                String body = envelope(List.of(events), first, last);
                send(sub.url(), body, sign(body, sub.key()), true, false, null);
            } finally {
                delivering.unlock();
            }
        }
    }

    private synchronized boolean hasPendingEvents() {
        return !pendingEvents.isEmpty();
    }

    private String envelope(List<ArrayNode> events, long first, long last) {
        ObjectNode root = Json.object();
        root.set("events", events.isEmpty() ? Json.array() : events.get(0));
        root.put("firstEventSequence", first);
        root.put("lastEventSequence", last);
        StringBuilder entropy = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            entropy.append((char) ('A' + random.nextInt(26)));
        }
        root.put("entropy", entropy.toString());
        return new String(Json.write(root), StandardCharsets.UTF_8);
    }

    private XeroWebhookDelivery send(URI url, String body, String signature, boolean correctlySigned,
                                     boolean intentToReceive, Long redeliveryOf) {
        Instant sentAt = clock.instant();
        int status = 0;
        String responseBody = "";
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(webhookTimeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("x-xero-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            HttpResponse<String> response = webhookClient.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            responseBody = response.body() == null ? "" : response.body();
        } catch (HttpTimeoutException e) {
            error = "no answer within " + webhookTimeout;
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted while sending";
        }
        XeroWebhookDelivery delivery;
        synchronized (this) {
            delivery = new XeroWebhookDelivery(++deliverySequence, url, body, signature, correctlySigned,
                    intentToReceive, status, responseBody, Optional.ofNullable(error), sentAt,
                    Optional.ofNullable(redeliveryOf));
            deliveries.add(delivery);
        }
        LOG.debug("xero webhook #{} ({}) to {}: {}", delivery.id(), intentToReceive ? "intent to receive" : "events",
                url.getHost(), error == null ? status : error);
        return delivery;
    }

    static String sign(String body, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** Configures a {@link XeroSimulator}. Not thread-safe; {@link #start()} may be called more than once. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Latency latency = Latency.none();
        private FaultPlan faultPlan;
        private XeroLimits limits = XeroLimits.xero();
        private int port;
        private boolean validateRequests = true;
        private WebhookMode webhookMode = WebhookMode.IMMEDIATE;
        private Duration webhookTimeout = Duration.ofSeconds(5);
        private Duration accessTokenLifetime = Duration.ofMinutes(30);
        private int journalCapacity = RequestJournal.DEFAULT_CAPACITY;

        private Builder() {
        }

        /**
         * The clock for dates, {@code UpdatedDateUTC}, token expiry and the daily limit's window.
         *
         * @param clock the clock; default system UTC
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Latency added before every answer.
         *
         * @param latency the latency; default none
         * @return this builder
         */
        public Builder latency(Latency latency) {
            this.latency = Objects.requireNonNull(latency, "latency");
            return this;
        }

        /**
         * The fault plan. Plans are stateful: give each simulator its own.
         *
         * @param faultPlan the plan; default a new {@link FaultPlan#none()}
         * @return this builder
         */
        public Builder faultPlan(FaultPlan faultPlan) {
            this.faultPlan = Objects.requireNonNull(faultPlan, "faultPlan");
            return this;
        }

        /**
         * The rate limits.
         *
         * @param limits the limits; default {@link XeroLimits#xero()}
         * @return this builder
         */
        public Builder limits(XeroLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Whether every Accounting API request is checked against Xero's OpenAPI document (default true). Parsing
         * the document costs a few seconds once per JVM.
         *
         * @param validate false to skip the check
         * @return this builder
         */
        public Builder validateRequests(boolean validate) {
            this.validateRequests = validate;
            return this;
        }

        /**
         * When webhook events are sent.
         *
         * @param mode the mode; default {@link WebhookMode#IMMEDIATE}
         * @return this builder
         */
        public Builder webhookMode(WebhookMode mode) {
            this.webhookMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * How long a webhook receiver may take to answer.
         *
         * @param timeout positive; default 5 s (Xero's documented limit)
         * @return this builder
         */
        public Builder webhookTimeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isZero() || timeout.isNegative()) {
                throw new SandboxException("webhookTimeout must be positive, was " + timeout);
            }
            this.webhookTimeout = timeout;
            return this;
        }

        /**
         * Lifetime of access tokens issued by {@link #authorize} and the token endpoint.
         *
         * @param lifetime at least a second; default 30 minutes, as Xero
         * @return this builder
         */
        public Builder accessTokenLifetime(Duration lifetime) {
            if (Objects.requireNonNull(lifetime, "lifetime").toSeconds() < 1) {
                throw new SandboxException("accessTokenLifetime must be at least 1 second, was " + lifetime);
            }
            this.accessTokenLifetime = lifetime;
            return this;
        }

        /**
         * A fixed port, for standalone use.
         *
         * @param port 1..65535, or 0 (the default) for a free port
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new SandboxException("port must be 0 (any free port) or 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How many requests the journal keeps before dropping the oldest.
         *
         * @param capacity at least 1; default {@link RequestJournal#DEFAULT_CAPACITY}
         * @return this builder
         */
        public Builder journalCapacity(int capacity) {
            if (capacity < 1) {
                throw new SandboxException("journalCapacity must be at least 1, was " + capacity);
            }
            this.journalCapacity = capacity;
            return this;
        }

        /**
         * Builds and starts a simulator. A fault plan given to this builder belongs to the first simulator started.
         *
         * @return the running simulator
         */
        public XeroSimulator start() {
            if (faultPlan == null) {
                faultPlan = FaultPlan.none();
            }
            XeroSimulator simulator = new XeroSimulator(this).startServer();
            faultPlan = null;
            return simulator;
        }
    }
}
