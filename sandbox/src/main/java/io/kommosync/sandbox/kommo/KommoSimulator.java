package io.kommosync.sandbox.kommo;

import io.kommosync.sandbox.SandboxException;
import io.kommosync.sandbox.http.FaultPlan;
import io.kommosync.sandbox.http.Latency;
import io.kommosync.sandbox.http.RateLimitRule;
import io.kommosync.sandbox.http.RequestJournal;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.http.SimulatorServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful Kommo API v4 simulator: one loopback HTTP server hosting many accounts, with Kommo's rate limits,
 * configurable latency and faults, a journal of every request, and real webhook deliveries.
 *
 * <h2>How a client picks the account</h2>
 * Every account is reachable at the same base URI, {@link #baseUri()} ({@code http://127.0.0.1:{port}/}); the
 * bearer token selects the account. Real Kommo gives each account its own domain ({@code {subdomain}.kommo.com});
 * the simulator cannot, because a client on the JDK cannot set the {@code Host} header and {@code *.localhost}
 * names do not resolve everywhere. So a connector configured with "base domain = {@link #baseUri(SandboxAccount)},
 * token = {@link SandboxAccount#issueLongLivedToken()}" works unchanged. Tokens come from
 * {@link SandboxAccount#issueLongLivedToken()} or the OAuth flow: {@link SandboxAccount#issueAuthorizationCode()},
 * then {@code POST /oauth2/access_token} with the account's {@link SandboxAccount#integration()} credentials
 * (refresh tokens are single-use; reusing one answers 401 {@code "Token has been revoked"}).
 *
 * <h2>Pipeline of a request</h2>
 * Rate limit (default {@value #DEFAULT_REQUESTS_PER_SECOND} requests per rolling second per integration, i.e. per
 * account's OAuth client, answering 429 with an nginx HTML page; 30 consecutive throttled requests within a minute
 * block the integration: 403 nginx HTML until {@link #unblock(SandboxAccount)}), latency, fault plan, then the
 * endpoint. Every request lands in {@link #journal()}.
 *
 * <h2>Webhooks</h2>
 * Lead changes (admin API or HTTP API) POST the form-encoded Kommo body to every enabled subscription with the
 * matching setting, synchronously, before the admin method (or the HTTP response) returns; each POST is in
 * {@link #webhookDeliveries()}. A destination that answers non-2xx (or not within the webhook timeout, 2 s by
 * default) gives an invalid response; more than 100 invalid responses within 2 hours, the last one invalid, disable
 * the subscription ({@code disabled: true}), as Kommo does. Kommo's delayed retries are not simulated: use
 * {@link #redeliver(WebhookDelivery)} to send a duplicate.
 *
 * <p>Thread-safe. Close it (or let {@link KommoSimulatorExtension} close it) to free the port.
 */
public final class KommoSimulator implements AutoCloseable {

    /** Kommo's documented limit: requests per second per integration. */
    public static final int DEFAULT_REQUESTS_PER_SECOND = 7;

    private static final Logger LOG = LoggerFactory.getLogger(KommoSimulator.class);
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    final IdSequence ids = new IdSequence();
    final KommoTokens tokens;
    private final Clock clock;
    private final SimulatorServer server;
    private final WebhookDeliveries deliveries = new WebhookDeliveries();
    private final HttpClient webhookClient;
    private final Duration webhookTimeout;
    private final int disableAfterInvalid;
    private final Duration disableWindow;
    private final Map<String, SandboxAccount> accounts = new LinkedHashMap<>();

    private KommoSimulator(Builder b) {
        this.clock = b.clock;
        this.webhookTimeout = b.webhookTimeout;
        this.disableAfterInvalid = b.disableAfterInvalid;
        this.disableWindow = b.disableWindow;
        this.tokens = new KommoTokens(clock, b.accessTokenLifetime, account -> "127.0.0.1:" + port());
        this.webhookClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(webhookTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        SimulatorServer.Builder sb = SimulatorServer.builder("kommo").clock(clock).latency(b.latency)
                .faultPlan(b.faultPlan).journal(new RequestJournal(b.journalCapacity)).port(b.port);
        if (b.rateLimited) {
            sb.rateLimit(b.rateLimit != null ? b.rateLimit : defaultRateLimit(), this::rateLimitKey);
        }
        this.server = sb.build();
        new KommoApi(this).register(server);
    }

    /**
     * Starts a simulator with the defaults: system clock, no latency, no faults, Kommo's rate limit.
     *
     * @return the running simulator
     */
    public static KommoSimulator start() {
        return builder().start();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A fresh instance of Kommo's rate limit: {@value #DEFAULT_REQUESTS_PER_SECOND} requests per rolling second;
     * 30 consecutive throttled requests within a minute block the key.
     *
     * @return a new rule
     */
    public static RateLimitRule defaultRateLimit() {
        return RateLimitRule.perWindow(DEFAULT_REQUESTS_PER_SECOND, Duration.ofSeconds(1))
                .withAbuseBlocking(30, Duration.ofMinutes(1)).build();
    }

    // ---------------------------------------------------------------------------------------------- accounts

    /**
     * Creates an account with currency USD.
     *
     * @param subdomain lower-case letters, digits and dashes, unique in this simulator
     * @return the account
     * @throws SandboxException if the subdomain is malformed or taken
     */
    public SandboxAccount createAccount(String subdomain) {
        return createAccount(subdomain, Currency.getInstance("USD"));
    }

    /**
     * Creates an account.
     *
     * @param subdomain lower-case letters, digits and dashes, unique in this simulator
     * @param currency the account currency
     * @return the account
     * @throws SandboxException if the subdomain is malformed or taken
     */
    public SandboxAccount createAccount(String subdomain, Currency currency) {
        Objects.requireNonNull(subdomain, "subdomain");
        Objects.requireNonNull(currency, "currency");
        if (!SUBDOMAIN.matcher(subdomain).matches()) {
            throw new SandboxException("subdomain must be lower-case letters, digits and inner dashes (like "
                    + "\"acme-trading\"), was \"" + subdomain + "\"");
        }
        synchronized (accounts) {
            if (accounts.containsKey(subdomain)) {
                throw new SandboxException("account " + subdomain + " already exists; use account(\"" + subdomain
                        + "\") or another subdomain");
            }
            SandboxAccount account = new SandboxAccount(this, ids.next(IdSequence.Kind.ACCOUNT), subdomain, currency);
            accounts.put(subdomain, account);
            return account;
        }
    }

    /**
     * An account by subdomain.
     *
     * @param subdomain the subdomain
     * @return the account
     * @throws SandboxException if there is no such account
     */
    public SandboxAccount account(String subdomain) {
        synchronized (accounts) {
            SandboxAccount account = accounts.get(subdomain);
            if (account == null) {
                throw new SandboxException("no account " + subdomain + "; create it with createAccount(\""
                        + subdomain + "\")");
            }
            return account;
        }
    }

    /** @return every account, in creation order */
    public List<SandboxAccount> accounts() {
        synchronized (accounts) {
            return List.copyOf(accounts.values());
        }
    }

    // ---------------------------------------------------------------------------------------------- addressing

    /** @return {@code http://127.0.0.1:{port}/}, the base URI of every account */
    public URI baseUri() {
        return server.baseUri();
    }

    /**
     * The base URI a client uses as the account's base domain; the same for every account (the token picks the
     * account).
     *
     * @param account the account
     * @return {@code http://127.0.0.1:{port}/}
     */
    public URI baseUri(SandboxAccount account) {
        Objects.requireNonNull(account, "account");
        return server.baseUri();
    }

    /** @return the bound port */
    public int port() {
        return server.port();
    }

    // ---------------------------------------------------------------------------------------------- observation

    /** @return every HTTP request received */
    public RequestJournal journal() {
        return server.journal();
    }

    /** @return every webhook POST sent */
    public WebhookDeliveries webhookDeliveries() {
        return deliveries;
    }

    /** @return the fault plan; add scripted faults to it at any time */
    public FaultPlan faultPlan() {
        return server.faultPlan();
    }

    /** @return the rate limit rule, or empty when built {@link Builder#withoutRateLimit() without} one */
    public Optional<RateLimitRule> rateLimit() {
        return server.rateLimit();
    }

    /** @return the clock stamping entities and driving token expiry */
    public Clock clock() {
        return clock;
    }

    /**
     * The rate-limit key of an account's integration ({@code subdomain/client_id}), as the rule and
     * {@link RateLimitRule#blockedKeys()} name it.
     *
     * @param account the account
     * @return the key
     */
    public String rateLimitKey(SandboxAccount account) {
        return account.subdomain() + "/" + account.integration().clientId();
    }

    /**
     * Lifts an abuse block on the account's integration (Kommo: "unblock via support").
     *
     * @param account the account
     * @return true if it was blocked
     */
    public boolean unblock(SandboxAccount account) {
        return server.rateLimit().map(r -> r.unblock(rateLimitKey(account))).orElse(false);
    }

    // ---------------------------------------------------------------------------------------------- webhooks

    /**
     * POSTs a delivery's exact body to its destination again, as Kommo's retries and duplicate deliveries do. The
     * answer counts towards the subscription's invalid responses like any delivery.
     *
     * @param delivery an earlier delivery
     * @return the new delivery ({@link WebhookDelivery#redeliveryOf()} names the original)
     * @throws SandboxException if the delivery's account no longer exists
     */
    public WebhookDelivery redeliver(WebhookDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        SandboxAccount account = account(delivery.accountSubdomain());
        return deliver(account, delivery.subscriptionId(), delivery.destination(), delivery.event(), delivery.body(),
                delivery.id());
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    /**
     * Forgets every account, token, journal entry, delivery, rate-limit window and block, and scripted fault, and
     * reseeds the fault plan. The server keeps its port. Call between tests, not while requests are in flight.
     */
    public void reset() {
        synchronized (accounts) {
            accounts.clear();
        }
        tokens.clear();
        server.journal().clear();
        deliveries.clear();
        server.rateLimit().ifPresent(RateLimitRule::reset);
        server.faultPlan().reset();
    }

    /** Stops the server and frees the port. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "KommoSimulator[" + server + ", " + accounts().size() + " accounts]";
    }

    // ---------------------------------------------------------------------------------------------- internals

    KommoSimulator startServer() {
        server.start();
        return this;
    }

    Optional<SandboxAccount> accountByClientId(String clientId) {
        return accounts().stream().filter(a -> a.integration().clientId().equals(clientId)).findFirst();
    }

    boolean isLive(SandboxAccount account) {
        synchronized (accounts) {
            return accounts.get(account.subdomain()) == account;
        }
    }

    String accountUrl() {
        String base = baseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    Optional<KommoTokens.AccessGrant> grant(SimulatedRequest request) {
        return request.header("Authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .flatMap(tokens::authenticate)
                .filter(g -> isLive(g.account()));
    }

    private String rateLimitKey(SimulatedRequest request) {
        return grant(request).map(g -> g.account().subdomain() + "/" + g.clientId()).orElse("anonymous");
    }

    /** Sends the webhooks for a set of lead events: add, then status, then update, one POST per kind. */
    List<WebhookDelivery> dispatch(SandboxAccount account, List<LeadEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<WebhookSubscription> subscriptions = account.subscriptions();
        List<WebhookDelivery> sent = new ArrayList<>();
        for (String action : List.of("add", "status", "update")) {
            List<LeadEvent> batch = events.stream().filter(e -> e.action().equals(action)).toList();
            if (batch.isEmpty()) {
                continue;
            }
            String setting = action + "_lead";
            String body = LeadWebhookForm.build(action, batch, account.id(), account.subdomain(), accountUrl());
            for (WebhookSubscription s : subscriptions) {
                if (s.settings().contains(setting) && account.enabled(s.id())) {
                    sent.add(deliver(account, s.id(), s.destination(), setting, body, null));
                }
            }
        }
        return List.copyOf(sent);
    }

    private WebhookDelivery deliver(SandboxAccount account, long subscriptionId, URI destination, String event,
            String body, Long redeliveryOf) {
        var sentAt = clock.instant();
        int status = 0;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(destination).timeout(webhookTimeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            status = webhookClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            error = "no answer within " + webhookTimeout;
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted while sending";
        }
        WebhookDelivery delivery = new WebhookDelivery(ids.next(IdSequence.Kind.DELIVERY), account.subdomain(),
                subscriptionId, destination, event, body, sentAt, status, error, redeliveryOf);
        deliveries.record(delivery);
        account.recordDeliveryOutcome(subscriptionId, delivery.valid(), sentAt, disableAfterInvalid, disableWindow);
        LOG.debug("kommo webhook {} #{} to {}: {}", event, delivery.id(), WebhookSubscription.redacted(destination),
                error == null ? status : error);
        return delivery;
    }

    /** Configures a {@link KommoSimulator}. Not thread-safe; {@link #start()} may be called more than once. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Latency latency = Latency.none();
        private FaultPlan faultPlan;
        private RateLimitRule rateLimit;
        private boolean rateLimited = true;
        private int port;
        private Duration webhookTimeout = Duration.ofSeconds(2);
        private int disableAfterInvalid = 100;
        private Duration disableWindow = Duration.ofHours(2);
        private Duration accessTokenLifetime = Duration.ofDays(1);
        private int journalCapacity = RequestJournal.DEFAULT_CAPACITY;

        private Builder() {
        }

        /**
         * The clock for {@code created_at}/{@code updated_at}, token and code expiry, and the webhook-disabling
         * window. Rate limiting always uses real monotonic time.
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
         * Replaces Kommo's rate limit. Keys are integrations ({@code subdomain/client_id}); requests without a
         * valid token share the key {@code anonymous}. Rules are stateful: give each simulator its own.
         *
         * @param rule the rule; default {@link #defaultRateLimit()}
         * @return this builder
         */
        public Builder rateLimit(RateLimitRule rule) {
            this.rateLimit = Objects.requireNonNull(rule, "rule");
            this.rateLimited = true;
            return this;
        }

        /**
         * Turns rate limiting off, for benchmarks of the engine itself.
         *
         * @return this builder
         */
        public Builder withoutRateLimit() {
            this.rateLimit = null;
            this.rateLimited = false;
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
         * How long a webhook destination may take to answer before the delivery counts as invalid.
         *
         * @param timeout positive; default 2 s (Kommo's documented limit)
         * @return this builder
         */
        public Builder webhookTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new SandboxException("webhookTimeout must be positive, was " + timeout);
            }
            this.webhookTimeout = timeout;
            return this;
        }

        /**
         * When a subscription gets disabled: more than {@code maxInvalid} invalid responses within {@code window},
         * the last one invalid.
         *
         * @param maxInvalid default 100
         * @param window default 2 hours
         * @return this builder
         */
        public Builder webhookDisabling(int maxInvalid, Duration window) {
            Objects.requireNonNull(window, "window");
            if (maxInvalid < 0 || window.isZero() || window.isNegative()) {
                throw new SandboxException("webhookDisabling needs maxInvalid >= 0 and a positive window, was "
                        + maxInvalid + " within " + window);
            }
            this.disableAfterInvalid = maxInvalid;
            this.disableWindow = window;
            return this;
        }

        /**
         * Lifetime of access tokens issued by {@code POST /oauth2/access_token} ({@code expires_in}).
         *
         * @param lifetime positive; default 1 day, as Kommo
         * @return this builder
         */
        public Builder accessTokenLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.toSeconds() < 1) {
                throw new SandboxException("accessTokenLifetime must be at least 1 second, was " + lifetime);
            }
            this.accessTokenLifetime = lifetime;
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
         * Builds and starts a simulator. A rule or plan given to this builder belongs to the first simulator
         * started; later starts get fresh defaults unless given new ones.
         *
         * @return the running simulator
         */
        public KommoSimulator start() {
            if (faultPlan == null) {
                faultPlan = FaultPlan.none();
            }
            KommoSimulator simulator = new KommoSimulator(this).startServer();
            faultPlan = null;
            rateLimit = null;
            return simulator;
        }
    }
}
