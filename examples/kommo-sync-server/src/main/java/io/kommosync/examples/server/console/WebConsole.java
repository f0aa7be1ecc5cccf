package io.kommosync.examples.server.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.kommosync.client.Secret;
import io.kommosync.sync.SyncEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console: a page for the accountant (the mapping table, validated live against the ledger) and the
 * operator (parked, dead and retrying jobs, each with a replay button), served under {@value #PATH} by the JDK's
 * HTTP server.
 *
 * <pre>{@code
 * WebConsole console = WebConsole.builder(engine, Secret.of(consoleToken))
 *         .catalog("default", ProductCatalog.kommo(kommoClient))
 *         .persistence(MappingPersistence.file(mappingFile))
 *         .build();
 * http.mount(WebConsole.PATH, console.handler());     // or console.mount(httpServer)
 * }</pre>
 *
 * <h2>Security</h2>
 * The page itself (HTML, script, style sheet; no data) is served to anyone; every call of the JSON API under
 * {@code /console/api/} needs the header {@code Authorization: Bearer <console token>}, compared in constant time.
 * The page asks for the token and keeps it in the tab's session storage, never in a cookie, so a request another
 * site makes the browser send carries no credentials (no CSRF); state-changing calls must also be
 * {@code application/json}. Answers carry a strict content security policy (nothing but this server's own script
 * and style), and the page writes every value as text, never as HTML. Serve it over HTTPS (a reverse proxy) when
 * it leaves the machine.
 *
 * <p>Thread-safe; one instance serves concurrent requests.
 */
public final class WebConsole {

    /** Where the console is mounted: {@value}. */
    public static final String PATH = "/console/";

    /** The shortest console token accepted. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);
    private static final int MAX_BODY = 1 << 20;
    private static final String ASSETS = "/io/kommosync/examples/server/console/";
    private static final Map<String, String> PAGES = Map.of(
            "", "index.html",
            "index.html", "index.html",
            "app.js", "app.js",
            "console.css", "console.css");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final byte[] tokenDigest;
    private final ConsoleApi api;
    private final Map<String, byte[]> assets = new HashMap<>();

    private WebConsole(Builder b) {
        this.tokenDigest = sha256(b.token.reveal().strip());
        this.api = new ConsoleApi(b.engine, b.catalogs, b.persistence);
        for (String file : PAGES.values()) {
            assets.put(file, asset(file));
        }
    }

    /**
     * A new builder.
     *
     * @param engine the engine whose connections and jobs the console shows
     * @param token  the console token every API call must present; at least {@value #MIN_TOKEN_LENGTH}
     *               characters
     * @return the builder
     * @throws IllegalArgumentException when the token is shorter
     */
    public static Builder builder(SyncEngine engine, Secret token) {
        return new Builder(engine, token);
    }

    /**
     * The handler serving everything under {@value #PATH}, for a host that mounts it itself.
     *
     * @return the handler
     */
    public HttpHandler handler() {
        return this::handle;
    }

    /**
     * Mounts the console on a server under {@value #PATH}.
     *
     * @param server the server
     */
    public void mount(HttpServer server) {
        server.createContext(PATH, handler());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!path.startsWith(PATH)) {
                send(exchange, 301, "text/plain; charset=utf-8", new byte[0], PATH);
                return;
            }
            String rest = path.substring(PATH.length());
            if (rest.startsWith("api/")) {
                serveApi(exchange, method, rest.substring("api/".length()));
                return;
            }
            String file = PAGES.get(rest);
            if (file == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8), null);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", new byte[0], null);
            } else {
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                send(exchange, 200, contentType(file), method.equals("HEAD") ? new byte[0] : assets.get(file), null);
            }
        } catch (RuntimeException e) {
            LOG.error("console request failed", e);
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private void serveApi(HttpExchange exchange, String method, String route) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        ConsoleApi.Answer answer;
        if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"kommo-sync console\"");
            answer = ConsoleApi.error(401, "the console token is missing or wrong");
        } else {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (body.length > MAX_BODY) {
                answer = ConsoleApi.error(413, "the request is larger than 1 MiB");
            } else if (!method.equals("GET") && (type == null || !type.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("application/json"))) {
                answer = ConsoleApi.error(415, "send JSON with Content-Type: application/json");
            } else {
                answer = api.answer(method, route, exchange.getRequestURI().getRawQuery(), body);
            }
        }
        send(exchange, answer.status(), "application/json; charset=utf-8", answer.body(), null);
    }

    /** Constant time: both sides are hashed to 32 bytes first, so neither length nor content leaks by timing. */
    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).strip()));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, String location)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/html; charset=utf-8";
    }

    private static byte[] asset(String file) {
        try (InputStream in = WebConsole.class.getResourceAsStream(ASSETS + file)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + file + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + file, e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    /** Builds a {@link WebConsole}. Not thread-safe. */
    public static final class Builder {
        private final SyncEngine engine;
        private final Secret token;
        private final Map<String, ProductCatalog> catalogs = new HashMap<>();
        private MappingPersistence persistence = MappingPersistence.none();

        private Builder(SyncEngine engine, Secret token) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.token = Objects.requireNonNull(token, "token");
            if (token.reveal().strip().length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("the console token must have at least " + MIN_TOKEN_LENGTH
                        + " characters; generate one, for example with: openssl rand -hex 24");
            }
        }

        /**
         * Where the products of a connection's Kommo account come from. A connection without one shows only the
         * rows its table already has.
         *
         * @param connectionId the connection
         * @param catalog      the products
         * @return this builder
         */
        public Builder catalog(String connectionId, ProductCatalog catalog) {
            catalogs.put(Objects.requireNonNull(connectionId, "connectionId"), Objects.requireNonNull(catalog, "catalog"));
            return this;
        }

        /**
         * How saved tables are kept (default {@link MappingPersistence#none()}).
         *
         * @param mappingPersistence the persistence
         * @return this builder
         */
        public Builder persistence(MappingPersistence mappingPersistence) {
            this.persistence = Objects.requireNonNull(mappingPersistence, "mappingPersistence");
            return this;
        }

        /**
         * Builds the console.
         *
         * @return the console
         */
        public WebConsole build() {
            return new WebConsole(this);
        }
    }
}
