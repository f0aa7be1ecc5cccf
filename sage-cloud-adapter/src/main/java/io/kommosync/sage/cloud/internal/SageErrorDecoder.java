package io.kommosync.sage.cloud.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.kommosync.client.http.BearerTokenInterceptor;
import io.kommosync.client.http.HttpResponses;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Sage's error answers: the {@code [{"$severity","$dataCode","$message","$source"}]} array (also a single such
 * object, or an OAuth-style {@code {"error", "error_description"}}), {@code Retry-After} and {@code X-Request-Id}.
 * Anything unreadable (an HTML page from a proxy) leaves the error list empty; the status still decides.
 */
final class SageErrorDecoder implements ErrorDecoder {

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final ObjectMapper mapper;
    private final Clock clock;

    SageErrorDecoder(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        return new SageHttpFailure(response.status(), parse(HttpResponses.bodyText(response)),
                HttpResponses.retryAfter(response, clock).orElse(null),
                HttpResponses.firstHeader(response, REQUEST_ID_HEADER).orElse(null),
                BearerTokenInterceptor.bearerToken(response.request()).orElse(null));
    }

    List<SageWire.Error> parse(String body) {
        List<SageWire.Error> errors = new ArrayList<>();
        if (body == null || body.isBlank()) {
            return errors;
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null) {
                return errors;
            }
            if (root.isArray()) {
                for (JsonNode item : root) {
                    add(errors, item);
                }
            } else if (root.isObject()) {
                if (root.has("$message") || root.has("$dataCode")) {
                    add(errors, root);
                } else if (root.has("error")) {
                    errors.add(new SageWire.Error("error", root.path("error").asText(),
                            root.path("error_description").asText(root.path("error").asText()), ""));
                }
            }
        } catch (IOException | RuntimeException notJson) {
            errors.clear();
        }
        return errors;
    }

    private void add(List<SageWire.Error> errors, JsonNode item) {
        if (item.isObject()) {
            errors.add(new SageWire.Error(text(item, "$severity"), text(item, "$dataCode"), text(item, "$message"),
                    text(item, "$source")));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
