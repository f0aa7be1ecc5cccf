package io.kommosync.sandbox.kommo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.RejectedRequest;
import io.kommosync.sandbox.http.SimulatedResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects Kommo {@code validation-errors} per batch item ({@code request_id}) and renders the 400 body. */
final class ValidationErrors {

    static final String NOT_SUPPORTED_CHOICE = "NotSupportedChoice";
    static final String NOT_BLANK = "NotBlank";
    static final String INVALID_TYPE = "InvalidType";

    private final Map<String, List<String[]>> byRequest = new LinkedHashMap<>();

    /** The errors of one batch item; paths are relative to the item. */
    final class Item {
        private final String requestId;

        private Item(String requestId) {
            this.requestId = requestId;
        }

        void add(String code, String path, String detail) {
            byRequest.computeIfAbsent(requestId, k -> new ArrayList<>()).add(new String[] {code, path, detail});
        }

        void notSupportedChoice(String path) {
            add(NOT_SUPPORTED_CHOICE, path, "The value you selected is not a valid choice.");
        }

        void notBlank(String path) {
            add(NOT_BLANK, path, "This value should not be blank.");
        }

        void invalidType(String path, String type) {
            add(INVALID_TYPE, path, "This value should be of type " + type + ".");
        }

        boolean clean() {
            return !byRequest.containsKey(requestId);
        }
    }

    Item item(String requestId) {
        return new Item(requestId);
    }

    boolean isEmpty() {
        return byRequest.isEmpty();
    }

    SimulatedResponse response() {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("validation-errors");
        byRequest.forEach((requestId, errors) -> {
            ObjectNode entry = list.addObject();
            entry.put("request_id", requestId);
            ArrayNode array = entry.putArray("errors");
            for (String[] e : errors) {
                ObjectNode error = array.addObject();
                error.put("code", e[0]);
                error.put("path", e[1]);
                error.put("detail", e[2]);
            }
        });
        body.put("title", "Bad Request");
        body.put("type", "https://httpstatus.es/400");
        body.put("status", 400);
        body.put("detail", "Request validation failed");
        return SimulatedResponse.json(400, SimulatedResponse.PROBLEM_JSON, body);
    }

    void throwIfAny() {
        if (!isEmpty()) {
            throw new RejectedRequest(response());
        }
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        byRequest.forEach((requestId, errors) -> {
            for (String[] e : errors) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(e[1]).append(": ").append(e[0]).append(" (").append(e[2]).append(')');
            }
        });
        return sb.toString();
    }
}
