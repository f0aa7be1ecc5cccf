package io.kommosync.examples.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.kommosync.sync.AccountingWebhookEndpoint;
import io.kommosync.sync.KommoWebhookEndpoint;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the engine's framework-free webhook endpoints over the JDK's HTTP server: {@code POST /kommo/<connection>/<token>},
 * {@code POST /ledger/<connection>}, {@code GET /health} (liveness: 200 while the process runs) and {@code GET /ready}
 * (readiness, see {@link Readiness}). More pages can be added with {@link #mount}. Bodies over 1 MiB are refused
 * before they are read whole.
 */
public final class WebhookHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHttpServer.class);
    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor;

    private WebhookHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts a server.
     *
     * @param engine  the engine whose endpoints to serve
     * @param address where to listen; port 0 picks a free one
     * @return the running server
     */
    public static WebhookHttpServer start(SyncEngine engine, InetSocketAddress address) {
        try {
            HttpServer server = HttpServer.create(address, 64);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "kommo-sync-http");
                t.setDaemon(true);
                return t;
            });
            KommoWebhookEndpoint kommo = KommoWebhookEndpoint.of(engine);
            AccountingWebhookEndpoint ledger = AccountingWebhookEndpoint.of(engine);
            server.createContext("/kommo/", exchange -> serve(exchange, (m, p, h, b) -> kommo.handle(m, p, h, b)));
            server.createContext("/ledger/", exchange -> serve(exchange, (m, p, h, b) -> ledger.handle(m, p, h, b)));
            server.createContext("/health", exchange -> serve(exchange,
                    (m, p, h, b) -> new WebhookResponse(200, "text/plain; charset=utf-8", "ok")));
            server.createContext("/ready", exchange -> serve(exchange, (m, p, h, b) -> Readiness.check(engine)));
            server.setExecutor(executor);
            server.start();
            return new WebhookHttpServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    /**
     * The base URI, for example {@code http://127.0.0.1:43123}.
     *
     * @return the URI
     */
    public URI baseUri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    /**
     * Serves another handler under a path prefix on the same port, for example the web console under
     * {@code /console/}.
     *
     * @param pathPrefix where to mount it, starting with {@code /}
     * @param handler    the handler; it runs on this server's threads
     * @throws IllegalArgumentException when the prefix does not start with {@code /} or is mounted already
     */
    public void mount(String pathPrefix, HttpHandler handler) {
        if (pathPrefix == null || !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("a mount path must start with '/', got " + pathPrefix);
        }
        server.createContext(pathPrefix, java.util.Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Serves another path (and everything under it) on this server, for example an operator page.
     *
     * @param contextPath the path prefix, starting with {@code /}, for example {@code /console}
     * @param route       what answers requests under it; a {@link RuntimeException} becomes HTTP 500
     * @throws IllegalArgumentException when the path is already served
     */
    public void mount(String contextPath, Route route) {
        server.createContext(contextPath, exchange -> serve(exchange, route::handle));
    }

    /** Answers the requests under a {@linkplain #mount mounted} path. */
    @FunctionalInterface
    public interface Route {
        /**
         * Answers one request.
         *
         * @param method  the HTTP method
         * @param path    the request path
         * @param headers the request headers
         * @param body    the request body, at most 1 MiB
         * @return the response
         */
        WebhookResponse handle(String method, String path, Map<String, List<String>> headers, byte[] body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private interface Handler {
        WebhookResponse handle(String method, String path, Map<String, List<String>> headers, byte[] body);
    }

    private static void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            WebhookResponse response = body.length > MAX_BODY
                    ? new WebhookResponse(413, "text/plain; charset=utf-8", "body too large")
                    : handler.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), body);
            byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } catch (RuntimeException e) {
            LOG.error("webhook handling failed", e);
            exchange.sendResponseHeaders(500, -1);
        }
    }
}
