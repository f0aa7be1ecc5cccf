package io.kommosync.sync.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/** A job's payload as a JSON object of strings. Thread-safe. */
public final class PayloadCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() { };

    private PayloadCodec() {
    }

    /**
     * Writes a payload, keys sorted.
     *
     * @param payload the payload
     * @return the JSON text
     */
    public static String write(Map<String, String> payload) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always writable as JSON", e);
        }
    }

    /**
     * Reads a payload.
     *
     * @param json the JSON text
     * @return the payload
     * @throws IllegalStateException when the column does not hold a JSON object of strings
     */
    public static Map<String, String> read(String json) {
        try {
            return Map.copyOf(JSON.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job payload in the database is not a JSON object of strings", e);
        }
    }
}
