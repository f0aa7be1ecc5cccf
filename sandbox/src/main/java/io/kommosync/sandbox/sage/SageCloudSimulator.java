package io.kommosync.sandbox.sage;

import io.kommosync.sandbox.SandboxException;
import io.kommosync.sandbox.http.Fault;
import io.kommosync.sandbox.http.FaultPlan;
import io.kommosync.sandbox.http.Latency;
import io.kommosync.sandbox.http.RateLimitRule;
import io.kommosync.sandbox.http.RequestJournal;
import io.kommosync.sandbox.http.SimulatedResponse;
import io.kommosync.sandbox.http.SimulatorServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful simulator of Sage Business Cloud Accounting API v3.1: one loopback HTTP server hosting many businesses,
 * with Sage's OAuth token endpoint, the {@code X-Business} header, real-shaped resources and error arrays, paging with
 * {@code $next}, {@code updated_or_created_since}, invoice numbering and status transitions (draft, unpaid, part
 * paid, paid, void), idempotency by {@code idempotency_id}, a per-business rate limit, latency and faults.
 *
 * <h2>Endpoints</h2>
 * Under {@link #apiBaseUri()} ({@code http://127.0.0.1:{port}/v3.1}): {@code GET /businesses};
 * {@code GET /ledger_accounts[/{key}]} ({@code visible_in}, {@code show_included_in_chart},
 * {@code ledger_account_type_id}, {@code search}); {@code GET /tax_rates[/{key}]} ({@code usage});
 * {@code GET|POST /contacts}, {@code GET /contacts/{key}} ({@code email}, {@code contact_type_id}, {@code search});
 * {@code GET|POST /sales_invoices} ({@code search}, {@code contact_id}, {@code status_id}, {@code from_date},
 * {@code to_date}, {@code sort}), {@code GET|DELETE /sales_invoices/{key}} ({@code void_reason}),
 * {@code POST /sales_invoices/{key}/release}; {@code POST /contact_payments}. Lists take
 * {@code items_per_page} (1 to 200, default 20), {@code page} (a page past the end answers the last page, as Sage
 * does), {@code attributes} (items carry only {@code id}, {@code displayed_as} and {@code $path} unless asked) and
 * {@code updated_or_created_since} (inclusive). The token endpoint is {@link #tokenUri()}; the web page of an invoice,
 * its {@code links[rel=alternate]}, is served at {@code /invoicing/sales_invoices/{id}}.
 *
 * <h2>Pipeline of a request</h2>
 * Rate limit (default {@value #DEFAULT_REQUESTS_PER_MINUTE} requests per rolling minute per business, answering 429
 * with Sage's error array), latency, fault plan, then: bearer token (401 when missing, unknown or expired),
 * business ({@code X-Business}, else the grant's lead business; 403 for a business the grant cannot reach),
 * validation against Sage's published specification ({@link SageAccountingSpec}: anything it rejects answers 422),
 * then the business rules (422 with {@code $source} naming the attribute, 404 for unknown keys). Every response
 * carries an {@code X-Request-Id}. Every request lands in {@link #journal()}.
 *
 * <p>Thread-safe. Close it (or let {@link SageCloudSimulatorExtension} close it) to free the port.
 */
public final class SageCloudSimulator implements AutoCloseable {

    /** The v3.0 documentation's limit: requests per rolling minute per business. */
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 200;

    private final Clock clock;
    private final SimulatorServer server;
    private final SageOAuth oauth;
    private final boolean validateRequests;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, SageBusiness> businesses = new LinkedHashMap<>();

    private SageCloudSimulator(Builder b) {
        this.clock = b.clock;
        this.validateRequests = b.validateRequests;
        this.oauth = new SageOAuth(this, b.accessTokenLifetime, b.refreshTokenLifetime);
        SimulatorServer.Builder sb = SimulatorServer.builder("sage-cloud").clock(clock).latency(b.latency)
                .faultPlan(b.faultPlan).journal(new RequestJournal(b.journalCapacity)).port(b.port);
        if (b.rateLimited) {
            sb.rateLimit(b.rateLimit != null ? b.rateLimit : defaultRateLimit(), SageAccountingApi.rateLimitKey(this));
        }
        this.server = sb.build();
        new SageAccountingApi(this).register(server);
    }

    /**
     * Starts a simulator with the defaults: system clock, no latency, no faults, Sage's rate limit, requests
     * validated against the specification.
     *
     * @return the running simulator
     */
    public static SageCloudSimulator start() {
        return builder().start();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A fresh instance of Sage's rate limit: {@value #DEFAULT_REQUESTS_PER_MINUTE} requests per rolling minute per
     * business, 429 with Sage's error array and no {@code Retry-After} (Sage does not document sending one).
     *
     * @return a new rule
     */
    public static RateLimitRule defaultRateLimit() {
        return RateLimitRule.perWindow(DEFAULT_REQUESTS_PER_MINUTE, Duration.ofMinutes(1))
                .withThrottledResponse(errorResponse(429, "TooManyRequests",
                        "Rate limit exceeded: at most 200 requests per 60 seconds per business", ""))
                .build();
    }

    /**
     * A response in Sage's error format, {@code [{"$severity":"error","$dataCode":…,"$message":…,"$source":…}]}, for
     * scripting faults.
     *
     * @param status   the HTTP status
     * @param dataCode the {@code $dataCode}
     * @param message  the {@code $message}
     * @param source   the {@code $source}, {@code ""} for none
     * @return the response
     */
    public static SimulatedResponse errorResponse(int status, String dataCode, String message, String source) {
        return SageJson.errors(status, List.of(new SageError(dataCode, message, source)));
    }

    // ------------------------------------------------------------------------------------------------ businesses

    /**
     * Creates a business with a bank account and nothing else; seed it with {@link SageBusiness#seedStandardChart()}.
     *
     * @param name     the business name
     * @param currency the base currency
     * @return the business
     */
    public SageBusiness createBusiness(String name, Currency currency) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        if (name.isBlank()) {
            throw new SandboxException("a business needs a name");
        }
        synchronized (businesses) {
            SageBusiness business = new SageBusiness(this, newId("business"), name, currency);
            businesses.put(business.id(), business);
            return business;
        }
    }

    /**
     * A business by id.
     *
     * @param id the business id
     * @return the business
     * @throws SandboxException if there is none
     */
    public SageBusiness business(String id) {
        return findBusiness(id).orElseThrow(() -> new SandboxException("no business " + id + "; create it with "
                + "createBusiness(name, currency)"));
    }

    Optional<SageBusiness> findBusiness(String id) {
        synchronized (businesses) {
            return Optional.ofNullable(businesses.get(id));
        }
    }

    /** @return every business, in creation order */
    public List<SageBusiness> businesses() {
        synchronized (businesses) {
            return List.copyOf(businesses.values());
        }
    }

    // ------------------------------------------------------------------------------------------------ tokens

    /** @return the OAuth client registered with this simulator (client id, secret, redirect URI) */
    public SageOAuthClient oauthClient() {
        return oauth.client();
    }

    /**
     * Issues tokens for a user who can reach the given businesses, the first being the user's lead business, as
     * the authorisation-code exchange would.
     *
     * @param lead   the lead business
     * @param others further businesses the user can reach
     * @return the tokens (access token valid for the configured lifetime, 300 s by default)
     */
    public SageTokens issueTokens(SageBusiness lead, SageBusiness... others) {
        return oauth.issue(grantOf(lead, others));
    }

    /**
     * An authorisation code (single use, 60 s) for a user who can reach the given businesses, to exchange at
     * {@link #tokenUri()} with {@code grant_type=authorization_code}.
     *
     * @param lead   the lead business
     * @param others further businesses the user can reach
     * @return the code
     */
    public String authorizationCode(SageBusiness lead, SageBusiness... others) {
        return oauth.authorizationCode(grantOf(lead, others));
    }

    /** Makes every access token issued so far invalid (401), as a revocation would; refresh tokens still work. */
    public void revokeAccessTokens() {
        oauth.expireAccessTokens();
    }

    private static List<String> grantOf(SageBusiness lead, SageBusiness... others) {
        Objects.requireNonNull(lead, "lead");
        List<String> ids = new ArrayList<>();
        ids.add(lead.id());
        for (SageBusiness other : others) {
            ids.add(Objects.requireNonNull(other, "business").id());
        }
        return ids;
    }

    // ------------------------------------------------------------------------------------------------ faults

    /**
     * Makes the next request with this method whose path starts with {@code apiPath} (under
     * {@link #apiBaseUri()}, for example {@code /sales_invoices}) answer {@code response} without reaching the
     * endpoint.
     *
     * @param method   the HTTP method
     * @param apiPath  the path under {@code /v3.1}
     * @param response the answer, for example {@link #errorResponse(int, String, String, String)}
     */
    public void failNext(String method, String apiPath, SimulatedResponse response) {
        server.faultPlan().scriptNext(1, method, SageAccountingSpec.BASE_PATH + apiPath, Fault.respond(response));
    }

    /**
     * Makes the next matching request reach the endpoint (which acts) but hold its answer back for
     * {@code holdBack}, longer than the client waits: the client sees a timeout although the write happened.
     *
     * @param method   the HTTP method
     * @param apiPath  the path under {@code /v3.1}
     * @param holdBack how long to hold the answer back
     */
    public void loseNextResponse(String method, String apiPath, Duration holdBack) {
        server.faultPlan().scriptNext(1, method, SageAccountingSpec.BASE_PATH + apiPath, Fault.slow(holdBack));
    }

    // ------------------------------------------------------------------------------------------------ addressing

    /** @return {@code http://127.0.0.1:{port}/v3.1}, the API base URL a client is configured with */
    public URI apiBaseUri() {
        return URI.create(server.baseUri().toString().replaceAll("/$", "") + SageAccountingSpec.BASE_PATH);
    }

    /** @return {@code http://127.0.0.1:{port}/token}, the OAuth token endpoint */
    public URI tokenUri() {
        return server.baseUri().resolve("/token");
    }

    /** @return {@code http://127.0.0.1:{port}/}, the server's root */
    public URI baseUri() {
        return server.baseUri();
    }

    URI webBaseUri() {
        return server.baseUri();
    }

    /** @return the journal of every request */
    public RequestJournal journal() {
        return server.journal();
    }

    /** @return the fault plan */
    public FaultPlan faultPlan() {
        return server.faultPlan();
    }

    /** @return the rate limit rule, or empty when requests are not limited */
    public Optional<RateLimitRule> rateLimit() {
        return server.rateLimit();
    }

    /** @return the clock driving timestamps, token expiry and "today" */
    public Clock clock() {
        return clock;
    }

    /** @return whether requests are validated against Sage's specification */
    public boolean validatesRequests() {
        return validateRequests;
    }

    /**
     * Forgets every business and token, clears the journal, the scripted faults and the rate-limit windows. The OAuth
     * client stays the same.
     */
    public void reset() {
        synchronized (businesses) {
            businesses.clear();
        }
        oauth.reset();
        server.journal().clear();
        server.faultPlan().reset();
        server.rateLimit().ifPresent(RateLimitRule::reset);
    }

    /** Stops the server and frees the port. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    SageOAuth oauth() {
        return oauth;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone());
    }

    /** A new id shaped like Sage's: 32 lower-case hex characters. */
    String newId(String kind) {
        return UUID.nameUUIDFromBytes((kind + ":" + ids.incrementAndGet()).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SageCloudSimulator[" + server + "]";
    }

    /** Configures a {@link SageCloudSimulator}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Latency latency = Latency.none();
        private FaultPlan faultPlan = FaultPlan.none();
        private RateLimitRule rateLimit;
        private boolean rateLimited = true;
        private boolean validateRequests = true;
        private Duration accessTokenLifetime = Duration.ofSeconds(300);
        private Duration refreshTokenLifetime = Duration.ofSeconds(2_678_400);
        private int journalCapacity = RequestJournal.DEFAULT_CAPACITY;
        private int port;

        private Builder() {
        }

        /**
         * The clock for timestamps, token expiry and "today".
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
         * The fault plan.
         *
         * @param faultPlan the plan; default {@link FaultPlan#none()}
         * @return this builder
         */
        public Builder faultPlan(FaultPlan faultPlan) {
            this.faultPlan = Objects.requireNonNull(faultPlan, "faultPlan");
            return this;
        }

        /**
         * Another rate limit rule (keyed by business).
         *
         * @param rule the rule (stateful: not shared with another simulator)
         * @return this builder
         */
        public Builder rateLimit(RateLimitRule rule) {
            this.rateLimit = Objects.requireNonNull(rule, "rule");
            this.rateLimited = true;
            return this;
        }

        /** @return this builder, with no rate limit */
        public Builder noRateLimit() {
            this.rateLimited = false;
            this.rateLimit = null;
            return this;
        }

        /**
         * Whether requests are validated against Sage's specification (default {@code true}).
         *
         * @param validate {@code false} to skip the validation, for example in a benchmark
         * @return this builder
         */
        public Builder validateRequests(boolean validate) {
            this.validateRequests = validate;
            return this;
        }

        /**
         * Access token lifetime.
         *
         * @param lifetime positive; default 300 s
         * @return this builder
         */
        public Builder accessTokenLifetime(Duration lifetime) {
            this.accessTokenLifetime = positive(lifetime, "accessTokenLifetime");
            return this;
        }

        /**
         * Refresh token lifetime.
         *
         * @param lifetime positive; default 31 days
         * @return this builder
         */
        public Builder refreshTokenLifetime(Duration lifetime) {
            this.refreshTokenLifetime = positive(lifetime, "refreshTokenLifetime");
            return this;
        }

        /**
         * How many requests the journal keeps.
         *
         * @param capacity at least 1
         * @return this builder
         */
        public Builder journalCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("journal capacity must be at least 1, was " + capacity);
            }
            this.journalCapacity = capacity;
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
                throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** @return the simulator, not yet started */
        public SageCloudSimulator build() {
            return new SageCloudSimulator(this);
        }

        /**
         * Builds and starts the simulator. When requests are validated, the specification is loaded first (once per
         * class loader, a second or two), so that no client's first request waits for it.
         *
         * @return the simulator, started
         */
        public SageCloudSimulator start() {
            if (validateRequests) {
                SageAccountingSpec.shared();
            }
            SageCloudSimulator simulator = build();
            simulator.server.start();
            return simulator;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
