package io.kommosync.examples.spring;

import io.kommosync.sync.AccountingWebhookEndpoint;
import io.kommosync.sync.KommoWebhookEndpoint;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.WebhookResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The engine's framework-free webhook endpoints behind Spring MVC: {@code POST /kommo/{connection}/{token}} (Kommo's
 * form-encoded lead events) and {@code POST /ledger/{connection}} (a ledger's signed events). The raw body and the
 * headers go to the endpoint unchanged and its {@link WebhookResponse} becomes the HTTP answer, status, content
 * type and body: 200 accepted, 404 for an unknown connection or a wrong token (nothing is enqueued), 400 for a
 * malformed body, 401 for a bad ledger signature, 413 for a body over 1 MiB, 500 if handling fails.
 *
 * <p>Thread-safe.
 */
@RestController
public class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    private final KommoWebhookEndpoint kommo;
    private final AccountingWebhookEndpoint ledger;

    /**
     * The controller of an engine.
     *
     * @param engine the engine
     */
    public WebhookController(SyncEngine engine) {
        this.kommo = KommoWebhookEndpoint.of(engine);
        this.ledger = AccountingWebhookEndpoint.of(engine);
    }

    /**
     * Kommo's webhook. The token is the URL's secret: it is never logged.
     *
     * @param connection the connection id
     * @param token      the webhook token
     * @param body       the raw body
     * @param request    the request, for its headers
     * @return the endpoint's answer
     */
    @PostMapping("/kommo/{connection}/{token}")
    public ResponseEntity<String> kommo(@PathVariable String connection, @PathVariable String token,
                                        @RequestAttribute(RawBodyFilter.RAW_BODY) byte[] body,
                                        HttpServletRequest request) {
        return answer(() -> kommo.handle(request.getMethod(), "/kommo/" + connection + "/" + token,
                headers(request), body));
    }

    /**
     * A ledger's webhook; the connection's adapter verifies the signature over the raw body.
     *
     * @param connection the connection id
     * @param body       the raw body
     * @param request    the request, for its headers
     * @return the endpoint's answer
     */
    @PostMapping("/ledger/{connection}")
    public ResponseEntity<String> ledger(@PathVariable String connection,
                                         @RequestAttribute(RawBodyFilter.RAW_BODY) byte[] body,
                                         HttpServletRequest request) {
        return answer(() -> ledger.handle(request.getMethod(), "/ledger/" + connection, headers(request), body));
    }

    private interface Call {
        WebhookResponse handle();
    }

    private static ResponseEntity<String> answer(Call call) {
        WebhookResponse response;
        try {
            response = call.handle();
        } catch (RuntimeException e) {
            LOG.error("webhook handling failed", e);
            return ResponseEntity.internalServerError().build();
        }
        return ResponseEntity.status(response.status())
                .contentType(MediaType.parseMediaType(response.contentType()))
                .body(response.body());
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
