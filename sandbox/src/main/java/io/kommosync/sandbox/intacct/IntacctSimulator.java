package io.kommosync.sandbox.intacct;

import io.kommosync.sandbox.http.Latency;
import io.kommosync.sandbox.http.RequestJournal;
import io.kommosync.sandbox.http.SimulatorServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stateful Sage Intacct simulator on {@code 127.0.0.1}: the XML gateway at {@link #xmlEndpoint()} (and the
 * regional endpoint {@code getAPISession} names, {@link #sessionEndpoint()}) and the REST API under
 * {@link #restBaseUri()}, both over one {@link #company() company}.
 *
 * <p>Credentials: the Web Services sender ({@link #SENDER_ID}/{@link #SENDER_PASSWORD}), a company user
 * ({@link #USER_ID}/{@link #USER_PASSWORD}) and a REST client ({@link #CLIENT_ID}/{@link #CLIENT_SECRET}); change
 * them with {@link #sender(String, String)} and {@link #user(String, String)}.
 *
 * <p>Faults: {@link #failNext(String, IntacctFault)} makes the next request running one XML function (by its
 * element name, for example {@code create_invoice}) or one REST operation ({@code "POST /objects/..."}, path after
 * {@code /ia/api/v1}) misbehave. Sessions live {@link Builder#sessionLifetime(Duration)} of the injected clock,
 * renewed by each call; {@link #expireSessions()} ends them all.
 *
 * <p>Thread-safe. Close it to free the port.
 */
public final class IntacctSimulator implements AutoCloseable {

    /** The default Web Services sender id. */
    public static final String SENDER_ID = "kommosync-sender";
    /** The default Web Services sender password. */
    public static final String SENDER_PASSWORD = "sender-pass-1";
    /** The default company id. */
    public static final String COMPANY_ID = "KOMMOSYNC-DEMO";
    /** The default company user. */
    public static final String USER_ID = "api-user";
    /** The default company user's password. */
    public static final String USER_PASSWORD = "user-pass-1";
    /** The default REST client id. */
    public static final String CLIENT_ID = "kommosync.app.sage.com";
    /** The default REST client secret. */
    public static final String CLIENT_SECRET = "client-secret-1";
    /** The path of the XML gateway. */
    public static final String XML_PATH = "/ia/xml/xmlgw.phtml";
    /** The path of the regional XML endpoint {@code getAPISession} hands out. */
    public static final String SESSION_XML_PATH = "/na1/ia/xml/xmlgw.phtml";
    /** The path prefix of the REST API. */
    public static final String REST_PATH = "/ia/api/v1";

    private final SimulatorServer server;
    private final Clock clock;
    private final Duration sessionLifetime;
    private final IntacctCompany company;
    private final XmlGateway xml;
    private final RestApi rest;
    private final Map<String, Deque<IntacctFault>> faults = new HashMap<>();
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final URI advertisedBase;
    private volatile String senderId = SENDER_ID;
    private volatile String senderPassword = SENDER_PASSWORD;

    private IntacctSimulator(Builder b) {
        this.clock = b.clock;
        this.sessionLifetime = b.sessionLifetime;
        this.company = new IntacctCompany(clock, b.companyId);
        this.advertisedBase = b.advertisedBase;
        this.server = SimulatorServer.builder("intacct").clock(clock).latency(b.latency).port(b.port)
                .journal(new RequestJournal()).build();
        this.xml = new XmlGateway(this, company);
        this.rest = new RestApi(this, company);
        users.put(USER_ID, USER_PASSWORD);
        server.route("POST", XML_PATH, xml::handle);
        server.route("POST", SESSION_XML_PATH, xml::handle);
        rest.register(server);
    }

    /** @return a builder with a system UTC clock, a free port, no latency and one-hour sessions */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a started simulator with the defaults */
    public static IntacctSimulator start() {
        return builder().start();
    }

    /** @return the company to seed and inspect */
    public IntacctCompany company() {
        return company;
    }

    /** @return {@code http://127.0.0.1:{port}/} */
    public URI baseUri() {
        return server.baseUri();
    }

    /** @return the XML gateway URL, the one a client logs in at */
    public URI xmlEndpoint() {
        return server.baseUri().resolve(XML_PATH.substring(1));
    }

    /** @return the regional XML endpoint {@code getAPISession} returns (on the advertised base, when set) */
    public URI sessionEndpoint() {
        return (advertisedBase == null ? server.baseUri() : advertisedBase).resolve(SESSION_XML_PATH.substring(1));
    }

    /** @return the REST base URL, {@code http://127.0.0.1:{port}/ia/api/v1/} */
    public URI restBaseUri() {
        return server.baseUri().resolve(REST_PATH.substring(1) + "/");
    }

    /** @return every request received */
    public RequestJournal journal() {
        return server.journal();
    }

    /** @return the clock sessions, tokens and timestamps follow */
    public Clock clock() {
        return clock;
    }

    /** @return how long a session lives after its last use */
    public Duration sessionLifetime() {
        return sessionLifetime;
    }

    /**
     * Replaces the Web Services sender credentials.
     *
     * @param id       the sender id
     * @param password the sender password
     * @return this simulator
     */
    public IntacctSimulator sender(String id, String password) {
        this.senderId = Objects.requireNonNull(id, "id");
        this.senderPassword = Objects.requireNonNull(password, "password");
        return this;
    }

    /**
     * Adds or replaces a company user.
     *
     * @param userId   the user id
     * @param password the password
     * @return this simulator
     */
    public IntacctSimulator user(String userId, String password) {
        users.put(userId, password);
        return this;
    }

    /** Ends every XML session and revokes every REST access token, as an expiry would. */
    public void expireSessions() {
        xml.expireSessions();
        rest.expireAccessTokens();
    }

    /**
     * Makes the next request running an XML function or REST operation misbehave.
     *
     * @param operation an XML function name ({@code create_invoice}, {@code query}, {@code read}, {@code create},
     *                  {@code getAPISession}) or {@code "METHOD /path"} of a REST operation after {@code /ia/api/v1}
     * @param fault     what happens
     * @return this simulator
     */
    public synchronized IntacctSimulator failNext(String operation, IntacctFault fault) {
        faults.computeIfAbsent(Objects.requireNonNull(operation, "operation"), k -> new ArrayDeque<>())
                .add(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /**
     * Issues a REST authorization code for the default user, as the consent screen would.
     *
     * @param redirectUri the redirect URI the code is bound to
     * @return the code
     */
    public String issueAuthorizationCode(String redirectUri) {
        return rest.issueAuthorizationCode(USER_ID, redirectUri);
    }

    /** Forgets every session, token and scripted fault; the company's data stays. */
    public synchronized void reset() {
        faults.clear();
        xml.reset();
        rest.reset();
        server.journal().clear();
    }

    synchronized Optional<IntacctFault> takeFault(String operation) {
        Deque<IntacctFault> queue = faults.get(operation);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
    }

    boolean senderAccepted(String id, String password) {
        return senderId.equals(id) && senderPassword.equals(password);
    }

    String userPasswordFor(String userId) {
        return users.get(userId);
    }

    boolean userAccepted(String userId, String password) {
        return password != null && password.equals(users.get(userId));
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "IntacctSimulator[" + server + "]";
    }

    /** Configures a simulator. Mutable, not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.system(ZoneOffset.UTC);
        private Duration sessionLifetime = Duration.ofHours(1);
        private Latency latency = Latency.none();
        private int port;
        private String companyId = COMPANY_ID;
        private URI advertisedBase;

        private Builder() {
        }

        /**
         * The clock for sessions, tokens and timestamps.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How long a session lives after its last use.
         *
         * @param value the lifetime
         * @return this builder
         */
        public Builder sessionLifetime(Duration value) {
            this.sessionLifetime = Objects.requireNonNull(value, "sessionLifetime");
            return this;
        }

        /**
         * Latency added to each answer.
         *
         * @param value the latency
         * @return this builder
         */
        public Builder latency(Latency value) {
            this.latency = Objects.requireNonNull(value, "latency");
            return this;
        }

        /**
         * The port, 0 for a free one.
         *
         * @param value the port
         * @return this builder
         */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /**
         * The company id.
         *
         * @param value the company id
         * @return this builder
         */
        public Builder companyId(String value) {
            this.companyId = Objects.requireNonNull(value, "companyId");
            return this;
        }

        /**
         * The base URI the simulator names in {@code getAPISession}'s endpoint, for a proxy (such as WireMock) in
         * front of it; by default its own.
         *
         * @param value the base URI, ending in {@code /}
         * @return this builder
         */
        public Builder advertisedBaseUri(URI value) {
            this.advertisedBase = Objects.requireNonNull(value, "advertisedBaseUri");
            return this;
        }

        /** @return the started simulator */
        public IntacctSimulator start() {
            IntacctSimulator simulator = new IntacctSimulator(this);
            simulator.server.start();
            return simulator;
        }
    }
}
