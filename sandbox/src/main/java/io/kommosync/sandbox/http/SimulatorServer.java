package io.kommosync.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server on {@code 127.0.0.1} that hosts one simulated vendor API: route registration by method and path
 * pattern, and the request pipeline every simulator shares.
 *
 * <p>Pipeline for each request: read it whole; <em>admission</em> (take the monotonic arrival time and ask the
 * {@link RateLimitRule}, under one lock so admitted arrivals are ordered); wait the {@link Latency}; answer 429/403
 * if the rule said so; else ask the {@link FaultPlan} (reset, injected response, delay, or lost answer); else call
 * the route handler (which may throw {@link DroppedConnection} to drop the connection after acting); record a
 * {@link JournalEntry}; answer. Unknown paths get 404 and known paths with another method get 405, both
 * {@code application/problem+json}.
 *
 * <p>Route patterns are absolute paths whose segments are literals or variables in braces, for example
 * {@code /api/v4/leads/{id}/notes}. A variable matches exactly one segment. When several patterns match, the one
 * with more literal segments wins, so {@code /api/v4/leads/pipelines} beats {@code /api/v4/leads/{id}}. A trailing
 * slash on a request path is ignored.
 *
 * <p>Thread-safe. Routes may be added before or after {@link #start()}.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);

    static {
        // The JDK server flushes the headers before the body; without TCP_NODELAY, Nagle's algorithm holds the body
        // back until the client's delayed ACK (about 40 ms per answer). The JDK reads this once per JVM, when its
        // first HttpServer starts; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String name;
    private final Clock clock;
    private final Latency latency;
    private final FaultPlan faultPlan;
    private final RateLimitRule rateLimit;
    private final Function<SimulatedRequest, String> rateLimitKey;
    private final RequestJournal journal;
    private final int requestedPort;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Object admission = new Object();
    private long sequence;
    private HttpServer server;
    private boolean closed;
    private ExecutorService executor;
    private volatile URI baseUri;

    private SimulatorServer(Builder b) {
        this.name = b.name;
        this.clock = b.clock;
        this.latency = b.latency;
        this.faultPlan = b.faultPlan;
        this.rateLimit = b.rateLimit;
        this.rateLimitKey = b.rateLimitKey;
        this.journal = b.journal;
        this.requestedPort = b.port;
    }

    /**
     * Starts configuring a server.
     *
     * @param name a short name for threads and logs, for example {@code kommo}
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Registers a route.
     *
     * @param method HTTP method, any case
     * @param pattern absolute path pattern, for example {@code /api/v4/leads/{id}}
     * @param handler what answers it
     * @return this server
     * @throws IllegalArgumentException if the pattern is not absolute or has an empty variable name
     */
    public SimulatorServer route(String method, String pattern, RouteHandler handler) {
        routes.add(new Route(Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT),
                Objects.requireNonNull(pattern, "pattern"), Objects.requireNonNull(handler, "handler")));
        return this;
    }

    /**
     * Binds {@code 127.0.0.1} on the configured port (a free one by default) and starts answering.
     *
     * @return this server
     * @throws IllegalStateException if already started or closed
     * @throws UncheckedIOException if the port cannot be bound
     */
    public synchronized SimulatorServer start() {
        if (server != null || closed) {
            throw new IllegalStateException(name + " simulator server was already started; create a new one");
        }
        try {
            InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
            server = HttpServer.create(new InetSocketAddress(loopback, requestedPort), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot build the loopback address", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + requestedPort + " for the " + name
                    + " simulator; pick another port or 0 for a free one", e);
        }
        executor = Executors.newCachedThreadPool(new NamedDaemonThreads(name + "-sim-http-"));
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        LOG.info("{} simulator listening on {}", name, baseUri);
        return this;
    }

    /**
     * The server's base URI, {@code http://127.0.0.1:{port}/} (with the trailing slash).
     *
     * @return the base URI
     * @throws IllegalStateException if the server has not been started
     */
    public URI baseUri() {
        URI uri = baseUri;
        if (uri == null) {
            throw new IllegalStateException(name + " simulator server is not started; call start() first");
        }
        return uri;
    }

    /**
     * The bound port.
     *
     * @return the port
     * @throws IllegalStateException if the server has not been started
     */
    public int port() {
        return baseUri().getPort();
    }

    /** @return the short name given to the builder */
    public String name() {
        return name;
    }

    /** @return the journal of every request */
    public RequestJournal journal() {
        return journal;
    }

    /** @return the fault plan */
    public FaultPlan faultPlan() {
        return faultPlan;
    }

    /** @return the rate limit rule, or empty when requests are not limited */
    public Optional<RateLimitRule> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /** @return the latency added before answers */
    public Latency latency() {
        return latency;
    }

    /** @return the clock used for journal timestamps */
    public Clock clock() {
        return clock;
    }

    /** Stops answering and frees the port; in-flight requests are cut off. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            closed = true;
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} simulator: some request threads did not stop within 5 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{} simulator on {} stopped", name, baseUri);
        server = null;
    }

    private void exchange(HttpExchange ex) {
        try {
            pipeline(ex);
        } catch (IOException e) {
            LOG.debug("{} simulator: client went away: {}", name, e.toString());
        } catch (RuntimeException e) {
            LOG.error("{} simulator: unexpected failure while answering", name, e);
        } finally {
            ex.close();
        }
    }

    private void pipeline(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = normalise(ex.getRequestURI().getPath());
        String rawQuery = ex.getRequestURI().getRawQuery();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        SimulatedRequest unrouted = new SimulatedRequest(method, path, rawQuery, headers, body, Map.of());

        long seq;
        long arrivalNanos;
        RateLimitRule.Decision decision;
        String key = rateLimit == null ? null : Objects.requireNonNull(rateLimitKey.apply(unrouted), "rate key");
        synchronized (admission) {
            arrivalNanos = System.nanoTime();
            seq = ++sequence;
            decision = rateLimit == null ? RateLimitRule.Decision.ADMIT : rateLimit.evaluate(key, arrivalNanos);
        }
        Instant arrivedAt = clock.instant();
        if (!pause(latency.next())) {
            return;
        }

        SimulatedResponse response;
        JournalEntry.Outcome outcome;
        Duration holdBack = Duration.ZERO;
        if (decision == RateLimitRule.Decision.THROTTLE) {
            response = rateLimit.throttledResponse();
            outcome = JournalEntry.Outcome.THROTTLED;
        } else if (decision == RateLimitRule.Decision.BLOCK) {
            response = rateLimit.blockedResponse();
            outcome = JournalEntry.Outcome.BLOCKED;
        } else {
            Optional<Fault> fault = faultPlan.next(method, path);
            if (fault.isPresent() && fault.get() instanceof Fault.Reset) {
                journal.record(new JournalEntry(seq, arrivedAt, arrivalNanos, method, path, rawQuery, headers, body,
                        0, JournalEntry.Outcome.RESET));
                return; // closing the exchange without response headers drops the connection
            } else if (fault.isPresent() && fault.get() instanceof Fault.Respond respond) {
                response = respond.response();
                outcome = JournalEntry.Outcome.FAULT;
            } else {
                Routed routed = dispatch(unrouted);
                if (routed.response == null) {
                    journal.record(new JournalEntry(seq, arrivedAt, arrivalNanos, method, path, rawQuery, headers,
                            body, 0, JournalEntry.Outcome.RESET));
                    return; // the handler applied the request and asked for the answer to be lost
                }
                response = routed.response;
                outcome = routed.outcome;
                if (fault.isPresent() && fault.get() instanceof Fault.LostAnswer) {
                    journal.record(new JournalEntry(seq, arrivedAt, arrivalNanos, method, path, rawQuery, headers,
                            body, response.status(), JournalEntry.Outcome.ANSWER_LOST));
                    return; // the handler acted; closing the exchange without response headers drops the answer
                }
                if (fault.isPresent() && fault.get() instanceof Fault.Delay delay) {
                    holdBack = delay.delay();
                    outcome = JournalEntry.Outcome.DELAYED;
                }
            }
        }
        journal.record(new JournalEntry(seq, arrivedAt, arrivalNanos, method, path, rawQuery, headers, body,
                response.status(), outcome));
        if (!pause(holdBack)) {
            return;
        }
        send(ex, method, response);
    }

    private Routed dispatch(SimulatedRequest request) {
        String[] segments = segments(request.path());
        Route best = null;
        Map<String, String> bestVars = null;
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> vars = route.match(segments);
            if (vars == null) {
                continue;
            }
            if (!route.method.equals(request.method())) {
                allowed.add(route.method);
                continue;
            }
            if (best == null || route.literals > best.literals) {
                best = route;
                bestVars = vars;
            }
        }
        if (best == null) {
            if (!allowed.isEmpty()) {
                return new Routed(SimulatedResponse.problem(405, "Method Not Allowed", request.method()
                        + " is not supported on " + request.path()).withHeader("Allow", String.join(", ", allowed)),
                        JournalEntry.Outcome.NOT_ROUTED);
            }
            return new Routed(SimulatedResponse.problem(404, "Not Found", "No such endpoint: " + request.path()),
                    JournalEntry.Outcome.NOT_ROUTED);
        }
        SimulatedRequest routed = new SimulatedRequest(request.method(), request.path(), request.rawQuery(),
                request.headers(), request.body(), bestVars);
        try {
            return new Routed(Objects.requireNonNull(best.handler.handle(routed), "route handler returned null"),
                    JournalEntry.Outcome.HANDLED);
        } catch (RejectedRequest e) {
            return new Routed(e.response(), JournalEntry.Outcome.HANDLED);
        } catch (DroppedConnection e) {
            return new Routed(null, JournalEntry.Outcome.RESET);
        } catch (RuntimeException e) {
            LOG.error("{} simulator: handler for {} {} failed", name, best.method, best.pattern, e);
            return new Routed(SimulatedResponse.problem(500, "Internal Server Error",
                    "The " + name + " simulator failed: " + e), JournalEntry.Outcome.HANDLED);
        }
    }

    private static void send(HttpExchange ex, String method, SimulatedResponse response) throws IOException {
        response.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        byte[] bytes = response.body();
        int status = response.status();
        boolean noBody = bytes.length == 0 || status == 204 || status == 304 || status < 200
                || "HEAD".equals(method);
        if (noBody) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** @return false when interrupted (the server is closing) */
    private static boolean pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private record Routed(SimulatedResponse response, JournalEntry.Outcome outcome) {
    }

    private static final class Route {
        final String method;
        final String pattern;
        final RouteHandler handler;
        final String[] segments;
        final int literals;

        Route(String method, String pattern, RouteHandler handler) {
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
            }
            this.method = method;
            this.pattern = pattern;
            this.handler = handler;
            this.segments = segments(normalise(pattern));
            int count = 0;
            for (String s : segments) {
                if (isVariable(s)) {
                    if (s.length() == 2) {
                        throw new IllegalArgumentException("empty variable name in route pattern " + pattern);
                    }
                } else {
                    count++;
                }
            }
            this.literals = count;
        }

        Map<String, String> match(String[] path) {
            if (path.length != segments.length) {
                return null;
            }
            Map<String, String> vars = new HashMap<>();
            for (int i = 0; i < segments.length; i++) {
                if (isVariable(segments[i])) {
                    if (path[i].isEmpty()) {
                        return null;
                    }
                    vars.put(segments[i].substring(1, segments[i].length() - 1), path[i]);
                } else if (!segments[i].equals(path[i])) {
                    return null;
                }
            }
            return vars;
        }

        static boolean isVariable(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }

        @Override
        public String toString() {
            return method + " " + pattern + " " + Arrays.toString(segments);
        }
    }

    private static final class NamedDaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedDaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Configures a {@link SimulatorServer}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private Clock clock = Clock.systemUTC();
        private Latency latency = Latency.none();
        private FaultPlan faultPlan = FaultPlan.none();
        private RateLimitRule rateLimit;
        private Function<SimulatedRequest, String> rateLimitKey;
        private RequestJournal journal;
        private int port;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
        }

        /**
         * The clock for journal timestamps (arrival {@link Instant}s). Rate limiting never uses it.
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
         * Limits requests per key. The key function runs for every request before routing (path variables are not
         * bound yet) and must not throw; return a constant such as {@code "anonymous"} for requests without a key.
         *
         * @param rule the rule (stateful: not shared with another server)
         * @param key derives the budget key from a request, for example from its {@code Authorization} header
         * @return this builder
         */
        public Builder rateLimit(RateLimitRule rule, Function<SimulatedRequest, String> key) {
            this.rateLimit = Objects.requireNonNull(rule, "rule");
            this.rateLimitKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * The journal to record into.
         *
         * @param journal the journal; default a new one with {@link RequestJournal#DEFAULT_CAPACITY}
         * @return this builder
         */
        public Builder journal(RequestJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * A fixed port, for standalone use.
         *
         * @param port 1..65535, or 0 (the default) for a free port
         * @return this builder
         * @throws IllegalArgumentException if the port is out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** @return the server, not started */
        public SimulatorServer build() {
            if (journal == null) {
                journal = new RequestJournal();
            }
            return new SimulatorServer(this);
        }
    }

    @Override
    public String toString() {
        return "SimulatorServer[" + name + ", " + (baseUri == null ? "not started" : baseUri) + ", " + routes.size()
                + " routes]";
    }
}
